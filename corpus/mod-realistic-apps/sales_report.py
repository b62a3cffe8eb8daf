import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium", app_title="Sales report")

with app.setup:
    import dlt
    import marimo as mo


@app.cell
def _():
    mo.md("# Sales report")
    return


@app.cell
def _():
    dataset = dlt.pipeline("sales").dataset()
    return (dataset,)


@app.function
def total(rows):
    return sum(r["amount"] for r in rows)


if __name__ == "__main__":
    app.run()
