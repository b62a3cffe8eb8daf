from typing import Annotated, Optional
from typing_extensions import Doc
import dlt
from dlt.hub import run


@run.job
def described(
    count: Annotated[int, Doc("how many")] = 3,
    label: Annotated[str, "plain string description"] = dlt.config.value,
    maybe: Annotated[Optional[int], "outer description"] = None,
    inner: Optional[Annotated[int, Doc("inner description")]] = None,
    secret: Annotated[str, "api key"] = dlt.secrets.value,
): ...


__all__ = ["described"]
