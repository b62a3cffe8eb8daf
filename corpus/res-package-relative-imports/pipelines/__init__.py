"""Webshop pipelines."""
