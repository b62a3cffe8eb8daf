"""Exports workspace."""

from exports import export_to_s3, export_generic, export_api

__all__ = ["export_to_s3", "export_generic", "export_api"]
