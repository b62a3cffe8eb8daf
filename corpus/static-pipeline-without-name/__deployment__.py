"""Survey workspace."""

from surveys import load_responses, score_nps

__all__ = ["load_responses", "score_nps"]
