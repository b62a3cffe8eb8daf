"""DM1xx — triggers: their syntax, and how they fit the job (dlt's `validate_job_definition`)."""

from __future__ import annotations

import datetime
import functools
from typing import Iterator

from dlt_manifest.manifest.model import Deployment
from dlt_manifest.python.values import is_poison
from dlt_manifest.rules.base import Finding, RaisedRule, Rule
from dlt_manifest.rules.diagnostics import Severity
from dlt_manifest.rules.jobgraph import known_triggers, trigger_types, utc_moment

_HEAD = "from dlt.hub import run\nfrom dlt.hub.run import trigger\n\n"


class InvalidTrigger(RaisedRule):
    """Checks that every trigger is one dlt can parse: a cron expression croniter accepts, an
    `every:` period of at least a minute, an ISO 8601 `once:` time, a known `type:expr`.

    Why: dlt normalizes triggers while importing the workspace and the import fails on
    the first one it cannot read, so nothing is deployed."""

    code = "DM101"
    name = "invalid-trigger"
    summary = "a trigger dlt cannot parse (cron, period, timestamp, type)"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger="61 * * * *")\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger="0 8 * * *")\ndef j(): ...\n__all__ = ["j"]\n'}


class SyntheticTrigger(RaisedRule):
    """Checks that no `manual:` or `pipeline_name:` trigger is given explicitly.

    Why: dlt adds them itself (from `expose.manual` and `@run.pipeline`) and rejects
    them in `trigger=`; use `expose={"manual": ...}` or `@run.pipeline(name)` instead."""

    code = "DM102"
    name = "synthetic-trigger"
    summary = "`manual:` / `pipeline_name:` triggers are added automatically; passing one fails"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger="manual:jobs.x.y")\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(expose={"manual": True})\ndef j(): ...\n__all__ = ["j"]\n'}


class TriggerArgument(RaisedRule):
    """Checks the arguments of the trigger constructors (`trigger.once`, `trigger.http`,
    `trigger.every`...), of `execute={"timeout": ...}` and `idle_timeout=`, and the
    shape of `trigger=` itself.

    Why: dlt raises on them while the workspace is imported."""

    code = "DM103"
    name = "trigger-argument"
    summary = "a trigger constructor or timeout argument dlt rejects"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger=trigger.once("next tuesday"))\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger=trigger.once("2026-12-31T23:59:59Z"))\ndef j(): ...\n__all__ = ["j"]\n'}


class HttpTriggerOnBatch(Rule):
    """Checks that batch jobs have no `http:` trigger.

    Why: `http:` serves an interactive job; dlt's validation rejects it on a batch job."""

    code = "DM104"
    name = "http-trigger-on-batch"
    summary = "a batch job has an `http:` trigger (use an interactive job)"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger="http:8080")\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.interactive()\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            if job.job_type != "batch":
                continue
            for i, trigger in known_triggers(job):
                if trigger.startswith("http:"):
                    yield job.site("triggers", i), (
                        f"batch job {job.job_ref!r} has http trigger — use interactive job type"
                    )
                    break


class MultipleIntervalTriggers(Rule):
    """Checks that a job has at most one `schedule:` or `every:` trigger.

    Why: these triggers generate the job's intervals; dlt allows only one per job."""

    code = "DM105"
    name = "multiple-interval-triggers"
    summary = "more than one `schedule:`/`every:` trigger on a job"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger=["0 8 * * *", trigger.every("1h")])\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger=["0 8 * * *", "deployment"])\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            interval = [i for i, t in known_triggers(job) if t.startswith(("schedule:", "every:"))]
            if len(interval) > 1:
                yield job.site("triggers", interval[1]), (
                    f"job {job.job_ref!r} has multiple interval-generating triggers"
                    " (only one schedule: or every: allowed)"
                )


