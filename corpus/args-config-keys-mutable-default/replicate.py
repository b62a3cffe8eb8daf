"""Postgres replication job."""

from typing import List

import dlt
from dlt.hub import run
from dlt.hub.run import trigger


@run.job(trigger=trigger.every("10m"))
def replicate_tables(
    connection_string: str = dlt.secrets.value,
    tables: List[str] = ["users", "orders"],
    slot_name: str = "dlt_slot",
):
    """Replicates selected tables from Postgres."""
