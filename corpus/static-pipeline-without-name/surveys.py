"""Survey responses from Typeform."""

import dlt
from dlt.hub import run

# no pipeline_name: dlt derives it from the script that is running
surveys_pipeline = dlt.pipeline(destination="duckdb", dataset_name="surveys")


@run.pipeline(surveys_pipeline, trigger="0 */6 * * *")
def load_responses(form_id: str = dlt.config.value):
    """Load new survey responses."""


@run.job(trigger=load_responses.success)
def score_nps():
    """Compute NPS per form."""
