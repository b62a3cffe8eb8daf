"""Analytics apps workspace."""

from dlt.hub import run

from apps import explorer, metrics_api, sales_board, odd_tools, batch_api


@run.interactive(
    section="data_tools",
    interface="mcp",
    idle_timeout="30m",
)
def data_mcp():
    """MCP server with row-count tools."""
    from fastmcp import FastMCP

    mcp = FastMCP("data-tools")

    @mcp.tool
    def row_counts() -> dict:
        return {}

    return mcp


__all__ = ["explorer", "metrics_api", "sales_board", "odd_tools", "batch_api", "data_mcp"]
