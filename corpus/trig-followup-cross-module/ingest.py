"""Raw subscription events ingestion."""

from dlt.hub import run


@run.pipeline("subscriptions", trigger="0 * * * *")
def load():
    """Loads subscription events hourly."""
