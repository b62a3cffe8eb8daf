"""GitHub analytics -- ingest issues, transform and explore

Jobs, notebooks and tool servers for the community team.
"""

__tags__ = ["production", "team:community"]

from dlt.hub import run
from dlt.hub.run import trigger

from github_pipeline import ingest_issues, transform_issues
import issues_notebook
import community_mcp
import weekly_digest


@run.interactive(section="community_tools", interface="mcp", idle_timeout="30m")
def quick_stats():
    """Ad-hoc stats over MCP."""
    from fastmcp import FastMCP

    mcp = FastMCP("quick-stats")
    return mcp


@run.job(section="community", trigger="job.success:jobs.weekly_digest")
def archive_digest():
    """Archive the digest after it was sent."""


__all__ = [
    "ingest_issues",
    "transform_issues",
    "issues_notebook",
    "community_mcp",
    "weekly_digest",
    "quick_stats",
    "archive_digest",
]
