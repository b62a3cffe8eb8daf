"""Settings shared by all webshop jobs."""

CRON = "0 3 * * *"
PIPELINE_NAME = "shop_orders"
TAGS = ["webshop", "finance"]
