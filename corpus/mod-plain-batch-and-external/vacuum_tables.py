"""Vacuum and analyze the staging tables.

Run nightly after the loads finished.
"""

import logging

logger = logging.getLogger(__name__)

TABLES = ["stg_orders", "stg_customers"]


def vacuum(table: str) -> None:
    logger.info("vacuum %s", table)


if __name__ == "__main__":
    for t in TABLES:
        vacuum(t)
