"""Ad platform sync -- interval jobs given in seconds"""

from dlt.hub import run
from dlt.hub.run import trigger

from ads.jobs import sync_campaigns, sync_spend, sync_creatives, sync_audiences

ONE_DAY = 24 * 3600


@run.job(section="ads_maintenance", trigger=trigger.every(ONE_DAY))
def rotate_tokens():
    """Rotates API tokens for all ad accounts."""


@run.job(section="ads_maintenance", trigger=trigger.every(60))
def heartbeat():
    """Minimal allowed period: exactly one minute."""


__all__ = [
    "sync_campaigns",
    "sync_spend",
    "sync_creatives",
    "sync_audiences",
    "rotate_tokens",
    "heartbeat",
]
