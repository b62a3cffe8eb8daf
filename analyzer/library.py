"""Implementations of the modeled callables (`CALLS` in `analyzer.api`): dlt's
deployment API, `dlt.source`/`dlt.resource`/`dlt.pipeline`, builtins, `datetime`,
`pendulum`, `typing`, and the framework classes. Each is registered with the signature
the real callable has, so wrong arguments fail as they would at run time.

They compute on plain values only; whatever they cannot compute exactly is `Unknown`.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any, Callable

from analyzer import isotime, jobs, triggers
from analyzer.api import (
    BUILTIN_DESTINATIONS,
    CALLS,
    CLOCK,
    ENVIRONMENT,
    NOT_STATIC,
    PIPELINE_NAME,
    RUNTIME_ERROR,
    _MISSING,
    _fail,
    _not_plain_result,
    _plain_args,
    _sig,
    describe,
    hash_ordered,
    is_plain,
    is_plain_shallow,
    modeled,
)
from analyzer.triggers import Failure, NotPlain
from analyzer.values import (
    Class,
    External,
    FrameworkObject,
    Function,
    Modeled,
    PendulumDateTime,
    Pipeline,
    Raised,
    SourceFactory,
    TypeForm,
    Unknown,
    is_poison,
)


# dlt.hub.run ---------------------------------------------------------------------------

_JOB_SIG = (
    "(func=None, /, name=None, section=None, trigger=None, execute=None, expose=None,"
    " require=None, deliver=None, interval=None, freshness=None,"
    " allow_external_schedulers=False, refresh='auto', spec=None)"
)


def _decorator_or_job(ev, call, bound, kind: str):
    """`run.job(...)` gives a decorator; `run.job(func, ...)` / `@run.job` binds at once."""
    func = bound.pop("func")
    decorator = jobs.make_decorator(ev, kind, call, bound)
    if func is None:
        return decorator
    return jobs.bind(ev, decorator.factory, func, call.arg_site(0))


@modeled("run.job", _JOB_SIG)
def _run_job(ev, call, bound, _):
    return _decorator_or_job(ev, call, bound, "job")


@modeled(
    "run.interactive",
    "(func=None, /, name=None, section=None, interface='gui', idle_timeout=None, execute=None,"
    " expose=None, require=None, spec=None)",
)
def _run_interactive(ev, call, bound, _):
    return _decorator_or_job(ev, call, bound, "interactive")


@modeled(
    "run.pipeline",
    "(pipeline, /, name=None, section=None, trigger=None, execute=None, expose=None,"
    " require=None, interval=None, freshness=None, allow_external_schedulers=False,"
    " refresh='auto', spec=None)",
)
def _run_pipeline(ev, call, bound, _):
    return jobs.make_decorator(ev, "pipeline", call, bound)


def _trigger_constructor(name: str, signature: str):
    fn = getattr(triggers, name)

    @modeled(f"trigger.{name}", signature)
    def construct(ev, call, bound, _):
        poison = _plain_args(bound)
        if poison is not None:
            return poison
        try:
            return fn(**bound)
        except Failure as ex:
            return _fail(ex, call.arg_site(0, *bound))
        except isotime.UnsupportedTimeFormat as ex:
            return Unknown(f"cannot verify this date/time statically: {ex}", call.site)
        except NotPlain:
            return Unknown(f"`trigger.{name}` of a non-constant value", call.site)

    return construct


for _name, _signature in [
    ("schedule", "(cron_expr)"), ("every", "(period)"), ("once", "(at)"),
    ("http", "(port=None, path=None)"), ("deployment", "()"), ("webhook", "(path='')"),
    ("tag", "(name)"), ("manual", "(job_ref='')"), ("pipeline_name", "(name)"),
    ("job_success", "(job_ref)"), ("job_fail", "(job_ref)"),
]:  # fmt: skip
    _trigger_constructor(_name, _signature)


def _freshness_constructor(kind: str):
    @modeled(f"freshness.{kind}", "(job_ref)")
    def construct(ev, call, bound, _):
        poison = _plain_args(bound)
        if poison is not None:
            return poison
        try:
            return triggers.freshness_constraint(f"job.{kind}", bound["job_ref"])
        except Failure as ex:
            return _fail(ex, call.site)

    return construct


_freshness_constructor("is_fresh")
_freshness_constructor("is_matching_interval_fresh")


# dlt -------------------------------------------------------------------------------------


@modeled(
    "dlt.pipeline",
    "(pipeline_name=None, pipelines_dir=None, pipeline_salt=None, destination=None,"
    " staging=None, *args, **kwargs)",
)
def _dlt_pipeline(ev, call, bound, _):
    for argument in ("destination", "staging"):
        problem = _destination(ev, bound[argument], call.arg_site(argument, 3 if argument == "destination" else 4))
        if problem is not None:
            return problem
    name = bound["pipeline_name"]
    if name is None:
        return Pipeline(
            Unknown(
                "`dlt.pipeline()` without a name: the runtime names the pipeline after the"
                " script that runs it",
                call.site,
                PIPELINE_NAME,
            )
        )
    return Pipeline(name)


# `section` is the second positional parameter of `dlt.source` only
def _destination(ev, ref: Any, site) -> Any:
    """`Destination.from_reference(ref)`, which `dlt.pipeline` calls at import: a built-in
    destination type, a module path, or a named destination whose `destination_type` is
    configured. Returns a poison value when it fails or cannot be known, else None."""
    if ref is None or not isinstance(ref, str):
        return ref if is_poison(ref) else None  # a destination object: its own call
    if "." in ref:
        if ref.startswith("dlt.destinations.") and ref.rsplit(".", 1)[-1] in BUILTIN_DESTINATIONS:
            return None
        return Unknown(f"destination module `{ref}` is an installed module the analyzer does not read", site)
    where, value = ev.workspace.destination_type(ref)
    if where == "always" and isinstance(value, str):
        if value in BUILTIN_DESTINATIONS or value.startswith("dlt.destinations."):
            return None
        if "." in value:
            return Unknown(f"destination type `{value}` is a module the analyzer does not read", site)
    if ref in BUILTIN_DESTINATIONS:
        return None
    if where == "profile":
        return Unknown(
            f"destination {ref!r} is configured only in {', '.join(value)}: whether"
            " `dlt.pipeline(...)` can resolve it depends on the active profile",
            site,
            ENVIRONMENT,
        )
    raised = Raised(
        "UnknownDestinationModule",
        f"destination {ref!r} is neither a destination type nor a named destination with a"
        f" `destination_type` in .dlt/config.toml ([destination.{ref}] destination_type=...);"
        " `dlt.pipeline(...)` fails when the workspace is imported (unless the environment"
        f" sets DESTINATION__{ref.upper()}__DESTINATION_TYPE)",
        site,
        RUNTIME_ERROR,
    )
    ev.fail(raised)
    return raised


_SOURCE_SIGNATURES = {
    "source": "(func=None, /, name=None, section=None, *args, **kwargs)",
    "resource": "(func=None, /, name=None, *args, section=None, **kwargs)",
    "transformer": "(func=None, /, data_from=None, name=None, *args, section=None, **kwargs)",
}


def _source_decorator(kind: str):
    @modeled(f"dlt.{kind}", _SOURCE_SIGNATURES[kind])
    def decorate(ev, call, bound, _):
        func = bound["func"]
        name, section = bound["name"], bound["section"]
        if func is None:
            return Modeled(f"dlt.{kind}.bind", (name, section, call.site))
        return _make_source(ev, kind, func, name, section, call.site)

    return decorate


for _kind in _SOURCE_SIGNATURES:
    _source_decorator(_kind)


def _make_source(ev, kind: str, func: Any, name: Any, section: Any, site) -> Any:
    """`@dlt.source` / `@dlt.resource` / `@dlt.transformer`: the reference
    `sources.<section>.<name>` (a module's `__source_name__` overrides its name as the
    section); the signature goes through dlt's config injection, which may raise."""
    if not isinstance(func, Function):
        return ev.not_static(func, site, f"a dlt {kind} made from")
    if callable(name) or isinstance(name, (Function, External)):
        name = Unknown(f"the {kind} name is computed at run time", site)
    effective_name = name or func.name
    module = func.module
    if not section:
        source_name = module.namespace.get("__source_name__")
        section = source_name if source_name is not None else module.short_name
    from analyzer.config_spec import signature_fields

    signature_fields(ev, func, site)  # reports mutable / unsupported defaults
    return SourceFactory("source" if kind == "source" else "resource", effective_name, section, func, site)


