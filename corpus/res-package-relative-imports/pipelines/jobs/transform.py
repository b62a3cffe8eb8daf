"""Revenue marts."""

from dlt.hub.run import job

from pipelines.common import TAGS
from . import ingest


@job(trigger=ingest.load_orders.success, expose={"tags": TAGS + ["marts"]})
def build_revenue():
    """Build daily revenue per store."""
