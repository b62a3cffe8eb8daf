"""The object model: how values behave under attribute access, subscripts, assignment to
attributes, calls, truth tests and comparisons.

Plain data behaves as Python's own objects do (their methods are `Modeled` callables,
implemented in `builtins`); workspace functions, classes and modules are the analyzer's
own values; a library object (`LibraryObject`) says itself how it behaves; a modeled
callable is implemented by `calls.CALLS`. An attribute of an installed module that is not
modeled is an opaque `External`: using it in the manifest yields an `Unknown` naming it.
"""

from __future__ import annotations

import builtins as _python_builtins
import datetime
import enum
from typing import Any, Callable, Optional

import attrs
from dlt_manifest.python import (  # noqa: F401  (the models register their callables)
    builtins,
    classes,
    iterators,
    modules,
    plain,
    reflection,
    special,
    stdlib,
    stdtypes,
    syntax,
    typeforms,
)
from dlt_manifest.python.calls import CALLS, _bind, modeled
from dlt_manifest.python.typeforms import union  # noqa: F401  (where the models find it)
from dlt_manifest.python.plain import (
    _TIME,
    is_hashable_plain,
    is_plain,
    is_plain_shallow,
)
from dlt_manifest.python.values import (
    BoundMethod,
    Class,
    ExceptionValue,
    External,
    ExternalModule,
    Function,
    GeneratorValue,
    Instance,
    LibraryObject,
    Modeled,
    ModuleObject,
    ModuleSpec,
    NO_DEFAULT,
    Property,
    PythonVersion,
    Raised,
    Super,
    TypeForm,
    Unknown,
    describe,
    is_library,
    is_poison,
    raised_from,
)

RUNTIME_ERROR = "DM411"
NOT_STATIC = "DM901"
ENVIRONMENT = "DM906"
DYNAMIC_JOB = "DM902"

# Modeled keys that are classes: `X | Y` of them is a union (libraries add theirs)
TYPE_PREFIXES = ["builtins.", "typing.", "datetime.", "decimal."]
# Attributes of modeled objects: key -> fn(name, site), returning None when not modeled
MODELED_ATTRIBUTES: dict[str, Callable[[str, Any], Any]] = {}
# Attributes of values of a library's own types (pendulum's DateTime): (type,
# fn(value, name, site)) returning None when not modeled
VALUE_ATTRIBUTES: list = [(special.Field, stdtypes.field_attribute)]

def is_type_like(value: Any) -> bool:
    return isinstance(value, (TypeForm, Class)) or value is None or (
        isinstance(value, Modeled) and value.key.startswith(tuple(TYPE_PREFIXES))
    )


def identical(left: Any, right: Any) -> Optional[bool]:
    """`left is right`, where Python's answer does not depend on interning details."""
    if left is None or right is None or isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if is_plain_shallow(left) or is_plain_shallow(right):
        if type(left) is not type(right):
            return False
        return None
    return left is right


def compare_special(op: str, left: Any, right: Any) -> Optional[bool]:
    """`==`/`!=`/`in` involving non-plain values: identity semantics for our objects."""
    for version, other, flipped in ((left, right, False), (right, left, True)):
        if isinstance(version, PythonVersion) and isinstance(other, tuple) and all(
            isinstance(x, int) for x in other
        ):
            if flipped:
                op = {"LessThan": "GreaterThan", "GreaterThan": "LessThan",
                      "LessThanEqual": "GreaterThanEqual",
                      "GreaterThanEqual": "LessThanEqual"}.get(op, op)  # fmt: skip
            return version.compare(op, other)
    if op in ("Equal", "NotEqual"):
        if is_plain_shallow(left) != is_plain_shallow(right):
            if isinstance(left, (External, Unknown)) or isinstance(right, (External, Unknown)):
                return None
            return op == "NotEqual"
        if not is_plain_shallow(left) and not is_plain_shallow(right):
            if isinstance(left, External) or isinstance(right, External):
                return None
            same = left is right or (
                isinstance(left, (TypeForm, Modeled, ExternalModule)) and left == right
            )
            return same if op == "Equal" else not same
    return None


def truth_special(value: Any) -> Optional[bool]:
    if isinstance(value, LibraryObject):
        return value.truth()
    if isinstance(value, (Function, Class, ModuleObject, ExternalModule, Modeled, TypeForm, GeneratorValue)):
        return True
    return None


# --- builtins ---------------------------------------------------------------------------

# --- external modules -------------------------------------------------------------------


# --- attributes of values -----------------------------------------------------------------

