"""Platform workspace: backups registered through globals()."""

from dlt.hub import run

from backups import backup_postgres, backup_warehouse

globals()["nightly_postgres_backup"] = run.job(
    name="nightly_postgres_backup", section="backups", trigger="0 0 * * *"
)(backup_postgres)
globals()["weekly_warehouse_backup"] = run.job(
    name="weekly_warehouse_backup", section="backups", trigger="0 1 * * 6"
)(backup_warehouse)

__all__ = ["nightly_postgres_backup", "weekly_warehouse_backup"]
