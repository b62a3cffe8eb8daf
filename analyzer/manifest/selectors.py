"""Engine 2's expansion of job-event selectors (dlt 1.31.0 `expand_trigger_selectors`,
SPEC D14.2): a `job.success:` / `job.fail:` trigger whose expression is a selector
(`tag:raw`, `batch:`, `jobs.ingest.*`, `schedule:*`) becomes one trigger per job it
selects, in manifest order; a selector that selects nothing is dropped with a warning.
It runs after every job is collected and before `expose.manual` / `default_trigger`.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any, Optional

from dlt_manifest.dlt import triggers
from dlt_manifest.python.values import Unknown, deep_poison, is_poison


def expand_selectors(entries: list) -> list:
    """Expands in place; returns the (site, message) of each "matched no job" warning."""
    warnings: list = []
    candidates = [e for e in entries if _job_type(e) != "interactive"]
    for entry in entries:
        job = entry.definition
        items = job.get("triggers")
        if is_poison(items) or not any(_selector_of(t) for t in items):
            continue
        unknown = _unknowable(entry, candidates)
        if unknown is not None:
            job["triggers"] = unknown
            continue
        expanded: list = []
        sites: list = []
        for i, trigger in enumerate(items):
            site = entry.site("triggers", i)
            selector = _selector_of(trigger)
            if selector is None:
                if trigger not in expanded:
                    expanded.append(trigger)
                    sites.append(site)
                continue
            kind = trigger.partition(":")[0]
            matched = [c.job_ref for c in candidates if c.job_ref != entry.job_ref and _selects(c, selector)]
            if not matched:
                warnings.append((site, f"job {entry.job_ref!r}: trigger {trigger!r} matched no job"))
            for ref in matched:
                if f"{kind}:{ref}" not in expanded:
                    expanded.append(f"{kind}:{ref}")
                    sites.append(site)
        for key in [k for k in entry.sites if k[:1] == ("triggers",) and len(k) == 2]:
            del entry.sites[key]
        entry.sites.update({("triggers", i): site for i, site in enumerate(sites)})
        job["triggers"] = expanded
    return warnings


def _selector_of(trigger: Any) -> Optional[str]:
    if not isinstance(trigger, str):
        return None
    kind, _, expr = trigger.partition(":")
    return expr if kind in triggers.JOB_EVENT_TYPES and triggers.is_selector(expr) else None


def _job_type(entry) -> Any:
    return entry.definition.get("entry_point", {}).get("job_type")


def _unknowable(entry, candidates: list) -> Optional[Unknown]:
    """The unknown value the selectors' matches depend on, if any (reported where it is)."""
    for candidate in candidates:
        job = candidate.definition
        parts = [job.get("job_ref"), _job_type(candidate), job.get("triggers"), job.get("expose"), job.get("deliver")]
        for part in parts:
            poison = deep_poison(part)
            if isinstance(poison, Unknown):
                return poison
            if poison is not None:
                return Unknown(poison.message, poison.site, poison.code)
    return None


def _selects(candidate, selector: str) -> bool:
    """`selects_job`: the selector matches the job's type, its ref, or one of its triggers
    (its own, plus `tag:`, `manual:` and `pipeline_name:` from expose and deliver)."""
    job = candidate.definition
    items = _synthetic(job)
    if selector.rstrip(":") in triggers.JOB_TYPE_SELECTORS:
        kind = selector.rstrip(":")
        return bool(items) and ((kind == "job" and _job_type(candidate) == "batch") or _job_type(candidate) == kind)
    pattern = triggers.selector_pattern(selector)
    if fnmatchcase(job["job_ref"], pattern):
        return bool(items)
    return any(fnmatchcase(t, pattern) for t in items)


def _synthetic(job: dict) -> list:
    """`expand_triggers(job)`."""
    items = list(job.get("triggers", []))
    expose = job.get("expose") or {}
    for tag in expose.get("tags", []) if isinstance(expose, dict) else []:
        trigger = f"tag:{tag.strip()}" if isinstance(tag, str) else f"tag:{tag}"
        if trigger not in items:
            items.append(trigger)
    if not isinstance(expose, dict) or expose.get("manual", True):
        trigger = f"manual:{job['job_ref']}"
        if trigger not in items:
            items.append(trigger)
    deliver = job.get("deliver")
    pipeline = deliver.get("pipeline_name") if isinstance(deliver, dict) else None
    if pipeline:
        if f"pipeline_name:{pipeline}" not in items:
            items.append(f"pipeline_name:{pipeline}")
    return items
