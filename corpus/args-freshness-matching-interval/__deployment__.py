"""Clickstream workspace."""

from dlt.hub import run
from dlt.hub.run import trigger

START = "2026-01-01T00:00:00Z"


@run.job(section="clicks", trigger="0 * * * *", interval={"start": START})
def load_clicks():
    """Loads hourly click batches."""


@run.job(
    section="clicks",
    trigger="0 * * * *",
    interval={"start": START},
    freshness=load_clicks.is_matching_interval_fresh,
)
def sessionize():
    """Builds sessions once the matching click interval is loaded."""


__all__ = ["load_clicks", "sessionize"]
