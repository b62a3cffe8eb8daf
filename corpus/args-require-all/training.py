"""Model training jobs."""

from dlt.hub import run
from dlt.hub.run import trigger

GPU_REQUIREMENTS = {
    "dependency_groups": ["ml", "gpu"],
    "profile": "prod",
    "provider": "modal",
    "machine": "gpu-a100",
    "region": "us-east-1",
    "static_egress_ips": True,
    "timezone": "America/New_York",
}


@run.job(trigger="0 4 * * *", require=GPU_REQUIREMENTS)
def train_model():
    """Trains the churn model on a GPU box."""


@run.job(
    trigger=train_model.success,
    require={"machine": "2xlarge", "static_egress_ips": False, "dependency_groups": []},
)
def score_batch():
    """Scores customers after training."""


@run.interactive(interface="gui", require={"profile": "access", "region": "eu-west"})
def explore():
    """Exploration UI with read-only access profile."""
