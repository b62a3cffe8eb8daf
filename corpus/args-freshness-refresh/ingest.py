"""Ingestion jobs with intervals."""

from dlt.hub import run
from dlt.hub.run import trigger

EPOCH = "2026-01-01T00:00:00Z"


@run.pipeline("orders", trigger="0 * * * *", interval={"start": EPOCH}, refresh="always")
def load_orders():
    """Loads orders hourly; every success refreshes downstream."""


@run.job(trigger=trigger.schedule("0 0 * * *"), interval={"start": EPOCH}, refresh="block")
def load_customers():
    """Loads customers daily; refresh signals stop here."""
