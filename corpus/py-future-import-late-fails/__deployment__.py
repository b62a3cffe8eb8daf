"""Deployment module with a `from __future__` import below the imports."""

from dlt.hub import run
from __future__ import annotations


@run.job(trigger="0 6 * * *")
def nightly(limit: int = 10):
    """Nightly."""


__all__ = ["nightly"]
