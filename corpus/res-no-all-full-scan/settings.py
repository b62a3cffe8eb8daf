"""Inventory settings."""

STOCK_CRON = "0 */2 * * *"
WAREHOUSES = ["ams-1", "ber-2"]
