"""Explore orders interactively."""

import marimo

__expose__ = {"tags": ["exploration"], "starred": True}

app = marimo.App(app_title="Orders explorer")


@app.cell
def _():
    import marimo as mo
    return (mo,)


if __name__ == "__main__":
    app.run()
