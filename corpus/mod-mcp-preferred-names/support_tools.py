"""Support desk tools."""

from fastmcp import FastMCP

# a sub-server mounted into the main one
server = FastMCP("support-internal")
mcp = FastMCP("support")
mcp.mount(server)
