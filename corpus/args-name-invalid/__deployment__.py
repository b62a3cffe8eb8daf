"""Finance workspace."""

from dlt.hub import run

from ledger import close_month


@run.job(name="my job", trigger="0 1 * * *")
def reconcile_ledger():
    """Reconciles the general ledger with bank statements."""


__all__ = ["close_month", "reconcile_ledger"]
