"""CRM sync workspace -- event driven jobs"""

from crm.events import (
    backfill_contacts,
    nightly_dedupe,
    receive_hubspot,
    receive_any,
    run_migrations,
    post_deploy_checks,
)

__all__ = [
    "backfill_contacts",
    "nightly_dedupe",
    "receive_hubspot",
    "receive_any",
    "run_migrations",
    "post_deploy_checks",
]
