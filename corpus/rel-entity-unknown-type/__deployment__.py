from typing import Annotated
from dlt.hub import run


@run.job
def bad(x: Annotated[str, run.Entity("table")] = "t"): ...


__all__ = ["bad"]
