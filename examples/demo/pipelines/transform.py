"""Transformations and the revenue API."""

from dlt.hub import run

from .ingest import load_orders, load_payments


@run.job(
    trigger=load_orders.success,
    freshness=[load_orders.is_fresh],
    refresh="block",
)
def daily_revenue():
    """Builds the daily revenue table.

    Runs after every successful orders load, once the orders interval is complete.
    """


@run.interactive(interface="rest_api", idle_timeout="2h", require={"profile": "access"})
def revenue_api():
    """Serves revenue figures to the shop's back office."""
