"""Execution defaults for the webshop jobs."""

DEFAULT_EXECUTE = {"timeout": "2h"}
REFUND_EVERY = "4h"
