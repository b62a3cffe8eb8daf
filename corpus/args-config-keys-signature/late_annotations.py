"""Jobs in a module with postponed annotations (string annotations)."""

from __future__ import annotations

import dlt
from dlt.hub import run
from dlt.hub.run import TJobRunContext


@run.job(section="late")
def late_job(
    run_context: TJobRunContext = None,
    pipeline: dlt.Pipeline = None,
    window_days: int = 7,
    dataset: str = dlt.config.value,
):
    """String annotations are resolved against the module globals."""