class IntervalWithoutSchedule(Rule):
    """Checks that a job with `interval=` has a `schedule:` or `every:` trigger.

    Why: the interval is cut into windows by that trigger; dlt rejects an interval
    without one."""

    code = "DM106"
    name = "interval-without-schedule"
    summary = "`interval=` on a job with no schedule or every trigger"
    fails = {"__deployment__.py": _HEAD + '@run.job(interval={"start": "2026-01-01T00:00:00Z"})\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger="0 0 * * *", interval={"start": "2026-01-01T00:00:00Z"})\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            if "interval" not in job.definition or is_poison(job.definition.get("triggers")):
                continue
            types = trigger_types(job)
            if "schedule" not in types and "every" not in types:
                yield job.site("interval"), (
                    f"job {job.job_ref!r} has interval but no schedule or every trigger"
                )


class IntervalOffTick(Rule):
    """Checks that the interval's `start` and `end` fall on ticks of the job's cron
    schedule (dlt warns and snaps them backward otherwise). A start dlt cannot parse as a
    date/time makes the runtime's validation fail.

    Why: a start between ticks silently moves to the previous tick: the first window is
    not the one you wrote.

    Fix: writes a start given as a string as the tick dlt snaps it to, in the same
    format (separator, zone)."""

    code = "DM107"
    fixable = "safe"
    name = "interval-off-tick"
    severity = Severity.WARNING
    summary = "interval start/end is not a tick of the cron schedule (snapped backward)"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger="0 0 * * *", interval={"start": "2026-01-01T06:00:00Z"})\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger="0 0 * * *", interval={"start": "2026-01-01T00:00:00Z"})\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            for field, value, cron, problem in interval_ticks(job):
                if problem is None:
                    yield job.site("interval", field), (
                        f"job {job.job_ref!r} interval {field} ({value}) is not a cron tick for"
                        f" {cron!r} — will be snapped backward"
                    )


def interval_ticks(job) -> Iterator[tuple]:
    """(field, value, cron, problem) for interval bounds off the schedule's ticks; problem
    is an error message when dlt cannot read the value at all."""
    interval = job.definition.get("interval")
    if not isinstance(interval, dict) or "schedule" not in trigger_types(job):
        return
    cron = next(t.split(":", 1)[1] for _, t in known_triggers(job) if t.startswith("schedule:"))
    for field in ("start", "end"):
        value = interval.get(field)
        if field == "end" and not value:
            continue
        if field == "start" and "start" not in interval:
            continue
        if is_poison(value):
            continue
        moment = utc_moment(value)
        if isinstance(moment, str):
            yield field, value, cron, moment
            continue
        if moment is None:
            continue
        if previous_tick(cron, moment) != moment:
            yield field, value, cron, None


@functools.lru_cache(maxsize=4096)
def previous_tick(cron: str, moment: datetime.datetime) -> datetime.datetime:
    """The last tick of `cron` at or before `moment` (in its zone): where dlt snaps an
    interval bound. Remembered: jobs share schedules and bounds, and DM107 and DM108
    both ask."""
    from dlt_manifest.dlt.cron import croniter

    base = moment.replace(tzinfo=None) + datetime.timedelta(microseconds=1)
    return croniter(cron, base).get_prev(datetime.datetime).replace(tzinfo=moment.tzinfo)


class UnreadableIntervalBound(Rule):
    """Checks that the interval's `start`/`end` of a cron-scheduled job can be read as a
    date/time. Why: dlt's validation parses them to check the cron ticks and fails."""

    code = "DM108"
    name = "unreadable-interval"
    summary = "interval start/end of a scheduled job is not a date/time dlt can read"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger="0 0 * * *", interval={"start": "soon"})\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger="0 0 * * *", interval={"start": "2026-01-01"})\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            for field, _, _, problem in interval_ticks(job):
                if problem is not None:
                    yield job.site("interval", field), problem


