"""Signup ingestion and activation scoring."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("signups", trigger=trigger.every("15m"))
def load_signups():
    """Load new signups from the product database."""


@run.job(trigger=load_signups.success)
def score_activation(window_days: int = 7):
    """Score activation for signups of the last week."""
