"""Ingestion of ad spend from the ad platforms."""

import dlt
import dlt.hub.run as r


@r.pipeline("ad_spend", trigger=r.trigger.schedule("15 6 * * *"), expose={"tags": ["ingest"]})
def load_ad_spend(lookback_days: int = 3):
    """Load yesterday's ad spend from all ad platforms."""
    pipeline = dlt.pipeline("ad_spend", destination="duckdb")
    print(pipeline, lookback_days)


@r.job(trigger=r.trigger.every("6h"), execute={"timeout": "30m"})
def load_campaigns():
    """Sync campaign metadata."""
