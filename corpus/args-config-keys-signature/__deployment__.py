"""Config keys workspace."""

from ingest_jobs import (
    load_api,
    fan_out,
    kw_only,
    no_defaults,
    nothing,
    with_objects,
    async_load,
    positional_only,
)
from late_annotations import late_job

__all__ = [
    "load_api",
    "fan_out",
    "kw_only",
    "no_defaults",
    "nothing",
    "with_objects",
    "async_load",
    "positional_only",
    "late_job",
]
