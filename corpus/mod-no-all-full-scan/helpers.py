"""Shared helpers (not meant to be a job, but imported under a private alias)."""


def queue_name(q: str) -> str:
    return q.lower()
