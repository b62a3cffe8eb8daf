"""Sales jobs."""

from dlt.hub import run
from dlt.hub.run import trigger

INGEST_TAGS = ["ingest", "production"]


@run.job(
    trigger=trigger.schedule("0 * * * *"),
    expose={"display_name": "Load orders", "tags": INGEST_TAGS, "starred": True},
)
def load_orders():
    """Loads orders every hour."""


@run.job(trigger=load_orders.success, expose={"tags": "refunds"})
def load_refunds():
    """Single tag given as a string becomes a one-element list."""


@run.job(
    trigger=[trigger.schedule("0 6 * * 1"), trigger.tag("ingest")],
    expose={"tags": ["ingest", "ml"], "starred": False},
)
def forecast():
    """Explicit tag: trigger plus the same tag in expose."""


@run.job(expose={"manual": False})
def purge_cache():
    """No triggers at all and manual triggering disabled."""


@run.job(
    trigger="0 7 * * 1",
    expose={"display_name": "Weekly digest", "category": "dashboard"},
)
def weekly_digest():
    """A batch job with a user-set category."""


@run.pipeline(
    "crm",
    trigger=trigger.every("2h"),
    expose={"category": "notebook", "tags": "crm", "manual": True},
)
def crm_sync():
    """@run.pipeline keeps a user-set category (setdefault)."""
