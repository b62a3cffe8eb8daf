import marimo

app = marimo.App(app_title="Churn report")


@app.cell
def _():
    churn_rate = 0.042
    return (churn_rate,)


if __name__ == "__main__":
    app.run()
