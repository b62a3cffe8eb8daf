"""Decorated jobs, as dlt's `decorators.py` builds them (1.27.2; the other releases'
differences are named by `releases.Release` and engine 2's are in `engine2`).

`run.job(...)`, `run.pipeline(...)` and `run.interactive(...)` evaluate to a
`JobDecorator`; applying it to a function gives a `JobFactory` (mutable, like dlt's:
applying one decorator object twice rebinds the same factory). Its `definition()` is
`JobFactory.to_job_definition()`: the manifest entry, with the site of every field.

Where dlt raises while decorating, the failure is reported through `Interp.fail` and the
factory is still built, so that the rest of the workspace is analyzed too.
"""

from __future__ import annotations

from typing import Any, Optional

import attrs
from dlt_manifest.dlt import config_spec, engine2, normalize, reflection, releases, triggers
from dlt_manifest.dlt.objects import Pipeline, SourceFactory
from dlt_manifest.dlt.triggers import Failure
from dlt_manifest.python.calls import _sig
from dlt_manifest.python.objects import function_attribute
from dlt_manifest.python.values import (
    POISON,
    External,
    Function,
    LibraryObject,
    Raised,
    Unknown,
    is_poison,
)
from dlt_manifest.source.span import Site

LAUNCHER_JOB = "dlt._workspace.deployment.launchers.job"

RUNTIME_ERROR = "DM411"
INVALID_NAME = "DM202"
INVALID_SECTION = "DM203"
BAD_ARGUMENT = "DM301"
DELIVER = "DM304"
DYNAMIC_JOB = "DM902"


_COMMON = "name=None, section=None, trigger=None, execute=None, expose=None, require=None"
_ENGINE1 = "allow_external_schedulers=False, refresh='auto', spec=None"
_ENGINE2 = "incremental_mode=None, refresh_propagation=None, auto_refresh_pipeline_mode=None, spec=None, **kwargs"
_INTERACTIVE = "(func=None, /, name=None, section=None, interface='gui', idle_timeout=None, execute=None, expose=None, require=None, spec=None"
# the public decorators' signatures: (engine 1, engine 2)
SIGNATURES = {
    "job": (f"(func=None, /, {_COMMON}, deliver=None, interval=None, freshness=None, {_ENGINE1})",
            f"(func=None, /, {_COMMON}, deliver=None, interval=None, freshness=None, {_ENGINE2})"),
    "pipeline": (f"(pipeline, /, {_COMMON}, interval=None, freshness=None, {_ENGINE1})",
                 f"(pipeline, /, {_COMMON}, interval=None, freshness=None, {_ENGINE2})"),
    "interactive": (_INTERACTIVE + ")", _INTERACTIVE + ", **kwargs)"),
}  # fmt: skip
_SIGNATURES = {kind: tuple(_sig(text) for text in pair) for kind, pair in SIGNATURES.items()}


def signature(interp, kind: str):
    """The signature of `run.<kind>` in the target release."""
    return _SIGNATURES[kind][1 if releases.of(interp).engine2 else 0]


@attrs.define(eq=False)
class JobDecorator(LibraryObject):
    """`run.job(...)` before it is applied: the factory `bind` will fill in."""

    factory: "JobFactory"

    callable = True

    def describe(self) -> str:
        return "a job decorator"

    def call(self, ev, args: list, kwargs: dict, call) -> Any:
        if len(args) != 1 or kwargs:
            return Raised("TypeError", "a job decorator takes one function", call.site, RUNTIME_ERROR)
        return bind(ev, self.factory, args[0], call.arg_site(0))


