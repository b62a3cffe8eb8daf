"""Feature store workspace."""

from dlt.hub import run

from features import feature_api, materialize_features

__all__ = ["feature_api", "materialize_features"]
