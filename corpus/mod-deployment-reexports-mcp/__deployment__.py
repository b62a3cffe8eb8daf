"""Warehouse assistant"""

from dlt.hub import run

from warehouse_tools import mcp
import nightly_export

__require__ = {"dependency_groups": ["mcp"]}


@run.job(trigger="0 0 * * *")
def compact_logs():
    """Compact MCP request logs."""


__all__ = ["mcp", "nightly_export", "compact_logs"]
