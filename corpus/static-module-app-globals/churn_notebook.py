"""Churn exploration."""

import marimo


def _build():
    globals()["app"] = marimo.App(app_title="Churn")


_build()
