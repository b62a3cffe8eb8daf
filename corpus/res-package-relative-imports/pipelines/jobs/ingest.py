"""Ingestion of orders and refunds from the shop API."""

from dlt.hub.run import job, pipeline, trigger

from ..common import CRON, PIPELINE_NAME, TAGS
from .helpers import DEFAULT_EXECUTE, REFUND_EVERY


@pipeline(PIPELINE_NAME, trigger=CRON, execute=DEFAULT_EXECUTE, expose={"tags": TAGS})
def load_orders(store_id: str = "main"):
    """Load new and changed orders."""


@job(trigger=trigger.every(REFUND_EVERY))
def load_refunds():
    """Load refunds issued since the last run."""
