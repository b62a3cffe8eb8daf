"""Finance workspace: CRM accounts and the daily ledger sync."""

# crm imports dlt.hub.run; ledger relies on that having happened first
from crm import sync_accounts
from ledger import sync_ledger

__all__ = ["sync_accounts", "sync_ledger"]
