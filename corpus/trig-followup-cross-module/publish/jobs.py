"""Jobs that publish modeled data downstream."""

from dlt.hub import run
from dlt.hub.run import trigger

import transform as tr
from ingest import load as ingest_load


@run.job(section="publish", trigger=[tr.build_models.success, trigger.schedule("0 7 * * *")])
def publish_dashboards():
    """Publishes dashboards after modeling, and every morning at 7."""


@run.job(
    trigger=[
        ingest_load.fail,
        trigger.job_fail("modeling.build_models"),
        "job.fail:jobs.publish.publish_dashboards",
    ]
)
def notify_failures():
    """Notifies the team about any failed step."""


@run.job(trigger=trigger.job_success("jobs.modeling.build_models"))
def sync_reverse_etl():
    """Pushes modeled segments back into the CRM."""
