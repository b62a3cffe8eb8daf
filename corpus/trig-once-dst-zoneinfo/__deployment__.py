from datetime import datetime
from zoneinfo import ZoneInfo
from dlt.hub import run
from dlt.hub.run import trigger

@run.job(trigger=[
    trigger.once(datetime(2026, 3, 29, 2, 30, tzinfo=ZoneInfo("Europe/Berlin"))),
    trigger.once(datetime(2026, 3, 29, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Berlin"))),
    trigger.once(datetime(2026, 3, 8, 2, 30, tzinfo=ZoneInfo("America/New_York"))),
    trigger.once(datetime(2026, 3, 8, 2, 30, fold=1, tzinfo=ZoneInfo("America/New_York"))),
    trigger.once(datetime(2026, 10, 25, 2, 30, tzinfo=ZoneInfo("Europe/Berlin"))),
    trigger.once(datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Berlin"))),
    trigger.once(datetime(2026, 11, 1, 1, 30, tzinfo=ZoneInfo("America/New_York"))),
    trigger.once(datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=ZoneInfo("America/New_York"))),
    trigger.once(datetime(2026, 4, 5, 2, 30, tzinfo=ZoneInfo("Australia/Lord_Howe"))),
])
def a(): ...

__all__ = ["a"]
