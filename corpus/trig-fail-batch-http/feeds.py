"""Partner feed jobs."""

from dlt.hub import run
from dlt.hub.run import trigger


# a batch job cannot listen on a port: http triggers belong to interactive jobs
@run.pipeline("partner_feed", trigger=["http:8080", trigger.every("15m")])
def ingest_partner_feed():
    """Ingests feeds pushed by partners."""


@run.job(trigger=ingest_partner_feed.success)
def publish_catalog():
    """Publishes the merged catalog."""
