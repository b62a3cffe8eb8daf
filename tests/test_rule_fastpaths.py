"""The rules' fast paths judge as the walks they stand in for: `specs.conforms(value,
spec)` is true exactly when `specs.schema_errors` finds nothing, and `specs.serializable`
exactly when `specs._unserializable` finds nothing — on generated values shaped like job
definitions (every release's schema, values right and wrong), and on the edges of the
JSON walk (64-bit bounds, lone surrogates, cycles, depth, the element budget)."""

from __future__ import annotations

import datetime

import pytest
from dlt_manifest.dlt.releases import PROFILES
from dlt_manifest.dlt.triggers import Failure, parse_freshness, parse_job_ref, parse_trigger
from dlt_manifest.rules.specs import _unserializable, conforms, job_schema, schema_errors, serializable
from dlt_manifest.source import limits
from hypothesis import given, settings
from hypothesis import strategies as st

SCHEMAS = [job_schema(release) for release in PROFILES]

_strings = st.one_of(
    st.sampled_from([
        "every 5 minutes", "0 8 * * *", "jobs.etl.load", "jobs.etl.load.success", "tag:ops", "gui", "mcp",
        "auto", "always", "interval", "pipeline", "drop_data", "2026-01-01T00:00:00Z", "not a trigger", "",
    ]),
    st.text(max_size=6),
)  # fmt: skip
_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=False),
    _strings, st.datetimes(max_value=datetime.datetime(2100, 1, 1)),
)


def _values(keys: list):
    return st.recursive(
        _leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.tuples(inner, inner),
            st.dictionaries(st.sampled_from(keys), inner, max_size=5),
        ),
        max_leaves=8,
    )


def _keys(spec, out: set) -> set:
    if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[0], str):
        tag, data = spec
        if tag == "dict":
            for key, (inner, _) in data.items():
                out.add(key)
                _keys(inner, out)
        elif tag in ("list", "optional"):
            _keys(data, out)
        elif tag == "union":
            for option in data:
                _keys(option, out)
    return out


KEYS = sorted(set().union(*(_keys(schema, set()) for schema in SCHEMAS)) | {"unexpected"})


_CANDIDATES = [  # as the manifest stores them, and not
    "schedule:0 8 * * *", "every:5m", "every:12h", "every: 1.5 h", "http:", "http:8501/kpis", "deployment:",
    "job.success:jobs.etl.load", "job.fail:jobs.etl.load", "job.is_fresh:jobs.etl.load", "tag:ops",
    "jobs.etl.load", "every 5 minutes", "0 8 * * *", "schedule:", "every:", "not a trigger", "jobs", "",
]  # fmt: skip


def _parsing(parser) -> list:
    def parses(text: str) -> bool:
        try:
            parser(text)
        except Failure:
            return False
        return True

    return [text for text in _CANDIDATES if parses(text)]


VALID = {"trigger": _parsing(parse_trigger), "job_ref": _parsing(parse_job_ref), "freshness": _parsing(parse_freshness)}


@st.composite
def _definitions(draw):
    """A job definition of a release's schema, right nearly everywhere (now and then a
    value replaced by any value, one time in ten an unexpected key)."""
    schema = draw(st.sampled_from(SCHEMAS))
    return schema, draw(_shaped(schema[1]))


def _shaped(data: dict):
    shaped = st.fixed_dictionaries(
        {key: _of(spec) for key, (spec, required) in data.items() if required},
        optional={key: _of(spec) for key, (spec, required) in data.items() if not required},
    )
    return st.tuples(shaped, st.integers(0, 9), _leaves).map(lambda t: {**t[0], "unexpected": t[2]} if t[1] == 9 else t[0])


