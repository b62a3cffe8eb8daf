"""DM3xx — the values of decorator arguments and module dunders: types and keys the
manifest schema allows (dlt's `validate_dict` over `TJobsDeploymentManifest`), profiles,
deliver targets, config specs."""

from __future__ import annotations

import datetime
import functools
import zoneinfo
from typing import Any, Iterator

from dlt_manifest.dlt.triggers import (
    Failure,
    parse_freshness,
    parse_job_ref,
    parse_trigger,
)
from dlt_manifest.manifest.model import Deployment
from dlt_manifest.python.values import External, is_poison
from dlt_manifest.rules.base import Finding, RaisedRule, Rule
from dlt_manifest.rules.diagnostics import Severity
from dlt_manifest.source.limits import current
from dlt_manifest.rules.jobgraph import utc_moment

_HEAD = "from dlt.hub import run\nfrom dlt.hub.run import trigger\n\n"

# The manifest schema (dlt/_workspace/deployment/typing.py) of a release. A spec is a tag
# and its data: "str" "int" "float" "bool" "datetime" "any", ("literal", values), ("list",
# spec), ("union", specs), ("optional", spec), ("dict", {key: (spec, required)}), "object"
# (any dict), and "trigger", "job_ref", "freshness" (strings dlt parses).
_NUMBER = ("union", ["int", "float"])
_TIMEOUT = ("dict", {"timeout": (_NUMBER, False), "grace_period": (_NUMBER, False)})
_REQUIRE_TYPES = {"dependency_groups": ("list", "str"), "static_egress_ips": "bool", "instance": "object"}
_ENTITY_TYPES = ("job-runs", "job", "workspace", "pipeline", "dataset", "job-run")


def job_schema(release) -> tuple:
    """`TJobDefinition` of `release` (D13)."""
    expose = {
        "display_name": ("str", False),
        "tags": (("union", ["str", ("list", "str")]), False),
        "starred": ("bool", False),
        "manual": ("bool", False),
        "interface": (("literal", ("gui", "rest_api", "mcp")), False),
        "category": (("literal", release.expose_categories), False),
    }
    interval = {"start": (("union", ["str", "datetime"]), True), "end": (("union", ["str", "datetime"]), False)}
    job = {
        "job_ref": ("job_ref", True),
        "description": ("str", False),
        "entry_point": (
            (
                "dict",
                {
                    "module": ("str", True),
                    "function": (("optional", "str"), False),
                    "job_type": (("literal", ("batch", "interactive", "stream")), True),
                    "launcher": ("str", True),
                },
            ),
            True,
        ),
        "expose": (("dict", expose), False),
        "triggers": (("list", "trigger"), True),
        "execute": (
            (
                "dict",
                {
                    "timeout": (("optional", _TIMEOUT), False),
                    "concurrency": (("optional", "int"), False),
                    "intercept_signals": ("bool", False),
                },
            ),
            True,
        ),
        "config_keys": (("list", "str"), False),
        "deliver": (
            ("dict", {"source_ref": ("str", False), "pipeline_name": ("str", False), "deadline": ("str", False)}),
            False,
        ),
        "interval": (("dict", interval), False),
        "freshness": (("list", "freshness"), False),
        "allow_external_schedulers": ("bool", False),
        "require": (("dict", {k: (_REQUIRE_TYPES.get(k, "str"), False) for k in release.require_keys}), False),
        "default_trigger": ("trigger", False),
        "refresh": (("literal", ("always", "auto", "block")), False),
    }
    if release.engine2:
        expose["object_input"] = (("dict", {"entity_type": (("literal", _ENTITY_TYPES), True), "input": ("str", True)}), False)
        interval["mode"] = (("literal", ("sequential", "parallel")), False)
        del job["allow_external_schedulers"], job["refresh"]
        job.update({
            "engine_version": ("int", True),
            "inputs": ("object", False),
            "output": ("object", False),
            "access": ("object", False),
            "agent": ("object", False),
            "incremental_mode": (("literal", ("interval", "pipeline")), False),
            "refresh_propagation": (("literal", ("auto", "always", "block")), False),
            "auto_refresh_pipeline_mode": (("literal", ("drop_sources", "drop_resources", "drop_data")), False),
        })  # fmt: skip
    return ("dict", job)


_SCALARS = {"str": str, "int": int, "float": float, "bool": bool, "datetime": datetime.datetime}
_PARSERS = {"trigger": parse_trigger, "job_ref": parse_job_ref, "freshness": parse_freshness}  # strings dlt parses


