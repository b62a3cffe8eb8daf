"""Demand forecast explorer."""

import marimo

__require__ = {"dependency_groups": ["notebooks", "forecasting"], "timezone": "Europe/Berlin"}

app = marimo.App()


@app.cell
def _():
    horizon_days = 28
    return (horizon_days,)
