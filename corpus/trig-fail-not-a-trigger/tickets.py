"""Support ticket ingestion."""

from dlt.hub import run


@run.pipeline("zendesk_tickets", trigger="*/30 * * * *")
def load_tickets():
    """Loads new and updated tickets."""
