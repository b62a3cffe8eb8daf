"""Event analytics."""

from .events import load_events
from .sessions import build_sessions as sessionize

__all__ = ["load_events", "sessionize"]
