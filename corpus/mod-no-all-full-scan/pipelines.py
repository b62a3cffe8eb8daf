"""Ticket ingestion pipelines."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("tickets", trigger=trigger.schedule("*/30 * * * *"))
def ingest_tickets():
    """Load tickets from the help desk."""
