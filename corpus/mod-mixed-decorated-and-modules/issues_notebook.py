"""Issue triage notebook."""

import marimo
from dlt.hub.run import trigger

from github_pipeline import transform_issues

__trigger__ = transform_issues.success
__expose__ = {"interface": "gui", "category": "notebook", "starred": True}

app = marimo.App(app_title="Issues")


@app.cell
def _():
    return
