"""Marketplace ETL: extract, transform and the jobs chained after them"""

from etl import extract_listings, transform_listings, page_oncall, cleanup_staging, weekly_report, audit_runs

__all__ = [
    "extract_listings",
    "transform_listings",
    "page_oncall",
    "cleanup_staging",
    "weekly_report",
    "audit_runs",
]
