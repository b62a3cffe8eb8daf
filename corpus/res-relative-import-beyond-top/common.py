"""Workspace-wide settings."""

NIGHTLY = "30 1 * * *"