class InteractiveWithoutHttp(Rule):
    """Checks that interactive jobs keep an `http:` trigger (dlt warns otherwise).

    Why: an interactive job is reached through it."""

    code = "DM109"
    name = "interactive-without-http"
    severity = Severity.WARNING
    summary = "an interactive job has no `http:` trigger"
    fails: dict = {}  # dlt gives every interactive job `http:`: kept for parity only
    passes = {"__deployment__.py": _HEAD + '@run.interactive()\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            if job.job_type == "interactive" and not is_poison(job.definition.get("triggers")):
                if "http" not in trigger_types(job):
                    yield job.site("triggers"), f"interactive job {job.job_ref!r} has no http trigger"


class ExternalSchedulersWithoutInterval(Rule):
    """Checks that `allow_external_schedulers=True` (dlt 1.31.0:
    `incremental_mode="interval"`, which the former becomes) comes with `interval=`, as
    dlt warns. Why: without an interval there is nothing for the scheduler to hand over."""

    code = "DM110"
    name = "external-schedulers-without-interval"
    severity = Severity.WARNING
    summary = "`allow_external_schedulers` / `incremental_mode='interval'` without `interval=`"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger="0 0 * * *", allow_external_schedulers=True)\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger="0 0 * * *")\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            if "interval" in job.definition:
                continue
            if job.definition.get("incremental_mode") == "interval":
                yield job.site("incremental_mode"), f"job {job.job_ref!r} has incremental_mode 'interval' but no interval"
            flag = job.definition.get("allow_external_schedulers")
            if flag and not is_poison(flag):
                yield job.site("allow_external_schedulers"), (
                    f"job {job.job_ref!r} has allow_external_schedulers but no interval"
                )


class RefreshBlocked(Rule):
    """Checks, as dlt 1.31.0 warns, that `auto_refresh_pipeline_mode` does not come with
    `refresh_propagation="block"`. Why: blocked refresh signals never start a refresh run,
    so the mode never applies."""

    code = "DM111"
    name = "auto-refresh-blocked"
    severity = Severity.WARNING
    summary = "`auto_refresh_pipeline_mode` with `refresh_propagation='block'` (dlt 1.31.0)"
    fails = {"__deployment__.py": _HEAD + '@run.job(auto_refresh_pipeline_mode="drop_data", refresh_propagation="block")\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(auto_refresh_pipeline_mode="drop_data")\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            mode = job.definition.get("auto_refresh_pipeline_mode")
            if mode and not is_poison(mode) and job.definition.get("refresh_propagation") == "block":
                yield job.site("auto_refresh_pipeline_mode"), (
                    f"job {job.job_ref!r} has auto_refresh_pipeline_mode but refresh_propagation"
                    " 'block' prevents refresh runs"
                )


class SelectorMatchesNothing(Rule):
    """Reports, as dlt 1.31.0 warns, a job-event selector (`job.success:tag:raw`,
    `job.fail:batch:`, `job.success:jobs.ingest.*`) that selects no job: dlt drops the
    trigger. Why: the follow-up never runs."""

    code = "DM112"
    name = "selector-matches-nothing"
    severity = Severity.WARNING
    summary = "a job-event selector that matches no job (dropped, dlt 1.31.0)"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger="job.success:tag:nothing")\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(expose={"tags": ["raw"]})\ndef a(): ...\n@run.job(trigger="job.success:tag:raw")\ndef j(): ...\n__all__ = ["a", "j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        yield from deployment.expansion_warnings


RULES = [
    InvalidTrigger, SyntheticTrigger, TriggerArgument, HttpTriggerOnBatch,
    MultipleIntervalTriggers, IntervalWithoutSchedule, IntervalOffTick, UnreadableIntervalBound,
    InteractiveWithoutHttp, ExternalSchedulersWithoutInterval, RefreshBlocked, SelectorMatchesNothing,
]  # fmt: skip


# --- beyond dlt (warnings by default) -------------------------------------------------------


class ScheduleNeverFires(Rule):
    """Checks that every cron schedule has a next tick (croniter searches 50 years ahead).

    Why: dlt accepts `0 0 30 2 *` (February 30th) or a year in the past: the job is
    deployed and never runs.

    Fails: `trigger="0 0 30 2 *"`. Passes: `trigger="0 0 28 2 *"`."""

    code = "DM120"
    name = "schedule-never-fires"
    severity = Severity.WARNING
    runtime = False
    summary = "a cron schedule that never fires"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger="0 0 30 2 *")\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger="0 0 28 2 *")\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        from dlt_manifest.dlt.cron import CroniterBadDateError, croniter

        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        fires: dict = {}  # cron -> whether it has a tick ahead (jobs share schedules)
        for job in deployment.jobs:
            for i, trigger in known_triggers(job):
                if not trigger.startswith("schedule:"):
                    continue
                cron = trigger.split(":", 1)[1]
                if cron not in fires:
                    try:
                        croniter(cron, now, max_years_between_matches=50).get_next(datetime.datetime)
                        fires[cron] = True
                    except CroniterBadDateError:
                        fires[cron] = False
                    except (ValueError, KeyError, TypeError):
                        fires[cron] = True  # not readable: DM101's finding, not this rule's
                if not fires[cron]:
                    yield job.site("triggers", i), (
                        f"job {job.job_ref!r}: schedule {cron!r} never fires (no tick in the"
                        " next 50 years)"
                    )


