"""Models of the stdlib's class machinery and wrappers: `dataclasses` (the decorator,
`field`, `replace`, `asdict`), `enum.auto` / `enum.unique`, named tuples
(`collections.namedtuple` and their `_replace` / `_asdict`), `functools` (`partial`,
`wraps`, `update_wrapper`) and `contextlib.suppress`. Each is registered in `calls.CALLS`
with the signature the real callable has."""

from __future__ import annotations

from typing import Any

import attrs
from dlt_manifest.python import special
from dlt_manifest.python.plain import is_plain_shallow
from dlt_manifest.python.calls import _MISSING, modeled
from dlt_manifest.python.values import (
    NO_DEFAULT,
    Class,
    Instance,
    LibraryObject,
    Modeled,
    Raised,
    TypeForm,
    Unknown,
    is_poison,
)

RUNTIME_ERROR = "DM411"


_DATACLASS_OPTIONS = "init repr eq order unsafe_hash frozen match_args kw_only slots weakref_slot"


@modeled("dataclasses.dataclass", "(cls=None, /, *, init=True, repr=True, eq=True, order=False,"
         " unsafe_hash=False, frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False)")
def _dataclass(ev, call, bound, options):
    cls = bound.pop("cls")
    options = dict(options or {}, **bound)
    if cls is None:
        return Modeled("dataclasses.dataclass.apply", options)
    return _make_dataclass(ev, call, cls, options)


@modeled("dataclasses.dataclass.apply", "(cls, /)")
def _dataclass_apply(ev, call, bound, options):
    return _make_dataclass(ev, call, bound["cls"], options)


def _make_dataclass(ev, call, cls: Any, options: dict) -> Any:
    if not isinstance(cls, Class):
        return ev.not_static(cls, call.site, "a dataclass made of")
    unsupported = [k for k in ("kw_only", "slots", "order", "unsafe_hash") if options.get(k)]
    if unsupported or not options.get("init", True):
        return Unknown(f"dataclass option `{(unsupported or ['init'])[0]}` is not modeled", call.site, may_raise=True)
    problem = special.make_dataclass(cls, options, call.site)
    if problem is not None:
        return problem
    cls.decorators.append(Modeled("dataclasses.dataclass"))
    return cls


@modeled("dataclasses.field", "(*, default=MISSING, default_factory=MISSING, init=True, repr=True,"
         " hash=None, compare=True, metadata=None, kw_only=MISSING)")
def _field(ev, call, bound, _):
    default = NO_DEFAULT if bound["default"] is _MISSING else bound["default"]
    factory = None if bound["default_factory"] is _MISSING else bound["default_factory"]
    if default is not NO_DEFAULT and factory is not None:
        return Raised("ValueError", "cannot specify both default and default_factory", call.site, RUNTIME_ERROR)
    return special.FieldSpec(default, factory, bool(bound["init"]), bool(bound["repr"]), bool(bound["compare"]))


def _dataclass_instance(ev, obj: Any, call, what: str) -> Any:
    if not isinstance(obj, Instance) or obj.cls.dataclass is None:
        if is_poison(obj):
            return obj
        return Raised("TypeError", f"{what}() should be called on dataclass instances", call.site, RUNTIME_ERROR)
    return None


@modeled("dataclasses.replace", "(obj, /, **changes)")
def _replace(ev, call, bound, _):
    obj = bound["obj"]
    problem = _dataclass_instance(ev, obj, call, "replace")
    if problem is not None:
        return problem
    for f in obj.cls.fields:
        if f.initvar and not f.has_default and f.name not in bound["changes"]:
            return Raised("ValueError", f"InitVar {f.name!r} must be specified with replace()", call.site, RUNTIME_ERROR)
    values = {f.name: f.default if f.initvar else obj.attributes.get(f.name) for f in obj.cls.fields if f.init}
    values.update(bound["changes"])
    return ev.instantiate(obj.cls, [], values, call)


@modeled("dataclasses.asdict", "(obj, *, dict_factory=MISSING)")
def _asdict(ev, call, bound, _):
    obj = bound["obj"]
    problem = _dataclass_instance(ev, obj, call, "asdict")
    if problem is not None:
        return problem
    if bound["dict_factory"] is not _MISSING:
        return Unknown("asdict() with dict_factory is not modeled", call.site)
    return _as_plain(obj)


