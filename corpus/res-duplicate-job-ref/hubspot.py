"""HubSpot contacts."""

from dlt.hub import run


@run.job(section="crm", trigger="0 5 * * *")
def sync_contacts():
    """Sync HubSpot contacts."""