for _kind in _SOURCE_SIGNATURES:

    def _bind_source(ev, call, bound, state, _kind=_kind):
        name, section, site = state
        return _make_source(ev, _kind, bound["func"], name, section, site)

    CALLS[f"dlt.{_kind}.bind"] = (_sig("(func)"), _bind_source)


@modeled("dlt.source.clone", "(*args, **kwargs)")
def _source_clone(ev, call, bound, source):
    """`source.with_args(...)` / `.clone(...)`: a new factory with the same reference
    (dlt copies `ref`; the name and section given here do not change it)."""
    return source


@modeled("dlt.configspec", "(cls=None, /, init=True)")
def _configspec(ev, call, bound, _):
    cls = bound["cls"]
    if cls is None:
        return Modeled("dlt.configspec")
    if isinstance(cls, Class):
        cls.is_configspec = True
        return cls
    return ev.not_static(cls, call.site, "a configspec of")


@modeled("dataclasses.dataclass", "(cls=None, /, **kwargs)")
def _dataclass(ev, call, bound, _):
    cls = bound["cls"]
    if cls is None:
        return Modeled("dataclasses.dataclass")
    if isinstance(cls, Class):
        cls.decorators.append(Modeled("dataclasses.dataclass"))
    return cls


# builtins --------------------------------------------------------------------------------


