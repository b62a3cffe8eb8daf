import marimo
from dlt.hub.run import trigger

__trigger__ = trigger.every("1h")

app = marimo.App(app_title="Orders")


@app.cell
def _():
    return
