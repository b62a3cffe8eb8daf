"""Campaign jobs: section defaults to the module name `campaigns`."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.job(trigger=trigger.every("1h"))
def load_campaigns():
    """Loads campaign metadata from the ads API."""


@run.job(name="compact", trigger=load_campaigns.success)
def compact_campaigns():
    """Compacts campaign partitions after each load."""