def schema_errors(value: Any, spec: Any, path: tuple) -> Iterator[tuple]:
    """(path, message) for every place `value` breaks `spec`, as `validate_dict` judges."""
    if is_poison(value) or isinstance(value, External):
        return  # not known: reported by the DM9xx rules
    if spec == "object":
        if not isinstance(value, dict):
            yield path, f"field `{_last(path)}` has invalid type `{type(value).__name__}` while `dict` is expected"
        return
    if isinstance(spec, str):
        if spec in _SCALARS:
            if not isinstance(value, _SCALARS[spec]):
                yield path, f"field `{_last(path)}` has invalid type `{type(value).__name__}` while `{spec}` is expected"
            return
        parser = _PARSERS[spec]
        if not isinstance(value, str):
            yield path, f"field `{_last(path)}` must be a string"
            return
        try:
            parser(value)
        except Failure as ex:
            yield path, ex.message
        return
    tag, data = spec
    if tag == "optional":
        if value is not None:
            yield from schema_errors(value, data, path)
    elif tag == "literal":
        if value not in data:
            yield path, f"field `{_last(path)}={value}` is not one of: {list(data)}"
    elif tag == "union":
        options = [list(schema_errors(value, option, path)) for option in data]
        if all(options):
            yield path, f"field `{_last(path)}` has invalid type `{type(value).__name__}`: {options[0][0][1]}"
    elif tag == "list":
        if not isinstance(value, list):
            yield path, f"field `{_last(path)}` has invalid type `{type(value).__name__}` while `list` is expected"
            return
        for i, item in enumerate(value):
            yield from schema_errors(item, data, path + (i,))
    elif tag == "dict":
        if not isinstance(value, dict):
            yield path, f"field `{_last(path)}` has invalid type `{type(value).__name__}` while a dict is expected"
            return
        missing = [k for k, (_, required) in data.items() if required and k not in value]
        if missing:
            yield path, f"missing required fields {missing}"
        for k in value:
            if k not in data:
                yield path + (k, "key"), f"received unexpected field {k!r} (allowed: {', '.join(data)})"
        for key, item in value.items():
            if key in data:
                yield from schema_errors(item, data[key][0], path + (key,))


def conforms(value: Any, spec: Any) -> bool:
    """Whether `schema_errors(value, spec, ())` finds nothing: the same judgement without
    making paths and messages (nearly every job conforms; `tests/test_rule_fastpaths.py`
    compares the two)."""
    if is_poison(value) or isinstance(value, External):
        return True
    if spec == "object":
        return isinstance(value, dict)
    if isinstance(spec, str):
        if spec in _SCALARS:
            return isinstance(value, _SCALARS[spec])
        if not isinstance(value, str):
            return False
        try:
            _PARSERS[spec](value)
        except Failure:
            return False
        return True
    tag, data = spec
    if tag == "optional":
        return value is None or conforms(value, data)
    if tag == "literal":
        return value in data
    if tag == "union":
        return any(conforms(value, option) for option in data)
    if tag == "list":
        if not isinstance(value, list):
            return False
        for item in value:
            if not conforms(item, data):
                return False
        return True
    # "dict"
    if not isinstance(value, dict):
        return False
    for key, (_, required) in data.items():
        if required and key not in value:
            return False
    for key, item in value.items():
        if key not in data or not conforms(item, data[key][0]):
            return False
    return True


def _last(path: tuple) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "value"


class InvalidArgument(RaisedRule):
    """Checks decorator arguments dlt's decorators use directly: `expose` and `execute`
    must be dicts, `@run.pipeline` needs a pipeline name or a `dlt.pipeline(...)`.
    Why: dlt raises while decorating."""

    code = "DM301"
    name = "invalid-argument"
    summary = "a decorator argument dlt's decorator cannot use"
    fails = {"__deployment__.py": _HEAD + '@run.job(expose=["ops"])\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(expose={"tags": ["ops"]})\ndef j(): ...\n__all__ = ["j"]\n'}


