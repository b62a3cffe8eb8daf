"""Admin tools."""

from fastmcp import FastMCP

analytics = FastMCP("admin-analytics")
app = FastMCP("admin")
