"""Orders workspace: ingestion, marts and follow-up modules"""

from dlt.hub import run

from pipelines import ingest_orders
import marts_refresh
import orders_notebook
import cleanup
import alerts_mcp
import audit


@run.job(section="publishing", trigger="job.success:jobs.marts_refresh")
def publish_marts():
    """Publish refreshed marts to the BI tool."""


__all__ = [
    "ingest_orders",
    "marts_refresh",
    "orders_notebook",
    "cleanup",
    "alerts_mcp",
    "audit",
    "publish_marts",
]
