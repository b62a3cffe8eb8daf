"""Billing workspace: invoices and dunning."""

from billing import load_invoices, send_dunning_letters

__all__ = ["load_invoices", "send_dunning_letters"]
