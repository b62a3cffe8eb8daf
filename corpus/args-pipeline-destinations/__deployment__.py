"""Pipelines bound to named and built-in destinations."""

import dlt
from dlt.hub import run

ingest = dlt.pipeline("ingest", destination="warehouse", dataset_name="raw")
lake = dlt.pipeline(pipeline_name="lake", destination="filesystem")
local = dlt.pipeline("local", destination="dlt.destinations.duckdb")


@run.pipeline(ingest, trigger="0 2 * * *")
def load_raw():
    """Loads raw data into the named `warehouse` destination."""


@run.pipeline(lake, trigger=load_raw.success)
def export_lake():
    """Exports to the lake."""


@run.pipeline(local)
def local_copy():
    """A local copy."""


__all__ = ["load_raw", "export_lake", "local_copy"]
