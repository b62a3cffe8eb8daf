"""Engine 2's reflection of a job (dlt 1.31.0, SPEC D10-D12): `inputs`, the JSON Schema of
the job's configuration; `output`, the JSON Schema of a TypedDict return type; and
`expose.object_input` from the first input marked with `run.Entity`."""

from __future__ import annotations

from dlt_manifest.python.values import Unknown

NOT_STATIC = "DM901"


def reflect(interp, factory, job: dict, sites: dict) -> None:
    """Adds `inputs`, `output` and the object input's `expose` to `job` (in place)."""
    keys = job.get("config_keys")
    if keys:
        job["inputs"] = Unknown("the JSON Schema of the job's inputs (dlt 1.31.0) is not computed yet", factory.site)
