"""Enum reassignment workspace."""

from enum import Enum

from dlt.hub import run


class Schedule(Enum):
    NIGHTLY = "0 2 * * *"


Schedule.NIGHTLY = "0 3 * * *"  # EnumType.__setattr__: cannot reassign member


@run.job(trigger=Schedule.NIGHTLY.value)
def load_data():
    """Load data."""


__all__ = ["load_data"]
