"""Finance reporting workspace"""

__tags__ = ["finance"]

from reporting import business_hours_sync, monday_digest, ledger_close, weekly_rollup
from reporting.exports import export_gl, export_ap

__all__ = [
    "business_hours_sync",
    "monday_digest",
    "ledger_close",
    "weekly_rollup",
    "export_gl",
    "export_ap",
]
