"""Warehouse maintenance."""

from dlt.hub import run
from dlt.hub.run import trigger

SIX_HOURS = "6h"


@run.job(trigger="0 2 * * 0", execute={"timeout": SIX_HOURS})
def rebuild_indexes():
    """Rebuilds all warehouse indexes (can take hours)."""


@run.job(trigger=trigger.every("1h"), execute={"timeout": "30m", "concurrency": 3})
def refresh_views():
    """Refreshes materialized views."""


@run.job(execute={"timeout": "90s"})
def quick_check():
    """Sanity check that must finish fast."""


@run.job(trigger="0 * * * *", execute={"timeout": 3600})
def hourly_snapshot():
    """Snapshots hot tables."""


@run.job(execute={"timeout": 1.5, "concurrency": None})
def export_parquet():
    """Exports tables to parquet."""


@run.pipeline(
    "warehouse_transform",
    trigger=trigger.schedule("15 * * * *"),
    execute={"timeout": {"timeout": 7200, "grace_period": 60}},
)
def transform():
    """Runs the transformation pipeline (2h timeout, 1min grace)."""


@run.job(execute={"concurrency": None})
def unlimited_fanout():
    """Fans out partition loads, no concurrency limit."""


@run.job(execute={})
def default_limits():
    """Empty execute dict: concurrency still defaults to 1."""


@run.job(execute={"timeout": {"grace_period": 120}, "concurrency": 2})
def grace_only():
    """Timeout dict with only a grace period is kept as is."""
