"""Churn view built on the hybrid notebook's app."""

from hybrid_notebook import app as churn_app
