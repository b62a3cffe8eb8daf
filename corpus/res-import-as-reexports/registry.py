"""One place that lists every deployable job of the workspace."""

from analytics import load_events, sessionize
from reports.weekly import weekly_digest as digest

__all__ = ["load_events", "sessionize", "digest"]
