"""Classes defined in the workspace, as CPython builds them: the method resolution order
(C3 linearization), attribute lookup along it, and what a class body leaves in the
class's namespace."""

from __future__ import annotations

from typing import Any, Optional

from dlt_manifest.python.builtins import EXCEPTION_NAMES, exception_chain
from dlt_manifest.python.values import Class, ClassMethod, Function, Instance, Modeled, Property, Raised, StaticMethod, Unknown

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
    if isinstance(base, Modeled) and base.key.startswith("builtins.") and base.key[9:] in EXCEPTION_NAMES:
        chain = exception_chain(base.key[9:])  # KeyError, LookupError, Exception, BaseException
        return [base, *(Modeled(f"builtins.{name}") for name in chain[1:]), OBJECT]
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


def instance_slots(cls: Class) -> Optional[frozenset]:
    """The attributes instances of `cls` may have when every class of its MRO declares
    `__slots__` (no `__dict__`), or None when instances have a `__dict__`."""
    names: set = set()
    for klass in [cls, *cls.mro]:
        if isinstance(klass, Class):
            if klass.slots is None or "__dict__" in klass.slots:
                return None
            names.update(klass.slots)
        elif not (isinstance(klass, Modeled) and klass.key == "builtins.object"):
            return None
    return frozenset(names)


def declared_slots(namespace: dict, name: str, site) -> Any:
    """The names `__slots__` in a class body declares (mangled as the compiler does), None
    without `__slots__`, or the error `type.__new__` raises."""
    if "__slots__" not in namespace:
        return None
    value = namespace["__slots__"]
    if isinstance(value, str):
        value = (value,)
    if isinstance(value, dict):
        value = tuple(value)
    if not isinstance(value, (tuple, list)):
        return Unknown(f"`__slots__` of class `{name}` is not a string, tuple, list or dict; not modeled", site, may_raise=True)
    private = name.lstrip("_")
    slots = []
    for slot in value:
        if not isinstance(slot, str):
            return Raised("TypeError", f"__slots__ items must be strings, not {type(slot).__name__!r}", site, RUNTIME_ERROR)
        if not slot.isidentifier():
            return Raised("TypeError", "__slots__ must be identifiers", site, RUNTIME_ERROR)
        if slot in namespace:
            return Raised("ValueError", f"{slot!r} in __slots__ conflicts with class variable", site, RUNTIME_ERROR)
        mangled = f"_{private}{slot}" if private and slot.startswith("__") and not slot.endswith("__") else slot
        slots.append(mangled)
    if slots.count("__dict__") > 1:
        return Raised("TypeError", "__dict__ slot disallowed: we already got one", site, RUNTIME_ERROR)
    return tuple(slots)


def abstract_methods(cls: Class, metaclass: Any) -> Any:
    """`__abstractmethods__` as `abc.ABCMeta.__new__` computes it (None when the class is
    not made by ABCMeta), or an Unknown when whether a name is abstract is not known."""
    made_by_abc = (isinstance(metaclass, Modeled) and metaclass.key == "abc.ABCMeta") or (
        isinstance(metaclass, Class) and any(isinstance(k, Modeled) and k.key == "abc.ABCMeta" for k in metaclass.mro)
    ) or any(
        (isinstance(b, Modeled) and b.key == "abc.ABC") or (isinstance(b, Class) and b.abstract is not None)
        for b in cls.bases
    )
    if not made_by_abc:
        return None
    candidates = set(cls.namespace)
    for base in cls.bases:
        if isinstance(base, Class) and base.abstract:
            candidates.update(base.abstract)
    abstract = set()
    for name in candidates:
        found = is_abstract(lookup(cls, name)[1])
        if found is None:
            return Unknown(f"whether `{cls.name}.{name}` is abstract is not known statically", cls.site)
        if found:
            abstract.add(name)
    return frozenset(abstract)


def is_abstract(value: Any) -> Optional[bool]:
    """`getattr(value, "__isabstractmethod__", False)` of a class attribute."""
    if isinstance(value, Function):
        flag = value.attributes.get("__isabstractmethod__", False)
        return bool(flag) if isinstance(flag, (bool, int, str, type(None))) else None
    if isinstance(value, (StaticMethod, ClassMethod)):
        return is_abstract(value.function)
    if isinstance(value, Property):
        flags = [is_abstract(f) for f in (value.fget, value.fset, value.fdel)]
        return True if any(flags) else (None if None in flags else False)
    if isinstance(value, Instance):
        return None if lookup(value.cls, "__isabstractmethod__")[0] is not None else False
    return False