@attrs.define(eq=False)
class JobFactory(LibraryObject):
    launcher = LAUNCHER_JOB

    kind: str  # "job", "pipeline", "interactive", "agent"
    site: Site
    arg_sites: dict
    name: Any = None
    section: Any = None
    job_type: str = "batch"
    triggers: Any = attrs.field(factory=list)  # list[normalize.Located] or poison
    execute: Any = None
    expose: Any = None
    require: Any = None
    deliver: Any = None
    interval: Any = None
    freshness: Any = attrs.field(factory=list)
    allow_external_schedulers: Any = False
    refresh: Any = "auto"
    # engine 2 (D7, D8)
    incremental_mode: Any = None
    refresh_propagation: Any = "auto"
    auto_refresh_pipeline_mode: Any = None
    user_spec: Any = None
    function: Any = None  # Function, or poison when applied to something else
    config_keys: Any = None
    bound: bool = False

    @property
    def job_ref(self) -> Any:
        for part in (self.section, self.name):
            if is_poison(part):
                return part
        if not self.bound:
            return Unknown("the job is not bound to a function yet", self.site)
        if not isinstance(self.section, str) or not isinstance(self.name, str):
            return Unknown("the job's name or section is not a string", self.site)
        return triggers.make_job_ref(self.section, self.name)

    def bind_attribute(self, module_name: str, name: str, section: str) -> None:
        """The deployment module lists the job under `name` (agents without a function
        take their entry point from it)."""

    def site_of(self, *arguments: str) -> Site:
        """The site of the first of `arguments` given, else the decorator's."""
        return next((self.arg_sites[a] for a in arguments if a in self.arg_sites), self.site)

    # --- as a Python object ---------------------------------------------------------------

    callable = True

    def describe(self) -> str:
        return "a job"

    def attribute(self, ev, name: str, site) -> Any:
        return _job_attribute(self, name, site)

    def set_attribute(self, ev, name: str, value: Any, site) -> Optional[Any]:
        if not (name.startswith("__") and name.endswith("__")):
            ev.note_object_mutation(self, site)  # e.g. `job.name = ...`: not followed
        return None  # dunders (`__doc__`) are the factory's own: the manifest reads the function's

    def call(self, ev, args: list, kwargs: dict, call) -> Any:
        return Unknown("calling a job at import time runs it; not evaluated statically", call.site)

    # --- `to_job_definition` ------------------------------------------------------------

    def definition(self, interp) -> tuple[dict, dict]:
        """The manifest job and a map field path -> site, in dlt's key order (D22)."""
        release = releases.of(interp)
        fn = self.function
        sites: dict = {(): self.site}
        entry_point = {
            "module": fn.module_name if isinstance(fn, Function) else fn,
            "function": fn.name if isinstance(fn, Function) else fn,
            "job_type": self.job_type,
            "launcher": self.launcher,
        }
        job: dict = {"engine_version": release.engine_version} if release.engine2 else {}
        job["job_ref"] = self.job_ref
        sites[("job_ref",)] = self.arg_sites.get("name", self.site)
        job["entry_point"] = entry_point
        job["triggers"] = self._located_list(self.triggers, "trigger", sites, "triggers")
        job["execute"] = self.execute if is_poison(self.execute) else (self.execute or {})
        sites[("execute",)] = self.site_of("execute")
        if is_poison(self.expose) or self.expose:
            job["expose"] = self.expose
            sites[("expose",)] = self.site_of("expose")
        if isinstance(fn, Function):
            description = fn.doc if is_poison(fn.doc) else (fn.doc or "").strip()
            if description:
                job["description"] = description
        keys = self.config_keys
        if release.engine2 and isinstance(keys, list):
            keys = [k for k in keys if k != "run_context"]  # `injectable_fields` (D9)
        if is_poison(keys) or keys:
            job["config_keys"] = keys
            sites[("config_keys",)] = self.site_of("spec") if self.user_spec else self.site
        if release.engine2:
            reflection.reflect(interp, self, job, sites)
        if self.interval is not None:
            job["interval"] = self.interval
            sites[("interval",)] = self.site_of("interval")
        freshness = self._located_list(self.freshness, "freshness", sites, "freshness")
        if is_poison(freshness) or freshness:
            job["freshness"] = freshness
        if release.engine2:
            self._engine2_modes(job, sites)
        else:
            self._engine1_modes(job, sites)
        if self.deliver is not None:
            job["deliver"] = self._deliver(interp)
            sites[("deliver",)] = self.site_of("deliver")
        if self.require is not None:
            job["require"] = self.require
            sites[("require",)] = self.site_of("require")
        return job, sites

    def _engine1_modes(self, job: dict, sites: dict) -> None:
        if is_poison(self.allow_external_schedulers):
            job["allow_external_schedulers"] = self.allow_external_schedulers
        elif self.allow_external_schedulers:
            job["allow_external_schedulers"] = True
        sites[("allow_external_schedulers",)] = self.site_of("allow_external_schedulers")
        if is_poison(self.refresh) or self.refresh != "auto":
            job["refresh"] = self.refresh
            sites[("refresh",)] = self.site_of("refresh")

    def _engine2_modes(self, job: dict, sites: dict) -> None:
        if self.incremental_mode is not None:
            job["incremental_mode"] = self.incremental_mode
        sites[("incremental_mode",)] = self.site_of("incremental_mode", "allow_external_schedulers")
        if is_poison(self.refresh_propagation) or self.refresh_propagation != "auto":
            job["refresh_propagation"] = self.refresh_propagation
        sites[("refresh_propagation",)] = self.site_of("refresh_propagation", "refresh")
        mode = self.auto_refresh_pipeline_mode
        if is_poison(mode) or mode:
            job["auto_refresh_pipeline_mode"] = mode
        sites[("auto_refresh_pipeline_mode",)] = self.site_of("auto_refresh_pipeline_mode")

    def _located_list(self, items: Any, argument: str, sites: dict, field: str) -> Any:
        if is_poison(items):
            sites[(field,)] = self.site_of(argument)
            return items
        sites[(field,)] = self.site_of(argument)
        out = []
        for i, item in enumerate(items):
            sites[(field, i)] = item.site
            out.append(item.value)
        return out

    def _deliver(self, interp) -> Any:
        deliver = self.deliver
        site = self.site_of("deliver")
        if is_poison(deliver):
            return deliver
        if isinstance(deliver, dict):
            return deliver
        if isinstance(deliver, SourceFactory):
            if deliver.kind == "resource-instance":
                interp.fail(
                    Raised(
                        "ValueError",
                        "only top-level standalone resources can be used as deliver target,"
                        " got inner resource DltResource",
                        site,
                        DELIVER,
                    )
                )
                return Unknown("the deliver target is not a source", site, DELIVER)
            poison = first_of(deliver.section, deliver.name)
            if poison is not None:
                return poison
            return {"source_ref": f"sources.{deliver.section}.{deliver.name}"}
        if isinstance(deliver, POISON):
            return deliver
        unknown = interp.not_static(deliver, site, "a deliver target of")
        if isinstance(unknown, Unknown) and not _is_opaque(deliver):
            interp.fail(
                Raised(
                    "ValueError",
                    "deliver must be a @dlt.source, standalone @dlt.resource, or a called"
                    " source instance",
                    site,
                    DELIVER,
                )
            )
        return unknown


