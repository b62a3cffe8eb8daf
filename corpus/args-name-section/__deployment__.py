"""Marketing workspace: campaign ingestion and housekeeping jobs."""

from dlt.hub import run
from dlt.hub.run import trigger

from campaigns import load_campaigns, compact_campaigns
from ingest.jobs import sync_ads


@run.job(section="housekeeping", trigger="0 3 * * *")
def vacuum_staging():
    """Drops stale staging tables older than a week."""


@run.job(name="nightly_report", section="reports", trigger=trigger.schedule("30 6 * * *"))
def build_report():
    """Renders the nightly marketing report."""


@run.job
def ping():
    """Health check defined inline without section= (section becomes __deployment__)."""


__all__ = [
    "load_campaigns",
    "compact_campaigns",
    "sync_ads",
    "vacuum_staging",
    "build_report",
    "ping",
]