def _pure(key: str, signature: str, fn: Callable, what: str):
    @modeled(key, signature)
    def apply(ev, call, bound, _):
        problem = _not_plain_result(bound, call.site, what)
        if problem is not None:
            return problem
        values = [v for v in bound.values() if v is not _MISSING]
        try:
            return fn(*values)
        except (TypeError, ValueError, KeyError, IndexError, OverflowError) as ex:
            return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)

    return apply


_pure("builtins.len", "(obj, /)", len, "len()")
_pure("builtins.abs", "(x, /)", abs, "abs()")
_pure("builtins.repr", "(obj, /)", repr, "repr()")
_pure("builtins.sorted", "(iterable, /, reverse=False)", lambda it, r: sorted(it, reverse=r), "sorted()")
_pure("builtins.round", "(number, ndigits=None)", round, "round()")
_pure("builtins.chr", "(i, /)", chr, "chr()")
_pure("builtins.ord", "(c, /)", ord, "ord()")
_pure("builtins.hex", "(i, /)", hex, "hex()")
_pure("builtins.any", "(iterable, /)", any, "any()")
_pure("builtins.all", "(iterable, /)", all, "all()")
_pure("builtins.divmod", "(a, b, /)", divmod, "divmod()")


def _convert(key: str, py_type: type):
    @modeled(key, "(*args, **kwargs)")
    def apply(ev, call, bound, _):
        args, kwargs = bound["args"], bound["kwargs"]
        if py_type is str and len(args) == 1 and not kwargs:
            value = args[0]
            if is_poison(value):
                return value
            try:
                return triggers.python_str(value)
            except NotPlain:
                return Unknown(f"str() of {describe(value)} is not evaluated statically", call.site)
        problem = _not_plain_result({"a": list(args), "k": dict(kwargs)}, call.site, f"{py_type.__name__}()")
        if problem is not None:
            return problem
        if py_type in (list, tuple, set, frozenset, dict) and args and _too_big(args[0]):
            return Unknown("value too large to evaluate", call.site, "DM904")
        if py_type in (list, tuple, dict) and args and hash_ordered(args[0]):
            return Unknown(
                "the order of a set of strings depends on the interpreter's hash seed", call.site
            )
        try:
            return py_type(*args, **kwargs)
        except (TypeError, ValueError, OverflowError) as ex:
            return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)

    return apply