def _as_plain(value: Any) -> Any:
    """`asdict`'s deep copy: dataclass instances become dicts, containers are copied."""
    if isinstance(value, Instance) and value.cls.dataclass is not None:
        return {f.name: _as_plain(value.attributes.get(f.name)) for f in value.cls.fields if not f.initvar}
    if isinstance(value, list):
        return [_as_plain(v) for v in value]
    if isinstance(value, tuple) and type(value) is tuple:
        return tuple(_as_plain(v) for v in value)
    if isinstance(value, dict):
        return {_as_plain(k): _as_plain(v) for k, v in value.items()}
    return value


@modeled("dataclasses.fields", "(class_or_instance, /)")
def _fields(ev, call, bound, _):
    """`dataclasses.fields()`: the fields (not the `InitVar`s), as `Field` objects."""
    value = bound["class_or_instance"]
    cls = value.cls if isinstance(value, Instance) else value
    if not isinstance(cls, Class) or cls.dataclass is None:
        if is_poison(value):
            return value
        return Raised("TypeError", "must be called with a dataclass type or instance", call.site, RUNTIME_ERROR)
    return tuple(f for f in cls.fields if not f.initvar)


def field_attribute(field: Any, name: str, site) -> Any:
    """`Field.name`, `.init`, `.repr`, `.compare` of `dataclasses.fields()`."""
    if name in ("name", "init", "repr", "compare"):
        return getattr(field, name)
    return Unknown(f"`Field.{name}` is not modeled", site)


@modeled("enum.auto", "()")
def _auto(ev, call, bound, _):
    return Modeled("enum.auto-value")


@modeled("enum.unique", "(enumeration, /)")
def _unique(ev, call, bound, _):
    cls = bound["enumeration"]
    if not (isinstance(cls, Class) and cls.special is not None and cls.special[0] == "enum"):
        return ev.not_static(cls, call.site, "enum.unique of")
    real = cls.special[1]
    aliases = [(name, member.name) for name, member in real.__members__.items() if name != member.name]
    if aliases:
        details = ", ".join(f"{alias} -> {name}" for alias, name in aliases)
        return Raised("ValueError", f"duplicate values found in {real!r}: {details}", call.site, RUNTIME_ERROR)
    return cls


@modeled("namedtuple._asdict", "()")
def _namedtuple_asdict(ev, call, bound, value):
    return dict(zip(value._fields, value))


@modeled("namedtuple._replace", "(**changes)")
def _namedtuple_replace(ev, call, bound, state):
    cls, value = state
    values = dict(zip(value._fields, value))
    unknown = [k for k in bound["changes"] if k not in values]
    if unknown:
        return Raised("ValueError", f"Got unexpected field names: {unknown!r}", call.site, RUNTIME_ERROR)
    values.update(bound["changes"])
    return special.make_named_tuple(cls, [], values, call.site)


@modeled("collections.namedtuple", "(typename, field_names, *, rename=False, defaults=None, module=None)")
def _namedtuple(ev, call, bound, _):
    """`collections.namedtuple(...)`: a class of real tuples (see `special`)."""
    import keyword

    name, names, defaults = bound["typename"], bound["field_names"], bound["defaults"]
    if isinstance(names, str):
        names = names.replace(",", " ").split()
    if not isinstance(name, str) or not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names):
        return ev.not_static(names, call.site, "a namedtuple made of")
    if bound["rename"] or not (defaults is None or isinstance(defaults, (list, tuple))):
        return Unknown("namedtuple() with rename= or computed defaults is not modeled", call.site)
    for field in [name, *names]:  # CPython's checks, in its order
        if not field.isidentifier():
            return Raised("ValueError", f"Type names and field names must be valid identifiers: {field!r}", call.site, RUNTIME_ERROR)
        if keyword.iskeyword(field):
            return Raised("ValueError", f"Type names and field names cannot be a keyword: {field!r}", call.site, RUNTIME_ERROR)
    for position, field in enumerate(names):
        if field.startswith("_"):
            return Raised("ValueError", f"Field names cannot start with an underscore: {field!r}", call.site, RUNTIME_ERROR)
        if field in names[:position]:
            return Raised("ValueError", f"Encountered duplicate field name: {field!r}", call.site, RUNTIME_ERROR)
    if defaults is not None and len(defaults) > len(names):
        return Raised("TypeError", "Got more default values than field names", call.site, RUNTIME_ERROR)
    module = bound["module"] if isinstance(bound["module"], str) else call.scope.module.name
    owner = ev.modules.get(module, call.scope.module)
    namespace = {"__module__": module, "__qualname__": name}
    defaults = list(defaults or [])
    for field, default in zip(names[len(names) - len(defaults):], defaults):
        namespace[field] = default
    cls = Class(name, name, owner, [TypeForm("typing.NamedTuple")], namespace, dict.fromkeys(names), call.site)
    return special.build(ev, cls, call.site)


