"""Marketing attribution.

The deployment module doubles as the main notebook.
"""

import marimo
from dlt.hub import run
from dlt.hub.run import trigger

import touchpoints_loader

__tags__ = ("marketing",)


@run.job(trigger=trigger.schedule("0 5 * * *"))
def refresh_attribution():
    """Recompute attribution weights."""


app = marimo.App(app_title="Attribution")


@app.cell
def _():
    import marimo as mo
    mo.md("# Attribution")
    return


__all__ = ["refresh_attribution", "touchpoints_loader"]
