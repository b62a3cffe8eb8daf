from typing_extensions import TypedDict
from dlt.hub import run


class Broken(TypedDict):
    x: "Undefined"


@run.job
def param_broken(b: Broken = None, n: int = 1): ...


@run.job
def ret_broken() -> Broken: ...


__all__ = ["param_broken", "ret_broken"]
