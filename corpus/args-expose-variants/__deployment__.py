"""Sales analytics workspace

Jobs for the sales team, tagged for bulk triggering.
"""

from dlt.hub import run
from dlt.hub.run import trigger

__tags__ = ["sales", "team:analytics"]

from sales_jobs import (
    load_orders,
    load_refunds,
    forecast,
    purge_cache,
    weekly_digest,
    crm_sync,
)


@run.job(
    section="sales",
    expose={"display_name": "Backfill (manual only!)", "manual": False, "tags": []},
)
def backfill_orders():
    """Backfills historical orders on demand."""


__all__ = [
    "load_orders",
    "load_refunds",
    "forecast",
    "purge_cache",
    "weekly_digest",
    "crm_sync",
    "backfill_orders",
]
