import enum
from typing import Literal, NewType
from dlt.hub import run


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Mixed(enum.Enum):
    A = "a"
    B = 2


UserId = NewType("UserId", str)


@run.job
def choices(
    mode: Literal["a", "b"] = "a",
    mixed: Literal["a", 1, None] = "a",
    nothing: Literal[None] = None,
    color: Color = Color.BLUE,
    level: Level = Level.HIGH,
    mx: Mixed = Mixed.B,
    uid: UserId = "u1",
): ...


__all__ = ["choices"]
