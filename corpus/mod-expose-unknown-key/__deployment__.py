"""Inventory workspace"""

import stock_levels
import restock_job

__all__ = ["stock_levels", "restock_job"]
