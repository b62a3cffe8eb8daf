"""Pipelines of the shop workspace."""
