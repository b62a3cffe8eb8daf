"""Central configuration of the logistics jobs: edit here, not in the job modules."""

ENV = "prod"
PREFIX = "logistics"
START_HOUR = 4
MINUTE = 15

# "15 4 * * *"
SCHEDULE = f"{MINUTE} {START_HOUR} * * *"
# "0 4-22/2 * * *"
RATES_SCHEDULE = "0 " + f"{START_HOUR}-{START_HOUR + 18}/2" + " * * *"
POLL_SECONDS = 60 * 10

PIPELINE_NAME = PREFIX + "_" + "shipments"
BASE_TAGS = ["logistics", ENV]
TAGS = BASE_TAGS + ["ingest"]

TIMEOUT_HOURS = 2 * 3
EXECUTE = {"timeout": f"{TIMEOUT_HOURS}h", "concurrency": 1 + 1}
REQUIRE = {"dependency_groups": [PREFIX], "timezone": "Europe/" + "Amsterdam"}
EXPOSE = {"tags": TAGS, "display_name": "Logistics " + "shipments", "starred": True}
# a cron tick of SCHEDULE: "2026-01-01T04:15:00Z"
INTERVAL = {"start": f"2026-01-01T0{START_HOUR}:{MINUTE}:00Z"}
