"""Triggers, job refs and freshness constraints, normalized and parsed as dlt 1.27.2 does
(`dlt/_workspace/deployment/_trigger_helpers.py`, `trigger.py`, `_job_ref.py`,
`freshness.py`). Pure functions on plain values; where dlt raises, they raise `Failure`
carrying the exception name dlt raises, its message and the rule code that reports it.
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple, Optional
from urllib.parse import urlparse

from dlt_manifest.dlt import isotime
from dlt_manifest.dlt.cron import croniter
from dlt_manifest.python.plain import NotPlain, python_repr, python_str


class Failure(Exception):
    def __init__(self, exc: str, message: str, code: str):
        super().__init__(message)
        self.exc = exc
        self.message = message
        self.code = code


# rule codes (see rules/): which family reports a failure
INVALID_TRIGGER = "DM101"
SYNTHETIC_TRIGGER = "DM102"
TRIGGER_ARGUMENT = "DM103"
INVALID_JOB_REF = "DM201"
INVALID_FRESHNESS = "DM205"


def invalid_trigger(trigger: str, reason: str, code: str = INVALID_TRIGGER) -> Failure:
    return Failure("InvalidTrigger", f"Invalid trigger {trigger!r}: {reason}", code)


class ParsedTrigger(NamedTuple):
    type: str
    expr: Any
    raw: str


# --- periods and timeouts -------------------------------------------------------------

_PERIOD_MULTIPLIERS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PERIOD_RE = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd])$")


def parse_period_seconds(value: str) -> float:
    """'5m' -> 300.0; bare numbers (anything `float()` takes) are seconds. ValueError else."""
    match = _PERIOD_RE.match(value.strip())
    if match:
        return float(match.group(1)) * _PERIOD_MULTIPLIERS[match.group(2)]
    return float(value)


def normalize_timeout(value: Any) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        try:
            return {"timeout": parse_period_seconds(value)}
        except ValueError:
            raise Failure(
                "ValueError", f"could not convert string to float: {value!r}", TRIGGER_ARGUMENT
            )
    if isinstance(value, (int, float)):  # bool included, as float(True) is 1.0
        try:
            return {"timeout": float(value)}
        except OverflowError as ex:  # as dlt's float() raises
            raise Failure("OverflowError", str(ex), TRIGGER_ARGUMENT) from None
    raise Failure(
        "TypeError",
        f"float() argument must be a string or a real number, not {_type_name(value)!r}",
        TRIGGER_ARGUMENT,
    )


# --- parsing (`parse_trigger`) ----------------------------------------------------------


def _parse_schedule(expr: str) -> ParsedTrigger:
    if not expr:
        raise invalid_trigger(f"schedule:{expr}", "requires a cron expression")
    if not is_cron(expr):
        raise invalid_trigger(f"schedule:{expr}", "invalid cron expression")
    return ParsedTrigger("schedule", expr, f"schedule:{expr}")


def _parse_every(expr: str) -> ParsedTrigger:
    if not expr:
        raise invalid_trigger(f"every:{expr}", "requires a period (e.g. '5m', '1h')")
    try:
        seconds = parse_period_seconds(expr)
    except ValueError:
        raise invalid_trigger(f"every:{expr}", "period must be like '5m', '1h', '1d'")
    if seconds <= 0:
        raise invalid_trigger(f"every:{expr}", "period must be positive")
    if seconds < 60:
        raise invalid_trigger(f"every:{expr}", "minimum period is 1 minute")
    return ParsedTrigger("every", seconds, f"every:{expr}")


def _parse_once(expr: str) -> ParsedTrigger:
    if not expr:
        raise invalid_trigger(f"once:{expr}", "requires a timestamp (ISO 8601)")
    try:
        moment = isotime.to_utc(isotime.ensure_datetime_non_utc(expr))
    except isotime.UnsupportedTimeFormat:
        raise
    except ValueError:
        raise invalid_trigger(f"once:{expr}", "requires ISO 8601 timestamp")
    return ParsedTrigger("once", moment, f"once:{expr}")


def _parse_http(expr: str) -> ParsedTrigger:
    if not expr:
        return ParsedTrigger("http", (None, ""), "http:")
    if expr.startswith("//") or expr.startswith("http"):
        raise invalid_trigger(f"http:{expr}", "should be http:[port][/path], not a full URL")
    synthetic = f"http://localhost{expr}" if expr[0] == "/" else f"http://localhost:{expr}"
    try:
        parsed = urlparse(synthetic)
    except ValueError as ex:  # e.g. unbalanced brackets
        raise Failure("ValueError", str(ex), INVALID_TRIGGER)
    port: Optional[int] = None
    path = parsed.path or ""
    if expr[0] != "/":
        try:
            url_port = parsed.port
        except ValueError as e:
            raise invalid_trigger(f"http:{expr}", f"port invalid: {e}")
        if url_port is None:
            raise invalid_trigger(f"http:{expr}", "expr must be [port][/path]")
        if url_port < 1:
            raise invalid_trigger(f"http:{expr}", f"port must be 1-65535, got {url_port}")
        port = url_port
    if port is not None and path == "/" and "/" not in expr[len(str(port)) :]:
        path = ""
    return ParsedTrigger("http", (port, path), f"http:{expr}")


def _parse_optional(kind: str):
    def parse(expr: str) -> ParsedTrigger:
        return ParsedTrigger(kind, expr or None, f"{kind}:{expr}")

    return parse


def _parse_required(kind: str, what: str, job_ref: bool = False):
    def parse(expr: str) -> ParsedTrigger:
        if not expr:
            raise invalid_trigger(f"{kind}:", f"requires {what}")
        if job_ref and not expr.startswith("jobs."):
            raise invalid_trigger(f"{kind}:{expr}", "expression must start with 'jobs.'")
        return ParsedTrigger(kind, expr, f"{kind}:{expr}")

    return parse


PARSERS = {
    "schedule": _parse_schedule,
    "every": _parse_every,
    "once": _parse_once,
    "http": _parse_http,
    "deployment": _parse_optional("deployment"),
    "webhook": _parse_optional("webhook"),
    "tag": _parse_required("tag", "a name"),
    "manual": _parse_optional("manual"),
    "job.success": _parse_required("job.success", "a job_ref", job_ref=True),
    "job.fail": _parse_required("job.fail", "a job_ref", job_ref=True),
    "pipeline_name": _parse_required("pipeline_name", "a pipeline name"),
}
_SYNTHETIC_TYPES = ("manual", "pipeline_name")
JOB_EVENT_TYPES = ("job.success", "job.fail")


@functools.lru_cache(maxsize=8192)
def parse_trigger(trigger: str, engine2: bool = False) -> ParsedTrigger:
    """dlt's `parse_trigger` (pure: results are cached; failures are not). In engine 2 a
    job event takes a `jobs.` ref or a selector (D14.1)."""
    if ":" not in trigger:
        raise invalid_trigger(trigger, "must be in type:expr form")
    trigger_type, expr = trigger.split(":", 1)
    parser = PARSERS.get(trigger_type)
    if parser is None:
        raise invalid_trigger(trigger, f"unknown type {trigger_type!r}")
    if engine2 and trigger_type in JOB_EVENT_TYPES:
        return _parse_job_event(trigger_type, expr)
    return parser(expr)


# --- job events in engine 2: selectors (D14) -------------------------------------------------

JOB_TYPE_SELECTORS = ("batch", "interactive", "stream", "job")
_SELECTOR_KEYWORDS = frozenset(JOB_TYPE_SELECTORS) | frozenset(PARSERS)
_GLOB_CHARS = "*?["


def _parse_job_event(kind: str, expr: str) -> ParsedTrigger:
    if not expr:
        raise invalid_trigger(f"{kind}:", "requires a job_ref or selector")
    if not expr.startswith("jobs.") and not is_selector(expr):
        raise invalid_trigger(f"{kind}:{expr}", "expression must start with 'jobs.' or be a selector")
    return ParsedTrigger(kind, expr, f"{kind}:{expr}")


def is_selector(s: str) -> bool:
    if ":" in s or any(c in s for c in _GLOB_CHARS):
        return True
    return s in _SELECTOR_KEYWORDS


def job_event_expr(expr: Any) -> str:
    """A selector as written (a glob of refs gets `jobs.`), else a resolved job ref."""
    if not isinstance(expr, str) or not is_selector(expr):
        return resolve_job_ref(expr)
    if ":" not in expr and any(c in expr for c in _GLOB_CHARS) and expr != "*" and not expr.startswith("jobs."):
        return "jobs." + expr
    return expr


def selector_pattern(selector: str) -> str:
    """`_normalize_selector`: a trigger type selects all its triggers, `x:` all of `x:*`."""
    if selector in PARSERS:
        return f"{selector}:*"
    if ":" in selector and selector.endswith(":"):
        return f"{selector}*"
    return selector


# --- normalization (`normalize_trigger(s)`) ---------------------------------------------


def normalize_trigger(trigger: Any, engine2: bool = False) -> str:
    """A user trigger (str, or anything `str()` turns into one) in canonical form."""
    s = python_str(trigger).strip()
    if ":" in s:
        trigger_type = s.split(":", 1)[0]
        if trigger_type in _SYNTHETIC_TYPES:
            raise invalid_trigger(
                s, f"{trigger_type}: triggers are added automatically", SYNTHETIC_TRIGGER
            )
        if engine2 and trigger_type in JOB_EVENT_TYPES:
            expr = s.split(":", 1)[1]
            if not expr:
                raise invalid_trigger(s, "requires a job_ref or selector")
            try:
                expr = job_event_expr(expr)
            except Failure as ex:
                raise invalid_trigger(s, ex.message)
            return parse_trigger(f"{trigger_type}:{expr}", True).raw
        if trigger_type in PARSERS:
            return parse_trigger(s).raw
        raise invalid_trigger(s, f"unknown type {trigger_type!r}")
    if s in PARSERS:
        if s in _SYNTHETIC_TYPES:
            raise invalid_trigger(s, f"{s}: triggers are added automatically", SYNTHETIC_TRIGGER)
        if s in ("deployment", "http", "webhook"):
            return PARSERS[s]("").raw
        raise invalid_trigger(s, "requires an expression")
    if is_cron(s):
        return schedule(s)
    raise invalid_trigger(s, "cannot normalize")


@functools.lru_cache(maxsize=8192)
def is_cron(expression: str) -> bool:
    return croniter.is_valid(expression)


def flatten_trigger_input(trigger: Any) -> list:
    """The items `normalize_triggers` normalizes: a tuple is flattened one level (so
    `job.completed` works at the top level), a str is one item, else it is iterated."""
    if trigger is None:
        return []
    if isinstance(trigger, tuple):
        items: list = []
        for t in trigger:
            if isinstance(t, tuple):
                items.extend(t)
            else:
                items.append(t)
        return items
    if isinstance(trigger, str):
        return [trigger]
    if isinstance(trigger, (set, frozenset)) and len(trigger) > 1:
        raise NotPlain(trigger)  # the order depends on string hashing
    if isinstance(trigger, (list, set, frozenset, dict)):
        return list(trigger)
    raise Failure(
        "TypeError", f"{_type_name(trigger)!r} object is not iterable", TRIGGER_ARGUMENT
    )


# --- constructors (`dlt.hub.run.trigger.*`) ---------------------------------------------


def schedule(cron_expr: Any) -> str:
    return _parse_schedule(_strip_arg(cron_expr)).raw


def every(period: Any) -> str:
    if isinstance(period, (int, float)):
        return _parse_every(f"{python_str(period)}s").raw
    return _parse_every(_strip_arg(period)).raw


def once(at: Any, engine2: bool = False) -> str:
    """`trigger.once(at)`: to UTC by pendulum (up to 1.30) or the stdlib (1.31.0), which
    differ for local times skipped by a clock change (D15)."""
    at = _stdlib_utc(at) if engine2 else _fixed_offset(at)
    try:
        return _parse_once(isotime.once_expr(at)).raw
    except isotime.UnsupportedTimeFormat:
        raise
    except ValueError:
        raise Failure(
            "ValueError", f"once expects a valid date/time value, got {python_repr(at)}",
            TRIGGER_ARGUMENT,
        )


def _stdlib_utc(value: Any) -> Any:
    """`ensure_datetime_in_tz(value, timezone.utc)` of an aware datetime (PEP 495 folds)."""
    import datetime

    if isinstance(value, datetime.datetime) and value.tzinfo is not None and not isinstance(value.tzinfo, datetime.timezone):
        if value.utcoffset() is None:
            raise isotime.UnsupportedTimeFormat(f"{value}: its time zone gives no UTC offset")
        return value.astimezone(datetime.timezone.utc)
    return value


def _fixed_offset(value: Any) -> Any:
    """A datetime in a zone with daylight-saving rules, as the same instant with a fixed
    offset, the way pendulum resolves it: an ambiguous wall time keeps its `fold`, a wall
    time skipped by the clock change takes the other fold's offset (checked with dlt
    1.27.2 / pendulum 3.3.0 in Europe/Berlin and America/New_York)."""
    import datetime

    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        return value
    if isinstance(value.tzinfo, datetime.timezone):
        return value
    offsets = [value.replace(fold=fold).utcoffset() for fold in (0, 1)]
    if None in offsets:
        raise isotime.UnsupportedTimeFormat(f"{value}: its time zone gives no UTC offset")
    fold = value.fold
    if offsets[0] != offsets[1]:
        wall = value.replace(tzinfo=None)
        back = value.astimezone(datetime.timezone.utc).astimezone(value.tzinfo)
        if back.replace(tzinfo=None) != wall:  # skipped by the clock change
            fold = 1 - fold
    return value.replace(tzinfo=datetime.timezone(value.replace(fold=fold).utcoffset()))


def http(port: Any = None, path: Any = None) -> str:
    if port is not None:
        if not isinstance(port, int):
            raise Failure("TypeError", "http trigger port must be an int", TRIGGER_ARGUMENT)
        if not 1 <= port <= 65535:
            raise Failure(
                "ValueError", f"http trigger port must be 1-65535, got {port}", TRIGGER_ARGUMENT
            )
    if path is not None and path and not str(path).startswith("/"):
        raise Failure(
            "ValueError", f"http trigger path must start with '/', got {path!r}", TRIGGER_ARGUMENT
        )
    expr = str(port) if port is not None else ""
    if path:
        expr += path
    return _parse_http(expr).raw


def deployment() -> str:
    return "deployment:"


def webhook(path: Any = "") -> str:
    return PARSERS["webhook"](path).raw


def tag(name: Any) -> str:
    return PARSERS["tag"](_strip_arg(name)).raw


def manual(job_ref: Any = "") -> str:
    return PARSERS["manual"](job_ref).raw


def pipeline_name(name: Any) -> str:
    return PARSERS["pipeline_name"](_strip_arg(name)).raw


def job_success(job_ref: Any, engine2: bool = False) -> str:
    if engine2:
        return _parse_job_event("job.success", job_event_expr(job_ref)).raw
    return PARSERS["job.success"](resolve_job_ref(job_ref)).raw


def job_fail(job_ref: Any, engine2: bool = False) -> str:
    if engine2:
        return _parse_job_event("job.fail", job_event_expr(job_ref)).raw
    return PARSERS["job.fail"](resolve_job_ref(job_ref)).raw


def _strip_arg(value: Any) -> str:
    """`x.strip() if x else ""` on a str argument."""
    if not value:
        return ""
    if not isinstance(value, str):
        raise Failure(
            "AttributeError",
            f"{_type_name(value)!r} object has no attribute 'strip'",
            TRIGGER_ARGUMENT,
        )
    return value.strip()


# --- job refs ---------------------------------------------------------------------------


def make_job_ref(section: str, name: str) -> str:
    return f"jobs.{section}.{name}" if section else f"jobs.{name}"


def invalid_job_ref(ref: str, reason: str) -> Failure:
    return Failure("InvalidJobRef", f"Invalid job ref {ref!r}: {reason}", INVALID_JOB_REF)


def parse_job_ref(ref: str) -> tuple[str, str]:
    if not ref.startswith("jobs."):
        raise invalid_job_ref(ref, "must start with 'jobs.'")
    parts = ref[len("jobs.") :].split(".")
    if len(parts) == 1:
        return ("", parts[0])
    if len(parts) == 2:
        return (parts[0], parts[1])
    raise invalid_job_ref(ref, "must be jobs.<name> or jobs.<section>.<name>")


def resolve_job_ref(ref: Any) -> str:
    """`resolve_job_ref(ref)` without a list of known refs (as the trigger constructors
    call it): `section.name` gets `jobs.`, a `jobs.` ref is checked, a bare name fails."""
    if not isinstance(ref, str):
        raise Failure(
            "AttributeError", f"{_type_name(ref)!r} object has no attribute 'strip'",
            INVALID_JOB_REF,
        )
    ref = ref.strip()
    if not ref:
        raise invalid_job_ref(ref, "must not be empty")
    if ref.startswith("jobs."):
        parse_job_ref(ref)
        return ref
    parts = ref.split(".")
    if len(parts) == 2:
        return f"jobs.{ref}"
    if len(parts) == 1:
        raise invalid_job_ref(
            ref,
            "bare job name requires a job_refs list for resolution;"
            " use section.name or jobs.section.name form",
        )
    raise invalid_job_ref(ref, "use name, section.name, or jobs.section.name form")


# --- freshness constraints --------------------------------------------------------------

FRESHNESS_TYPES = ("job.is_matching_interval_fresh", "job.is_fresh")


def invalid_freshness(constraint: str, reason: str) -> Failure:
    return Failure(
        "InvalidFreshnessConstraint",
        f"Invalid freshness constraint {constraint!r}: {reason}",
        INVALID_FRESHNESS,
    )


def parse_freshness(constraint: str) -> tuple[str, str]:
    if ":" not in constraint:
        raise invalid_freshness(constraint, "must be in type:expr form")
    kind, expr = constraint.split(":", 1)
    if kind not in FRESHNESS_TYPES:
        raise invalid_freshness(constraint, f"unknown type {kind!r}")
    if not expr:
        raise invalid_freshness(f"{kind}:", "requires a job_ref")
    if not expr.startswith("jobs."):
        raise invalid_freshness(f"{kind}:{expr}", "expression must start with 'jobs.'")
    return kind, expr


def freshness_constraint(kind: str, job_ref: Any) -> str:
    """`upstream.is_fresh` / `freshness.is_fresh(ref)` and the matching-interval variant."""
    ref = resolve_job_ref(job_ref)
    parse_freshness(f"{kind}:{ref}")
    return f"{kind}:{ref}"


def normalize_freshness(constraint: Any) -> str:
    kind, expr = parse_freshness(python_str(constraint).strip())
    return f"{kind}:{expr}"


def flatten_freshness_input(constraints: Any) -> list:
    if constraints is None:
        return []
    if isinstance(constraints, str):
        return [constraints]
    if isinstance(constraints, (set, frozenset)) and len(constraints) > 1:
        raise NotPlain(constraints)  # the order depends on string hashing
    if isinstance(constraints, (list, tuple, set, frozenset, dict)):
        return list(constraints)
    raise Failure(
        "TypeError", f"{_type_name(constraints)!r} object is not iterable", TRIGGER_ARGUMENT
    )


def _type_name(value: Any) -> str:
    if isinstance(value, (list, tuple, dict, set, str, int, float, bool, bytes, type(None))):
        return type(value).__name__
    return getattr(type(value), "__name__", "object")
