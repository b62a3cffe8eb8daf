"""Salesforce contacts."""

from dlt.hub import run


@run.job(section="crm", trigger="30 5 * * *")
def sync_contacts():
    """Sync Salesforce contacts."""
