"""Marts gated by upstream freshness."""

from dlt.hub import run
from dlt.hub.run import trigger

from ingest import load_orders, load_customers


@run.job(
    trigger="0 * * * *",
    interval={"start": "2026-01-01T00:00:00Z"},
    freshness=load_orders.is_fresh,
)
def orders_mart():
    """Single constraint from the JobFactory property."""


@run.job(
    trigger="0 0 * * *",
    interval={"start": "2026-01-01T00:00:00Z"},
    freshness="job.is_fresh:jobs.ingest.load_customers",
    refresh="auto",
)
def customer_mart():
    """Raw constraint string; refresh='auto' is the default and not stored."""


@run.job(
    trigger=[trigger.schedule("0 6 * * *")],
    interval={"start": "2026-01-01T06:00:00Z"},
    freshness=[load_orders.is_fresh, "  job.is_fresh:jobs.ingest.load_customers  "],
    refresh="always",
)
def finance_mart():
    """List mixing a property and a padded string (stripped)."""


@run.job(freshness=[orders_mart.is_fresh], refresh="block")
def ad_hoc_rebuild():
    """Manual-only job with a freshness gate and no interval."""


@run.job(trigger=load_orders.success, allow_external_schedulers=True)
def external_sync():
    """allow_external_schedulers without an interval: warning."""
