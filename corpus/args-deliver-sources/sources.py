"""dlt sources used by the workspace jobs."""

import dlt


@dlt.source
def github_events(org: str = "dlt-hub"):
    """GitHub events of an organization."""

    @dlt.resource(write_disposition="append")
    def events():
        yield []

    return events


@dlt.source(name="chat_analytics", section="job_runs")
def slack_source():
    """Slack messages; name and section set explicitly."""

    @dlt.resource
    def messages():
        yield []

    return messages


@dlt.resource(name="exchange_rates", write_disposition="replace")
def rates():
    """A standalone resource."""
    yield []
