"""The stdlib pieces workspaces use for constants: `datetime`, `zoneinfo`, `decimal`,
`typing`, `dataclasses`, and the calls whose value is the environment's or the clock's.
Each is registered in `calls.CALLS` with the signature the real callable has.
"""

from __future__ import annotations

import datetime
import pathlib
import posixpath
import string
import zoneinfo
from typing import Any

import attrs

from dlt_manifest.python import special
from dlt_manifest.python.builtins import _opaque_call
from dlt_manifest.python.calls import _MISSING, CALLS, _plain_args, _sig, modeled
from dlt_manifest.python.plain import is_plain
from dlt_manifest.python.values import (
    NO_DEFAULT,
    Class,
    GeneratorValue,
    Instance,
    LibraryObject,
    Modeled,
    Raised,
    TypeForm,
    Unknown,
    describe,
    is_poison,
)

RUNTIME_ERROR = "DM411"
CLOCK = "DM905"
ENVIRONMENT = "DM906"


_opaque_call("os.getenv", "the value comes from the environment (`os.getenv`), known only at run time", ENVIRONMENT)


_opaque_call("os.environ.get", "the value comes from the environment (`os.environ`), known only at run time", ENVIRONMENT)


_opaque_call("clock.now", "the value is the clock's time when the manifest is generated: it differs on every run", CLOCK)


for _key in ("datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today",
             "datetime.date.today"):  # fmt: skip
    _opaque_call(_key, "the value is the clock's time when the manifest is generated: it differs on every run", CLOCK)


def _tz(value: Any, site) -> Any:
    """A tzinfo argument: None, a stdlib timezone, or a zone name (pendulum)."""
    if value is None or isinstance(value, datetime.tzinfo):
        return value
    if isinstance(value, str):
        try:
            return zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return Raised("InvalidTimezone", f"Invalid timezone {value!r}", site, RUNTIME_ERROR)
    return Unknown(f"time zone {describe(value)} is not modeled", site)


def _datetime_call(py_callable, what):
    def apply(ev, call, bound, _):
        problem = _plain_args(bound)
        if problem is not None:
            return problem
        kwargs = {k: v for k, v in bound.items() if v is not _MISSING}
        if "tzinfo" in kwargs:
            tz = _tz(kwargs["tzinfo"], call.site)
            if is_poison(tz):
                return tz
            kwargs["tzinfo"] = tz
        if not is_plain(list(v for k, v in kwargs.items() if k != "tzinfo")):
            return Unknown(f"{what} of non-constant values", call.site)
        try:
            return py_callable(**kwargs)
        except (TypeError, ValueError, OverflowError) as ex:
            return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)

    return apply


CALLS["datetime.datetime"] = (
    _sig("(year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0)"),
    _datetime_call(datetime.datetime, "datetime()"),
)


CALLS["datetime.date"] = (_sig("(year, month, day)"), _datetime_call(datetime.date, "date()"))


CALLS["datetime.time"] = (
    _sig("(hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0)"),
    _datetime_call(datetime.time, "time()"),
)


CALLS["datetime.timedelta"] = (
    _sig("(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)"),
    _datetime_call(datetime.timedelta, "timedelta()"),
)


@modeled("datetime.timezone", "(offset, name=MISSING)")
def _timezone(ev, call, bound, _):
    offset, name = bound["offset"], bound["name"]
    if not isinstance(offset, datetime.timedelta):
        return ev.not_static(offset, call.site, "timezone() of")
    try:
        return datetime.timezone(offset) if name is _MISSING else datetime.timezone(offset, name)
    except (TypeError, ValueError) as ex:
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)


@modeled("zoneinfo.ZoneInfo", "(key)")
def _zoneinfo(ev, call, bound, _):
    return _tz(bound["key"], call.site)


def _from_string(name: str, parse):
    @modeled(name, "(date_string, /)")
    def apply(ev, call, bound, _):
        value = bound["date_string"]
        if not isinstance(value, str):
            return ev.not_static(value, call.site, f"{name}() of")
        try:
            return parse(value)
        except ValueError as ex:
            return Raised("ValueError", str(ex), call.site, RUNTIME_ERROR)

    return apply