def _too_big(value: Any) -> bool:
    try:
        return len(value) > 1_000_000
    except TypeError:
        return False


for _py in (str, int, float, bool, bytes, list, tuple, dict, set, frozenset, complex, range):
    _convert(f"builtins.{_py.__name__}", _py)


@modeled("builtins.min", "(*args, key=None, default=MISSING)")
def _min(ev, call, bound, _):
    return _minmax(min, call, bound)


@modeled("builtins.max", "(*args, key=None, default=MISSING)")
def _max(ev, call, bound, _):
    return _minmax(max, call, bound)


def _minmax(fn, call, bound):
    if bound["key"] is not None:
        return Unknown("min()/max() with key= is not evaluated", call.site)
    problem = _not_plain_result({"a": list(bound["args"])}, call.site, "min()/max()")
    if problem is not None:
        return problem
    extra = {} if bound["default"] is _MISSING else {"default": bound["default"]}
    try:
        return fn(*bound["args"], **extra)
    except (TypeError, ValueError) as ex:
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)


@modeled("builtins.sum", "(iterable, /, start=0)")
def _sum(ev, call, bound, _):
    problem = _not_plain_result(bound, call.site, "sum()")
    if problem is not None:
        return problem
    try:
        return sum(bound["iterable"], bound["start"])
    except TypeError as ex:
        return Raised("TypeError", str(ex), call.site, RUNTIME_ERROR)


@modeled("builtins.enumerate", "(iterable, start=0)")
def _enumerate(ev, call, bound, _):
    items = ev.iterate(bound["iterable"], call.site)
    if is_poison(items):
        return items
    return tuple(enumerate(items, bound["start"]))


@modeled("builtins.zip", "(*iterables, strict=False)")
def _zip(ev, call, bound, _):
    lists = []
    for iterable in bound["iterables"]:
        items = ev.iterate(iterable, call.site)
        if is_poison(items):
            return items
        lists.append(items)
    return tuple(zip(*lists))


@modeled("builtins.reversed", "(sequence, /)")
def _reversed(ev, call, bound, _):
    items = ev.iterate(bound["sequence"], call.site)
    return items if is_poison(items) else tuple(reversed(items))


@modeled("builtins.print", "(*args, **kwargs)")
def _print(ev, call, bound, _):
    return None


@modeled("builtins.globals", "()")
def _globals(ev, call, bound, _):
    return Modeled("globals-dict", call.scope.module)


@modeled("builtins.isinstance", "(obj, class_or_tuple, /)")
def _isinstance(ev, call, bound, _):
    obj, classes = bound["obj"], bound["class_or_tuple"]
    classes = classes if isinstance(classes, tuple) else (classes,)
    if not is_plain_shallow(obj) or is_poison(obj):
        return Unknown("isinstance() of a non-constant value", call.site)
    types = []
    for cls in classes:
        if not (isinstance(cls, Modeled) and cls.key.startswith("builtins.")):
            return Unknown("isinstance() against a class that is not a builtin", call.site)
        py_type = _BUILTIN_TYPES.get(cls.key)
        if py_type is None:
            return Unknown("isinstance() against an unmodeled class", call.site)
        types.append(py_type)
    return isinstance(obj, tuple(types))


_BUILTIN_TYPES = {f"builtins.{t.__name__}": t for t in (str, int, float, bool, bytes, list, tuple, dict, set, frozenset, complex, type(None))}


def _opaque_call(key: str, reason: str, code: str = NOT_STATIC):
    @modeled(key, "(*args, **kwargs)")
    def apply(ev, call, bound, _):
        ev.unknown_call_effects(Modeled(key), list(bound["args"]), dict(bound["kwargs"]), call.site)
        return Unknown(reason, call.site, code)

    return apply


