"""One-off billing jobs using `trigger.once` with `datetime`, `date` and pendulum values."""

import datetime as dt
from datetime import date, datetime, timedelta, timezone

import pendulum
from dlt.hub import run
from dlt.hub.run import trigger

EST = timezone(timedelta(hours=-5))


@run.job(
    trigger=[
        trigger.once(datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)),
        trigger.once(datetime(2026, 3, 1, 12, 0, tzinfo=EST)),
        trigger.once(datetime(2026, 3, 2, 8, 15, 30)),
        trigger.once(date(2026, 4, 1)),
    ]
)
def reprice_contracts():
    """Reprices contracts: aware UTC, aware -05:00 and naive datetimes, then a plain date."""


@run.job(
    trigger=(
        trigger.once(pendulum.datetime(2026, 5, 1, 9, tz="Europe/Berlin")),
        trigger.once(dt.datetime(2026, 5, 1, 9, 0, 0, 250000, tzinfo=dt.timezone.utc)),
    )
)
def close_legacy_accounts():
    """Pendulum datetime in Berlin time and a UTC datetime with microseconds, passed as a tuple."""
