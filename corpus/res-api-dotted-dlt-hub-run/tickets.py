"""Zendesk ticket exports and SLA reporting."""

import dlt
import dlt.hub.run


@dlt.hub.run.pipeline(
    "zendesk_tickets",
    trigger=dlt.hub.run.trigger.every("30m"),
    execute={"timeout": 1800, "concurrency": None},
)
def export_tickets(page_size: int = 100, api_key: str = dlt.secrets.value):
    """Export new and updated tickets."""


@dlt.hub.run.job(trigger=[dlt.hub.run.trigger.schedule("0 7 * * 1-5"), export_tickets.success])
def ticket_sla_report():
    """Weekday SLA report for the support leads."""
