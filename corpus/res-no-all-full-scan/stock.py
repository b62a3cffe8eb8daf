"""Stock levels and purchase orders from the WMS."""

from dlt.hub import run
from dlt.hub.run import trigger

from settings import STOCK_CRON


@run.pipeline("wms_stock", trigger=trigger.schedule(STOCK_CRON))
def load_stock_levels(warehouse: str = "ams-1"):
    """Load current stock levels per warehouse."""


@run.job(trigger=trigger.every("1h"))
def load_purchase_orders():
    """Load open purchase orders."""
