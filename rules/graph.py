"""DM2xx — job references and the job graph (names, sections, follow-ups, freshness gates)."""

from __future__ import annotations

from typing import Iterator

from dlt_manifest.dlt.triggers import Failure, parse_job_ref, parse_trigger
from dlt_manifest.manifest.model import Deployment
from dlt_manifest.python.values import is_poison
from dlt_manifest.rules.base import Finding, RaisedRule, Rule
from dlt_manifest.rules.diagnostics import Severity
from dlt_manifest.rules.jobgraph import (
    edges,
    freshness_gates,
    known_refs,
    known_triggers,
)

_HEAD = "from dlt.hub import run\nfrom dlt.hub.run import trigger\n\n"
DASHBOARD = "jobs.workspace.dashboard"


class InvalidJobRef(RaisedRule):
    """Checks job references given as strings (`trigger.job_success("section.name")`,
    `freshness=["job.is_fresh:..."]`, refs of jobs): `jobs.<name>` or
    `jobs.<section>.<name>`. Why: dlt rejects anything else."""

    code = "DM201"
    name = "invalid-job-ref"
    summary = "a job reference that is not `jobs.<name>` or `jobs.<section>.<name>`"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger=trigger.job_success("load"))\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger="0 * * * *")\ndef load(): ...\n@run.job(trigger=trigger.job_success("__deployment__.load"))\ndef j(): ...\n__all__ = ["load", "j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        yield from super().check(deployment)
        for job in deployment.jobs:
            ref = job.job_ref
            if isinstance(ref, str):
                try:
                    parse_job_ref(ref)
                except Failure as ex:
                    yield job.site("job_ref"), ex.message


class InvalidJobName(RaisedRule):
    """Checks that `name=` is a Python identifier. Why: names become parts of job refs and
    config sections; dlt's decorator raises otherwise (use `expose={"display_name": ...}`
    for a human label)."""

    code = "DM202"
    name = "invalid-job-name"
    summary = "a job name that is not a Python identifier"
    fails = {"__deployment__.py": _HEAD + '@run.job(name="daily load")\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(name="daily_load")\ndef j(): ...\n__all__ = ["j"]\n'}


class InvalidJobSection(RaisedRule):
    """Checks that `section=` is a Python identifier. Why: as for names, dlt raises."""

    code = "DM203"
    name = "invalid-job-section"
    summary = "a job section that is not a Python identifier"
    fails = {"__deployment__.py": _HEAD + '@run.job(section="1st")\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(section="first")\ndef j(): ...\n__all__ = ["j"]\n'}


class ReservedName(Rule):
    """Checks that no job's section or name is `py`. Why: dlt reserves it (it clashes with
    `.py` file names in paths) and its validation fails."""

    code = "DM204"
    name = "reserved-name"
    summary = "section or name `py` is reserved"
    fails = {"__deployment__.py": _HEAD + '@run.job(name="py")\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(name="pyjob")\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            ref = job.job_ref
            if not isinstance(ref, str):
                continue
            try:
                section, name = parse_job_ref(ref)
            except Failure:
                continue
            if section == "py":
                yield job.site("job_ref"), f"job {ref!r}: section 'py' is reserved"
            if name == "py":
                yield job.site("job_ref"), f"job {ref!r}: name 'py' is reserved"


class InvalidFreshness(RaisedRule):
    """Checks freshness constraints: `job.is_fresh:<job_ref>` (or the matching-interval
    kind) with a `jobs.` reference. Why: dlt's decorator raises on anything else."""

    code = "DM205"
    name = "invalid-freshness"
    summary = "a freshness constraint dlt cannot parse"
    fails = {"__deployment__.py": _HEAD + '@run.job(freshness="fresh:jobs.a.b")\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger="0 * * * *")\ndef a(): ...\n@run.job(freshness=a.is_fresh)\ndef j(): ...\n__all__ = ["a", "j"]\n'}


class UnknownUpstream(Rule):
    """Checks that every `job.success:`/`job.fail:` trigger names a job of this manifest.

    Why: the manifest must be self-contained; dlt's validation fails on a follow-up of a
    job that is not deployed (e.g. imported but missing from `__all__`)."""

    code = "DM206"
    name = "unknown-upstream"
    summary = "a follow-up trigger names a job that is not in the manifest"
    fails = {
        "__deployment__.py": _HEAD + '@run.job\ndef a(): ...\n@run.job(trigger=a.success)\ndef b(): ...\n__all__ = ["b"]\n'
    }
    passes = {
        "__deployment__.py": _HEAD + '@run.job\ndef a(): ...\n@run.job(trigger=a.success)\ndef b(): ...\n__all__ = ["a", "b"]\n'
    }

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        refs = known_refs(deployment)
        if any(not isinstance(job.job_ref, str) for job in deployment.jobs):
            return  # a job with an unknown ref could be the upstream: reported elsewhere
        for job in deployment.jobs:
            for i, trigger in known_triggers(job):
                try:
                    parsed = parse_trigger(trigger)
                except Failure:
                    continue
                if parsed.type in ("job.success", "job.fail") and parsed.expr not in refs:
                    yield job.site("triggers", i), (
                        f"job {job.job_ref!r} has a trigger referencing unknown job"
                        f" {parsed.expr!r}"
                    )


class UnknownFreshnessUpstream(Rule):
    """Checks that freshness gates name a job of this manifest. Why: dlt's validation fails."""

    code = "DM207"
    name = "unknown-freshness-upstream"
    summary = "a freshness gate names a job that is not in the manifest"
    fails = {"__deployment__.py": _HEAD + '@run.job(freshness="job.is_fresh:jobs.x.y")\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = InvalidFreshness.passes

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        refs = known_refs(deployment)
        if any(not isinstance(job.job_ref, str) for job in deployment.jobs):
            return
        for job in deployment.jobs:
            for i, _, upstream in freshness_gates(job):
                if upstream not in refs:
                    yield job.site("freshness", i), (
                        f"job {job.job_ref!r} has freshness constraint on unknown job {upstream!r}"
                    )


class FreshnessOnInteractive(Rule):
    """Checks that `is_fresh` gates do not name an interactive job. Why: interactive jobs
    have no intervals to be fresh; dlt's validation fails."""

    code = "DM208"
    name = "freshness-on-interactive"
    summary = "a freshness gate on an interactive upstream"
    fails = {"__deployment__.py": _HEAD + '@run.interactive()\ndef ui(): ...\n@run.job(freshness=ui.is_fresh)\ndef j(): ...\n__all__ = ["ui", "j"]\n'}
    passes = InvalidFreshness.passes

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        by_ref = {job.job_ref: job for job in deployment.jobs if isinstance(job.job_ref, str)}
        for job in deployment.jobs:
            for i, kind, upstream in freshness_gates(job):
                target = by_ref.get(upstream)
                if kind == "job.is_fresh" and target is not None and target.job_type == "interactive":
                    yield job.site("freshness", i), (
                        f"job {job.job_ref!r} has {kind} constraint on {upstream!r} but upstream"
                        " is an interactive job"
                    )


class MatchingIntervalFreshness(Rule):
    """Checks for `is_matching_interval_fresh` gates: the decorator accepts them, but
    dlt's validation raises NotImplementedError (not enabled in 1.26.0 to 1.31.0)."""

    code = "DM209"
    name = "matching-interval-freshness"
    summary = "`is_matching_interval_fresh` is not implemented in dlt (1.26.0 to 1.31.0)"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger="0 * * * *", interval={"start": "2026-01-01"})\ndef a(): ...\n@run.job(freshness=a.is_matching_interval_fresh)\ndef j(): ...\n__all__ = ["a", "j"]\n'}
    passes = InvalidFreshness.passes

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        refs = known_refs(deployment)
        for job in deployment.jobs:
            for i, kind, upstream in freshness_gates(job):
                if kind == "job.is_matching_interval_fresh" and upstream in refs:
                    yield job.site("freshness", i), (
                        f"job {job.job_ref!r} declares {kind!r} on {upstream!r}: not yet"
                        f" implemented in dlt {deployment.release.name} (NotImplementedError)"
                    )


class SelfTrigger(Rule):
    """Checks (dlt 1.31.0) that no job triggers on its own success or failure. Why: the job
    would trigger itself for ever; dlt 1.31.0's validation fails (earlier releases accept it)."""

    code = "DM213"
    name = "self-trigger"
    summary = "a job triggered by its own success or failure (dlt 1.31.0)"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger="job.success:jobs.__deployment__.j")\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job\ndef a(): ...\n@run.job(trigger=a.success)\ndef j(): ...\n__all__ = ["a", "j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        if not deployment.release.engine2:
            return
        for job in deployment.jobs:
            for i, trigger in known_triggers(job):
                kind, _, expr = trigger.partition(":")
                if kind in ("job.success", "job.fail") and expr == job.job_ref:
                    yield job.site("triggers", i), (
                        f"job {job.job_ref!r}: trigger {trigger!r} makes the job trigger itself, which never terminates"
                    )


class DuplicateJobRef(Rule):
    """Checks that job refs are unique. Why: a ref identifies the job; dlt's validation
    fails on duplicates (two modules with the same last name, the same job listed twice
    under two names, `name=`/`section=` clashes)."""

    code = "DM210"
    name = "duplicate-job-ref"
    summary = "two jobs with the same job ref"
    fails = {"__deployment__.py": _HEAD + '@run.job(name="x")\ndef a(): ...\n@run.job(name="x")\ndef b(): ...\n__all__ = ["a", "b"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job\ndef a(): ...\n@run.job\ndef b(): ...\n__all__ = ["a", "b"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        first: dict = {}
        for job in deployment.jobs:
            ref = job.job_ref
            if not isinstance(ref, str):
                continue
            if ref in first:
                yield job.site("job_ref"), f"duplicate job_ref: {ref!r}", [
                    (first[ref].site("job_ref"), f"{ref!r} is first defined here")
                ]
            else:
                first[ref] = job


class SharedEntryPoint(Rule):
    """Warns when two jobs run the same entry point (module and function), as dlt does.

    Why: usually one function decorated twice, or a job listed under two names."""

    code = "DM211"
    name = "shared-entry-point"
    severity = Severity.WARNING
    summary = "two jobs share the same entry point"
    fails = {"__deployment__.py": _HEAD + 'def f(): ...\na = run.job(name="a")(f)\nb = run.job(name="b")(f)\n__all__ = ["a", "b"]\n'}
    passes = DuplicateJobRef.passes

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        seen: dict = {}
        for job in deployment.jobs:
            entry = job.definition["entry_point"]
            module, function = entry.get("module"), entry.get("function")
            if is_poison(module) or is_poison(function):
                continue
            key = f"{module}:{function}"
            if key in seen:
                yield job.site(), (
                    f"jobs {seen[key]!r} and {job.job_ref!r} share the same entry point {key!r}"
                )
            seen[key] = job.job_ref


class DashboardJobShape(Rule):
    """Checks a user job that takes the ref `jobs.workspace.dashboard` (it replaces the
    synthesized workspace dashboard): it must be interactive, with the `gui` interface and
    the `dashboard` category. Why: dlt's validation fails otherwise."""

    code = "DM212"
    name = "dashboard-job-shape"
    summary = "`jobs.workspace.dashboard` must be an interactive gui job of category dashboard"
    fails = {"__deployment__.py": _HEAD + '@run.job(name="dashboard", section="workspace")\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.interactive(name="dashboard", section="workspace", expose={"category": "dashboard"})\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            if job.job_ref != DASHBOARD or job.kind == "dashboard":
                continue
            expose = job.definition.get("expose")
            expose = expose if isinstance(expose, dict) else {}
            if job.job_type != "interactive":
                yield job.site(), f"dashboard job {DASHBOARD!r} must be interactive"
            if expose.get("interface") != "gui":
                yield job.site("expose"), f"dashboard job {DASHBOARD!r} must have gui interface"
            if expose.get("category") != "dashboard":
                yield job.site("expose"), f"dashboard job {DASHBOARD!r} must have dashboard category"


RULES = [
    InvalidJobRef, InvalidJobName, InvalidJobSection, ReservedName, InvalidFreshness,
    UnknownUpstream, UnknownFreshnessUpstream, FreshnessOnInteractive,
    MatchingIntervalFreshness, SelfTrigger, DuplicateJobRef, SharedEntryPoint, DashboardJobShape,
]  # fmt: skip


# --- beyond dlt (warnings by default) -------------------------------------------------------


def find_cycles(nodes: list, successors: dict) -> list:
    """One shortest cycle per strongly connected component (Tarjan), as a list of nodes
    starting at the component's smallest node and ending where it started."""
    index: dict = {}
    low: dict = {}
    on_stack: set = set()
    stack: list = []
    components: list = []
    counter = [0]

    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(successors.get(root, ()))))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(successors.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    cycles = []
    for component in components:
        start = component[0]
        if len(component) == 1 and start not in successors.get(start, ()):
            continue
        members = set(component)
        previous = {start: None}
        queue = [start]
        found = None
        while queue and found is None:
            current = queue.pop(0)
            for child in sorted(successors.get(current, ())):
                if child == start:
                    found = current
                    break
                if child in members and child not in previous:
                    previous[child] = current
                    queue.append(child)
        path = [start]
        node = found
        while node is not None and node != start:
            path.append(node)
            node = previous[node]
        path = [start] + list(reversed(path[1:])) + [start]
        cycles.append(path)
    return sorted(cycles)


class _CycleRule(Rule):
    kind = "triggers"
    what = "follow-up"
    step = "{down} runs when {up} ends"

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        upstream_edges = edges(deployment, self.kind)
        successors = {up: {job.job_ref for job, _ in downs} for up, downs in upstream_edges.items()}
        nodes = [job.job_ref for job in deployment.jobs if isinstance(job.job_ref, str)]
        by_ref = {job.job_ref: job for job in deployment.jobs if isinstance(job.job_ref, str)}

        def edge_site(up: str, down: str):
            job = by_ref[down]
            return job.site(self.kind, next(i for j, i in upstream_edges.get(up, []) if j is job))

        for cycle in find_cycles(nodes, successors):
            steps = [
                (edge_site(up, down), self.step.format(up=up, down=down))
                for up, down in zip(cycle, cycle[1:-1])
            ]
            yield edge_site(cycle[-2], cycle[0]), f"{self.what} cycle: {' -> '.join(cycle)}", steps


class FollowupCycle(_CycleRule):
    """Checks that follow-up triggers do not form a cycle (`a.success` triggers `b`,
    `b.success` triggers `a`). The cycle is reported as a path starting at its smallest
    job ref, at the trigger that closes it.

    Why: once started, the jobs re-trigger each other for ever."""

    code = "DM220"
    name = "followup-cycle"
    severity = Severity.WARNING
    runtime = False
    summary = "follow-up triggers that form a cycle"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger=trigger.job_success("__deployment__.b"))\ndef a(): ...\n@run.job(trigger=a.success)\ndef b(): ...\n__all__ = ["a", "b"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger="0 * * * *")\ndef a(): ...\n@run.job(trigger=a.success)\ndef b(): ...\n__all__ = ["a", "b"]\n'}


class FreshnessCycle(_CycleRule):
    """Checks that freshness gates do not form a cycle (`a` waits for `b` to be fresh
    and `b` for `a`), reported as a path starting at the smallest job ref.

    Why: each job waits for the other: neither ever runs."""

    code = "DM221"
    name = "freshness-cycle"
    severity = Severity.WARNING
    runtime = False
    kind = "freshness"
    what = "freshness"
    step = "{down} waits for {up} to be fresh"
    summary = "freshness gates that form a cycle"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger="0 * * * *", freshness="job.is_fresh:jobs.__deployment__.b")\ndef a(): ...\n@run.job(trigger="0 * * * *", freshness=a.is_fresh)\ndef b(): ...\n__all__ = ["a", "b"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger="0 * * * *")\ndef a(): ...\n@run.job(trigger="0 * * * *", freshness=a.is_fresh)\ndef b(): ...\n__all__ = ["a", "b"]\n'}


class DisplayNameCollision(Rule):
    """Checks that no two jobs share an `expose.display_name`.

    Why: the dashboard shows them under the same label; users cannot tell them apart."""

    code = "DM222"
    name = "display-name-collision"
    severity = Severity.WARNING
    runtime = False
    summary = "two jobs with the same display name"
    fails = {"__deployment__.py": _HEAD + '@run.job(expose={"display_name": "Load"})\ndef a(): ...\n@run.job(expose={"display_name": "Load"})\ndef b(): ...\n__all__ = ["a", "b"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(expose={"display_name": "Load A"})\ndef a(): ...\n@run.job(expose={"display_name": "Load B"})\ndef b(): ...\n__all__ = ["a", "b"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        seen: dict = {}
        for job in deployment.jobs:
            expose = job.definition.get("expose")
            name = expose.get("display_name") if isinstance(expose, dict) else None
            if not isinstance(name, str):
                continue
            if name in seen:
                yield job.site("expose", "display_name"), (
                    f"job {job.job_ref!r} has the display name {name!r} of {seen[name]!r}"
                )
            else:
                seen[name] = job.job_ref


RULES += [FollowupCycle, FreshnessCycle, DisplayNameCollision]
