"""Data delivery workspace."""

import dlt
from dlt.hub import run
from dlt.hub.run import trigger

from sources import github_events, slack_source, rates
from connectors import crm
from connectors.crm import deals


@run.job(trigger="0 * * * *", deliver=github_events)
def load_github():
    """Loads GitHub events."""


@run.job(trigger=trigger.every("30m"), deliver=slack_source)
def load_slack():
    """Loads Slack messages."""


@run.job(trigger="0 6 * * *", deliver=rates)
def load_rates():
    """Loads exchange rates."""


@run.job(trigger="0 5 * * *", deliver=crm.crm_source)
def load_crm():
    """Source from a package module with a custom section."""


@run.job(trigger=load_crm.success, deliver=deals)
def load_deals():
    """Standalone resource from a package module."""


@dlt.source
def inline_source():
    @dlt.resource
    def items():
        yield []

    return items


@run.job(section="inline", deliver=inline_source)
def load_inline():
    """Source defined in the deployment module itself."""


@run.job(
    trigger="0 8 * * 1",
    deliver={"pipeline_name": "weekly_finance", "deadline": "8am on Mondays"},
)
def weekly_finance():
    """Deliver given as a dict is stored verbatim."""


__all__ = [
    "load_github",
    "load_slack",
    "load_rates",
    "load_crm",
    "load_deals",
    "load_inline",
    "weekly_finance",
]
