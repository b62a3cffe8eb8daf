"""Employee directory sync from the HRIS."""

from dlt.hub import run

# common.py lives at the workspace root, outside the `etl` package:
# two dots climb above the top-level package
from ..common import NIGHTLY


@run.job(trigger=NIGHTLY)
def sync_employees():
    """Sync employees and org units."""
