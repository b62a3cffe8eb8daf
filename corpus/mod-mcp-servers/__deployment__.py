"""Tool servers for the data assistant"""

import warehouse_mcp
import catalog_server
import ops_tools

__all__ = ["warehouse_mcp", "catalog_server", "ops_tools"]
