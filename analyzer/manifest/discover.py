"""From the interpreted deployment module to the jobs of the manifest, as dlt 1.27.2's
`generate_manifest` and `detectors.py` do it: the module itself may be a framework app;
otherwise every name of `__all__` (or of the namespace, without `__all__`) is a decorated
job, a module (framework app or plain local module) or neither. The workspace dashboard
is added, then `expose.manual` and `default_trigger` are filled in.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Optional

from dlt_manifest.dlt import jobs, releases, triggers
from dlt_manifest.dlt.triggers import Failure
from dlt_manifest.manifest.detectors import (
    binding_site,
    detect_local_module,
    detect_module_job,
    is_local_module,
)
from dlt_manifest.manifest.model import Deployment, JobEntry, NameEntry
from dlt_manifest.manifest.selectors import expand_selectors
from dlt_manifest.python.interpreter import Interpreter
from dlt_manifest.python.values import (
    External,
    ExternalModule,
    ModuleObject,
    Raised,
    Unknown,
    is_poison,
)
from dlt_manifest.source.limits import current
from dlt_manifest.source.span import Site

DASHBOARD_JOB_REF = "jobs.workspace.dashboard"
LAUNCHER_DASHBOARD = "dlt._workspace.deployment.launchers.dashboard"
NOT_STATIC = "DM901"
DYNAMIC_NAMESPACE = "DM903"


def discover(interp: Interpreter, module: ModuleObject) -> Deployment:
    source_site = Site(module.source)
    namespace = module.namespace
    problems: list = []
    entries: list = []
    names: Optional[list] = None
    has_all = "__all__" in namespace
    all_site = binding_site(module, "__all__") or source_site

    self_job = detect_module_job(interp, module, problems)
    if module.failure is not None:
        pass  # the deployment module itself does not compile: nothing to discover
    elif self_job is not None:
        entries.append(self_job)
    else:
        names = []
        if has_all:
            listed = _list_of(interp, interp.read(namespace["__all__"]), all_site)
            if is_poison(listed):
                problems.append(listed)
                listed = []
        else:
            if module.open_namespace is not None:
                problems.append(module.open_namespace)
            listed = _namespace_names(interp, module, problems)
        name_sites = _name_sites(all_site) if has_all else {}
        limit = current().jobs
        if len(listed) > limit:  # a budget: every name is a job to check
            problems.append(Unknown(f"`__all__` lists more than {limit:,} names (the analyzer's budget)", all_site, "DM904"))
            listed = []
        by_getattr = releases.of(interp).dir_discovery  # 1.30.0+: getattr(module, name, None)
        for name in listed:
            if has_all and not (isinstance(name, str) if by_getattr else isinstance(name, Hashable)):
                # `getattr(module, name)` (or `__dict__.get(name)`) raises before anything else
                message = f"attribute name must be string, not {type(name).__name__!r}"
                interp.fail(Raised("TypeError", message, all_site, "DM411"))
                continue
            entry, job = _discover_name(interp, module, name, has_all, name_sites, all_site, problems)
            names.append(entry)
            if job is not None:
                entries.append(job)

    release = releases.of(interp)
    if not any(e.job_ref == DASHBOARD_JOB_REF for e in entries):
        entries.append(JobEntry(default_dashboard_job(release), {(): source_site}, "dashboard"))
    bindings = {id(m.source): m.binding_sites for m in interp.modules.values()}
    expansion_warnings = expand_selectors(entries) if release.engine2 else []
    for entry in entries:
        entry.bindings = bindings
        _finish(entry, release)

    description = _first_line(namespace.get("__doc__"), source_site)
    tags_site = binding_site(module, "__tags__") or source_site
    tags = interp.read(namespace.get("__tags__"))
    if tags is not None and not is_poison(tags):
        truth = interp.truth(tags, tags_site)
        if is_poison(truth):
            tags = truth
        elif truth:
            items = interp.iterate(tags, tags_site)
            tags = items if is_poison(items) else list(items)
        else:
            tags = None
    return Deployment(
        module=module,
        jobs=entries,
        names=names,
        has_all=has_all,
        all_site=all_site,
        description=description,
        tags=tags,
        tags_site=tags_site,
        failures=interp.failures,
        notices=interp.notices,
        problems=problems,
        interp=interp,
        expansion_warnings=expansion_warnings,
    )


def _discover_name(interp, module, name, iterate_all, name_sites, all_site, problems):
    namespace = module.namespace
    if iterate_all:
        site = name_sites.get(name, all_site) if isinstance(name, str) else all_site
    else:
        site = binding_site(module, name) or all_site
    obj = namespace.get(name) if isinstance(name, str) else None
    if obj is None and isinstance(name, str) and name not in namespace and releases.of(interp).dir_discovery:
        obj = _getattr(interp, module, name, site)
    if obj is None and isinstance(name, str) and name not in namespace and module.open_namespace:
        problems.append(module.open_namespace)
        return NameEntry(name, module.open_namespace, site, "poison"), None
    if obj is None:
        if iterate_all:
            return NameEntry(name, None, site, "missing"), None
        return NameEntry(name, None, site, "skipped"), None
    if is_poison(obj):
        # without `__all__`, only a value that could be a job or a module matters
        if isinstance(obj, Unknown) and (iterate_all or obj.may_be_job):
            problems.append(obj)
        return NameEntry(name, obj, site, "poison"), None
    if isinstance(obj, jobs.JobFactory):
        obj.bind_attribute(module.name, name, module.short_name)
        definition, sites = obj.definition(interp)
        if id(obj) in interp.mutated_objects:
            definition["job_ref"] = Unknown(
                "the job is changed by an attribute assignment; not followed statically",
                interp.mutated_objects[id(obj)],
                DYNAMIC_NAMESPACE,
            )
        return NameEntry(name, obj, site, "job"), JobEntry(definition, sites, "decorated")
    if isinstance(obj, (ModuleObject, ExternalModule)):
        if not iterate_all and not is_local_module(interp, obj):
            return NameEntry(name, obj, site, "skipped"), None
        if isinstance(obj, ExternalModule) and _third_party(obj.name):
            # dlt runs its framework detectors on every module `__all__` lists: an installed
            # one may hold a marimo app or a FastMCP server, or import streamlit
            problems.append(Unknown(
                f"module `{obj.name}` is listed in `__all__` but is not part of the workspace;"
                " whether it holds a marimo app, a FastMCP server or imports streamlit (a job)"
                " is not known statically: installed packages are not read", site,
            ))  # fmt: skip
            return NameEntry(name, obj, site, "poison"), None
        job = detect_module_job(interp, obj, problems)
        if job is None:
            job = detect_local_module(interp, obj, problems)
        if job is None:
            return NameEntry(name, obj, site, "skipped"), None
        job.sites[()] = site  # the module's job is where the deployment lists it
        return NameEntry(name, obj, site, "module-job"), job
    if isinstance(obj, External):
        # without `__all__`, a name imported from an installed package could be a job that
        # package defines (dlt's own, the stdlib's and the frameworks' names are not)
        if iterate_all or (name in module.import_sites and _third_party(obj.qualname)):
            problems.append(obj.unknown(f"bound to `{name}`; it could be a job"))
            return NameEntry(name, obj, site, "poison"), None
        return NameEntry(name, obj, site, "skipped"), None
    outcome = "not-a-job" if iterate_all and not name.startswith("_") else "skipped"
    return NameEntry(name, obj, site, outcome), None


def _namespace_names(interp, module: ModuleObject, problems: list) -> list:
    """The names a scan without `__all__` walks: `module.__dict__` in definition order, or
    from 1.30.0 on `dir(module)` (sorted, unless a module-level `__dir__` decides)."""
    names = list(module.namespace.keys())
    if not releases.of(interp).dir_discovery:
        return names
    if "__dir__" in module.namespace:
        problems.append(Unknown(
            "a module-level `__dir__` decides the order dlt scans the namespace in; it is not"
            " called statically", binding_site(module, "__dir__") or Site(module.source), NOT_STATIC,
        ))  # fmt: skip
    return sorted(names)


def _getattr(interp, module: ModuleObject, name: str, site: Site) -> Any:
    """`getattr(module, name, None)` (1.30.0+): a module-level `__getattr__` (PEP 562) may
    provide a name `__all__` lists."""
    if "__getattr__" not in module.namespace:
        return None
    value = interp.module_attribute(module, name, site)
    if isinstance(value, Raised) and value.exc == "AttributeError":
        return None
    if isinstance(value, Raised):
        interp.fail(value)
        return Unknown(value.message, site, NOT_STATIC)
    return value


_NOT_JOB_PACKAGES = frozenset(["dlt", "dlthub", "marimo", "fastmcp", "streamlit", "pendulum"])


def _third_party(qualname: str) -> bool:
    """Whether `qualname` comes from an installed package that may define jobs (not the
    stdlib, dlt or a framework dlt detects)."""
    import sys

    top = qualname.split(".", 1)[0]
    return top not in sys.stdlib_module_names and top not in _NOT_JOB_PACKAGES


def _name_sites(all_site: Site) -> dict:
    """The string of each name in `__all__`, when `__all__` is written as a display."""
    import libcst as cst
    from dlt_manifest.source.literals import string_value

    sites: dict = {}
    node = all_site.node
    if isinstance(node, (cst.List, cst.Tuple)):
        for element in node.elements:
            if isinstance(element.value, cst.SimpleString):
                sites.setdefault(string_value(element.value), all_site.at(element.value))
    return sites


def _list_of(interp, value: Any, site: Site) -> Any:
    """`list(module.__all__)`."""
    if is_poison(value):
        return value
    items = interp.iterate(value, site)
    if isinstance(items, Raised):
        interp.fail(items)
    return items


def _first_line(doc: Any, site: Site) -> Any:
    if is_poison(doc):
        return doc
    if not doc or not isinstance(doc, str):
        return None
    first = doc.strip().split("\n", 1)[0].strip()
    return first or None


def _finish(entry: JobEntry, release) -> None:
    """`expose.manual` defaults to True; `default_trigger` prefers schedule/every."""
    job = entry.definition
    expose = job.get("expose", {})
    if isinstance(expose, dict) and "manual" not in expose:  # (a copy: the dict is the workspace's value)
        job["expose"] = {**expose, "manual": True}
    default = compute_default_trigger(job.get("triggers", []), release)
    if default is not None:
        job["default_trigger"] = default


def compute_default_trigger(items: Any, release) -> Any:
    """The first schedule/every trigger, else the first one that is not manual or
    deployment (nor, in engine 2, a job event: D14.3)."""
    skipped = ("manual", "deployment") + (("job.success", "job.fail") if release.engine2 else ())
    if is_poison(items):
        return items
    default = None
    for trigger in items:
        if is_poison(trigger):
            return trigger
        try:
            kind = triggers.parse_trigger(trigger).type
        except Failure:
            continue  # the runtime fails on it earlier; reported there
        if kind in ("schedule", "every"):
            return trigger
        if default is None and kind not in skipped:
            default = trigger
    return default


def default_dashboard_job(release) -> dict:
    head = {"engine_version": release.engine_version} if release.engine2 else {}
    return {
        **head,
        "job_ref": DASHBOARD_JOB_REF,
        "entry_point": {
            "module": "dlt._workspace.helpers.dashboard.dlt_dashboard",
            "function": None,
            "job_type": "interactive",
            "launcher": LAUNCHER_DASHBOARD,
        },
        "expose": {"interface": "gui", "category": "dashboard", "manual": True},
        "triggers": ["http:"],
        "execute": {"concurrency": 1},
        "require": {"dependency_groups": [DASHBOARD_JOB_REF]},
        "description": "Workspace dashboard",
    }
