"""Unbound exception name workspace."""

from dlt.hub import run

try:
    CRON = {}["orders"]
except KeyError as e:
    CRON = "0 1 * * *"

REASON = str(e)  # the `as e` name was deleted when the handler ended: NameError


@run.job(trigger=CRON, expose={"display_name": REASON})
def load_data():
    """Load data."""


__all__ = ["load_data"]
