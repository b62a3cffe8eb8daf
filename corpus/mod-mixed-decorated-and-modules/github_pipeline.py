import dlt
from dlt.hub import run
from dlt.hub.run import trigger, TJobRunContext


@dlt.source
def github_issues(repo: str = dlt.config.value):
    @dlt.resource
    def issues():
        yield {"id": 1, "repo": repo}

    return issues


issues_pipeline = dlt.pipeline("github_issues", destination="duckdb", dataset_name="github")


@run.pipeline(issues_pipeline, trigger=trigger.every("2h"))
def ingest_issues(run_context: TJobRunContext):
    """Load issues from the GitHub API."""
    issues_pipeline.run(github_issues())


@run.pipeline("github_transform", trigger=ingest_issues.success, expose={"tags": "transform"})
def transform_issues():
    """Build issue marts."""
