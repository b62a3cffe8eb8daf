"""Ad platform loads and the daily spend report."""

import json
from pathlib import Path

from dlt.hub import run
from dlt.hub.run import trigger

_SCHEDULES = json.loads((Path(__file__).parent / "schedules.json").read_text(encoding="utf-8"))


@run.pipeline("google_ads", trigger=_SCHEDULES["google_ads"])
def load_google_ads():
    """Load Google Ads campaign stats."""


@run.pipeline("meta_ads", trigger=trigger.schedule(_SCHEDULES["meta_ads"]))
def load_meta_ads():
    """Load Meta Ads campaign stats."""


@run.job(
    trigger=[load_google_ads.success, load_meta_ads.success],
    expose={"tags": _SCHEDULES["report_tags"]},
)
def build_spend_report():
    """Combine ad spend across platforms."""
