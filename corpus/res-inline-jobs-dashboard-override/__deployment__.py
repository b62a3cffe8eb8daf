"""Operations workspace with a custom workspace dashboard.

Jobs are defined right here; the dashboard replaces dlt's default one.
"""

from dlt.hub import run
from dlt.hub.run import trigger

__tags__ = ["ops", "team:platform"]


@run.job(section="maintenance", trigger=trigger.schedule("0 4 * * 0"), expose={"tags": ["housekeeping"]})
def vacuum_warehouse(dry_run: bool = False):
    """Vacuum and analyze the warehouse tables."""


@run.job(section="maintenance", name="rotate_keys", trigger=trigger.every("7d"))
def rotate_service_account_keys():
    """Rotate service account keys."""


@run.job(trigger=vacuum_warehouse.completed)
def notify_ops():
    """Post the maintenance result to the ops channel."""


@run.interactive(
    name="dashboard",
    section="workspace",
    expose={"category": "dashboard", "display_name": "Ops overview"},
    require={"dependency_groups": ["dashboard"]},
)
def ops_dashboard():
    """Operations overview: job runs, costs and warehouse health."""


__all__ = ["vacuum_warehouse", "rotate_service_account_keys", "notify_ops", "ops_dashboard"]