_STR_METHODS = frozenset(
    "capitalize casefold center count endswith expandtabs find format index isalnum isalpha "
    "isascii isdecimal isdigit isidentifier islower isnumeric isprintable isspace istitle "
    "isupper join ljust lower lstrip partition removeprefix removesuffix replace rfind rindex "
    "rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title upper "
    "zfill encode".split()
)
_READ_METHODS = {
    list: frozenset(["index", "count", "copy"]),
    tuple: frozenset(["index", "count"]),
    dict: frozenset(["get", "keys", "values", "items", "copy"]),
    set: frozenset(["union", "intersection", "difference", "symmetric_difference", "issubset",
                    "issuperset", "isdisjoint", "copy"]),  # fmt: skip
    frozenset: frozenset(["union", "intersection", "difference", "issubset", "issuperset"]),
    bytes: frozenset(["decode", "hex"]),
}
_MUTATING = syntax.MUTATING_METHODS
_DATETIME_ATTRS = frozenset(
    "year month day hour minute second microsecond tzinfo fold min max resolution days "
    "seconds microseconds".split()
)
_DATETIME_METHODS = frozenset(
    "isoformat replace date time timetz astimezone utcoffset tzname weekday isoweekday "
    "isocalendar strftime total_seconds toordinal".split()
)


def attribute(ev, obj: Any, name: str, site) -> Any:
    added = modules.METHODS_ADDED.get((type(obj).__name__, name)) if type(obj) in _VERSIONED else None
    if added is not None and ev.python_version < added:
        return Raised("AttributeError", f"{type(obj).__name__!r} object has no attribute {name!r}", site, RUNTIME_ERROR)
    if isinstance(obj, enum.Enum):
        found = special.member_attribute(ev, obj, name, site)
        if found is not None:
            return found
    elif isinstance(obj, tuple) and type(obj) is not tuple:
        found = special.tuple_attribute(ev, obj, name, site)
        if found is not None:
            return found
    for kind, model in VALUE_ATTRIBUTES:
        if isinstance(obj, kind):
            found = model(obj, name, site)
            if found is not None:
                return found
    if isinstance(obj, Instance):
        return ev.instance_attribute(obj, name, site)
    if isinstance(obj, ExceptionValue) and name == "args" and obj.args is not None:
        return obj.args
    if isinstance(obj, Super):
        return ev.super_attribute(obj, name, site)
    if isinstance(obj, Property) and name in ("setter", "getter", "deleter"):
        return Modeled("property.copy", (obj, name))
    if isinstance(obj, str) and name in _STR_METHODS:
        return Modeled("method", (obj, name))
    for py_type, names in _READ_METHODS.items():
        if type(obj) is py_type and name in names:
            return Modeled("method", (obj, name))
    if isinstance(obj, (list, dict, set)) and name in _MUTATING and hasattr(type(obj), name):
        return Modeled("mutating-method", (obj, name))
    if isinstance(obj, _TIME):
        if name in _DATETIME_ATTRS:
            return getattr(obj, name)
        if name in _DATETIME_METHODS:
            return Modeled("method", (obj, name))
    if is_plain_shallow(obj):
        if not hasattr(obj, name):
            return Raised("AttributeError", f"{type(obj).__name__!r} object has no attribute {name!r}", site, RUNTIME_ERROR)
        return Unknown(f"attribute `{name}` of {describe(obj)} is not modeled", site)
    if isinstance(obj, External):
        return External(f"{obj.qualname}.{name}", site)
    if isinstance(obj, LibraryObject):
        return obj.attribute(ev, name, site)
    if isinstance(obj, Function):
        return function_attribute(obj, name, site)
    if isinstance(obj, Class):
        if obj.special is not None:
            if obj.special[0] == "enum":
                found = special.enum_attribute(ev, obj, name, site)
                if found is not None:
                    return found
            elif name in obj.special[2]:
                return Unknown(f"`{obj.name}.{name}` is the named tuple's field descriptor, not a value", site)
        return ev.class_attribute(obj, name, site)
    if isinstance(obj, ModuleSpec):
        if name in ("name", "parent"):
            return getattr(obj, name)
        if name == "submodule_search_locations" and not obj.is_package:
            return None
        return Unknown(f"`__spec__.{name}` depends on where the workspace is deployed", site)
    if isinstance(obj, PythonVersion) and name in ("major", "minor"):
        return getattr(obj, name)
    if isinstance(obj, Modeled):
        return _modeled_attribute(obj, name, site)
    return Unknown(f"attribute `{name}` of {describe(obj)} is not modeled", site, may_raise=True)


