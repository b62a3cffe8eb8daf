"""Workspace-wide constants shared by the job modules."""

from typing import Dict, List

HOURLY = "0 * * * *"
QUARTER_HOURLY = "*/15 * * * *"
NIGHTLY = "0 2 * * *"
WEEKDAYS_MORNING = "0 6 * * 1-5"
WEEKLY = "0 0 * * 0"

EPOCH = "2026-01-01T00:00:00Z"
DEFAULT_TIMEZONE = "Europe/Berlin"
SIX_HOURS = "6h"

TEAM_TAGS = ["team:data", "etl"]
DEFAULT_EXECUTE = {"timeout": "2h", "concurrency": 2}
INGEST_REQUIRE = {"dependency_groups": ["ingest"], "timezone": DEFAULT_TIMEZONE}

ENVIRONMENTS: Dict[str, Dict[str, str]] = {
    "dev": {"destination": "duckdb", "dataset_suffix": "_dev"},
    "prod": {"destination": "snowflake", "dataset_suffix": ""},
}
RETENTION_DAYS: Dict[str, int] = {name: days for name, days in (("raw", 30), ("staging", 7), ("marts", 365))}
OWNERS: List[str] = sorted({"data-platform", "analytics", "finance-eng"})


def dataset_name(base: str, env: str = "dev") -> str:
    """Dataset name for `base` in environment `env`."""
    return base + ENVIRONMENTS[env]["dataset_suffix"]
