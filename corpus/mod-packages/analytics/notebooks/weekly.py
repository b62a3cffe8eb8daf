"""Weekly business review."""

import marimo

app = marimo.App(app_title="WBR")


@app.cell
def _():
    return
