"""Sales ingestion."""

import dlt
from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("sales", trigger=trigger.schedule("0 5 * * *"))
def load_sales():
    """Loads yesterday's sales."""
    pipeline = dlt.pipeline("sales", destination="duckdb")
    return pipeline