_opaque_call("builtins.open", "the value is read from a file at run time")
_opaque_call("builtins.dir", "dir() lists names at run time", "DM903")
_opaque_call("builtins.vars", "vars() reads a namespace at run time", "DM903")
_opaque_call("builtins.locals", "locals() reads a namespace at run time", "DM903")
_opaque_call("builtins.exec", "exec() runs code built at run time")
_opaque_call("builtins.eval", "eval() runs code built at run time")
_opaque_call("builtins.compile", "compile() runs code built at run time")
_opaque_call("builtins.__import__", "__import__() imports a module chosen at run time")
_opaque_call("builtins.input", "input() reads a value at run time")
_opaque_call("builtins.getattr", "getattr() is not evaluated statically")
_opaque_call("builtins.setattr", "setattr() changes an object at run time")
_opaque_call("builtins.hasattr", "hasattr() is not evaluated statically")
_opaque_call("builtins.map", "map() is not evaluated statically")
_opaque_call("builtins.filter", "filter() is not evaluated statically")
_opaque_call("builtins.hash", "hash() differs between runs")
_opaque_call("builtins.id", "id() differs between runs")
_opaque_call("os.getenv", "the value comes from the environment (`os.getenv`), known only at run time", ENVIRONMENT)
_opaque_call("os.environ.get", "the value comes from the environment (`os.environ`), known only at run time", ENVIRONMENT)
_opaque_call("clock.now", "the value is the clock's time when the manifest is generated: it differs on every run", CLOCK)
for _key in ("datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today",
             "datetime.date.today"):  # fmt: skip
    _opaque_call(_key, "the value is the clock's time when the manifest is generated: it differs on every run", CLOCK)


@modeled("method", "(*args, **kwargs)")
def _method(ev, call, bound, state):
    obj, name = state
    args, kwargs = list(bound["args"]), dict(bound["kwargs"])
    problem = _not_plain_result({"a": args, "k": kwargs}, call.site, f"`.{name}()`")
    if problem is not None:
        return problem
    if isinstance(obj, datetime.datetime) and name == "astimezone" and not args and not kwargs:
        return Unknown("astimezone() without a zone uses the machine's time zone", call.site)
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int) and args[0] > 100_000:
        return Unknown("value too large to evaluate", call.site, "DM904")
    if name == "format" and not all(_spec_is_safe(a) for a in args + list(kwargs.values())):
        return Unknown("format() of a non-constant value", call.site)
    try:
        result = getattr(obj, name)(*args, **kwargs)
    except (TypeError, ValueError, KeyError, IndexError, OverflowError, AttributeError) as ex:
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)
    if isinstance(result, str) and len(result) > 1_000_000:
        return Unknown("value too large to evaluate", call.site, "DM904")
    return result


def _spec_is_safe(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool, type(None)))


@modeled("mutating-method", "(*args, **kwargs)")
def _mutating_method(ev, call, bound, state):
    """`.append(...)`, `.update(...)`... on a list, dict or set of the workspace, done for
    real (every name of the container sees it); on `__all__` it is not followed."""
    obj, name = state
    args, kwargs = list(bound["args"]), dict(bound["kwargs"])
    if ev.changes_all(obj, call.site, f"`__all__.{name}(...)`"):
        return Unknown(f"the result of `__all__.{name}(...)` is not followed", call.site)
    poison = next((v for v in args + list(kwargs.values()) if is_poison(v) or isinstance(v, External)), None)
    if poison is not None or (name == "sort" and kwargs.get("key") is not None):
        ev.note_mutation(obj, call.site, f"`.{name}(...)` with a value not known statically")
        return Unknown(f"the result of `.{name}(...)` is not known statically", call.site)
    if any(_too_big_arg(v) for v in args):
        ev.note_mutation(obj, call.site, f"`.{name}(...)` of a value too large")
        return Unknown("value too large to evaluate", call.site, "DM904")
    if name in ("extend", "update") and args and hash_ordered(args[0]):
        ev.note_mutation(obj, call.site, f"`.{name}(...)` with a set of strings (unordered)")
        return Unknown("the order of a set of strings depends on the interpreter's hash seed", call.site)
    try:
        return getattr(obj, name)(*args, **kwargs)
    except (TypeError, ValueError, KeyError, IndexError) as ex:
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)


