"""Event backfill workspace."""

from dlt.hub import run

from backfills import (
    hourly_events,
    daily_naive,
    aware_datetime,
    naive_datetime,
    bounded_window,
    pendulum_start,
    every_window,
    off_tick,
    external_incrementals,
)

__all__ = [
    "hourly_events",
    "daily_naive",
    "aware_datetime",
    "naive_datetime",
    "bounded_window",
    "pendulum_start",
    "every_window",
    "off_tick",
    "external_incrementals",
]
