"""Plain data: values the analyzer represents by real Python objects (scalars, containers,
the stdlib datetime types), safe to hand to Python's own operators, and their `str()` /
`repr()` where those do not depend on run-time details."""

from __future__ import annotations

import datetime
import enum
from typing import Any

from dlt_manifest.python.values import POISON

# enum members are CPython's own (see `special`): their str/format/==/hash are CPython's
_SCALARS = (str, int, float, bool, type(None), bytes, complex, range, type(...), enum.Enum)


_TIME = (datetime.datetime, datetime.date, datetime.time, datetime.timedelta, datetime.tzinfo)


_VIEWS = (type({}.keys()), type({}.values()), type({}.items()))


def is_view(value: Any) -> bool:
    return isinstance(value, _VIEWS)


def is_plain_shallow(value: Any) -> bool:
    """Plain data at the top level (containers may hold anything)."""
    return isinstance(value, _SCALARS + _TIME + (list, tuple, dict, set, frozenset)) or is_view(
        value
    )


def is_plain(value: Any, depth: int = 0) -> bool:
    """Plain data all the way down: safe to hand to Python's own operators."""
    if depth > 100:
        return False
    if isinstance(value, _SCALARS + _TIME):
        return True
    if isinstance(value, (list, tuple, set, frozenset)) or is_view(value):
        return all(is_plain(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(is_plain(k, depth + 1) and is_plain(v, depth + 1) for k, v in value.items())
    return False


def hash_ordered(value: Any) -> bool:
    """Iterating this set gives an order that depends on the hash seed (strings, bytes,
    enum members) or on addresses: only numbers and None hash the same in every run."""
    if not isinstance(value, (set, frozenset)) or len(value) < 2:
        return False
    return not all(type(v) in (int, float, bool, type(None)) for v in value)


def is_hashable_plain(value: Any) -> bool:
    if isinstance(value, (list, dict, set)):
        return False
    if isinstance(value, tuple):
        return all(is_hashable_plain(v) for v in value)
    if isinstance(value, POISON):
        return False
    return True  # scalars and our own frozen / identity-hashed objects


def plain_str(value: Any) -> str:
    return python_str(value)


# --- str() of plain values ---------------------------------------------------------------

_PLAIN = (str, int, float, bool, type(None), bytes, complex)
_TIME_TYPES = (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)


class NotPlain(Exception):
    """`str()` of this value depends on run-time details (object addresses)."""


def python_str(value: Any) -> str:
    if type(value) is str:
        return value
    _check_plain(value)
    return str(value)


def check_text(value: Any) -> None:
    """Raise NotPlain when `str()`/`format()` of the value depends on run-time details
    (object addresses, the order of a set of strings)."""
    _check_plain(value)


def python_repr(value: Any) -> str:
    _check_plain(value)
    return repr(value)


def _check_plain(value: Any, depth: int = 0) -> None:
    if depth > 50:
        raise NotPlain(value)
    # subclasses of the datetime types (pendulum's) have a `str()` of their own
    if isinstance(value, _PLAIN) or type(value) in _TIME_TYPES or isinstance(value, enum.Enum):
        return
    if isinstance(value, (list, tuple, set, frozenset)):
        if hash_ordered(value):
            raise NotPlain(value)  # its text lists the items in an order of the hash seed
        for item in value:
            _check_plain(item, depth + 1)
        return
    if isinstance(value, dict):
        for k, v in value.items():
            _check_plain(k, depth + 1)
            _check_plain(v, depth + 1)
        return
    raise NotPlain(value)
