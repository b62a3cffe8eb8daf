"""Sales workspace."""

from dlt.hub import run

from pipelines import load_deals


@run.job(name="dashboard", section="workspace", trigger=load_deals.success)
def refresh_dashboard_cache():
    """Pre-compute the sales dashboard tiles after each deals load."""


__all__ = ["load_deals", "refresh_dashboard_cache"]
