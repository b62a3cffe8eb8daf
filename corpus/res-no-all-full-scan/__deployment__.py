"""Inventory workspace (no __all__: everything in the module namespace is scanned)."""

import os

import dlt
from dlt.hub import run
from dlt.hub.run import trigger

import settings
from stock import load_stock_levels, load_purchase_orders

DEFAULT_WAREHOUSE = settings.WAREHOUSES[0]
DATA_DIR = os.path.join("data", "inventory")


@run.job(section="inventory", trigger=[load_stock_levels.success, trigger.tag("inventory")])
def reorder_alerts(threshold: int = 10):
    """Send reorder alerts for items below the threshold."""


@run.pipeline("inventory_marts", section="inventory", trigger=settings.STOCK_CRON)
def build_inventory_marts():
    """Build stock and turnover marts."""
