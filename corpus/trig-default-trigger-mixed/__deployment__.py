"""Logistics workspace -- shipments, carriers and SLA tracking.

The default trigger of every job is picked by the manifest generator.
"""

from shipments import load_shipments, score_carriers, sla_breaches, reindex_after_deploy
from shipments import ad_hoc_export, archive_manifests

__all__ = [
    "load_shipments",
    "score_carriers",
    "sla_breaches",
    "reindex_after_deploy",
    "ad_hoc_export",
    "archive_manifests",
]
