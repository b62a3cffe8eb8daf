"""Ask the warehouse questions.

Tools to list tables and count rows.
"""

from fastmcp import FastMCP

mcp = FastMCP(name="warehouse", instructions="Answer questions about the sales warehouse.")


@mcp.tool
def list_tables() -> list:
    """Lists the tables of the sales dataset."""
    return []


@mcp.tool()
def row_count(table: str) -> int:
    """Counts the rows of a table."""
    return 0


@mcp.resource("warehouse://schema")
def schema() -> str:
    return "{}"


if __name__ == "__main__":
    mcp.run()
