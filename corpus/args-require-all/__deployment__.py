"""ML platform workspace."""

from dlt.hub import run
from dlt.hub.run import trigger, TJobRunContext

from training import train_model, score_batch, explore


@run.pipeline(
    "transform_pipeline",
    section="transform",
    trigger=trigger.schedule("*/5 * * * *"),
    require={
        "dependency_groups": ["ibis"],
        "timezone": "Europe/Berlin",
    },
)
def transform_data(run_context: TJobRunContext):
    """Transforms raw events on Berlin time."""


__all__ = ["train_model", "score_batch", "explore", "transform_data"]
