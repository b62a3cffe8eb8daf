"""Shared constants."""

HOURLY = "0 * * * *"
EPOCH = "2026-01-01T00:00:00Z"
WAREHOUSE = "shop_warehouse"
TIMEOUT = {"timeout": 2 * 3600, "grace_period": 60}
