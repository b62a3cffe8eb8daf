"""Warehouse maintenance jobs with execution limits."""

from dlt.hub import run
from dlt.hub.run import trigger

from maintenance import (
    rebuild_indexes,
    refresh_views,
    quick_check,
    hourly_snapshot,
    export_parquet,
    transform,
    unlimited_fanout,
    default_limits,
    grace_only,
)

__all__ = [
    "rebuild_indexes",
    "refresh_views",
    "quick_check",
    "hourly_snapshot",
    "export_parquet",
    "transform",
    "unlimited_fanout",
    "default_limits",
    "grace_only",
]
