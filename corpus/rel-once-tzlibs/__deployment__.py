"""trigger.once() with pytz / dateutil tzinfos."""
import datetime
import pytz
from dateutil import tz as dtz
from dlt.hub import run
from dlt.hub.run import trigger

BER_PYTZ = pytz.timezone("Europe/Berlin")


@run.job(trigger=[
    trigger.once(datetime.datetime(2026, 6, 1, 12, 0, tzinfo=BER_PYTZ)),
    trigger.once(BER_PYTZ.localize(datetime.datetime(2026, 6, 1, 12, 0))),
    trigger.once(datetime.datetime(2026, 6, 1, 12, 0, tzinfo=dtz.gettz("Europe/Berlin"))),
    trigger.once(datetime.datetime(2026, 3, 29, 2, 30, tzinfo=dtz.gettz("Europe/Berlin"))),
])
def named_zones(): ...


@run.job(trigger=trigger.once(datetime.datetime(2026, 6, 1, 12, 0, tzinfo=pytz.FixedOffset(120))))
def pytz_fixed_offset(): ...


__all__ = ["named_zones", "pytz_fixed_offset"]
