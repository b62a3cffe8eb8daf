"""A pipeline whose named destination is not configured."""

import dlt
from dlt.hub import run

ingest = dlt.pipeline("ingest", destination="warehouse")


@run.pipeline(ingest, trigger="0 2 * * *")
def load_raw():
    """Loads raw data."""


__all__ = ["load_raw"]
