"""Classes the stdlib makes special, built as CPython builds them: enums (CPython's own
`enum` makes the members, from constant values: their `str()`, `format()`, `==` and
hashing are CPython's), named tuples (real tuples, so whatever treats tuples specially
sees one), and dataclasses (their fields, defaults and generated `__init__`)."""

from __future__ import annotations

import enum
from typing import Any, Optional

import attrs
from dlt_manifest.python import builtins
from dlt_manifest.python.plain import is_plain
from dlt_manifest.python.values import (
    raised_from,
    NO_DEFAULT,
    Class,
    ClassMethod,
    Function,
    Modeled,
    Property,
    Raised,
    StaticMethod,
    TypeForm,
    Unknown,
    describe,
    is_poison,
)

RUNTIME_ERROR = "DM411"

_ENUMS = {
    "enum.Enum": enum.Enum, "enum.IntEnum": enum.IntEnum, "enum.StrEnum": enum.StrEnum,
    "enum.Flag": enum.Flag, "enum.IntFlag": enum.IntFlag,
}  # fmt: skip
_MIXINS = {"builtins.str": str, "builtins.int": int, "builtins.float": float}
# what an enum's class body may define without changing how its members behave
_ENUM_REFUSED = frozenset(
    "__new__ __init__ __str__ __repr__ __format__ __eq__ __hash__ __init_subclass__ __bool__"
    " _missing_ _generate_next_value_ _ignore_ _order_".split()
)


def is_exception_key(key: str) -> bool:
    return key.startswith("builtins.") and key[9:] in builtins.EXCEPTION_NAMES


def build(ev, cls: Class, site) -> Optional[Any]:
    """The class itself made special (an enum, a named tuple), an Unknown / Raised when
    that cannot be done exactly, or None for an ordinary class."""
    if any(isinstance(b, TypeForm) and b.origin == "typing.NamedTuple" for b in cls.bases):
        return _named_tuple(ev, cls, site)
    base = _enum_base(cls)
    if base is not None:
        return _enum(ev, cls, base, site)
    return None


# --- enums ------------------------------------------------------------------------------------


def _enum_base(cls: Class) -> Optional[Any]:
    for klass in cls.mro:
        if isinstance(klass, Modeled) and klass.key in _ENUMS:
            return klass
        if isinstance(klass, Class) and klass.special is not None and klass.special[0] == "enum":
            return klass
    return None


def _enum(ev, cls: Class, base: Any, site) -> Any:
    refused = sorted(_ENUM_REFUSED & set(cls.namespace))
    if refused:
        return Unknown(f"enum `{cls.name}` defines `{refused[0]}`: its members are not modeled", site)
    real_base = _ENUMS[base.key] if isinstance(base, Modeled) else base.special[1]
    if len(real_base.__members__):
        return Raised("TypeError", f"{cls.name}: cannot extend {real_base.__name__}", site, RUNTIME_ERROR)
    mixin = None
    for klass in cls.mro:
        if isinstance(klass, Modeled) and klass.key in _MIXINS:
            mixin = _MIXINS[klass.key]
            break
        if isinstance(klass, Modeled) and klass.key not in _ENUMS and klass.key != "builtins.object":
            return Unknown(f"enum `{cls.name}` derives from {describe(klass)}: not modeled", site)
    members = []
    for name, value in cls.namespace.items():
        if name.startswith("__") and name.endswith("__"):
            continue
        if name.startswith("_") and name.endswith("_"):
            continue
        if isinstance(value, (Function, StaticMethod, ClassMethod, Property)):
            continue
        if isinstance(value, Class) or name.startswith(f"_{cls.name.lstrip('_')}__"):
            return Unknown(f"member `{name}` of enum `{cls.name}` is not modeled", site)
        if is_poison(value):
            return value
        if isinstance(value, Modeled) and value.key == "enum.auto-value":
            value = enum.auto()
        elif not is_plain(value):
            return Unknown(f"member `{name}` of enum `{cls.name}` is {describe(value)}; not modeled", site)
        members.append((name, value))
    options = {"module": cls.module.name, "qualname": cls.qualname}
    if mixin is not None and not issubclass(real_base, mixin):
        options["type"] = mixin
    try:
        real = real_base(cls.name, members, **options)
    except (TypeError, ValueError) as ex:
        return raised_from(ex, site, RUNTIME_ERROR)
    cls.special = ("enum", real)
    ev.enum_models[real] = cls
    return cls


def enum_attribute(ev, cls: Class, name: str, site) -> Any:
    """`EnumClass.name`: a member, or what the class body defines."""
    real = cls.special[1]
    if name in real.__members__:
        return real.__members__[name]
    if name == "__members__":
        return dict(real.__members__)
    return None


def member_attribute(ev, member: enum.Enum, name: str, site) -> Any:
    """`member.name`: CPython's `name`/`value`, or a method of the workspace's class."""
    if name in ("name", "value", "_name_", "_value_"):
        return getattr(member, name)
    cls = ev.enum_models.get(type(member))
    if cls is not None:
        value = cls.namespace.get(name)
        if isinstance(value, (Function, StaticMethod, ClassMethod, Property)):
            return ev._bind(value, member, cls, site)
    return None


# --- named tuples -----------------------------------------------------------------------------


