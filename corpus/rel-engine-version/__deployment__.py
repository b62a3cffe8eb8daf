"""Engine version placement: manifest, decorated job, plain module job, dashboard."""
from dlt.hub import run

import plain_task


@run.job(trigger="0 6 * * *")
def nightly():
    """Nightly job."""


__all__ = ["nightly", "plain_task"]
