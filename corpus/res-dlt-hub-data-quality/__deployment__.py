"""Shop ingestion with data quality metrics."""

import dlt
from dlt.hub import data_quality as dq
from dlt.hub import run


@dlt.resource
def orders():
    yield [{"id": 1}]


@run.pipeline("shop", trigger="0 * * * *")
def load_orders():
    """Loads orders and collects data quality metrics."""


__all__ = ["load_orders"]
