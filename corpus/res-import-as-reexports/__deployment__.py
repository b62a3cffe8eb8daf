"""Product analytics workspace."""

import schedules.cron as cron
from dlt.hub import run
from registry import load_events, sessionize, digest as weekly_digest


@run.job(section="ops", trigger=cron.HOURLY, expose={"display_name": "Freshness ping"})
def ping():
    """Check that event data is not older than two hours."""


__all__ = ["load_events", "sessionize", "weekly_digest", "ping"]
