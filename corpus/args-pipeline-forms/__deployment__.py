"""
  Pipelines workspace — every way to name a pipeline.

Second line is ignored.
"""

from loaders import (
    load_github,
    load_chess,
    load_stripe,
    load_hubspot,
    load_ads,
    build_reports,
    export_data,
)

__all__ = [
    "load_github",
    "load_chess",
    "load_stripe",
    "load_hubspot",
    "load_ads",
    "build_reports",
    "export_data",
]
