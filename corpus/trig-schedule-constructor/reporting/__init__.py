"""Reporting jobs scheduled with `trigger.schedule(...)`."""

from dlt.hub import run
from dlt.hub.run import trigger as t

BUSINESS_HOURS = "*/15 9-17 * * mon-fri"


@run.job(trigger=t.schedule(BUSINESS_HOURS), require={"timezone": "Europe/Berlin"})
def business_hours_sync():
    """Syncs open invoices during Berlin business hours."""


@run.job(trigger=t.schedule("  0 6 * * 1  "))
def monday_digest():
    """Sends the Monday digest."""


@run.job(trigger=[t.schedule("0 22 L * *")])
def ledger_close():
    """Closes the ledger on the last day of the month."""


@run.job(trigger=t.schedule("@weekly"), expose={"manual": False})
def weekly_rollup():
    """Rolls up weekly balances."""