_from_string("datetime.datetime.fromisoformat", datetime.datetime.fromisoformat)


_from_string("datetime.date.fromisoformat", datetime.date.fromisoformat)


@modeled("datetime.datetime.fromtimestamp", "(timestamp, tz=None)")
def _fromtimestamp(ev, call, bound, _):
    ts, tz = bound["timestamp"], bound["tz"]
    if tz is None:
        return Unknown("fromtimestamp() without tz= uses the machine's time zone", call.site)
    if not isinstance(ts, (int, float)) or not isinstance(tz, datetime.tzinfo):
        return ev.not_static(ts, call.site, "fromtimestamp() of")
    try:
        return datetime.datetime.fromtimestamp(ts, tz)
    except (OverflowError, OSError, ValueError) as ex:
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)


@modeled("datetime.datetime.strptime", "(date_string, format, /)")
def _strptime(ev, call, bound, _):
    if not (isinstance(bound["date_string"], str) and isinstance(bound["format"], str)):
        return ev.not_static(bound["date_string"], call.site, "strptime() of")
    if any(d in bound["format"] for d in ("%a", "%A", "%b", "%B", "%p", "%c", "%x", "%X")):
        return Unknown("strptime() with locale-dependent directives", call.site)
    try:
        return datetime.datetime.strptime(bound["date_string"], bound["format"])
    except ValueError as ex:
        return Raised("ValueError", str(ex), call.site, RUNTIME_ERROR)


@modeled("decimal.Decimal", "(value='0', context=None)")
def _decimal(ev, call, bound, _):
    import decimal

    value = bound["value"]
    if bound["context"] is not None or not isinstance(value, (str, int, float, decimal.Decimal)):
        return ev.not_static(value, call.site, "Decimal() of")
    try:
        return decimal.Decimal(value)
    except (decimal.InvalidOperation, ValueError, TypeError) as ex:
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)


@modeled("typing.NewType", "(name, tp)")
def _newtype(ev, call, bound, _):
    return TypeForm("typing.NewType", (bound["tp"],))


@modeled("typing.cast", "(typ, val)")
def _cast(ev, call, bound, _):
    return bound["val"]


@modeled("typing.TypeVar", "(name, *constraints, **kwargs)")
def _typevar(ev, call, bound, _):
    return TypeForm("typing.TypeVar")


@modeled("typing.overload", "(func)")
def _overload(ev, call, bound, _):
    return bound["func"]


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
        return Unknown(f"dataclass option `{(unsupported or ['init'])[0]}` is not modeled", call.site)
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
    values = {f.name: obj.attributes.get(f.name) for f in obj.cls.fields if f.init}
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
        return {f.name: _as_plain(value.attributes.get(f.name)) for f in value.cls.fields}
    if isinstance(value, list):
        return [_as_plain(v) for v in value]
    if isinstance(value, tuple) and type(value) is tuple:
        return tuple(_as_plain(v) for v in value)
    if isinstance(value, dict):
        return {_as_plain(k): _as_plain(v) for k, v in value.items()}
    return value


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


# functools ---------------------------------------------------------------------------------


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


# contextlib ---------------------------------------------------------------------------------


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
    for field in [name, *names]:
        if not field.isidentifier() or keyword.iskeyword(field) or (field is not name and field.startswith("_")):
            return Raised("ValueError", f"Type names and field names must be valid identifiers: {field!r}", call.site, RUNTIME_ERROR)
    module = bound["module"] if isinstance(bound["module"], str) else call.scope.module.name
    owner = ev.modules.get(module, call.scope.module)
    namespace = {"__module__": module, "__qualname__": name}
    defaults = list(defaults or [])
    for field, default in zip(names[len(names) - len(defaults):], defaults):
        namespace[field] = default
    cls = Class(name, name, owner, [TypeForm("typing.NamedTuple")], namespace, dict.fromkeys(names), call.site)
    return special.build(ev, cls, call.site)


# datetime.combine ---------------------------------------------------------------------------


