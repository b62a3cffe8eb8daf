"""Retail analytics workspace.

Scheduled loads of orders, inventory and currency rates.
"""

from schedules import (
    load_orders,
    snapshot_inventory,
    fetch_fx_rates,
    compact_tables,
    refresh_dim_stores,
    archive_year,
)

__all__ = [
    "load_orders",
    "snapshot_inventory",
    "fetch_fx_rates",
    "compact_tables",
    "refresh_dim_stores",
    "archive_year",
]
