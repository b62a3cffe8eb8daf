"""Shipment tracking and carrier rate jobs."""

from dlt.hub import run
from dlt.hub.run import trigger

import config
from config import EXECUTE, PIPELINE_NAME, SCHEDULE


@run.pipeline(
    PIPELINE_NAME,
    trigger=SCHEDULE,
    execute=EXECUTE,
    expose=config.EXPOSE,
    require=config.REQUIRE,
    interval=config.INTERVAL,
)
def load_shipments(carrier: str = "all"):
    """Load shipment events for all carriers."""


@run.job(trigger=[trigger.schedule(config.RATES_SCHEDULE)], expose={"tags": config.BASE_TAGS})
def load_carrier_rates():
    """Refresh carrier rate cards."""


@run.job(trigger=trigger.every(config.POLL_SECONDS), execute={"timeout": config.TIMEOUT_HOURS * 3600})
def reconcile_invoices():
    """Match carrier invoices against shipments."""
