"""Builds the nightly report."""

import os

from dlt.hub.run import trigger

__trigger__ = [trigger.schedule(os.environ.get("REPORT_CRON", "0 6 * * *"))]
__require__ = {"profile": os.getenv("REPORT_PROFILE", "prod")}

if __name__ == "__main__":
    print("report")
