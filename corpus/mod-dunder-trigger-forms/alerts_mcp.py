"""Alerting tools, restarted whenever ingestion finishes."""

from fastmcp import FastMCP

import pipelines

__trigger__ = pipelines.ingest_orders.completed

mcp = FastMCP("alerts")
