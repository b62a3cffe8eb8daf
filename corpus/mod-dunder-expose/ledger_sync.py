"""Sync the general ledger; only run from the scheduler."""

__trigger__ = "0 1 * * *"
__expose__ = {"manual": False, "display_name": "Ledger sync (nightly)"}
