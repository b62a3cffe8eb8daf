"""Field hints the 1.31 schema builder raises on: the job keeps config_keys but has no inputs."""
from typing import Literal, NewType
from dlt.common.typing import TSecretValue
from dlt.hub import run

UserId = NewType("UserId", str)


@run.job
def optional_literal(mode: Literal["a", "b"] = None, n: int = 1): ...


@run.job
def optional_newtype(uid: UserId = None, n: int = 1): ...


@run.job
def optional_secret_value(token: TSecretValue = None, n: int = 1): ...


@run.job
def fine(n: int = 1): ...


__all__ = ["optional_literal", "optional_newtype", "optional_secret_value", "fine"]
