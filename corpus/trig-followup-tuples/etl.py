"""Listing ETL chained with followup triggers."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("listings", trigger=trigger.schedule("0 */2 * * *"))
def extract_listings():
    """Extracts marketplace listings."""


@run.job(trigger=extract_listings.success)
def transform_listings():
    """Transforms listings after a successful extract."""


@run.job(trigger=extract_listings.fail, expose={"manual": False})
def page_oncall():
    """Pages on-call when the extract fails."""


# `.completed` is a tuple (success, fail); alone it is flattened
@run.job(trigger=extract_listings.completed)
def cleanup_staging():
    """Cleans staging tables after any extract outcome."""


# a tuple at the top level flattens nested tuples one level deep
@run.job(trigger=(transform_listings.completed, "0 8 * * 1"))
def weekly_report():
    """Weekly report, also refreshed after each transform."""


@run.job(trigger=(extract_listings.success, (transform_listings.success, page_oncall.fail), cleanup_staging.fail))
def audit_runs():
    """Audits every run of the chain."""
