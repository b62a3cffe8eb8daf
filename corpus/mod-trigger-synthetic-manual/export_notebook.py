import marimo

app = marimo.App(app_title="Exports")
