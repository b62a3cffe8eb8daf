"""Energy metering workspace -- interval-based loads"""

from meters import load_readings, aggregate_daily, settle_invoices

__all__ = ["load_readings", "aggregate_daily", "settle_invoices"]
