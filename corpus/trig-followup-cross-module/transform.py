"""dbt-style models built on top of the raw events."""

from dlt.hub import run

from ingest import load


@run.job(section="modeling", trigger=load.success)
def build_models():
    """Rebuilds models after every successful load."""
