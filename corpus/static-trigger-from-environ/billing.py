"""Invoice ingestion and dunning; the schedule can be overridden per environment."""

import os

from dlt.hub import run
from dlt.hub.run import trigger

INVOICES_CRON = os.environ.get("INVOICES_CRON", "0 8 * * *")


@run.pipeline("billing_invoices", trigger=trigger.schedule(INVOICES_CRON))
def load_invoices():
    """Load invoices issued since the last run."""


@run.job(trigger=load_invoices.success, execute={"timeout": "45m"})
def send_dunning_letters(days_overdue: int = 14):
    """Send dunning letters for overdue invoices."""
