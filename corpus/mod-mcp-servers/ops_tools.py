"""On-call helpers"""

from fastmcp import FastMCP as MCPServer

ops = MCPServer("ops")


@ops.tool
def last_load_status() -> str:
    return "ok"
