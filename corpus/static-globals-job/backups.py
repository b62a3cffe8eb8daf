"""Backup routines (plain functions; decorated in __deployment__.py)."""


def backup_postgres(retention_days: int = 14):
    """Dump the application database to object storage."""


def backup_warehouse():
    """Snapshot the warehouse."""
