"""Operational jobs."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.job(trigger=trigger.schedule("0 4 * * *"))
def repair_partitions():
    """Repairs broken partitions nightly."""


# manual triggers are synthesized from expose.manual; writing one is an error
@run.job(trigger=[repair_partitions.fail, "manual:jobs.ops.rerun_failed"])
def rerun_failed():
    """Reruns failed loads after a repair failure or on demand."""
