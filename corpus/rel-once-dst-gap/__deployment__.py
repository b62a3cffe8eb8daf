"""trigger.once() of local times in a DST gap: pendulum (<=1.30) and stdlib (1.31) disagree."""
import datetime
from zoneinfo import ZoneInfo
from dlt.hub import run
from dlt.hub.run import trigger

BER = ZoneInfo("Europe/Berlin")
NY = ZoneInfo("America/New_York")


@run.job(trigger=[
    trigger.once(datetime.datetime(2026, 3, 29, 2, 30, tzinfo=BER)),
    trigger.once(datetime.datetime(2026, 3, 29, 2, 30, tzinfo=BER, fold=1)),
    trigger.once(datetime.datetime(2026, 10, 25, 2, 30, tzinfo=BER)),
    trigger.once(datetime.datetime(2026, 10, 25, 2, 30, tzinfo=BER, fold=1)),
    trigger.once(datetime.datetime(2026, 3, 8, 2, 30, tzinfo=NY)),
    trigger.once(datetime.datetime(2026, 6, 1, 12, 0, tzinfo=BER)),
])
def onces(): ...


__all__ = ["onces"]
