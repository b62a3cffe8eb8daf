"""Daily KPI report."""

import marimo

app = marimo.App(app_title="Daily KPIs")


@app.cell
def _():
    return
