"""Orders workspace."""

from orders import load_orders

__all__ = ["load_orders"]