def _of(spec):
    """A value of `spec`, or now and then any value."""
    if spec == "object":
        right = st.dictionaries(st.sampled_from(KEYS), _leaves, max_size=3)
    elif isinstance(spec, str) and spec in VALID:
        right = st.sampled_from(VALID[spec])
    elif spec == "str":
        right = _strings
    elif spec in ("int", "float", "bool", "datetime", "any"):
        right = {"int": st.integers(), "float": st.floats(), "bool": st.booleans(),
                 "datetime": st.datetimes(max_value=datetime.datetime(2100, 1, 1)), "any": _leaves}[spec]  # fmt: skip
    else:
        tag, data = spec
        if tag == "literal":
            right = st.sampled_from(list(data))
        elif tag == "list":
            right = st.lists(st.deferred(lambda: _of(data)), max_size=3)
        elif tag == "optional":
            right = st.one_of(st.none(), st.deferred(lambda: _of(data)))
        elif tag == "union":
            right = st.one_of(*[st.deferred(lambda o=o: _of(o)) for o in data])
        else:
            right = _shaped(data)
    return st.one_of(right, right, right, right, _values(KEYS))


@settings(max_examples=200, deadline=None)
@given(_definitions())
def test_conforms_is_schema_errors_finding_nothing(drawn) -> None:
    schema, value = drawn
    assert conforms(value, schema) == (not list(schema_errors(value, schema, ())))


@pytest.mark.parametrize("schema", SCHEMAS)
def test_conforms_on_definitions_right_and_wrong(schema) -> None:
    entry = {"module": "jobs.etl", "function": "load", "job_type": "batch", "launcher": "dlt.x"}
    right = {"job_ref": VALID["job_ref"][0], "entry_point": entry, "triggers": VALID["trigger"], "execute": {},
             "freshness": VALID["freshness"]}  # fmt: skip
    if "engine_version" in schema[1]:
        right["engine_version"] = 2
    for tags in ("ops", ["ops", "daily"], 3, ["ops", 3]):
        for start in ("2026-01-01T00:00:00Z", datetime.datetime(2026, 1, 1), 5):
            value = {**right, "expose": {"tags": tags}, "interval": {"start": start}}
            assert conforms(value, schema) == (not list(schema_errors(value, schema, ()))), value
    values = [right, {**right, "triggers": ["not a trigger"]}, {**right, "unexpected": 1}, {"job_ref": "jobs.etl.load"}]
    outcomes = {conforms(value, schema) for value in values}
    for value in values:
        assert conforms(value, schema) == (not list(schema_errors(value, schema, ())))
    assert outcomes == {True, False}


@settings(max_examples=200, deadline=None)
@given(_values(KEYS))
def test_conforms_on_any_value(value) -> None:
    for schema in SCHEMAS:
        assert conforms(value, schema) == (not list(schema_errors(value, schema, ())))


def _same_judgement(value) -> None:
    assert serializable(value) == (not list(_unserializable(value, ())))


@settings(max_examples=500, deadline=None)
@given(_values(KEYS + [1, 2]))
def test_serializable_is_the_walk_finding_nothing(value) -> None:
    _same_judgement(value)


@pytest.mark.parametrize("value", [
    2**63 - 1, -(2**63), -(2**63) - 1, 2**64 - 1, 2**64, True, [2**64], {"a": {"b": (1, -(2**64))}},
    "plain", "é", "\ud800", ["ok", "\udfff"], {"\ud800": 1},  # (a key is not walked)
])  # fmt: skip
def test_serializable_edges(value) -> None:
    _same_judgement(value)


def test_serializable_cycles_shared_values_depth_and_budget() -> None:
    looped: list = [1]
    looped.append(looped)
    _same_judgement(looped)
    _same_judgement({"a": {"b": looped}})
    shared = [1, 2, 3]
    _same_judgement([shared, shared, (shared,)])  # reached three times: not a cycle
    for depth in (252, 253, 254, 255, 300):
        deep: list = []
        for _ in range(depth):
            deep = [deep]
        _same_judgement(deep)
    for size in (8, 9, 10, 11):
        with limits.use(limits.DEFAULT.with_values({"sequence": 10})):
            _same_judgement(list(range(size)))
            _same_judgement([shared] * (size // 3))  # each reach counts
