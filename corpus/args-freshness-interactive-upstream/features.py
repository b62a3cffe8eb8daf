"""Feature serving and materialization."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.interactive(interface="rest_api")
def feature_api():
    """Serves online features over REST."""


@run.job(
    trigger=trigger.schedule("0 */2 * * *"),
    interval={"start": "2026-01-01T00:00:00Z"},
    freshness=[feature_api.is_fresh],
)
def materialize_features():
    """Materializes offline features (gated on an interactive job - invalid)."""
