"""Plain data: values the analyzer represents by real Python objects (scalars, containers,
the stdlib datetime types), safe to hand to Python's own operators, and their `str()` /
`repr()` where those do not depend on run-time details."""

from __future__ import annotations

import datetime
import enum
from typing import Any, Optional

from dlt_manifest.python.values import POISON
from dlt_manifest.source.limits import current

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


def is_plain(value: Any) -> bool:
    """Plain data all the way down: safe to hand to Python's own operators (at most 100
    levels deep, and `limits.sequence` elements visited, shared ones each time: else
    not plain)."""
    budget = [current().sequence]

    def plain(item: Any, depth: int) -> bool:
        budget[0] -= 1
        if depth > 100 or budget[0] < 0:
            return False
        if isinstance(item, _SCALARS + _TIME):
            return True
        if isinstance(item, (list, tuple, set, frozenset)) or is_view(item):
            return all(plain(v, depth + 1) for v in item)
        if isinstance(item, dict):
            return all(plain(k, depth + 1) and plain(v, depth + 1) for k, v in item.items())
        return False

    return plain(value, 0)


def hash_ordered(value: Any) -> bool:
    """Iterating this set gives an order that depends on the hash seed (strings, bytes,
    enum members) or on addresses: only numbers and None hash the same in every run."""
    if not isinstance(value, (set, frozenset)) or len(value) < 2:
        return False
    return not all(type(v) in (int, float, bool, type(None)) for v in value)


def is_hashable_plain(value: Any, depth: int = 0) -> bool:
    """Hashable by Python without surprises: also not nested more than 100 deep (CPython's
    hash of nested tuples recurses in C without a recursion check)."""
    if isinstance(value, (list, dict, set)) or depth > 100:
        return False
    if isinstance(value, tuple):
        return all(is_hashable_plain(v, depth + 1) for v in value)
    if isinstance(value, POISON):
        return False
    if getattr(value, "is_instance", False):
        return instance_hash(value.cls) == "identity"
    return True  # scalars and our own frozen / identity-hashed objects


def unhashable(value: Any, depth: int = 0) -> Optional[str]:
    """The TypeError message hashing `value` raises, for an instance whose `__hash__` is
    None (a class with `__eq__` and no `__hash__`, a dataclass with `eq` and not `frozen`)."""
    if getattr(value, "is_instance", False) and instance_hash(value.cls) == "none":
        return f"unhashable type: {value.cls.name!r}"
    if type(value) in (list, dict, set, bytearray):
        return f"unhashable type: {type(value).__name__!r}"
    if type(value) is tuple and len(value) <= 1_000 and depth < 100:  # hashing a tuple hashes its items
        for item in value:
            found = unhashable(item, depth + 1)
            if found is not None:
                return found
    return None


def instance_hash(cls: Any) -> str:
    """How instances of workspace class `cls` hash: "identity" (object's), "none"
    (`__hash__` is None: unhashable), or "custom" (a `__hash__` of the workspace's, or a
    dataclass's generated one, with its `__eq__`)."""
    for klass in [cls, *cls.mro]:
        namespace = getattr(klass, "namespace", None)
        if namespace is None:
            continue  # object, builtin exceptions: identity
        options = klass.dataclass
        if "__hash__" in namespace:
            return "none" if namespace["__hash__"] is None else "custom"
        if options is not None and (options.get("unsafe_hash") or options.get("eq", True) and options.get("frozen")):
            return "custom"
        if "__eq__" in namespace or options is not None and options.get("eq", True):
            return "none"
    return "identity"


def spec_is_small(spec: str) -> bool:
    """Whether every number written in a format spec (or template) is at most 10,000:
    widths and precisions beyond that would allocate without bound (`f"{1:>{10**9}}"`)."""
    digits = 0
    for ch in spec:
        if "0" <= ch <= "9":
            digits = digits * 10 + ord(ch) - 48
            if digits > 10_000:
                return False
        else:
            digits = 0
    return True


def plain_str(value: Any) -> str:
    return python_str(value)


# --- str() of plain values ---------------------------------------------------------------

_PLAIN = (str, int, float, bool, type(None), bytes, complex)
_TIME_TYPES = (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)


class NotPlain(Exception):
    """`str()` of this value depends on run-time details (object addresses)."""


class TooLarge(NotPlain):
    """`str()` of this value would exceed a budget (`limits.sequence` characters or
    elements, `limits.int_digits` digits of an integer): a DM904 refusal."""

    def __str__(self) -> str:
        return self.args[0]


class DigitLimit(TooLarge):
    """An integer with more digits than CPython converts to text (its ValueError)."""


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


def _check_plain(value: Any) -> None:
    """Raises NotPlain unless `str()` of `value` is plain data's, and TooLarge when it
    would be too long (elements are counted as often as they are printed: a list
    holding the same list a thousand times prints it a thousand times)."""
    limits = current()
    left = [limits.sequence]

    def check(item: Any, depth: int) -> None:
        left[0] -= 1
        if left[0] < 0:
            raise TooLarge(f"the text of the value would have more than {limits.sequence:,} elements")
        if depth > 50:
            raise NotPlain(value)
        if isinstance(item, str):
            left[0] -= len(item)
            return
        if isinstance(item, int) and item.bit_length() > 13_000 and _digits(item) > limits.int_digits:
            # CPython raises ValueError past `sys.get_int_max_str_digits()` (4,300 unless set)
            raise DigitLimit(f"an integer with more than {limits.int_digits:,} digits is not printed statically")
        # subclasses of the datetime types (pendulum's) have a `str()` of their own
        if isinstance(item, _PLAIN) or type(item) in _TIME_TYPES or isinstance(item, enum.Enum):
            return
        if isinstance(item, (list, tuple, set, frozenset)):
            if hash_ordered(item):
                raise NotPlain(value)  # its text lists the items in an order of the hash seed
            for element in item:
                check(element, depth + 1)
            return
        if isinstance(item, dict):
            for k, v in item.items():
                check(k, depth + 1)
                check(v, depth + 1)
            return
        raise NotPlain(value)

    check(value, 0)


def _digits(number: int) -> int:
    try:
        return len(str(abs(number)))
    except ValueError:  # past this interpreter's own limit
        return 1 << 62


def stand_in_function() -> None:
    """A function like any of the workspace's: its attributes and operators are CPython's
    for every function (`objects.function_attribute`, `operators`)."""
