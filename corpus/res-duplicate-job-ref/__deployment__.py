"""CRM workspace: contacts from HubSpot and Salesforce."""

from hubspot import sync_contacts as sync_hubspot_contacts
from salesforce import sync_contacts as sync_salesforce_contacts

__all__ = ["sync_hubspot_contacts", "sync_salesforce_contacts"]