class DuplicateTrigger(Rule):
    """Checks that a job does not list the same trigger twice (dlt keeps both).

    Why: usually a copy-paste slip; the second one adds nothing.

    Fails: `trigger=["0 8 * * *", trigger.schedule("0 8 * * *")]`.

    Fix: removes the repeated element where it is written inline in the job's
    definition and has no side effect or comment."""

    code = "DM121"
    fixable = "safe"
    name = "duplicate-trigger"
    severity = Severity.WARNING
    runtime = False
    summary = "the same trigger twice on one job"
    fails = {"__deployment__.py": _HEAD + '@run.job(trigger=["0 8 * * *", trigger.schedule("0 8 * * *")])\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(trigger=["0 8 * * *", "deployment"])\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            seen: set = set()
            for i, trigger in known_triggers(job):
                if trigger in seen:
                    yield job.site("triggers", i), f"job {job.job_ref!r} lists trigger {trigger!r} twice"
                seen.add(trigger)


class FollowupOnInteractive(Rule):
    """Checks follow-ups (`.success`/`.fail`) of interactive jobs.

    Why: an interactive job runs until it is stopped; it never succeeds or fails as a
    run, so a follow-up trigger on it never fires.

    Fails: `@run.job(trigger=dashboard.success)` where `dashboard` is `@run.interactive`."""

    code = "DM122"
    name = "followup-on-interactive"
    severity = Severity.WARNING
    runtime = False
    summary = "a follow-up of an interactive job, which never completes"
    fails = {"__deployment__.py": _HEAD + '@run.interactive()\ndef ui(): ...\n@run.job(trigger=ui.success)\ndef j(): ...\n__all__ = ["ui", "j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job\ndef a(): ...\n@run.job(trigger=a.success)\ndef j(): ...\n__all__ = ["a", "j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        types = {job.job_ref: job.job_type for job in deployment.jobs if isinstance(job.job_ref, str)}
        for job in deployment.jobs:
            for i, trigger in known_triggers(job):
                kind, _, upstream = trigger.partition(":")
                if kind in ("job.success", "job.fail") and types.get(upstream) == "interactive":
                    yield job.site("triggers", i), (
                        f"job {job.job_ref!r}: {kind} of interactive job {upstream!r} never fires"
                        " (interactive jobs do not complete)"
                    )


class NeverRuns(Rule):
    """Checks for jobs that have no trigger and `expose={"manual": False}`.

    Why: nothing can start such a job: no schedule, no follow-up, no manual run.

    Fails: `@run.job(expose={"manual": False})` without `trigger=`."""

    code = "DM123"
    name = "never-runs"
    severity = Severity.WARNING
    runtime = False
    summary = "a job with no trigger that cannot be run manually"
    fails = {"__deployment__.py": _HEAD + '@run.job(expose={"manual": False})\ndef j(): ...\n__all__ = ["j"]\n'}
    passes = {"__deployment__.py": _HEAD + '@run.job(expose={"manual": False}, trigger="0 8 * * *")\ndef j(): ...\n__all__ = ["j"]\n'}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for job in deployment.jobs:
            expose = job.definition.get("expose")
            triggers = job.definition.get("triggers")
            if not isinstance(expose, dict) or triggers != []:
                continue
            tags = expose.get("tags")
            if expose.get("manual") is False and not tags:
                yield job.site("expose"), (
                    f"job {job.job_ref!r} has no trigger and manual runs are disabled: it can"
                    " never run"
                )


RULES += [ScheduleNeverFires, DuplicateTrigger, FollowupOnInteractive, NeverRuns]
