"""Sessionization of raw events."""

from dlt.hub import run
from analytics.events import load_events as events_job


@run.job(trigger=events_job.success, expose={"tags": ["marts"]})
def build_sessions(gap_minutes: int = 30):
    """Group events into sessions."""
