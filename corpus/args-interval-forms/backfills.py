"""Interval-driven backfill jobs."""

from datetime import datetime, timezone

import pendulum
from dlt.hub import run
from dlt.hub.run import trigger, TJobRunContext

DEFAULT_EPOCH = "2026-01-01T00:00:00Z"


@run.job(trigger="0 * * * *", interval={"start": DEFAULT_EPOCH})
def hourly_events(run_context: TJobRunContext):
    """ISO string with Z."""


@run.job(trigger=trigger.schedule("0 0 * * *"), interval={"start": "2026-02-01T00:00:00"})
def daily_naive(run_context: TJobRunContext):
    """Naive ISO string."""


@run.job(
    trigger="0 0 * * *",
    interval={"start": datetime(2026, 1, 1, tzinfo=timezone.utc)},
)
def aware_datetime(run_context: TJobRunContext):
    """UTC-aware stdlib datetime."""


@run.job(trigger="0 0 * * *", interval={"start": datetime(2026, 3, 1)})
def naive_datetime(run_context: TJobRunContext):
    """Naive stdlib datetime."""


@run.job(
    trigger="0 0 1 * *",
    interval={"start": "2025-01-01T00:00:00+00:00", "end": datetime(2026, 1, 1, tzinfo=timezone.utc)},
)
def bounded_window(run_context: TJobRunContext):
    """Monthly windows between a start string and an end datetime."""


@run.job(trigger="*/30 * * * *", interval={"start": pendulum.datetime(2026, 1, 5)})
def pendulum_start(run_context: TJobRunContext):
    """pendulum.datetime start."""


@run.job(
    trigger=trigger.every("15m"),
    interval={"start": "2026-01-01T00:07:00Z", "end": "2026-06-30T23:59:59Z"},
)
def every_window(run_context: TJobRunContext):
    """every: trigger; no cron-tick check."""


@run.job(
    trigger="0 6 * * *",
    interval={"start": "2026-01-01T05:30:00Z", "end": datetime(2026, 2, 1, 5, tzinfo=timezone.utc)},
)
def off_tick(run_context: TJobRunContext):
    """Neither start (05:30) nor end (05:00) is a tick of 0 6 * * * (two warnings)."""


@run.job(
    trigger="0 2 * * *",
    interval={"start": "2026-01-01T02:00:00Z"},
    allow_external_schedulers=True,
)
def external_incrementals(run_context: TJobRunContext):
    """Incrementals join the scheduler's interval."""
