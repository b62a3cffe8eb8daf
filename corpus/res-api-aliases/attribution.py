"""Attribution models built on top of the ad spend data."""

from dlt.hub import run as R
from dlt.hub.run import job as deploy_job, trigger as T

from ad_spend import load_ad_spend


@R.pipeline("attribution", trigger=load_ad_spend.success, refresh="always")
def build_attribution():
    """Rebuild the multi-touch attribution tables."""


@deploy_job(
    name="channel_costs",
    trigger=[T.schedule("0 */4 * * *"), load_ad_spend.fail],
    expose={"display_name": "Channel cost refresh"},
)
def refresh_channel_costs(currency: str = "EUR"):
    """
    Recompute channel costs in the reporting currency.

    Runs every four hours and after a failed ad spend load.
    """