def _is_opaque(value: Any) -> bool:
    return isinstance(value, External)


def first_of(*values: Any) -> Optional[Any]:
    return next((v for v in values if is_poison(v)), None)


# --- the decorators ---------------------------------------------------------------------


def make_decorator(interp, kind: str, call, args: dict, factory_class=JobFactory) -> Any:
    """`run.job(**args)` / `run.interactive(**args)` / `run.pipeline(pipeline, **args)`
    before the function is known (`args` are bound parameters, `call` the call's sites)."""
    factory = factory_class(kind=kind, site=call.site, arg_sites=dict(call.arg_sites))
    # keyword sites are by name; the pipeline is the first positional argument
    if 0 in call.arg_sites:
        factory.arg_sites.setdefault("pipeline", call.arg_sites[0])
    if releases.of(interp).engine2:
        args = engine2.factory_arguments(interp, kind, args, call.site)
        if is_poison(args):
            return args
    _check_identifier(interp, args.get("name"), factory.site_of("name"), "name")
    _check_identifier(interp, args.get("section"), factory.site_of("section"), "section")
    factory.name = args.get("name")
    factory.section = args.get("section")
    if kind == "interactive":
        _interactive(interp, factory, args)
    elif kind == "pipeline":
        _pipeline(interp, factory, args)
    else:
        _common(interp, factory, args, args.get("trigger"), args.get("execute"), args.get("expose"))
    return JobDecorator(factory)


def _interactive(interp, factory: JobFactory, args: dict) -> None:
    expose = {"interface": args.get("interface", "gui")}
    user_expose = args.get("expose")
    truth = interp.truth(user_expose, factory.site_of("expose"))
    if is_poison(truth):
        expose = truth
    elif truth:
        if isinstance(user_expose, dict):
            expose.update(user_expose)
        else:
            expose = interp.not_static(user_expose, factory.site_of("expose"), "an expose of")
    execute = _copy_dict(interp, args.get("execute"), factory.site_of("execute"))
    if isinstance(execute, dict):
        execute.setdefault("concurrency", 1)
        idle = args.get("idle_timeout")
        if is_poison(idle):
            execute["timeout"] = idle
        elif idle is not None:
            execute["timeout"] = _timeout(interp, idle, factory.site_of("idle_timeout"))
    factory.job_type = "interactive"
    _common(interp, factory, args, triggers.http(), execute, expose)


