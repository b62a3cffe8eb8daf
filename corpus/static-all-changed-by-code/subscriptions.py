"""Subscription billing data and metrics."""

from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("stripe_subscriptions", trigger=trigger.every("1h"))
def load_subscriptions():
    """Load subscriptions and their items."""


@run.job(trigger="0 0 * * *")
def load_plans():
    """Load the plan catalogue."""


@run.job(trigger=load_subscriptions.success)
def compute_mrr():
    """Compute monthly recurring revenue."""


@run.job(trigger=trigger.schedule("0 9 * * 1"))
def churn_report():
    """Weekly churn report."""


@run.job(trigger=compute_mrr.success)
def export_to_crm():
    """Push MRR per account to the CRM (not deployed yet)."""
