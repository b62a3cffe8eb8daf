"""Ads reporting workspace; schedules live in schedules.json so ops can change them."""

from reporting import load_google_ads, load_meta_ads, build_spend_report

__all__ = ["load_google_ads", "load_meta_ads", "build_spend_report"]