def _pipeline(interp, factory: JobFactory, args: dict) -> None:
    pipeline = args.get("pipeline")
    site = factory.site_of("pipeline")
    if isinstance(pipeline, str) or is_poison(pipeline):
        pipeline_name = pipeline
    elif isinstance(pipeline, Pipeline):
        pipeline_name = pipeline.pipeline_name
    else:
        pipeline_name = interp.not_static(pipeline, site, "the pipeline name of")
        if isinstance(pipeline, (Function, JobFactory)):
            interp.fail(
                Raised(
                    "AttributeError",
                    "'function' object has no attribute 'pipeline_name' (`@run.pipeline` needs"
                    " a pipeline name or a `dlt.pipeline(...)` object)",
                    site,
                    BAD_ARGUMENT,
                )
            )
    expose = args.get("expose")
    truth = interp.truth(expose, factory.site_of("expose"))
    if is_poison(truth):
        full_expose = truth
    else:
        full_expose = _copy_dict(interp, expose if truth else None, factory.site_of("expose"))
        if isinstance(full_expose, dict):
            full_expose.setdefault("category", "pipeline")
    args = dict(args, deliver={"pipeline_name": pipeline_name})
    factory.arg_sites.setdefault("deliver", site)
    _common(interp, factory, args, args.get("trigger"), args.get("execute"), full_expose)


def _common(interp, factory: JobFactory, args: dict, trigger, execute, expose) -> None:
    """dlt's `_job(...)` up to `bind`."""
    factory.triggers = normalize.trigger_list(interp, trigger, factory.site_of("trigger"))
    factory.execute = _execute(interp, execute, factory.site_of("execute"), default_concurrency=factory.kind != "agent")
    factory.expose = _normalize_expose(interp, expose, factory.site_of("expose"))
    factory.require = args.get("require")
    factory.deliver = args.get("deliver")
    factory.interval = args.get("interval")
    factory.freshness = normalize.freshness_list(
        interp, args.get("freshness"), factory.site_of("freshness")
    )
    factory.allow_external_schedulers = args.get("allow_external_schedulers", False)
    factory.refresh = args.get("refresh", "auto")
    factory.incremental_mode = args.get("incremental_mode")
    factory.refresh_propagation = args.get("refresh_propagation", "auto")
    factory.auto_refresh_pipeline_mode = args.get("auto_refresh_pipeline_mode")
    factory.user_spec = args.get("spec")


def bind(interp, factory: JobFactory, function: Any, site: Site) -> JobFactory:
    """`JobFactory.bind(f)`: name and section default to the function's and its module's."""
    if not isinstance(function, Function):
        reason = interp.not_static(function, site, "a job made from")
        factory.function = reason
        if factory.name is None:
            factory.name = reason
        if factory.section is None:
            factory.section = reason
        factory.bound = True
        factory.config_keys = reason
        return factory
    if function.nested_in:
        unknown = Unknown(
            f"job `{function.name}` is created {function.nested_in}; jobs must be defined at"
            " module level to be known statically",
            factory.site,
            DYNAMIC_JOB,
        )
        factory.function = function
        factory.name = factory.name if factory.name else unknown
        factory.section = unknown
        factory.bound = True
        factory.config_keys = unknown
        return factory
    factory.function = function
    if is_poison(factory.name):
        pass
    elif not factory.name:
        factory.name = function.name
    if is_poison(factory.section):
        pass
    elif not factory.section:
        factory.section = function.module.short_name
    factory.bound = True
    factory.config_keys = config_spec.config_keys(interp, function, factory.user_spec, factory)
    return factory


def check_name(interp, value: Any, site: Site) -> None:
    _check_identifier(interp, value, site, "name")


def timeout(interp, value: Any, site: Site) -> Any:
    return _timeout(interp, value, site)


