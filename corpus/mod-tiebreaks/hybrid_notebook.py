"""Notebook that also imports streamlit for its charts."""

import marimo
import streamlit as st

app = marimo.App(app_title="Hybrid")


@app.cell
def _():
    return
