import datetime
from zoneinfo import ZoneInfo
from dlt.common.pendulum import pendulum
from dlt.hub import run


@run.job(trigger="0 0 * * *", interval={"start": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc), "end": datetime.datetime(2026, 2, 1, tzinfo=ZoneInfo("UTC"))})
def stdlib_utc(): ...


@run.job(trigger="0 0 * * *", interval={"start": datetime.datetime(2026, 1, 1), "end": pendulum.datetime(2026, 2, 1)})
def naive_and_pendulum(): ...


@run.job(trigger="0 0 * * *", interval={"start": datetime.datetime(2026, 1, 1, 0, 0, 0, 500000, tzinfo=datetime.timezone.utc)})
def micro(): ...


__all__ = ["stdlib_utc", "naive_and_pendulum", "micro"]
