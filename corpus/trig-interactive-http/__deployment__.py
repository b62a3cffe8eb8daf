"""Sales insights -- dashboards, notebooks and an API over the warehouse"""

from dlt.hub import run

import sales_dashboard
import forecast_notebook
from services import orders_api


@run.interactive(section="tools", interface="mcp")
def warehouse_mcp():
    """MCP tools for the sales warehouse; gets the plain `http:` trigger."""


__all__ = ["sales_dashboard", "forecast_notebook", "orders_api", "warehouse_mcp"]
