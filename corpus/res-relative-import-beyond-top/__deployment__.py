"""HR workspace: employee directory sync."""

from etl.employees import sync_employees

__all__ = ["sync_employees"]