class ManifestSchema(Rule):
    """Checks every job against the manifest schema dlt validates (`validate_dict` over
    `TJobsDeploymentManifest`): known keys only in `expose`, `execute`, `require`,
    `deliver`, `interval` and timeouts, and values of the declared types (`starred` a
    bool, `tags` a string or a list of strings, `interval.start` a string or datetime,
    `refresh` one of always/auto/block, ...). Why: dlt's validation fails on the first
    mismatch; a typo such as `{"starrd": True}` is caught here."""

    code = "DM302"
    name = "manifest-schema"
    summary = "a value or key the manifest schema does not allow"
    fails = {"__deployment__.py": _HEAD + '@run.job(expose={"starrd": True})\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(expose={"starred": True})\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        schema = job_schema(deployment.release)
        for job in deployment.jobs:
            if conforms(job.definition, schema):
                continue
            for path, message in schema_errors(job.definition, schema, ()):
                if path and path[-1] == "key":
                    yield job.site(*path[:-1], key=True), f"job {_ref(job)}: {message}"
                else:
                    yield job.site(*path), f"job {_ref(job)}: {message}"
        if deployment.description is not None and not is_poison(deployment.description):
            if not isinstance(deployment.description, str):
                yield deployment.all_site, "the workspace description (`__doc__`) must be a string"
        tags = deployment.tags
        if tags is not None:
            for path, message in schema_errors(tags, ("list", "str"), ("tags",)):
                yield deployment.tags_site, f"`__tags__`: {message}"


def _ref(job) -> str:
    return repr(job.job_ref) if isinstance(job.job_ref, str) else "?"


class LocalProfile(Rule):
    """Checks `require.profile`: the local-only profiles `dev` and `tests` cannot be used
    by deployed jobs. Why: dlt's validation fails (they are never synced)."""

    code = "DM303"
    name = "local-profile"
    summary = "`require.profile` names a local-only profile (dev, tests)"
    fails = {"__deployment__.py": _HEAD + '@run.job(require={"profile": "dev"})\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(require={"profile": "prod"})\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        if not deployment.release.local_profile_check:
            return  # dlt 1.26.0 stores any profile
        for job in deployment.jobs:
            require = job.definition.get("require")
            if not isinstance(require, dict):
                continue
            profile = require.get("profile")
            if isinstance(profile, str) and profile in ("dev", "tests"):
                yield job.site("require", "profile"), (
                    f"job {job.job_ref!r}: require.profile {profile!r} is a local-only profile"
                    " and cannot be assumed by deployed jobs (local-only profiles: dev, tests)"
                )


class InvalidDeliver(RaisedRule):
    """Checks `deliver=`: a `@dlt.source` function, a standalone top-level `@dlt.resource`
    or a dict. Why: calling a source while the workspace is imported fails (dlt blocks
    pipeline execution during import), a called resource is an inner resource, and other
    objects have no source reference."""

    code = "DM304"
    name = "invalid-deliver"
    summary = "a deliver target dlt cannot turn into a source reference"
    fails = {"__deployment__.py": "import dlt\n" + _HEAD + '@dlt.source\ndef s(): ...\n@run.job(deliver=s())\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": "import dlt\n" + _HEAD + '@dlt.source\ndef s(): ...\n@run.job(deliver=s)\ndef j(): ...\n__all__ = ["j"]\n'}


class ConfigSpec(RaisedRule):
    """Checks the job function's signature as dlt's config injection reads it: a list,
    dict or set default is a mutable dataclass default, and an unannotated default of an
    unsupported type (a logger, a function) has no config type. Why: dlt raises while
    decorating."""

    code = "DM305"
    name = "config-spec"
    summary = "a job parameter default dlt's config injection rejects"
    fails = {"__deployment__.py": _HEAD + '@run.job\ndef j(tables: list = ["a"]): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job\ndef j(tables: tuple = ("a",)): ...\n__all__ = ["j"]\n'}


class InvalidJobSchema(Rule):
    """Checks (dlt 1.31.0) what the manifest's JSON Schemas need: a `run.Entity` type dlt
    knows (job-runs, job, workspace, pipeline, dataset), and a TypedDict return type whose
    annotations resolve. Why: dlt raises `InvalidJobSchema` while writing the manifest."""

    code = "DM310"
    name = "invalid-job-schema"
    summary = "a job schema dlt 1.31.0 cannot write (unknown entity type, unreadable output type)"
    fails = {"__deployment__.py": "from typing import Annotated\n" + _HEAD + '@run.job\ndef j(x: Annotated[str, run.Entity("table")] = None): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": "from typing import Annotated\n" + _HEAD + '@run.job\ndef j(x: Annotated[str, run.Entity("job")] = None): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for raised in deployment.failures:
            if raised.code == self.code:
                yield raised.site, f"{raised.message} ({raised.exc} when the manifest is written)"


class InvalidAgentSpec(InvalidJobSchema):
    """Checks (dlt 1.31.0) the agent of a `run.agent` job: a name and a system prompt (a
    decorated function's docstring), known `access` axes and verbs, a return type deriving
    from `run.TAgentOutput`, lists of tool, skill and rule names. Why: dlt raises
    `InvalidAgentSpec` while writing the manifest."""

    code = "DM311"
    name = "invalid-agent-spec"
    summary = "a `run.agent` agent dlt 1.31.0 rejects (no system prompt, unknown access, ...)"
    fails = {"__deployment__.py": _HEAD + '@run.agent\ndef a(): ...\n__all__ = ["a"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.agent\ndef a():\n    """Summarize the day."""\n__all__ = ["a"]\n'}


class Unserializable(Rule):
    """Checks that every value can be written as JSON the way dlt writes the manifest
    (orjson): integers within 64 bits, strings without lone surrogates.

    Why: dlt fails when it serializes the manifest (`Integer exceeds 64-bit range`)."""

    code = "DM306"
    name = "unserializable-value"
    summary = "a value dlt's JSON encoder rejects (integer over 64 bits, lone surrogate)"
    fails = {"__deployment__.py": _HEAD + '@run.job(execute={"concurrency": 2**64})\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(execute={"concurrency": 2**16})\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            if serializable(job.definition):
                continue
            for path, problem in _unserializable(job.definition, ()):
                yield job.site(*path), f"job {_ref(job)}: {problem}"
        for value, site in ((deployment.description, deployment.all_site), (deployment.tags, deployment.tags_site)):
            for _, problem in _unserializable(value, ()):
                yield site, problem


def serializable(value: Any) -> bool:
    """Whether `_unserializable(value, ())` finds nothing: the same walk (each value
    counted against `limits.sequence` as often as it is reached, dict keys not walked), told
    without paths and sets of ancestors (`tests/test_rule_fastpaths.py` compares them)."""
    left = current().sequence
    path: set = set()  # ids of the containers above the value being looked at

    def ok(item: Any, depth: int) -> bool:
        nonlocal left
        left -= 1
        if left < 0:
            return False
        if isinstance(item, bool):
            return True
        if isinstance(item, int):
            return -(2**63) <= item < 2**64
        if isinstance(item, str):
            if item.isascii():
                return True
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
            return True
        if isinstance(item, (dict, list, tuple)):
            if id(item) in path or depth >= 254:
                return False
            path.add(id(item))
            for inner in item.values() if isinstance(item, dict) else item:
                if not ok(inner, depth + 1):
                    return False
            path.discard(id(item))
        return True

    return ok(value, 0)


def _unserializable(value: Any, path: tuple) -> Iterator[tuple]:
    """What the manifest's JSON encoder rejects: walked iteratively, a container that
    holds itself is a circular reference (the encoder raises), and the walk is bounded
    (`limits.sequence` elements)."""
    budget = current().sequence
    stack = [(value, path, frozenset())]
    while stack:
        item, where, ancestors = stack.pop()
        budget -= 1
        if budget < 0:
            yield where, f"value too large to encode as the manifest's JSON (more than {current().sequence:,} elements)"
            return
        if isinstance(item, bool):
            continue
        if isinstance(item, int) and not -(2**63) <= item < 2**64:
            shown = str(item) if item.bit_length() < 1000 else f"of {item.bit_length():,} bits"
            yield where, f"integer {shown} exceeds the 64-bit range of the manifest's JSON encoder"
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                yield where, "string with a lone surrogate cannot be written as UTF-8 JSON"
        elif isinstance(item, (dict, list, tuple)):
            if id(item) in ancestors:
                yield where, "circular reference: the value contains itself"
                continue
            if len(ancestors) >= 254:
                yield where, "value nested more than 254 levels deep (the limit of dlt's JSON encoder, orjson)"
                continue
            inner = ancestors | {id(item)}
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            stack.extend((v, where + (k,), inner) for k, v in pairs)


RULES = [InvalidArgument, ManifestSchema, LocalProfile, InvalidDeliver, ConfigSpec, InvalidJobSchema, InvalidAgentSpec, Unserializable]


# --- beyond dlt (warnings by default) -------------------------------------------------------


class UnknownDependencyGroup(Rule):
    """Checks `require.dependency_groups` against `[dependency-groups]` of the
    workspace's pyproject.toml (when there is one).

    Why: a group that does not exist installs nothing; the job fails at run time on a
    missing import."""

    code = "DM320"
    name = "unknown-dependency-group"
    severity = Severity.WARNING
    runtime = False
    summary = "`require.dependency_groups` names a group pyproject.toml does not define"
    fails = {
        "pyproject.toml": '[dependency-groups]\nibis = ["ibis-framework"]\n',
        "__deployment__.py": _HEAD + '@run.job(require={"dependency_groups": ["ibsi"]})\ndef j(): ...\n__all__ = ["j"]\n',
    }
    passes = {
        "pyproject.toml": '[dependency-groups]\nibis = ["ibis-framework"]\n',
        "__deployment__.py": _HEAD + '@run.job(require={"dependency_groups": ["ibis"]})\ndef j(): ...\n__all__ = ["j"]\n',
    }

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        groups = deployment.interp.workspace.dependency_groups()
        if groups is None:
            return
        for job in deployment.jobs:
            if job.kind == "dashboard":
                continue
            require = job.definition.get("require")
            names = require.get("dependency_groups") if isinstance(require, dict) else None
            if not isinstance(names, list):
                continue
            for i, group in enumerate(names):
                if isinstance(group, str) and group not in groups:
                    yield job.site("require", "dependency_groups", i), (
                        f"job {job.job_ref!r} requires dependency group {group!r}, which"
                        " pyproject.toml does not define"
                    )


@functools.lru_cache(maxsize=1)
def _time_zones() -> frozenset:
    """The zone names installed (a walk of the tz database's folders: once a process)."""
    return frozenset(zoneinfo.available_timezones())


class UnknownTimezone(Rule):
    """Checks that `require.timezone` is an IANA time zone name.

    Why: the scheduler computes cron ticks and intervals in that zone; a misspelled zone
    is rejected at run time."""

    code = "DM321"
    name = "unknown-timezone"
    severity = Severity.WARNING
    runtime = False
    summary = "`require.timezone` is not an IANA time zone"
    fails = {"__deployment__.py": _HEAD + '@run.job(require={"timezone": "Europe/Berln"})\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(require={"timezone": "Europe/Berlin"})\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        zones = None
        for job in deployment.jobs:
            require = job.definition.get("require")
            zone = require.get("timezone") if isinstance(require, dict) else None
            if not isinstance(zone, str):
                continue
            zones = zones if zones is not None else _time_zones()
            if zones and zone not in zones:
                yield job.site("require", "timezone"), (
                    f"job {job.job_ref!r}: {zone!r} is not an IANA time zone"
                )


class IntervalEndBeforeStart(Rule):
    """Checks that an interval's `end` is after its `start`.

    Why: the interval is empty: the job has no windows to process."""

    code = "DM322"
    name = "interval-end-before-start"
    severity = Severity.WARNING
    runtime = False
    summary = "an interval whose end is not after its start"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger="0 0 * * *", interval={"start": "2026-02-01", "end": "2026-01-01"})\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger="0 0 * * *", interval={"start": "2026-01-01", "end": "2026-02-01"})\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            interval = job.definition.get("interval")
            if not isinstance(interval, dict) or not interval.get("end"):
                continue
            start, end = utc_moment(interval.get("start")), utc_moment(interval.get("end"))
            if isinstance(start, datetime.datetime) and isinstance(end, datetime.datetime):
                if end <= start:
                    yield job.site("interval", "end"), (
                        f"job {job.job_ref!r}: interval end {interval['end']} is not after its"
                        f" start {interval['start']}"
                    )


class DuplicateTag(Rule):
    """Checks that `expose.tags` (and `__tags__`) name each tag once.

    Why: a repeated tag is a typo or a copy-paste slip.

    Fix: removes the repeated element where it is written inline in the job's
    definition and carries no comment."""

    code = "DM323"
    fixable = "safe"
    name = "duplicate-tag"
    severity = Severity.WARNING
    runtime = False
    summary = "a tag listed twice"
    fails = {"__deployment__.py": _HEAD + '@run.job(expose={"tags": ["ops", "ops"]})\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(expose={"tags": ["ops", "daily"]})\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            expose = job.definition.get("expose")
            tags = expose.get("tags") if isinstance(expose, dict) else None
            for i in _repeats(tags):
                yield job.site("expose", "tags", i), f"job {job.job_ref!r} lists tag {tags[i]!r} twice"
        for i in _repeats(deployment.tags):
            yield deployment.tags_site, f"`__tags__` lists {deployment.tags[i]!r} twice"


def _repeats(items) -> list:
    if not isinstance(items, list):
        return []
    seen: set = set()
    out = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            if item in seen:
                out.append(i)
            seen.add(item)
    return out


RULES += [UnknownDependencyGroup, UnknownTimezone, IntervalEndBeforeStart, DuplicateTag]
