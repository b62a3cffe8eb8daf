"""Support desk exports."""

from tickets import export_tickets, ticket_sla_report

__all__ = ["export_tickets", "ticket_sla_report"]
