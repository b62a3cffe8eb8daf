import dlt
from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("orders_pipeline", trigger=trigger.schedule("0 2 * * *"))
def ingest_orders():
    """Load orders from the shop API."""
