"""Weekly product digest."""

from dlt.hub import run
from schedules import cron


@run.job(trigger=cron.MONDAY_MORNING)
def weekly_digest(recipients: str = "product@example.com"):
    """Email the weekly product digest."""
