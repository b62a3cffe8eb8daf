"""Explore monthly revenue by region and product line.

Reads from the `finance` dataset loaded by the nightly pipeline.
"""

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium", app_title="Revenue explorer")


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    mo.md("# Revenue by region")
    return


if __name__ == "__main__":
    app.run()
