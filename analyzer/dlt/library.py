"""Implementations of dlt's modeled callables, registered in the python layer's
`calls.CALLS`: the deployment API (`run.job`, `run.pipeline`, `run.interactive`, the
trigger and freshness constructors), `dlt.source` / `dlt.resource` / `dlt.pipeline`,
`configspec`, pendulum (which dlt re-exports), and the framework classes the detectors
look for. Each is registered with the signature the real callable has, so wrong arguments
fail as they would at run time.

They compute on plain values only; whatever they cannot compute exactly is `Unknown`.
"""

from __future__ import annotations

import calendar
import datetime
import zoneinfo
from typing import Any

from dlt_manifest.dlt import agents, config_spec, isotime, jobs, releases, triggers
from dlt_manifest.dlt.jsonschema import Marker
from dlt_manifest.dlt.modules import BUILTIN_DESTINATIONS
from dlt_manifest.dlt.objects import (
    ConfigSentinel,
    FrameworkObject,
    PendulumDateTime,
    Pipeline,
    SourceFactory,
)
from dlt_manifest.dlt.triggers import Failure
from dlt_manifest.python.calls import CALLS, _bind, _plain_args, _sig, modeled
from dlt_manifest.python.objects import MODELED_ATTRIBUTES, VALUE_ATTRIBUTES
from dlt_manifest.python.plain import NotPlain
from dlt_manifest.python.stdlib import _tz
from dlt_manifest.python.values import (
    raised_from,
    Class,
    External,
    Function,
    Modeled,
    Raised,
    Unknown,
    is_poison,
)

RUNTIME_ERROR = "DM411"
ENVIRONMENT = "DM906"
PIPELINE_NAME = "DM907"


def _fail(ex: Failure, site) -> Raised:
    return Raised(ex.exc, ex.message, site, ex.code)


# dlt.hub.run ---------------------------------------------------------------------------

def _decorator_or_job(ev, call, args, kwargs, kind: str):
    """`run.job(...)` gives a decorator; `run.job(func, ...)` / `@run.job` binds at once.
    Arguments are bound to the target release's signature (`jobs.SIGNATURES`)."""
    bound = _bind(jobs.signature(ev, kind), args, kwargs, kind if kind != "pipeline" else "pipeline_run", call.site)
    if isinstance(bound, Raised):
        return bound
    func = bound.pop("func", None)
    decorator = jobs.make_decorator(ev, kind, call, bound)
    if func is None or is_poison(decorator):
        return decorator
    return jobs.bind(ev, decorator.factory, func, call.arg_site(0))


for _kind in ("job", "interactive", "pipeline"):

    def _run_decorator(ev, call, bound, _, _kind=_kind):
        return _decorator_or_job(ev, call, bound["args"], bound["kwargs"], _kind)

    CALLS[f"run.{_kind}"] = (_sig("(*args, **kwargs)"), _run_decorator)


def _trigger_constructor(name: str, signature: str):
    fn = getattr(triggers, name)

    @modeled(f"trigger.{name}", signature)
    def construct(ev, call, bound, _):
        poison = _plain_args(bound)
        if poison is not None:
            return poison
        try:
            if name in ("job_success", "job_fail", "once"):
                return fn(**bound, engine2=releases.of(ev).engine2)
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
    if where == "unreadable":  # dlt reads its config files to look the destination up
        raised = Raised(
            "TomlProviderReadException",
            f"destination {ref!r} is looked up in .dlt/, and {value.path} cannot be read"
            f" (line {value.line}, column {value.col}: {value.message})",
            site,
            RUNTIME_ERROR,
        )
        ev.fail(raised)
        return raised
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
    config_spec.signature_fields(ev, func, site)  # reports mutable / unsupported defaults
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


@modeled("framework-decorator", "(*args, **kwargs)")
def _framework_decorator(ev, call, bound, state):
    obj, name = state
    return External(f"{obj.kind}.{name}(...)", call.site)


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
        return raised_from(ex, call.site, RUNTIME_ERROR)


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
        return raised_from(ex, call.site, RUNTIME_ERROR)


@modeled("run.agent", agents.SIGNATURE)
def _run_agent(ev, call, bound, _):
    return agents.make_agent(ev, call, bound)


# engine 2's `Annotated` markers (`run.Entity`, `run.Doc` / `typing_extensions.Doc`) -------


@modeled("run.Entity", "(type)")
def _entity(ev, call, bound, _):
    return _plain_args(bound) or Marker("entity", bound["type"])


@modeled("typing.Doc", "(documentation)")
def _doc(ev, call, bound, _):
    return _plain_args(bound) or Marker("doc", bound["documentation"])


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


# `dlt.config.value` / `dlt.secrets.value`
MODELED_ATTRIBUTES["dlt.config"] = lambda name, site: ConfigSentinel(secret=False) if name == "value" else None
MODELED_ATTRIBUTES["dlt.secrets"] = lambda name, site: ConfigSentinel(secret=True) if name == "value" else None


# pendulum's DateTime methods ------------------------------------------------------------------

