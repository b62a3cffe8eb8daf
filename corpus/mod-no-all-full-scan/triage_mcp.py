"""Ticket triage tools."""

from fastmcp import FastMCP

mcp = FastMCP("triage")
