"""Reporting workspace."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.job(section="reports", trigger=trigger.schedule("0 9 * * 1-5"), require={"profile": "prod"})
def daily_kpis():
    """Computes daily KPIs with the production profile."""


@run.job(
    section="reports",
    trigger=daily_kpis.success,
    require={"profile": "dev", "dependency_groups": ["reporting"]},
)
def kpi_email():
    """Emails KPIs - mistakenly pinned to the local dev profile."""


__all__ = ["daily_kpis", "kpi_email"]