def _check_identifier(interp, value: Any, site: Site, what: str) -> None:
    if value is None or is_poison(value) or isinstance(value, External):
        return  # not known: the job ref is Unknown
    if not isinstance(value, str):
        interp.fail(
            Raised(
                "AttributeError",
                f"{type(value).__name__!r} object has no attribute 'isidentifier'"
                f" (job {what} must be a string)",
                site,
                INVALID_NAME if what == "name" else INVALID_SECTION,
            )
        )
        return
    if value.isidentifier():
        return
    if what == "name":
        message = (
            f"Job name {value!r} is not a valid Python identifier. Job names become parts of job"
            " references and configuration sections, so they must use only letters, digits and"
            " underscores and may not start with a digit. If you want a human-friendly label"
            " for the UI, set it via `expose={'display_name': '...'}` and keep `name` a Python"
            " identifier."
        )
        interp.fail(Raised("InvalidJobName", message, site, INVALID_NAME))
    else:
        message = (
            f"Job section {value!r} is not a valid Python identifier. Sections become parts of"
            " job references and configuration sections, so they must use only letters, digits"
            " and underscores and may not start with a digit. Sections default to the module"
            " name when not provided."
        )
        interp.fail(Raised("InvalidJobSection", message, site, INVALID_SECTION))


def _copy_dict(interp, value: Any, site: Site) -> Any:
    """`dict(value) if value else {}`."""
    truth = interp.truth(value, site)
    if is_poison(truth):
        return truth
    if not truth:
        return {}
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, (list, tuple)) and all(
        isinstance(p, (list, tuple)) and len(p) == 2 for p in value
    ):
        return dict(value)
    if isinstance(value, (str, int, float, list, tuple, set)):
        interp.fail(
            Raised("TypeError", f"cannot convert {type(value).__name__!r} to a dict", site, BAD_ARGUMENT)
        )
        return Unknown("not a dict", site, BAD_ARGUMENT)
    return interp.not_static(value, site, "a dict made from")


def _execute(interp, execute: Any, site: Site, default_concurrency: bool = True) -> Any:
    if releases.of(interp).engine2:
        spec = engine2.normalize_execute(interp, execute, site, _timeout)
        if isinstance(spec, dict) and default_concurrency:
            spec.setdefault("concurrency", 1)
        return spec
    spec = _copy_dict(interp, execute, site)
    if not isinstance(spec, dict):
        return spec
    if "timeout" in spec:
        spec["timeout"] = _timeout(interp, spec["timeout"], site)
    spec.setdefault("concurrency", 1)
    return spec


def _timeout(interp, value: Any, site: Site) -> Any:
    if is_poison(value):
        return value
    try:
        return triggers.normalize_timeout(value)
    except Failure as ex:
        interp.fail(Raised(ex.exc, ex.message, site, ex.code))
        return Unknown(ex.message, site, ex.code)


def _normalize_expose(interp, expose: Any, site: Site) -> Any:
    if expose is None or is_poison(expose):
        return expose
    if not isinstance(expose, dict):
        if isinstance(expose, (str, int, float, list, tuple, set, bool)):
            interp.fail(
                Raised(
                    "AttributeError",
                    f"{type(expose).__name__!r} object has no attribute 'get' (expose must be a dict)",
                    site,
                    BAD_ARGUMENT,
                )
            )
            return Unknown("expose is not a dict", site, BAD_ARGUMENT)
        return interp.not_static(expose, site, "an expose of")
    tags = expose.get("tags")
    if isinstance(tags, str):
        expose = dict(expose)
        expose["tags"] = [tags]
    return expose


def _job_attribute(job, name: str, site) -> Any:
    if name in ("success", "fail", "completed", "is_fresh", "is_matching_interval_fresh"):
        ref = job.job_ref
        if is_poison(ref):
            return ref
        try:
            if name == "success":
                return triggers.job_success(ref)
            if name == "fail":
                return triggers.job_fail(ref)
            if name == "completed":
                return (triggers.job_success(ref), triggers.job_fail(ref))
            return triggers.freshness_constraint(f"job.{name}", ref)
        except Failure as ex:
            return Raised(ex.exc, ex.message, site, ex.code)
    if name == "job_ref":
        return job.job_ref
    if name in ("name", "section"):
        return getattr(job, name)
    if name in ("__name__", "__doc__", "__module__", "__qualname__") and isinstance(
        job.function, Function
    ):
        return function_attribute(job.function, name, site)
    return Unknown(f"attribute `{name}` of a job is not modeled", site)
