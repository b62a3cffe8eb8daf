"""Shipment jobs with mixed trigger lists."""

from datetime import datetime, timezone

from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline(
    "shipments",
    trigger=[
        trigger.deployment(),
        trigger.tag("logistics"),
        trigger.once("2026-02-01T00:00:00Z"),
        trigger.every("30m"),
    ],
    interval={"start": datetime(2026, 1, 1, tzinfo=timezone.utc)},
)
def load_shipments():
    """every: wins over the earlier deployment/tag/once triggers."""


@run.job(
    trigger=[load_shipments.success, trigger.webhook("/carriers"), "15 * * * *"],
    interval={"start": "2026-01-01T00:00:00Z"},
)
def score_carriers():
    """schedule: wins; the interval start is not a cron tick (warning only)."""


@run.job(trigger=["deployment", trigger.once(1780000000), load_shipments.fail])
def sla_breaches():
    """No schedule/every: the first eligible (once) is picked, deployment is skipped."""


@run.job(trigger=[trigger.deployment(), score_carriers.fail])
def reindex_after_deploy():
    """deployment is skipped, the followup becomes the default."""


@run.job
def ad_hoc_export():
    """No triggers at all: no default_trigger, only the implicit manual one."""


@run.pipeline("manifests_archive", expose={"manual": False, "starred": True})
def archive_manifests():
    """No triggers and manual disabled: still no default_trigger."""
