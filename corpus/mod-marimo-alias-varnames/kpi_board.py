"""Weekly KPIs"""

from marimo import App

_legacy = App(app_title="Old KPI board")
board = App(app_title="KPI board (v1)")
app = App(app_title="KPI board")


@app.cell
def _():
    import marimo as mo
    mo.md("## KPIs")
    return
