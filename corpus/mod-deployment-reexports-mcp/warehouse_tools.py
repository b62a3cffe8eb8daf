"""Warehouse tools defined in their own module."""

from fastmcp import FastMCP

__expose__ = {"display_name": "Warehouse tools", "starred": True}

mcp = FastMCP("warehouse")


@mcp.tool
def list_tables() -> list:
    return ["orders"]
