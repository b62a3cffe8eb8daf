"""Nightly maintenance scripts"""

import json
import logging

import vacuum_tables
import export_snapshots
import send_digest

__all__ = ["vacuum_tables", "export_snapshots", "send_digest", "json", "logging"]
