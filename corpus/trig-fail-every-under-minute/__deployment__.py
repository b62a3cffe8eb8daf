"""Trading desk workspace: market data polling"""

from dlt.hub import run
from dlt.hub.run import trigger

from quotes import poll_quotes, poll_fx

POLL_SECONDS = 30


@run.job(section="quotes", trigger=trigger.every(POLL_SECONDS))
def poll_order_book():
    """Polls the order book every 30 seconds -- below the one-minute minimum."""


__all__ = ["poll_quotes", "poll_fx", "poll_order_book"]
