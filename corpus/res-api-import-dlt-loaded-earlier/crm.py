"""CRM account sync."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.job(trigger=trigger.schedule("0 1 * * *"))
def sync_accounts():
    """Sync accounts and contacts from the CRM."""
