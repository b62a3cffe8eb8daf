"""Pageview ingestion and sessionization."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("pageviews", trigger=trigger.schedule("*/10 * * * *"))
def load_pageviews():
    """Loads raw pageviews."""


# minute 61 does not exist: croniter rejects the expression
@run.job(trigger=trigger.schedule("61 * * * *"))
def sessionize():
    """Builds sessions from pageviews."""


@run.job(trigger=[sessionize.success, "0 2 * * *"])
def export_daily():
    """Exports the daily session table."""
