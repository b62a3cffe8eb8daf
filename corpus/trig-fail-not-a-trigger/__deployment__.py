"""Support analytics workspace"""

from dlt.hub import run
from dlt.hub.run import trigger

from tickets import load_tickets


@run.job(section="support", trigger=[load_tickets.success, "sometimes"])
def score_sentiment():
    """Scores ticket sentiment after loads (and 'sometimes', which is not a trigger)."""


__all__ = ["load_tickets", "score_sentiment"]
