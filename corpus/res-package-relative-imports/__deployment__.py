"""Webshop workspace: orders, refunds and revenue."""

from pipelines.jobs.ingest import load_orders, load_refunds
from pipelines.jobs.transform import build_revenue

__all__ = ["load_orders", "load_refunds", "build_revenue"]
