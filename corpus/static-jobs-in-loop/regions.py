"""Per-region order loads, generated in a loop to keep them identical."""

from dlt.hub import run
from dlt.hub.run import trigger

REGIONS = {"eu": "0 2 * * *", "us": "0 8 * * *", "apac": "0 18 * * *"}

_jobs = {}
for region, cron in REGIONS.items():

    @run.job(name=f"load_{region}", trigger=trigger.schedule(cron), expose={"tags": [region]})
    def load_region(region: str = region):
        """Load orders of one sales region."""

    _jobs[region] = load_region

load_eu = _jobs["eu"]
load_us = _jobs["us"]
load_apac = _jobs["apac"]
