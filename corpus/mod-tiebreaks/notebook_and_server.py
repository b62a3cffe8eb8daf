"""Exploration notebook with an embedded tool server."""

import marimo
from fastmcp import FastMCP

mcp = FastMCP("explorer-tools")
app = marimo.App()


@app.cell
def _():
    return
