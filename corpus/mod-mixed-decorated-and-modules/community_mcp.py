"""Community tools: contributor lookups."""

from fastmcp import FastMCP

mcp = FastMCP(name="community")
