import marimo as mo

app = mo.App(app_title="Tickets")


@app.cell
def _():
    return
