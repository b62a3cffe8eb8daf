"""Orders mart workspace: ingest, then gated transformations."""

from dlt.hub import run
from dlt.hub.run import trigger

from ingest import load_orders, load_customers
from marts import orders_mart, customer_mart, finance_mart, ad_hoc_rebuild, external_sync

__all__ = [
    "load_orders",
    "load_customers",
    "orders_mart",
    "customer_mart",
    "finance_mart",
    "ad_hoc_rebuild",
    "external_sync",
]
