"""1.31 lets @run.interactive take the job arguments it does not declare (via **kwargs)."""
from dlt.hub import run


@run.interactive(refresh="always", incremental_mode="pipeline")
def ui(): ...


__all__ = ["ui"]
