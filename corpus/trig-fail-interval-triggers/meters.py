"""Meter reading jobs that cover discrete time intervals."""

from dlt.hub import run
from dlt.hub.run import trigger

EPOCH = "2026-01-01T00:00:00Z"


@run.pipeline("meter_readings", trigger=trigger.every("1h"), interval={"start": EPOCH})
def load_readings():
    """Loads meter readings hour by hour (valid: interval with one every: trigger)."""


# two interval-generating triggers: only one schedule: or every: is allowed
@run.job(trigger=["0 0 * * *", trigger.every("6h")])
def aggregate_daily():
    """Aggregates readings per day."""


# an interval needs a schedule: or every: trigger to generate its windows
@run.job(trigger=load_readings.success, interval={"start": EPOCH, "end": "2026-12-31T00:00:00Z"})
def settle_invoices():
    """Settles invoices after readings load."""
