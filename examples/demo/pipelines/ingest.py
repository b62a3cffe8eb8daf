"""Ingestion of the shop's operational data."""

import dlt
from dlt.hub import run
from dlt.hub.run import trigger

from .settings import EPOCH, HOURLY, TIMEOUT, WAREHOUSE

orders_pipeline = dlt.pipeline(pipeline_name="shop_orders", destination="duckdb", dataset_name=WAREHOUSE)


@dlt.source(name="shop")
def shop_source(api_key: str = dlt.secrets.value):
    """The shop's REST API."""

    @dlt.resource
    def orders():
        yield []

    return orders


@run.pipeline(
    orders_pipeline,
    trigger=trigger.schedule(HOURLY),
    interval={"start": EPOCH},
    execute={"timeout": TIMEOUT},
    expose={"display_name": "Load orders", "tags": ["ingest"], "starred": True},
    require={"dependency_groups": ["ingest"], "timezone": "Europe/Berlin"},
)
def load_orders(run_context: run.TJobRunContext, page_size: int = 500):
    """Loads new and changed orders, one hourly interval at a time."""


@run.job(trigger=trigger.every("30m"), deliver=shop_source, execute={"timeout": "20m"})
def load_payments(since_days: int = dlt.config.value):
    """Loads payments from the payment provider."""