def _too_big_arg(value: Any) -> bool:
    try:
        return len(value) > 1_000_000
    except TypeError:
        return False


@modeled("framework-decorator", "(*args, **kwargs)")
def _framework_decorator(ev, call, bound, state):
    obj, name = state
    return External(f"{obj.kind}.{name}(...)", call.site)


# datetime --------------------------------------------------------------------------------


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


# pendulum --------------------------------------------------------------------------------


@modeled(
    "pendulum.datetime",
    "(year, month, day, hour=0, minute=0, second=0, microsecond=0, tz='UTC', fold=1,"
    " raise_on_unknown_times=False)",
)
def _pendulum_datetime(ev, call, bound, _):
    problem = _plain_args({k: v for k, v in bound.items() if k != "tz"})
    if problem is not None:
        return problem
    tz = _tz(bound["tz"], call.site) if bound["tz"] != "UTC" else datetime.timezone.utc
    if is_poison(tz):
        return tz
    try:
        return PendulumDateTime(
            bound["year"], bound["month"], bound["day"], bound["hour"], bound["minute"],
            bound["second"], bound["microsecond"], tzinfo=tz, fold=bound["fold"],
        )  # fmt: skip
    except (TypeError, ValueError, OverflowError) as ex:
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)


@modeled("pendulum.parse", "(text, **options)")
def _pendulum_parse(ev, call, bound, _):
    text = bound["text"]
    if bound["options"] or not isinstance(text, str):
        return ev.not_static(text, call.site, "pendulum.parse() of")
    try:
        parsed = isotime.ensure_datetime_non_utc(text)
    except isotime.UnsupportedTimeFormat as ex:
        return Unknown(f"cannot verify this date/time statically: {ex}", call.site)
    except ValueError as ex:
        return Raised("ParserError", str(ex), call.site, RUNTIME_ERROR)
    tz = parsed.tzinfo or datetime.timezone.utc
    return PendulumDateTime.combine(parsed.date(), parsed.time(), tzinfo=tz)


@modeled("pendulum.date", "(year, month, day)")
def _pendulum_date(ev, call, bound, _):
    problem = _plain_args(bound)
    if problem is not None:
        return problem
    try:
        return datetime.date(bound["year"], bound["month"], bound["day"])
    except (TypeError, ValueError) as ex:
        return Raised(type(ex).__name__, str(ex), call.site, RUNTIME_ERROR)


# typing ----------------------------------------------------------------------------------


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


@modeled("builtins.staticmethod", "(function, /)")
def _staticmethod(ev, call, bound, _):
    """Class attribute access gives back the function itself."""
    return bound["function"]


@modeled("builtins.classmethod", "(function, /)")
def _classmethod(ev, call, bound, _):
    return Unknown("a classmethod is bound to its class at run time", call.site)


@modeled("builtins.property", "(fget=None, fset=None, fdel=None, doc=None)")
def _property(ev, call, bound, _):
    return Unknown("a property is computed at run time", call.site)


# frameworks (detected by the module-level job detectors) -----------------------------------


@modeled("marimo.App", "(*args, app_title=None, **kwargs)")
def _marimo_app(ev, call, bound, _):
    return FrameworkObject("marimo", bound["app_title"], call.site)


@modeled("fastmcp.FastMCP", "(name=None, *args, **kwargs)")
def _fastmcp(ev, call, bound, _):
    name = bound["name"]
    if not name:
        name = Unknown(
            "a FastMCP server without a name gets a random one at run time", call.site
        )
    return FrameworkObject("fastmcp", name, call.site)
