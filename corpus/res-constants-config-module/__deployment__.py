"""Logistics workspace: shipments and carrier rates."""

from shipments import load_shipments, load_carrier_rates, reconcile_invoices

__all__ = ["load_shipments", "load_carrier_rates", "reconcile_invoices"]
