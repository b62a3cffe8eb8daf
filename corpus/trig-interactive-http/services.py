"""REST services."""

from dlt.hub import run


@run.interactive(interface="rest_api", idle_timeout="2h")
def orders_api():
    """Serves order lookups over REST."""