@modeled("datetime.datetime.combine", "(date, time, tzinfo=MISSING)")
def _combine(ev, call, bound, _):
    date, time, tz = bound["date"], bound["time"], bound["tzinfo"]
    if not isinstance(date, datetime.date) or not isinstance(time, datetime.time):
        return ev.not_static(date if not isinstance(date, datetime.date) else time, call.site, "datetime.combine() of")
    if tz is not _MISSING and tz is not None and not isinstance(tz, datetime.tzinfo):
        return ev.not_static(tz, call.site, "datetime.combine() with tzinfo")
    try:
        if tz is _MISSING:
            return datetime.datetime.combine(date, time)
        return datetime.datetime.combine(date, time, tzinfo=tz)
    except (TypeError, ValueError) as ex:
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)


# importlib -----------------------------------------------------------------------------------


@modeled("importlib.import_module", "(name, package=None)")
def _import_module(ev, call, bound, _):
    name, package = bound["name"], bound["package"]
    if not isinstance(name, str) or not (package is None or isinstance(package, str)):
        return ev.not_static(name, call.site, "importlib.import_module() of")
    level = len(name) - len(name.lstrip("."))
    if level:
        if not package:
            return Raised("TypeError", f"the 'package' argument is required to perform a relative import for {name!r}", call.site, RUNTIME_ERROR)
        bits = package.rsplit(".", level - 1)
        if len(bits) < level:
            return Raised("ImportError", "attempted relative import beyond top-level package", call.site, "DM401")
        name = f"{bits[0]}.{name[level:]}" if name[level:] else bits[0]
    return ev.import_module(name, call.site)


# iterators (itertools, map, filter, zip, enumerate, reversed) ----------------------------------


def _iterator(stream, calls: Any = None) -> GeneratorValue:
    """An iterator: its items are made when it is consumed, once (as a generator's);
    `calls`: a workspace callable it calls for its items (its effects are tainted if the
    iteration cannot be followed to its end)."""
    return GeneratorValue(None, calls, None, stream)


def _items_of(ev, call, iterable: Any):
    """The items of an iterable, one at a time (a poison item ends them)."""
    if isinstance(iterable, GeneratorValue):
        yield from ev.generator_stream(iterable)
        return
    items = ev.iterate(iterable, call.site)
    if is_poison(items):
        yield items
        return
    yield from items


@modeled("itertools.chain", "(*iterables)")
def _chain(ev, call, bound, _):
    def stream():
        for iterable in bound["iterables"]:
            yield from _items_of(ev, call, iterable)

    return _iterator(stream())


@modeled("itertools.chain.from_iterable", "(iterable, /)")
def _chain_from_iterable(ev, call, bound, _):
    def stream():
        for iterable in _items_of(ev, call, bound["iterable"]):
            if is_poison(iterable):
                yield iterable
                return
            yield from _items_of(ev, call, iterable)

    return _iterator(stream())


@modeled("builtins.enumerate", "(iterable, start=0)")
def _enumerate(ev, call, bound, _):
    start = bound["start"]
    if not isinstance(start, int):
        return ev.not_static(start, call.site, "enumerate() from")

    def stream():
        for index, item in enumerate(_items_of(ev, call, bound["iterable"]), start):
            yield item if is_poison(item) else (index, item)

    return _iterator(stream())


@modeled("builtins.zip", "(*iterables, strict=False)")
def _zip(ev, call, bound, _):
    if bound["strict"]:
        return Unknown("zip(strict=True) is not modeled", call.site)
    streams = [_items_of(ev, call, it) for it in bound["iterables"]]

    def stream():
        if not streams:
            return
        while True:
            items = []
            for source in streams:  # pulled in order: the first ones may give one more
                item = next(source, _END)
                if item is _END:
                    return
                if is_poison(item):
                    yield item
                    return
                items.append(item)
            yield tuple(items)

    return _iterator(stream())


_END = object()


@modeled("builtins.reversed", "(sequence, /)")
def _reversed(ev, call, bound, _):
    sequence = bound["sequence"]
    if isinstance(sequence, GeneratorValue):
        return Raised("TypeError", "'generator' object is not reversible", call.site, RUNTIME_ERROR)
    items = ev.iterate(sequence, call.site)
    return items if is_poison(items) else _iterator(iter(list(reversed(items))))