def _named_tuple(ev, cls: Class, site) -> Any:
    fields = [n for n in cls.annotations if not n.startswith("_")]
    defaults = {}
    for name in fields:
        if name in cls.namespace:
            defaults[name] = cls.namespace[name]
        elif defaults:
            return Raised(
                "TypeError", f"Non-default namedtuple field {name} cannot follow default field"
                f"{'s' if len(defaults) > 1 else ''} {', '.join(defaults)}", site, RUNTIME_ERROR,
            )
    qualname = cls.qualname

    def _repr(self) -> str:
        return f"{qualname}({', '.join(f'{f}={v!r}' for f, v in zip(fields, self))})"

    real = type(cls.name, (tuple,), {"__slots__": (), "_fields": tuple(fields), "__repr__": _repr,
                                     "__module__": cls.module.name, "__qualname__": qualname})  # fmt: skip
    cls.special = ("namedtuple", real, fields, defaults)
    ev.tuple_models[real] = cls
    return cls


def make_named_tuple(cls: Class, args: list, kwargs: dict, site) -> Any:
    _, real, fields, defaults = cls.special
    if len(args) > len(fields):
        return Raised("TypeError", f"{cls.name}.__new__() takes {len(fields) + 1} positional arguments but {len(args) + 1} were given", site, RUNTIME_ERROR)
    values = dict(zip(fields, args))
    for key, value in kwargs.items():
        if key not in fields:
            return Raised("TypeError", f"{cls.name}.__new__() got an unexpected keyword argument {key!r}", site, RUNTIME_ERROR)
        if key in values:
            return Raised("TypeError", f"{cls.name}.__new__() got multiple values for argument {key!r}", site, RUNTIME_ERROR)
        values[key] = value
    missing = [f for f in fields if f not in values and f not in defaults]
    if missing:
        return Raised("TypeError", f"{cls.name}.__new__() missing {len(missing)} required positional argument{'s' if len(missing) > 1 else ''}: " + " and ".join(repr(m) for m in missing), site, RUNTIME_ERROR)
    return tuple.__new__(real, [values.get(f, defaults.get(f)) for f in fields])


def tuple_attribute(ev, value: tuple, name: str, site) -> Any:
    cls = ev.tuple_models.get(type(value))
    if cls is None:
        return None
    _, real, fields, _ = cls.special
    if name in fields:
        return value[fields.index(name)]
    if name == "_fields":
        return tuple(fields)
    if name == "_asdict":
        return Modeled("namedtuple._asdict", value)
    if name == "_replace":
        return Modeled("namedtuple._replace", (cls, value))
    method = cls.namespace.get(name)
    if isinstance(method, (Function, StaticMethod, ClassMethod, Property)):
        return ev._bind(method, value, cls, site)
    return None


# --- dataclasses ------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class FieldSpec:
    """`dataclasses.field(...)` in a class body."""

    default: Any = NO_DEFAULT
    factory: Any = None
    init: bool = True
    repr: bool = True
    compare: bool = True


@attrs.frozen(eq=False)
class Field:
    """A dataclass field, as `dataclasses.fields()` has it."""

    name: str
    default: Any
    factory: Any
    init: bool
    repr: bool
    compare: bool
    initvar: bool = False  # an `InitVar` pseudo-field: an argument of `__init__` and `__post_init__`

    @property
    def has_default(self) -> bool:
        return self.default is not NO_DEFAULT


def make_dataclass(cls: Class, options: dict, site) -> Optional[Raised]:
    """What `@dataclass` does to the class: its fields (bases' first), the class
    attributes of their defaults, and CPython's errors."""
    fields: dict = {}
    for klass in reversed(cls.mro):
        if isinstance(klass, Class) and klass.dataclass is not None:
            for field in klass.fields:
                fields[field.name] = field
    for name, annotation in cls.annotations.items():
        if _is_classvar(annotation):
            continue
        value = cls.namespace.get(name, NO_DEFAULT)
        spec = value if isinstance(value, FieldSpec) else FieldSpec(default=value)
        if isinstance(spec.default, (list, dict, set)):
            return Raised(
                "ValueError", f"mutable default {type(spec.default)} for field {name} is not allowed: use default_factory",
                site, RUNTIME_ERROR,
            )
        if isinstance(value, FieldSpec):
            if spec.default is NO_DEFAULT:
                cls.namespace.pop(name, None)
            else:
                cls.namespace[name] = spec.default
        if _is_initvar(annotation) is None:
            return Unknown(f"whether the annotation of dataclass field `{name}` is an `InitVar` is not known statically", site)
        fields[name] = Field(name, spec.default, spec.factory, spec.init, spec.repr, spec.compare, bool(_is_initvar(annotation)))
    seen_default = None
    for field in fields.values():
        if not field.init:
            continue
        if field.has_default or field.factory is not None:
            seen_default = field.name
        elif seen_default is not None:
            return Raised("TypeError", f"non-default argument {field.name!r} follows default argument", site, RUNTIME_ERROR)
    cls.fields = list(fields.values())
    cls.dataclass = dict(options)
    return None


def _is_initvar(annotation: Any) -> Any:
    if isinstance(annotation, TypeForm):
        return annotation.origin == "dataclasses.InitVar"
    if isinstance(annotation, str):
        return None if "InitVar" in annotation else False
    return False


def _is_classvar(annotation: Any) -> bool:
    if isinstance(annotation, TypeForm):
        return annotation.origin == "typing.ClassVar"
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return False
