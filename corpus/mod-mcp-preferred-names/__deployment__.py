"""MCP servers with more than one FastMCP instance per module"""

import support_tools
import admin_tools
import gateway
import billing_tools

__all__ = ["support_tools", "admin_tools", "gateway", "billing_tools"]
