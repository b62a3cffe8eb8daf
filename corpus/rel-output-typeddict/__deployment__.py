from typing import List, Optional
from typing_extensions import NotRequired, TypedDict
from dlt.hub import run


class Row(TypedDict):
    id: int


class Result(TypedDict):
    """Result doc."""
    count: int
    rows: List[Row]
    note: NotRequired[Optional[str]]


class Node(TypedDict):
    name: str
    children: List["Node"]


@run.job
def returns_typeddict() -> Result: ...


@run.job
def returns_recursive() -> Node: ...


@run.job
def returns_dict() -> dict: ...


@run.job
def returns_string_annotation() -> "Result": ...


__all__ = ["returns_typeddict", "returns_recursive", "returns_dict", "returns_string_annotation"]
