"""Inventory workspace"""

from stock import sync_stock, reorder_check

__all__ = ["sync_stock", "reorder_check"]
