"""Views of the model that several rule families read: the known job refs, the known
triggers and freshness constraints of a job, the edges of the job graph (follow-ups and
freshness gates), and dlt's reading of interval bounds."""

from __future__ import annotations

import datetime
from typing import Iterator

from dlt_manifest.dlt import isotime
from dlt_manifest.dlt.triggers import Failure, parse_freshness, parse_trigger
from dlt_manifest.manifest.model import Deployment
from dlt_manifest.python.values import is_poison


def known_refs(deployment: Deployment) -> set:
    return {job.job_ref for job in deployment.jobs if isinstance(job.job_ref, str)}


def freshness_items(job) -> list:
    items = job.definition.get("freshness")
    if not isinstance(items, list):
        return []
    return [(i, c) for i, c in enumerate(items) if isinstance(c, str)]


def freshness_gates(job) -> Iterator[tuple]:
    """(index, kind, upstream ref) of the job's parseable freshness constraints."""
    for i, constraint in freshness_items(job):
        try:
            kind, upstream = parse_freshness(constraint)
        except Failure:
            continue
        yield i, kind, upstream


def edges(deployment: Deployment, kind: str) -> dict:
    """upstream ref -> [(downstream job, field index)] for follow-ups or freshness gates."""
    edges: dict = {}
    for job in deployment.jobs:
        if not isinstance(job.job_ref, str):
            continue
        items = known_triggers(job) if kind == "triggers" else freshness_items(job)
        for i, item in items:
            prefix, _, upstream = item.partition(":")
            if kind == "triggers" and prefix not in ("job.success", "job.fail"):
                continue
            edges.setdefault(upstream, []).append((job, i))
    return edges


def known_triggers(job) -> list:
    """(index, trigger) for the job's triggers that are known strings."""
    items = job.definition.get("triggers")
    if is_poison(items) or not isinstance(items, list):
        return []
    return [(i, t) for i, t in enumerate(items) if isinstance(t, str)]


def trigger_types(job) -> set:
    types = set()
    for _, trigger in known_triggers(job):
        try:
            types.add(parse_trigger(trigger).type)
        except Failure:
            pass
    return types


def utc_moment(value):
    """dlt's `ensure_datetime_utc`: a UTC datetime, an error message, or None (unknown)."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=datetime.timezone.utc)
        return value.astimezone(datetime.timezone.utc)
    if isinstance(value, str):
        try:
            return isotime.to_utc(isotime.ensure_datetime_non_utc(value))
        except isotime.UnsupportedTimeFormat:
            return None
        except ValueError as ex:
            return f"interval value {value!r} is not a date/time dlt can read: {ex}"
    return None
