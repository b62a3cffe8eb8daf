"""Quote polling jobs."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("quotes", trigger=trigger.every("1m"))
def poll_quotes():
    """Polls equity quotes every minute (the minimum)."""


@run.pipeline("fx_quotes", trigger=trigger.every(60.0))
def poll_fx():
    """Polls FX quotes every 60.0 seconds."""
