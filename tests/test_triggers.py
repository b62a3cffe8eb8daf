"""Trigger normalization (mirror of dlt 1.27.2's `_trigger_helpers.py`)."""

from __future__ import annotations

import pytest
from croniter import croniter
from dlt_manifest.dlt import triggers
from dlt_manifest.dlt.triggers import Failure, normalize_trigger
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(
    "raw, normalized",
    [
        ("0 8 * * *", "schedule:0 8 * * *"),
        ("  @daily ", "schedule:@daily"),
        ("30 2 * * * 15", "schedule:30 2 * * * 15"),
        ("http", "http:"),
        ("webhook", "webhook:"),
        ("deployment", "deployment:"),
        (" every:1h ", "every:1h"),
        ("schedule: 0 5 * * *", "schedule: 0 5 * * *"),
        ("every: 1.5 h", "every: 1.5 h"),
        ("once:2026-01-01T00:00:00Z", "once:2026-01-01T00:00:00Z"),
        ("tag:nightly", "tag:nightly"),
        ("job.success:jobs.a.b", "job.success:jobs.a.b"),
        ("http:8080/api", "http:8080/api"),
    ],
)
def test_normalize(raw: str, normalized: str) -> None:
    assert normalize_trigger(raw) == normalized


@pytest.mark.parametrize(
    "raw, code, reason",
    [
        ("61 * * * *", "DM101", "cannot normalize"),
        ("schedule:61 * * * *", "DM101", "invalid cron expression"),
        ("every:30s", "DM101", "minimum period is 1 minute"),
        ("every:soon", "DM101", "period must be like"),
        ("manual:jobs.a.b", "DM102", "added automatically"),
        ("pipeline_name:x", "DM102", "added automatically"),
        ("schedule", "DM101", "requires an expression"),
        ("sometimes", "DM101", "cannot normalize"),
        ("Http", "DM101", "cannot normalize"),
        ("job.success:load", "DM101", "must start with 'jobs.'"),
        ("http:http://x", "DM101", "not a full URL"),
        ("http:0", "DM101", "port must be 1-65535"),
        ("once:tomorrow", "DM101", "requires ISO 8601"),
    ],
)
def test_rejected(raw: str, code: str, reason: str) -> None:
    with pytest.raises(Failure) as info:
        normalize_trigger(raw)
    assert info.value.code == code and reason in info.value.message


def test_constructors() -> None:
    assert triggers.every(90) == "every:90s"
    assert triggers.every(120.0) == "every:120.0s"
    assert triggers.every(" 2h ") == "every:2h"
    assert triggers.every("300") == "every:300"
    assert triggers.once("2026-01-01T10:00:00+02:00") == "once:2026-01-01T08:00:00+00:00"
    assert triggers.once(1700000000.5) == "once:2023-11-14T22:13:20.500000+00:00"
    assert triggers.http(port=8080, path="/api") == "http:8080/api"
    assert triggers.tag(" x ") == "tag:x"
    assert triggers.job_success("sec.name") == "job.success:jobs.sec.name"
    with pytest.raises(Failure):
        triggers.every(30)
    with pytest.raises(Failure):
        triggers.job_fail("name")


def test_completed_tuple_flattens_only_at_top_level() -> None:
    ref = "jobs.a.b"
    completed = (f"job.success:{ref}", f"job.fail:{ref}")
    assert triggers.flatten_trigger_input((completed, "0 8 * * *")) == [*completed, "0 8 * * *"]
    inside_list = triggers.flatten_trigger_input([completed])
    with pytest.raises(Failure):
        normalize_trigger(inside_list[0])


# --- properties: croniter decides, both ways --------------------------------------------------

_FIELDS = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]


def _field(low: int, high: int):
    number = st.integers(low - 2, high + 2).map(str)
    simple = st.one_of(
        st.just("*"),
        number,
        st.tuples(number, number).map("-".join),
        st.tuples(st.sampled_from(["*", f"{low}-{high}"]), st.integers(0, high + 1)).map(
            lambda p: f"{p[0]}/{p[1]}"
        ),
        st.sampled_from(["L", "?", "MON", "jan", "H", "5#2", "1W", ""]),
    )
    return st.lists(simple, min_size=1, max_size=3).map(",".join)


_cron = st.one_of(
    st.tuples(*[_field(lo, hi) for lo, hi in _FIELDS]).map(" ".join),
    st.tuples(*[_field(lo, hi) for lo, hi in _FIELDS], _field(0, 59)).map(" ".join),
    st.sampled_from(["@daily", "@hourly", "@weekly", "@monthly", "@yearly", "@reboot", "@every 5m"]),
)


@settings(max_examples=500, deadline=None)
@given(_cron, st.sampled_from(["", " ", "  "]))
def test_property_bare_cron_accepted_iff_croniter_accepts(expr: str, pad: str) -> None:
    raw = pad + expr + pad
    try:
        result = normalize_trigger(raw)
    except Failure:
        result = None
    if croniter.is_valid(expr.strip()):
        assert result == "schedule:" + expr.strip()
    else:
        assert result is None or not result.startswith("schedule:")


@settings(max_examples=300, deadline=None)
@given(_cron)
def test_property_schedule_constructor_agrees_with_croniter(expr: str) -> None:
    try:
        triggers.schedule(expr)
        accepted = True
    except Failure:
        accepted = False
    assert accepted == croniter.is_valid(expr.strip())


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.integers(-10**6, 10**6), st.floats(-1e6, 1e6, allow_nan=False)))
def test_property_every_numbers(seconds) -> None:
    if seconds >= 60:
        assert triggers.every(seconds) == f"every:{seconds}s"
    else:
        with pytest.raises(Failure):
            triggers.every(seconds)