@attrs.define(eq=False)
class Partial(LibraryObject):
    """`functools.partial(func, *args, **keywords)`: calling it calls `func` with those
    arguments first."""

    func: Any
    args: tuple
    keywords: dict

    callable = True

    def describe(self) -> str:
        return "a `functools.partial` object"

    def attribute(self, ev, name: str, site) -> Any:
        if name in ("func", "args", "keywords"):
            return getattr(self, name)
        return super().attribute(ev, name, site)

    def call(self, ev, args: list, kwargs: dict, call) -> Any:
        return ev.call(self.func, [*self.args, *args], {**self.keywords, **kwargs}, call)


@modeled("functools.partial", "(func, /, *args, **keywords)")
def _partial(ev, call, bound, _):
    func = bound["func"]
    if is_poison(func):
        return func
    if is_plain_shallow(func):
        return Raised("TypeError", "the first argument must be callable", call.site, RUNTIME_ERROR)
    if isinstance(func, Partial):  # partial of a partial flattens, as CPython's does
        return Partial(func.func, func.args + tuple(bound["args"]), {**func.keywords, **bound["keywords"]})
    return Partial(func, tuple(bound["args"]), dict(bound["keywords"]))


_WRAPPER_ASSIGNMENTS = ("__module__", "__name__", "__qualname__", "__doc__")


@modeled("functools.update_wrapper", "(wrapper, wrapped, assigned=MISSING, updated=MISSING)")
def _update_wrapper(ev, call, bound, _):
    return _wrap(ev, call, bound["wrapper"], bound["wrapped"], bound["assigned"], bound["updated"])


@modeled("functools.wraps", "(wrapped, assigned=MISSING, updated=MISSING)")
def _wraps(ev, call, bound, _):
    return Modeled("functools.wraps.apply", (bound["wrapped"], bound["assigned"], bound["updated"]))


@modeled("functools.wraps.apply", "(wrapper, /)")
def _wraps_apply(ev, call, bound, state):
    wrapped, assigned, updated = state
    return _wrap(ev, call, bound["wrapper"], wrapped, assigned, updated)


def _wrap(ev, call, wrapper: Any, wrapped: Any, assigned: Any, updated: Any) -> Any:
    """`update_wrapper`: the wrapped function's attributes copied onto the wrapper (those
    it has), its `__dict__` merged, `__wrapped__` set."""
    names = _WRAPPER_ASSIGNMENTS if assigned is _MISSING else assigned
    merged = ("__dict__",) if updated is _MISSING else updated
    if not isinstance(names, (tuple, list)) or not isinstance(merged, (tuple, list)):
        return ev.not_static(names, call.site, "the attributes copied by functools.wraps:")
    for name in names:
        value = ev.get_attribute(wrapped, name, call.site)
        if isinstance(value, Raised) and value.exc == "AttributeError":
            continue
        problem = ev.set_attribute(wrapper, name, value, call.site)
        if isinstance(problem, Raised):
            return problem
    for name in merged:
        source = ev.get_attribute(wrapped, name, call.site)
        target = ev.get_attribute(wrapper, name, call.site)
        if isinstance(source, dict) and isinstance(target, dict):
            target.update(source)
        elif not (isinstance(source, Raised) and source.exc == "AttributeError"):
            ev.note_mutation(wrapper, call.site, "functools.wraps with attributes not known statically")
    problem = ev.set_attribute(wrapper, "__wrapped__", wrapped, call.site)
    return problem if isinstance(problem, Raised) else wrapper


@attrs.define(eq=False)
class Suppress(LibraryObject):
    """`contextlib.suppress(*exceptions)`: a `with` body raising one of them stops there
    without the error (followed in `interpreter.Interpreter._with`)."""

    exceptions: tuple

    def describe(self) -> str:
        return "a `contextlib.suppress` object"


@modeled("contextlib.suppress", "(*exceptions)")
def _suppress(ev, call, bound, _):
    return Suppress(tuple(bound["exceptions"]))
