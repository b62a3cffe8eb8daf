"""Marketing analytics workspace: ad spend ingestion and attribution marts."""

from ad_spend import load_ad_spend, load_campaigns
from attribution import build_attribution, refresh_channel_costs

__all__ = ["load_ad_spend", "load_campaigns", "build_attribution", "refresh_channel_costs"]
