"""Billing lookups."""

from fastmcp import FastMCP

invoices = FastMCP("invoices")
payments = FastMCP("payments")


@invoices.tool
def open_invoices() -> int:
    return 0