_UNITS = ("year", "month", "week", "day", "hour", "minute", "second")


def _pendulum_attribute(value: PendulumDateTime, name: str, site) -> Any:
    if name in ("add", "subtract", "start_of", "end_of", "in_timezone", "in_tz", "set"):
        return Modeled(f"pendulum.DateTime.{name}", value)
    if name in _PENDULUM_STRINGS:
        return Modeled("pendulum.DateTime.string", (value, _PENDULUM_STRINGS[name]))
    if name == "timezone_name":
        if value.tzinfo is datetime.timezone.utc:
            return "UTC"
        if isinstance(value.tzinfo, zoneinfo.ZoneInfo):
            return value.tzinfo.key
    if not hasattr(datetime.datetime, name):
        # pendulum's own (`format`, `timezone_name`, `diff`, ...): not a stdlib datetime's
        return Unknown(f"pendulum `DateTime.{name}` is not modeled", site)
    return None


# pendulum's `to_*_string()` methods ("YYYY-MM-DD", "YYYY-MM-DD HH:mm:ss", "HH:mm:ss")
_PENDULUM_STRINGS = {
    "to_date_string": lambda v: v.date().isoformat(),
    "to_datetime_string": lambda v: f"{v.date().isoformat()} {v.time().isoformat('seconds')}",
    "to_time_string": lambda v: v.time().isoformat("seconds"),
}


def _pendulum_string(ev, call, bound, state):
    value, show = state
    return show(value)


CALLS["pendulum.DateTime.string"] = (_sig("()"), _pendulum_string)


def _fixed(value: PendulumDateTime) -> bool:
    """Arithmetic on a fixed-offset (UTC) time: pendulum's wall-clock rules cannot differ."""
    return value.tzinfo is None or isinstance(value.tzinfo, datetime.timezone)


def _shift(value: PendulumDateTime, sign: int, amounts: dict, site) -> Any:
    if not _fixed(value):
        return Unknown("pendulum arithmetic in a zone with daylight saving time is not modeled", site)
    if any(not isinstance(v, int) or isinstance(v, bool) for v in amounts.values()):
        return Unknown("pendulum arithmetic with amounts that are not whole numbers is not modeled", site)
    months = sign * (12 * amounts.get("years", 0) + amounts.get("months", 0))
    year, month = divmod(value.month - 1 + months, 12)
    year += value.year
    if not 1 <= year <= 9999:
        return Raised("ValueError", "year is out of range", site, RUNTIME_ERROR)
    day = min(value.day, calendar.monthrange(year, month + 1)[1])
    moved = value.replace(year=year, month=month + 1, day=day)
    delta = datetime.timedelta(
        weeks=amounts.get("weeks", 0), days=amounts.get("days", 0), hours=amounts.get("hours", 0),
        minutes=amounts.get("minutes", 0), seconds=amounts.get("seconds", 0),
        microseconds=amounts.get("microseconds", 0),
    )
    try:
        moved = moved + sign * delta
    except OverflowError as ex:
        return Raised("OverflowError", str(ex), site, RUNTIME_ERROR)
    return PendulumDateTime.combine(moved.date(), moved.time(), tzinfo=moved.tzinfo)


def _pendulum_shift(sign: int):
    def apply(ev, call, bound, value):
        return _shift(value, sign, dict(bound["amounts"]), call.site)

    return apply


_AMOUNTS = "(**amounts)"
CALLS["pendulum.DateTime.add"] = (_sig(_AMOUNTS), _pendulum_shift(1))
CALLS["pendulum.DateTime.subtract"] = (_sig(_AMOUNTS), _pendulum_shift(-1))


def _boundary(end: bool):
    def apply(ev, call, bound, value):
        unit = bound["unit"]
        if unit not in _UNITS:
            return Raised("ValueError", f'Invalid unit "{unit}" for start_of()', call.site, RUNTIME_ERROR)
        if unit == "week":
            return Unknown("start_of/end_of('week') depends on the week start setting; not modeled", call.site)
        fields = ("month", "day", "hour", "minute", "second", "microsecond")
        keep = {"year": 0, "month": 1, "day": 2, "hour": 3, "minute": 4, "second": 5}[unit]
        changes = {}
        for field in fields[keep:]:
            if end:
                if field == "month":
                    changes["month"] = 12
                elif field == "day":
                    month = changes.get("month", value.month)
                    changes["day"] = calendar.monthrange(value.year, month)[1]
                else:
                    changes[field] = {"hour": 23, "minute": 59, "second": 59, "microsecond": 999_999}[field]
            else:
                changes[field] = 1 if field in ("month", "day") else 0
        moved = value.replace(**changes)
        return PendulumDateTime.combine(moved.date(), moved.time(), tzinfo=moved.tzinfo)

    return apply


CALLS["pendulum.DateTime.start_of"] = (_sig("(unit)"), _boundary(False))
CALLS["pendulum.DateTime.end_of"] = (_sig("(unit)"), _boundary(True))

VALUE_ATTRIBUTES.append((PendulumDateTime, _pendulum_attribute))
