"""Exports scheduled with raw `schedule:` strings."""

import dlt.hub.run as r


@r.job(trigger="  schedule:0 3 * * *  ")
def export_gl():
    """Exports the general ledger."""


# a space after the colon is kept: croniter accepts the leading blank
@r.job(trigger="schedule: 0 5 * * *")
def export_ap():
    """Exports accounts payable."""
