"""Query the warehouse: row counts and table schemas.

Read-only; uses the `access` profile credentials.
"""

from fastmcp import FastMCP

mcp = FastMCP("warehouse-tools")


@mcp.tool
def row_counts() -> dict:
    """Row counts per table."""
    return {"orders": 0, "customers": 0}


if __name__ == "__main__":
    mcp.run()