def function_attribute(fn: Function, name: str, site) -> Any:
    if name == "__name__":
        return fn.name
    if name == "__qualname__":
        return fn.qualname
    if name == "__module__":
        return fn.module_name
    if name == "__doc__":
        return fn.doc
    if name in fn.attributes:
        return fn.attributes[name]
    if name == "__dict__":
        return fn.attributes
    if name == "__defaults__":
        defaults = tuple(p.default for p in fn.params if p.kind in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD") and p.has_default)
        return defaults or None
    if name == "__kwdefaults__":
        defaults = {p.name: p.default for p in fn.params if p.kind == "KEYWORD_ONLY" and p.has_default}
        return defaults or None
    if not hasattr(plain.stand_in_function, name):  # a function has it or not (`__wrapped__` unless set)
        return Raised("AttributeError", f"'function' object has no attribute {name!r}", site, RUNTIME_ERROR)
    return Unknown(f"attribute `{name}` of function `{fn.name}` is not modeled", site)



def signature_function(fn: Function) -> Any:
    """The function whose parameters `inspect.signature(fn)` reports: it follows
    `__wrapped__` (as `functools.wraps` sets it); Unknown when that is not a function."""
    seen = 0
    while "__wrapped__" in fn.attributes and seen < 100:
        wrapped = fn.attributes["__wrapped__"]
        if not isinstance(wrapped, Function):
            return wrapped if is_poison(wrapped) else Unknown(
                f"`{fn.name}.__wrapped__` is {describe(wrapped)}: its signature is not known statically", fn.site
            )
        fn, seen = wrapped, seen + 1
    return fn


def _modeled_attribute(obj: Modeled, name: str, site) -> Any:
    key = obj.key
    if key == "string.Template.object" and name in ("substitute", "safe_substitute", "template"):
        return obj.bound if name == "template" else Modeled(f"string.Template.{name}", obj.bound)
    if key == "builtins.dict" and name == "fromkeys":
        return Modeled("builtins.dict.fromkeys")
    if key == "builtins.object" and name == "__setattr__":
        return Modeled("object.__setattr__")
    if key == "builtins.str" and name in _STR_METHODS:
        return Modeled("str.unbound-method", name)  # `str.upper`: called with the string first
    if key.startswith("builtins.") and name in ("__name__", "__qualname__"):
        real = getattr(_python_builtins, key[9:], None)
        if isinstance(getattr(real, "__name__", None), str):
            return real.__name__
    model = MODELED_ATTRIBUTES.get(key)
    if model is not None:
        value = model(name, site)
        if value is not None:
            return value
    if key == "datetime.timezone" and name == "utc":
        return datetime.timezone.utc
    if key in ("datetime.datetime", "datetime.date") and name in (
        "now", "today", "utcnow", "fromtimestamp", "fromisoformat", "strptime",
        "utcfromtimestamp", "combine", "min", "max",
    ):  # fmt: skip
        if name in ("min", "max"):
            return getattr(datetime.datetime if key.endswith("datetime") else datetime.date, name)
        return Modeled(f"{key}.{name}")
    if key == "os.environ":
        return Modeled("os.environ.get") if name == "get" else _environment(site)
    real = getattr(_python_builtins, key[9:], None) if key.startswith("builtins.") and obj.bound is None else None
    if isinstance(real, type):  # a builtin class: it has the attribute or not; using it runs CPython's code
        if not hasattr(real, name):
            return Raised("AttributeError", f"type object {real.__name__!r} has no attribute {name!r}", site, RUNTIME_ERROR)
        return Unknown(f"`{key}.{name}` is not modeled", site, may_raise=True)
    return Unknown(f"`{key}.{name}` is not modeled", site)


def subscript(ev, obj: Any, key: Any, site) -> Any:
    if isinstance(obj, TypeForm) or (isinstance(obj, Modeled) and obj.key in typeforms.BUILTIN_GENERICS):
        return typeforms.subscript(obj, key, ev.python_version, site)
    if isinstance(obj, Modeled):
        if obj.key == "os.environ":
            return _environment(site)
        if obj.key == "sys.modules":
            return ev.loaded_module(key, site)
    if isinstance(obj, External) and typeforms.is_typing_name(obj.qualname):
        return typeforms.refused(f"`{obj.qualname}[...]`", site)
    if isinstance(obj, (External, ExternalModule)):
        return External(f"{describe(obj).strip('`')}[...]", site)
    if isinstance(obj, Class) and obj.special is not None and obj.special[0] == "enum" and is_hashable_plain(key):
        try:
            return obj.special[1][key]  # `Color["RED"]`: a member by its name (the real enum's lookup)
        except KeyError as ex:
            return raised_from(ex, site, RUNTIME_ERROR)
    if _not_subscriptable(obj):
        if isinstance(obj, Function):
            message = "'function' object is not subscriptable"
        elif ev.python_version >= (3, 11):
            message = f"type {obj.name if isinstance(obj, Class) else obj.key[len('builtins.'):]!r} is not subscriptable"
        else:
            message = "'type' object is not subscriptable"
        return Raised("TypeError", message, site, RUNTIME_ERROR)
    if isinstance(obj, PythonVersion):
        if key in (0, 1):
            return (obj.major, obj.minor)[key]
        if key == slice(None, 2, None):
            return (obj.major, obj.minor)
        return Unknown("only the major and minor Python versions are known", site)
    if not is_plain_shallow(obj):
        # the workspace's `__getitem__`/`__class_getitem__` or CPython's own (or a TypeError);
        # a library's class is assumed to take its subscript (`dlt.sources.incremental[str]`)
        return Unknown(f"subscript of {describe(obj)} is not modeled", site, may_raise=not is_library(obj))
    if isinstance(key, slice) and not all(
        v is None or isinstance(v, int) for v in (key.start, key.stop, key.step)
    ):
        return Unknown("slice bounds are not constants", site)
    if not is_hashable_plain(key) and not isinstance(key, slice):
        return Unknown(f"subscript with {describe(key)}", site)
    try:
        return obj[key]
    except (KeyError, IndexError, TypeError, ValueError) as ex:
        return raised_from(ex, site, RUNTIME_ERROR)


def _not_subscriptable(obj: Any) -> bool:
    """A function, a builtin class that is no generic (`str`), or a workspace class
    nothing of which (its bases, its metaclass, a `__class_getitem__`) makes it one."""
    if isinstance(obj, Function):
        return True
    if isinstance(obj, Modeled):
        return obj.bound is None and obj.key in _PLAIN_BUILTIN_TYPES
    if not isinstance(obj, Class):
        return False
    for cls in (obj, *obj.mro):
        if isinstance(cls, Modeled) and cls.key == "builtins.object":
            continue
        if not isinstance(cls, Class) or cls.metaclass is not None or cls.special is not None:
            return False
        if "__class_getitem__" in cls.namespace:
            return False
    return True


_VERSIONED = (str, bytes, int, bool)  # the types `modules.METHODS_ADDED` lists methods of
_PLAIN_BUILTIN_TYPES = frozenset(f"builtins.{name}" for name in "int str float bool bytes bytearray complex object".split())


def set_attribute(ev, obj: Any, name: str, value: Any, site) -> Optional[Any]:
    """`obj.name = value`: done to the object; a Raised where the runtime raises."""
    if isinstance(obj, Function):
        return _set_function_attribute(obj, name, value, site)
    if isinstance(obj, ModuleObject):
        obj.namespace[name] = value
        return None
    if isinstance(obj, ExternalModule):
        ev.set_external_attribute(obj.name, name, value)
        return None
    if isinstance(obj, LibraryObject):
        return obj.set_attribute(ev, name, value, site)
    if isinstance(obj, Class):
        if obj.special is not None and obj.special[0] == "enum" and name in obj.special[1].__members__:
            return Raised("AttributeError", f"cannot reassign member {name!r}", site, RUNTIME_ERROR)
        obj.namespace[name] = value
        return None
    if isinstance(obj, enum.Enum):  # CPython's own member: its `name`/`value` are read-only
        try:
            setattr(obj, name, value)
        except AttributeError as ex:
            return Raised("AttributeError", str(ex), site, RUNTIME_ERROR)
        return None
    if isinstance(obj, Instance):
        if obj.frozen:
            return Raised("FrozenInstanceError", f"cannot assign to field {name!r}", site, RUNTIME_ERROR)
        setter = classes.lookup(obj.cls, "__setattr__")[1]
        if isinstance(setter, Function):
            result = ev.call_function(setter, [obj, name, value], {}, _Call(site))
            return result if isinstance(result, Raised) else None
        return generic_set_attribute(ev, obj, name, value, site)
    if isinstance(obj, Modeled) and isinstance(obj.bound, tuple) and obj.bound:
        owner = obj.bound[0]
        if isinstance(owner, LibraryObject):  # e.g. `app._config.app_title = ...`
            owner.changed(site)
        return None
    if isinstance(obj, Unknown):
        # an object not known statically: it may be any object of the workspace
        ev.taint_everything(Unknown(f"an attribute of a value not known statically is set ({obj.reason})", site, "DM903", may_be_job=True))
        return None
    if isinstance(obj, External) or isinstance(obj, Raised):
        return None  # a library's own object
    return Raised(
        "AttributeError", f"{type(obj).__name__!r} object has no attribute {name!r}", site, RUNTIME_ERROR
    )


def generic_set_attribute(ev, obj: Instance, name: str, value: Any, site) -> Optional[Any]:
    """`object.__setattr__(obj, name, value)`: a property of the class sets it; else it is
    the instance's own attribute, one its class's `__slots__` declares if it has them."""
    cls = obj.cls
    descriptor = classes.lookup(cls, name)[1]
    if isinstance(descriptor, Property):
        if descriptor.fset is None:
            return Raised("AttributeError", f"property {name!r} of {cls.name!r} object has no setter", site, RUNTIME_ERROR)
        result = ev.call(descriptor.fset, [obj, value], {}, _Call(site))
        return result if isinstance(result, Raised) else None
    if isinstance(descriptor, Instance) and classes.lookup(descriptor.cls, "__set__")[0] is not None:
        setter = classes.lookup(descriptor.cls, "__set__")[1]
        if not isinstance(setter, Function):
            return Unknown(f"the descriptor {describe(descriptor)} is not modeled", site)
        result = ev.call_function(setter, [descriptor, obj, value], {}, _Call(site))
        return result if isinstance(result, Raised) else None
    slots = classes.instance_slots(cls)
    if slots is not None and name not in slots:
        if descriptor is not None:
            return Raised("AttributeError", f"{cls.name!r} object attribute {name!r} is read-only", site, RUNTIME_ERROR)
        return Raised("AttributeError", f"{cls.name!r} object has no attribute {name!r}", site, RUNTIME_ERROR)
    if name == "args" and classes.is_exception_class(cls):  # BaseException's setter
        items = ev.iterate(value, site)
        if isinstance(items, Raised):
            return items
        value = items if is_poison(items) else tuple(items)
    obj.attributes[name] = value
    return None


@modeled("object.__setattr__.bound", "(name, value, /)")
def _object_setattr_bound(ev, call, bound, obj):
    """`super().__setattr__(name, value)` reaching `object`."""
    return _object_setattr(ev, call, {"obj": obj, **bound}, None)


@modeled("object.__setattr__", "(obj, name, value, /)")
def _object_setattr(ev, call, bound, _):
    """`object.__setattr__(obj, name, value)`: bypasses the class's own `__setattr__` and
    a frozen dataclass's."""
    obj, name, value = bound["obj"], bound["name"], bound["value"]
    for item in (obj, name):
        if is_poison(item):
            return item
    if not isinstance(name, str):
        return Raised("TypeError", f"attribute name must be string, not '{type(name).__name__}'", call.site, RUNTIME_ERROR)
    if not isinstance(obj, Instance):
        ev.note_mutation(obj, call.site, "`object.__setattr__`")
        return Unknown(f"`object.__setattr__` on {describe(obj)} is not modeled", call.site)
    return generic_set_attribute(ev, obj, name, value, call.site)


def _set_function_attribute(fn: Function, name: str, value: Any, site) -> Optional[Any]:
    """The attributes of a function that change what it is (its name, its signature)."""
    if name in ("__name__", "__qualname__"):
        if not isinstance(value, str):
            if is_poison(value):
                value = value
            else:
                return Raised("TypeError", f"{name} must be set to a string object", site, RUNTIME_ERROR)
        setattr(fn, "name" if name == "__name__" else "qualname", value)
        return None
    if name == "__module__":
        fn.module_name = value
        return None
    if name == "__doc__":
        fn.doc = value if value is None or isinstance(value, str) or is_poison(value) else Unknown(
            "`__doc__` set to a value that is not a string", site
        )
        return None
    if name == "__defaults__":
        return _set_defaults(fn, value, site, positional=True)
    if name == "__kwdefaults__":
        return _set_defaults(fn, value, site, positional=False)
    fn.attributes[name] = value
    return None


def _set_defaults(fn: Function, value: Any, site, positional: bool) -> Optional[Any]:
    """`fn.__defaults__ = (...)` / `fn.__kwdefaults__ = {...}`: the signature's defaults."""
    kinds = ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD") if positional else ("KEYWORD_ONLY",)
    expected = tuple if positional else dict
    if value is not None and not is_poison(value) and not isinstance(value, expected):
        what = "__defaults__ must be set to a tuple object" if positional else "__kwdefaults__ must be set to a dict object"
        return Raised("TypeError", what, site, RUNTIME_ERROR)
    names = [p.name for p in fn.params if p.kind in kinds]
    if is_poison(value):
        defaults = dict.fromkeys(names, value)
    elif positional:
        given = list(value or ())[-len(names):] if names else []
        defaults = dict(zip(names[len(names) - len(given):], given))
    else:
        defaults = {k: v for k, v in (value or {}).items() if k in names}
    fn.params = [
        attrs.evolve(p, default=defaults.get(p.name, NO_DEFAULT)) if p.kind in kinds else p
        for p in fn.params
    ]
    return None


def _environment(site) -> Unknown:
    return Unknown(
        "the value comes from the environment (`os.environ`), known only at run time",
        site,
        ENVIRONMENT,
    )


# --- calls ------------------------------------------------------------------------------


def call(ev, callee: Any, args: list, kwargs: dict, site_info) -> Any:
    site = site_info.site
    if isinstance(callee, Modeled):
        if _consumes_iterables(callee):
            args = [ev.iterate(a, site) if isinstance(a, GeneratorValue) else a for a in args]
        impl = CALLS.get(callee.key)
        if impl is None:
            return Unknown(f"calling `{callee.key}` is not modeled", site, may_raise=not is_library(callee))
        signature, fn = impl
        bound = _bind(signature, args, kwargs, callee.key, site)
        if isinstance(bound, Raised):
            return bound
        if ev.reuse is not None and not is_library(callee):  # (an installed library's models change nothing given)
            ev.reuse.handed(callee.bound, args, kwargs)
        return fn(ev, site_info, bound, callee.bound)
    if isinstance(callee, LibraryObject):
        if ev.reuse is not None:
            ev.reuse.handed(callee, (), {})
        return callee.call(ev, args, kwargs, site_info)
    if isinstance(callee, Function):
        return ev.call_function(callee, args, kwargs, site_info)
    if isinstance(callee, BoundMethod):
        return ev.call_function(callee.function, [callee.owner, *args], kwargs, site_info)
    if isinstance(callee, External):
        ev.unknown_call_effects(callee, args, kwargs, site)
        return External(f"{callee.qualname}(...)", site)
    if isinstance(callee, Class):
        if callee.special is not None and callee.special[0] == "enum":
            return _call_plain(callee.special[1], args, kwargs, site)  # a member by its value
        if callee.special is not None:
            return special.make_named_tuple(callee, args, kwargs, site)
        return ev.instantiate(callee, args, kwargs, site_info)
    if isinstance(callee, ExternalModule):
        return Raised("TypeError", "'module' object is not callable", site, RUNTIME_ERROR)
    if is_plain_shallow(callee):
        return Raised(
            "TypeError", f"{type(callee).__name__!r} object is not callable", site, RUNTIME_ERROR
        )
    return Unknown(f"calling {describe(callee)} is not modeled", site, may_raise=True)


_CONSUMERS = frozenset(
    f"builtins.{name}" for name in
    "list tuple set frozenset dict sorted sum min max".split()  # (zip, enumerate: lazy)
)


def _call_plain(callee: Any, args: list, kwargs: dict, site) -> Any:
    """A call of CPython's own callable on plain values."""
    for value in (*args, *kwargs.values()):
        if is_poison(value):
            return value
        if not is_plain(value):
            return Unknown(f"calling with {describe(value)} is not evaluated statically", site)
    try:
        return callee(*args, **kwargs)
    except (TypeError, ValueError, KeyError) as ex:
        return raised_from(ex, site, RUNTIME_ERROR)


def _consumes_iterables(callee: Modeled) -> bool:
    """Builtins that iterate an iterable argument at once: a generator is consumed."""
    if callee.key in _CONSUMERS:
        return True
    if callee.key in ("method", "mutating-method") and isinstance(callee.bound, tuple):
        return callee.bound[1] in ("join", "extend", "update", "union", "intersection", "difference")
    return False


class _Call:
    """The sites of a call the object model makes itself (a property's setter)."""

    __slots__ = ("site", "arg_sites", "scope")

    def __init__(self, site):
        self.site = site
        self.arg_sites = {}
        self.scope = None

    def arg_site(self, *keys):
        return self.site
