"""Shop analytics -- orders and payments into the warehouse, reports on top

Bundled with dlt-manifest as a demo: `dlt-manifest generate examples/demo`.
"""

__tags__ = ["demo", "team:analytics"]

from dlt.hub import run

from pipelines.ingest import load_orders, load_payments
from pipelines.transform import daily_revenue, revenue_api
from pipelines import reconcile
import orders_notebook

__all__ = [
    "load_orders",
    "load_payments",
    "daily_revenue",
    "revenue_api",
    "reconcile",
    "orders_notebook",
    "notify",
]


@run.job(section="ops", trigger=[daily_revenue.fail, load_payments.fail], expose={"tags": "alerts"})
def notify(channel: str = "#data-alerts"):
    """Posts a message when a load or the revenue build fails."""
