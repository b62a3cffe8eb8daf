"""Month-end close checks."""

import marimo
from dlt.hub.run import trigger

__trigger__ = trigger.every("1h")
__expose__ = {"tags": ["finance", "month-end"], "starred": True}

app = marimo.App(app_title="Month-end close")


@app.cell
def _():
    return
