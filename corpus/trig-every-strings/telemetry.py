"""Telemetry jobs using `trigger.every` with period strings."""

from dlt.hub import run
from dlt.hub.run import trigger

POLL_PERIOD = "5m"


@run.pipeline("telemetry_pipeline", trigger=trigger.every(POLL_PERIOD))
def poll_devices():
    """Polls devices for new readings."""


@run.job(trigger=trigger.every("1h"))
def rollup_hourly():
    """Rolls readings up into hourly aggregates."""


# bare seconds as a string are kept as written: "every:300"
@run.job(trigger=trigger.every("300"))
def refresh_registry():
    """Refreshes the device registry."""


# outer whitespace is stripped by the constructor
@run.job(trigger=[trigger.every(" 2h ")])
def sync_firmware():
    """Syncs the firmware catalog."""


# a raw string keeps the blank after the colon and the one before the unit
@run.job(trigger="every: 1.5 h")
def purge_raw():
    """Purges raw readings already rolled up."""
