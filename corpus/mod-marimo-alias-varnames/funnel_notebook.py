"""Signup funnel, step by step."""

import marimo as mo

funnel = mo.App(app_title="Signup funnel")


@funnel.cell
def _():
    steps = ["visit", "signup", "activate"]
    return (steps,)
