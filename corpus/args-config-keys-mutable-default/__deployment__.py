"""Replication workspace."""

from dlt.hub import run
from dlt.hub.run import trigger

from replicate import replicate_tables

__all__ = ["replicate_tables"]
