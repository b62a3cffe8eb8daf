"""Analytics workspace: a marimo report, an MCP server for the warehouse and a dashboard."""

import sales_report
import warehouse_mcp
import kpi_dashboard

from pipelines import load_sales

__all__ = ["load_sales", "sales_report", "warehouse_mcp", "kpi_dashboard"]
