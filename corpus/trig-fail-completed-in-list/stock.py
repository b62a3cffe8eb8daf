"""Stock level sync and reorder checks."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("stock_levels", trigger=trigger.every("10m"))
def sync_stock():
    """Syncs stock levels from the warehouse system."""


# `.completed` is a (success, fail) tuple: it is only flattened at the top level of
# trigger=, inside a list the tuple itself is stringified and rejected
@run.job(trigger=[sync_stock.completed, trigger.schedule("0 9 * * *")])
def reorder_check():
    """Checks reorder points after every stock sync and each morning."""
