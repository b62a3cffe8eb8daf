"""Export jobs configured through spec classes."""

import dlt
from dlt.hub import run
from dlt.hub.run import trigger

from config_specs import BaseExportConfig, S3ExportConfig


@run.job(trigger="0 1 * * *", spec=S3ExportConfig)
def export_to_s3(
    bucket_url: str = dlt.config.value,
    tables: list = None,
    dry_run: bool = False,
):
    """Exports tables to S3; config comes from S3ExportConfig, not the signature."""


@run.pipeline("exports", trigger=trigger.every("12h"), spec=BaseExportConfig)
def export_generic(bucket_url: str = dlt.config.value):
    """Generic export with the base spec."""


@run.interactive(interface="rest_api", spec=BaseExportConfig)
def export_api():
    """REST API to trigger exports ad hoc."""
