"""Interactive apps of the analytics team."""

from dlt.hub import run


@run.interactive
def explorer():
    """Bare decorator: gui interface, concurrency 1."""


@run.interactive(
    interface="rest_api",
    idle_timeout="30m",
    execute={"timeout": "6h", "concurrency": 4},
    expose={"display_name": "Metrics API", "tags": "api"},
)
def metrics_api():
    """idle_timeout replaces execute.timeout; concurrency kept."""


@run.interactive(
    interface="gui",
    idle_timeout=86400,
    execute={"timeout": {"timeout": 60, "grace_period": 5}},
    expose={"starred": True, "manual": False},
)
def sales_board():
    """Numeric idle timeout overrides a timeout dict."""


@run.interactive(interface="mcp", expose={"interface": "gui", "category": "mcp"})
def odd_tools():
    """User expose is merged over the interface argument (expose wins)."""


@run.interactive(interface="rest_api", execute={"timeout": "2h", "concurrency": None})
def batch_api():
    """No idle_timeout: execute.timeout normalized, concurrency None kept."""