@modeled("builtins.map", "(function, iterable, /, *iterables)")
def _map(ev, call, bound, _):
    function = bound["function"]
    streams = [_items_of(ev, call, it) for it in (bound["iterable"], *bound["iterables"])]

    def stream():
        for args in zip(*streams):
            poison = next((a for a in args if is_poison(a)), None)
            if poison is not None:
                yield poison
                return
            yield ev.call(function, list(args), {}, call)

    return _iterator(stream(), function)


@modeled("builtins.filter", "(function, iterable, /)")
def _filter(ev, call, bound, _):
    function = bound["function"]

    def stream():
        for item in _items_of(ev, call, bound["iterable"]):
            if is_poison(item):
                yield item
                return
            test = item if function is None else ev.call(function, [item], {}, call)
            truth = ev.truth(test, call.site)
            if is_poison(truth):
                yield truth
                return
            if truth:
                yield item

    return _iterator(stream(), function)


# paths: os.path / posixpath on strings, and a module's `__file__` --------------------------------


def _path_function(name: str):
    function = getattr(posixpath, name)

    @modeled(f"posixpath.{name}", "(*args)")
    def apply(ev, call, bound, _):
        args = list(bound["args"])
        for i, arg in enumerate(args):
            if isinstance(arg, ModuleFile):
                if name in ("basename", "splitext") and i == 0 and len(args) == 1:
                    args[0] = arg.relpath.rsplit("/", 1)[-1]
                    if name == "basename":
                        return args[0]
                    continue
                return Unknown("`__file__` depends on where the workspace is deployed", call.site)
            if is_poison(arg):
                return arg
            if not isinstance(arg, str):
                return ev.not_static(arg, call.site, f"os.path.{name}() of")
        try:
            return function(*args)
        except (TypeError, ValueError) as ex:
            return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)

    return apply


_PATH_FUNCTIONS = ("join", "basename", "dirname", "splitext", "split", "normpath", "commonprefix")
for _name in _PATH_FUNCTIONS:
    _path_function(_name)


@attrs.frozen(eq=False)
class ModuleFile(LibraryObject):
    """A module's `__file__`: where the workspace is deployed is not known, its file name
    is (`relpath` within the workspace)."""

    relpath: str

    def describe(self) -> str:
        return "`__file__`"


@attrs.frozen(eq=False)
class FilePath(LibraryObject):
    """`pathlib.Path(__file__)`: its name is known, the folders above it are not."""

    relpath: str

    def describe(self) -> str:
        return "a path to a workspace file"

    def attribute(self, ev, name: str, site) -> Any:
        path = pathlib.PurePosixPath(self.relpath)
        if name in ("name", "stem", "suffix", "suffixes"):
            return getattr(path, name)
        return Unknown(f"`Path(__file__).{name}` depends on where the workspace is deployed", site)


@modeled("pathlib.Path", "(*args)")
def _path(ev, call, bound, _):
    args = bound["args"]
    if len(args) == 1 and isinstance(args[0], ModuleFile):
        return FilePath(args[0].relpath)
    return Unknown("paths of the file system are not known statically", call.site)


# string.Template -------------------------------------------------------------------------------


@modeled("string.Template", "(template)")
def _template(ev, call, bound, _):
    if not isinstance(bound["template"], str):
        return ev.not_static(bound["template"], call.site, "string.Template of")
    return Modeled("string.Template.object", bound["template"])


def _template_method(name: str):
    @modeled(f"string.Template.{name}", "(mapping=MISSING, /, **kws)")
    def apply(ev, call, bound, template):
        values = dict(bound["kws"])
        if bound["mapping"] is not _MISSING:
            if not isinstance(bound["mapping"], dict):
                return ev.not_static(bound["mapping"], call.site, "Template substitution of")
            values = {**bound["mapping"], **values}
        problem = _plain_args({"v": values})
        if problem is not None:
            return problem
        try:
            return getattr(string.Template(template), name)(values)
        except (KeyError, ValueError) as ex:
            return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)

    return apply


_template_method("substitute")
_template_method("safe_substitute")
