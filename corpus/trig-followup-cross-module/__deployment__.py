"""Subscription analytics -- ingest, model and publish across modules"""

from ingest import load
from transform import build_models
from publish.jobs import publish_dashboards, notify_failures, sync_reverse_etl

__all__ = ["load", "build_models", "publish_dashboards", "notify_failures", "sync_reverse_etl"]
