"""Classes defined in the workspace, as CPython builds them: the method resolution order
(C3 linearization), attribute lookup along it, and what a class body leaves in the
class's namespace."""

from __future__ import annotations

from typing import Any, Optional

from dlt_manifest.python.builtins import EXCEPTION_NAMES
from dlt_manifest.python.values import Class, Modeled, Raised

RUNTIME_ERROR = "DM411"
OBJECT = Modeled("builtins.object")


def linearize(name: str, bases: list, site) -> Any:
    """The MRO of a new class `name` with `bases` (without the class itself), or the
    TypeError CPython raises when no consistent order exists."""
    sequences = [_mro_of(base) for base in bases] + [list(bases)]
    out: list = []
    sequences = [list(s) for s in sequences if s]
    while sequences:
        for sequence in sequences:
            head = sequence[0]
            if not any(_contains(other[1:], head) for other in sequences):
                break
        else:
            names = ", ".join(_name(b) for b in bases)
            return Raised(
                "TypeError",
                f"Cannot create a consistent method resolution order (MRO) for bases {names}",
                site, RUNTIME_ERROR,
            )
        out.append(head)
        sequences = [[item for item in s if not _same(item, head)] for s in sequences]
        sequences = [s for s in sequences if s]
    if not any(_same(item, OBJECT) for item in out):
        out.append(OBJECT)
    return out


def _mro_of(base: Any) -> list:
    if isinstance(base, Class):
        return [base] + list(base.mro)
    if isinstance(base, Modeled) and base.key == "builtins.object":
        return [base]
    return [base, OBJECT]


def _same(left: Any, right: Any) -> bool:
    if left is right:
        return True
    return isinstance(left, Modeled) and isinstance(right, Modeled) and left.key == right.key


def _contains(sequence: list, item: Any) -> bool:
    return any(_same(x, item) for x in sequence)


def _name(base: Any) -> str:
    if isinstance(base, Class):
        return base.name
    if isinstance(base, Modeled):
        return base.key.rsplit(".", 1)[-1]
    return getattr(base, "qualname", type(base).__name__)


def lookup(cls: Class, name: str) -> tuple:
    """(the class along the MRO that defines `name`, its value), or (first class that is
    not a workspace class, None) when the name is not found in workspace classes before
    it, or (None, None) when no class defines it."""
    for klass in [cls] + list(cls.mro):
        if isinstance(klass, Class):
            if name in klass.namespace:
                return klass, klass.namespace[name]
        elif not (isinstance(klass, Modeled) and klass.key == "builtins.object"):
            return klass, None
    return None, None


def derives_from(cls: Class, key: str) -> Optional[bool]:
    """Is the modeled class `key` among `cls`'s bases (transitively)? None when a base
    is a class of an installed package that is not modeled."""
    unknown = False
    for klass in cls.mro:
        if isinstance(klass, Modeled):
            if klass.key == key:
                return True
        elif not isinstance(klass, Class):
            unknown = True
    return None if unknown else False


def is_exception_class(cls: Class) -> bool:
    """Does `cls` derive from a builtin exception?"""
    return any(
        isinstance(k, Modeled) and k.key.startswith("builtins.") and k.key[9:] in EXCEPTION_NAMES
        for k in cls.mro
    )
