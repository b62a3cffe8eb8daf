"""   Cohort retention scratchpad   """

import marimo

app = marimo.App(width="full")


@app.cell
def _():
    cohorts = ["2025-01", "2025-02", "2025-03"]
    return (cohorts,)
