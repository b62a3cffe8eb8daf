"""Finance workspace: daily ledger sync."""

from ledger import sync_ledger

__all__ = ["sync_ledger"]
