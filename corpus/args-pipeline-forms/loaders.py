"""Pipeline jobs in every spelling of the pipeline argument."""

import dlt
from dlt.hub import run
from dlt.hub.run import trigger

import pipelines
from pipelines import hubspot_pipeline

chess_pipeline = dlt.pipeline(
    pipeline_name="chess_games", destination="duckdb", dataset_name="chess_data"
)
stripe_pipeline = dlt.pipeline("stripe_payments", destination="duckdb")


@run.pipeline("github_pipeline", trigger="0 * * * *")
def load_github():
    """Loads GitHub issues.

    Runs every hour and appends new issues
    to the `issues` table.
    """


@run.pipeline(chess_pipeline, trigger=trigger.every("1d"))
def load_chess():
    """

    Loads chess games (docstring with leading and trailing blank lines).

    """


@run.pipeline(stripe_pipeline, name="stripe_sync", trigger="15 2 * * *")
def load_stripe():
    """Loads Stripe payments.
        - charges
        - refunds
    """


@run.pipeline(hubspot_pipeline, trigger=trigger.schedule("0 */4 * * *"))
def load_hubspot():
    pass


@run.pipeline(pipelines.ads_pipeline, trigger=load_hubspot.success)
def load_ads():
    """   """


@run.pipeline("reporting", section="reports")
def build_reports():
    f"""Not a docstring: {__name__}"""


@run.pipeline("exports")
def export_data():
    '''Single-quoted docstring\twith a tab.'''
