"""Earthquake feeds: constants built with dlt's re-exported pendulum."""

from dlt.common import pendulum
from dlt.common.pendulum import pendulum as pdl
from dlt.hub import run
from dlt.hub.run import trigger

EPOCH = pendulum.parse("2026-04-01T00:00:00+00:00")
WINDOW_START = pdl.datetime(2026, 4, 1, 6)


@run.job(trigger=trigger.every("6h"), interval={"start": WINDOW_START})
def load_quakes(epoch=EPOCH, min_magnitude: float = 2.5):
    """Loads earthquakes since `epoch`."""


@run.job(trigger=trigger.once(pendulum.datetime(2026, 5, 1, tz="Europe/Berlin")))
def one_off_backfill():
    """A single backfill run."""


__all__ = ["load_quakes", "one_off_backfill"]
