"""Jobs fired by tags, webhooks and deployments rather than by a clock."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline(
    "crm_contacts",
    trigger=trigger.tag("backfill"),
    expose={"tags": ["backfill", "crm"]},
)
def backfill_contacts():
    """Backfills contacts; `expose.tags` add no extra `tag:` triggers to the manifest."""


@run.job(trigger=[trigger.tag("  nightly "), "tag:cleanup"])
def nightly_dedupe():
    """Deduplicates contacts (tag name is stripped)."""


@run.job(trigger=[trigger.webhook("/hooks/hubspot"), trigger.webhook("salesforce")])
def receive_hubspot():
    """Receives CRM webhooks; a path without a leading slash is not checked."""


@run.job(trigger=[trigger.webhook(), "webhook"])
def receive_any():
    """Empty webhook from the constructor and the bare word both give `webhook:`."""


@run.job(trigger=trigger.deployment())
def run_migrations():
    """Runs schema migrations once per deploy; a deployment trigger is never the default."""


@run.job(trigger=["deployment", " deployment:smoke ", trigger.webhook("/hooks/verify")])
def post_deploy_checks():
    """Bare word, a raw `deployment:` with an expression, then a webhook (the default)."""
