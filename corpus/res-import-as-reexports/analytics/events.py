"""Raw product events from the tracking API."""

import schedules.cron as cron
from dlt.hub import run


@run.pipeline("product_events", trigger=cron.HOURLY)
def load_events(batch_size: int = 5000):
    """Load tracked events."""
