"""Revenue forecast notebook."""

import marimo
from dlt.hub.run import trigger

__trigger__ = trigger.http(port=2718)

app = marimo.App(app_title="Forecast")


@app.cell
def _():
    import marimo as mo

    return (mo,)
