"""IoT telemetry workspace -- polling jobs on fixed intervals"""

from dlt.hub import run
from dlt.hub.run import trigger

from telemetry import poll_devices, rollup_hourly, refresh_registry, sync_firmware, purge_raw


@run.job(section="health", trigger="every:1d")
def device_health_report():
    """Daily device health report."""


__all__ = [
    "poll_devices",
    "rollup_hourly",
    "refresh_registry",
    "sync_firmware",
    "purge_raw",
    "device_health_report",
]
