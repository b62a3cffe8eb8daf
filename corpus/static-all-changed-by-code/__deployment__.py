"""Subscriptions workspace."""

from subscriptions import load_plans, load_subscriptions, compute_mrr, churn_report, export_to_crm

# every load_* job, picked up automatically
__all__ = [name for name in dir() if name.startswith("load_")]
__all__ += ["compute_mrr"]
__all__.append("churn_report")
