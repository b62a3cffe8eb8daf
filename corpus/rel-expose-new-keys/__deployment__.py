"""expose keys engine 2 adds: category background_agent and object_input set by hand."""
from dlt.hub import run


@run.job(expose={"category": "background_agent"})
def categorized(): ...


@run.job(expose={"object_input": {"entity_type": "dataset", "input": "x"}})
def manual_object_input(): ...


__all__ = ["categorized", "manual_object_input"]
