import dlt
import datetime
import decimal
import enum
import typing
from typing import Any, Dict, List, Literal, Optional, Sequence, Set, Tuple, Union, Annotated, Mapping, Callable, ClassVar, Final
from dlt.hub import run
from dlt.hub.run import TJobRunContext
from dlt.common.configuration.specs import BaseConfiguration, configspec


class Color(enum.Enum):
    RED = "red"


class Plain:
    pass


@configspec
class Creds(BaseConfiguration):
    user: str = None


@run.job
def j1(a: int = 1, b: str = "x", c: float = 1.0, d: bool = True, e: bytes = b"x", f: tuple = (1,), g: Optional[int] = None, h: Union[int, str] = 1, i: "int" = 2): ...

@run.job
def j2(a: List[str] = None, b: Dict[str, Any] = None, c: Set[str] = None, d: Sequence[str] = None, e: Mapping[str, str] = None, f: Callable = None, g: Literal["a", "b"] = "a", h: Annotated[int, "x"] = 1): ...

@run.job
def j3(a: datetime.datetime = None, b: datetime.date = None, c: datetime.timedelta = None, d: decimal.Decimal = None, e: Color = Color.RED, f: Plain = None, g: Creds = None, h: TJobRunContext = None, k: Any = None): ...

@run.job
def j4(a=1, b="x", c=None, d=(1, 2), e=1.5, f=True, g=datetime.date(2026, 1, 1), h=dlt.config.value, k=dlt.secrets.value, m: str = dlt.secrets.value): ...

@run.job
def j5(a: Optional[Union[int, str]] = None, b: Union[None, int] = None, c: int | None = None, d: "Plain" = None, e: "UndefinedThing" = None, f: Tuple[int, ...] = (), g: typing.List[int] = None): ...

@run.job
def j6(self=1, cls=2, *args, kw: int = 3, **kwargs): ...

@run.job
async def j7(a: int = 1, /, b: int = 2, *, c: int = 3): ...

@run.job
def j8(a: Final[int] = 1, b: ClassVar[int] = 1, c: type = int, d: object = None, e: complex = 1j): ...

__all__ = ["j1", "j2", "j3", "j4", "j5", "j6", "j7", "j8"]
