"""Draft notebook kept private while it is being written."""

import marimo

_app = marimo.App(app_title="Draft")


@_app.cell
def _():
    return
