"""One-shot migration jobs using `trigger.once` with ISO strings."""

from dlt.hub import run
from dlt.hub.run import trigger

CUTOVER_AT = "2026-12-31T23:59:59Z"


@run.job(
    trigger=[
        trigger.once(CUTOVER_AT),  # Z -> +00:00
        trigger.once("2026-09-30T18:00:00+02:00"),  # offset, converted to UTC
        trigger.once("2026-10-01T06:30:00"),  # naive, taken as UTC
        trigger.once("2026-10-02"),  # date only, midnight UTC
    ]
)
def cutover_and_backfill():
    """Switches to the new fiscal year and backfills Q3 in passes."""


@run.job(
    trigger=[
        trigger.once("2026-01-01T00:00:00.123Z"),  # fractional seconds
        trigger.once("20260701T063000Z"),  # ISO basic format
        trigger.once("2026-07-01 06:30"),  # space separator, no seconds
        trigger.once("2026-W10"),  # ISO week date
    ]
)
def launch_campaign():
    """Launches the spring campaign."""


# raw "once:" strings are stored exactly as written (only validated)
@run.job(trigger=["once:2026-12-31T23:59:59Z", "once:2026-06-01", "once:2026-06-01T08:00:00-04:00"])
def replay_events():
    """Replays the dead-letter queue."""
