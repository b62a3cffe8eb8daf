from fastmcp import FastMCP

__expose__ = {}

mcp = FastMCP("tax")
