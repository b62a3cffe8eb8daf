"""Ad sync jobs scheduled with numeric `trigger.every(...)` periods (seconds)."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("ads_campaigns", trigger=trigger.every(90))
def sync_campaigns():
    """Every 90 seconds -> `every:90s`."""


@run.pipeline("ads_spend", trigger=trigger.every(120.0))
def sync_spend():
    """A float keeps its decimal -> `every:120.0s`."""


@run.job(trigger=trigger.every(3600))
def sync_creatives():
    """Hourly -> `every:3600s`."""


@run.job(trigger=[trigger.every(1.5e3)])
def sync_audiences():
    """Scientific notation float -> `every:1500.0s`."""
