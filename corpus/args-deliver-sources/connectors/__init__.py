"""Connector package."""
