"""Slots workspace."""

from dlt.hub import run


class Plan:
    __slots__ = ("cron",)

    def __init__(self, cron):
        self.cron = cron


P = Plan("0 1 * * *")
P.timeout = "1h"  # not a slot, and no __dict__: AttributeError


@run.job(trigger=P.cron)
def load_data():
    """Load data."""


__all__ = ["load_data"]
