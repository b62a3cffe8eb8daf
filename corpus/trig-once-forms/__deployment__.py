"""Billing migrations -- one-shot jobs at fixed points in time"""

__tags__ = ("billing", "one-off")

from dlt.hub import run
from dlt.hub.run import trigger

from migrations import cutover_and_backfill, launch_campaign, replay_events
from billing_runs import reprice_contracts, close_legacy_accounts


@run.job(section="billing_ops", trigger=[trigger.once(1767225600), trigger.once(1767225600.25)])
def new_year_reset():
    """Resets counters at 2026-01-01 00:00 UTC (int timestamp, then a float one)."""


__all__ = [
    "cutover_and_backfill",
    "launch_campaign",
    "replay_events",
    "reprice_contracts",
    "close_legacy_accounts",
    "new_year_reset",
]
