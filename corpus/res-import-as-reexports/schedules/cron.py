"""Cron expressions used across the workspace."""

HOURLY = "0 * * * *"
MONDAY_MORNING = "0 6 * * 1"
