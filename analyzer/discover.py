"""From the interpreted deployment module to the jobs of the manifest, as dlt 1.27.2's
`generate_manifest` and `detectors.py` do it: the module itself may be a framework app;
otherwise every name of `__all__` (or of the namespace, without `__all__`) is a decorated
job, a module (framework app or plain local module) or neither. The workspace dashboard
is added, then `expose.manual` and `default_trigger` are filled in.
"""

from __future__ import annotations

from typing import Any, Optional

from analyzer import jobs, triggers
from analyzer.diagnostics import Site
from analyzer.interpreter import Interpreter
from analyzer.model import Deployment, JobEntry, NameEntry
from analyzer.triggers import Failure
from analyzer.values import (
    External,
    ExternalModule,
    FrameworkObject,
    Modeled,
    ModuleObject,
    Raised,
    Unknown,
    is_poison,
)

DASHBOARD_JOB_REF = "jobs.workspace.dashboard"
LAUNCHER_DASHBOARD = "dlt._workspace.deployment.launchers.dashboard"
LAUNCHER_MODULE = "dlt._workspace.deployment.launchers.module"
FRAMEWORK_LAUNCHERS = {
    "marimo": "dlt._workspace.deployment.launchers.marimo",
    "fastmcp": "dlt._workspace.deployment.launchers.mcp",
    "streamlit": "dlt._workspace.deployment.launchers.streamlit",
}
NOT_STATIC = "DM901"
DYNAMIC_NAMESPACE = "DM903"


def discover(interp: Interpreter, module: ModuleObject) -> Deployment:
    source_site = Site(module.source)
    namespace = module.namespace
    problems: list = []
    entries: list = []
    names: Optional[list] = None
    has_all = "__all__" in namespace
    all_site = _binding_site(module, "__all__") or source_site

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
            listed = list(namespace.keys())
        name_sites = _name_sites(all_site) if has_all else {}
        for name in listed:
            entry, job = _discover_name(interp, module, name, has_all, name_sites, all_site, problems)
            names.append(entry)
            if job is not None:
                entries.append(job)

    if not any(e.job_ref == DASHBOARD_JOB_REF for e in entries):
        entries.append(JobEntry(default_dashboard_job(), {(): source_site}, "dashboard"))
    bindings = {id(m.source): m.binding_sites for m in interp.modules.values()}
    for entry in entries:
        entry.bindings = bindings
        _finish(entry)

    description = _first_line(namespace.get("__doc__"), source_site)
    tags_site = _binding_site(module, "__tags__") or source_site
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
    )


def _discover_name(interp, module, name, iterate_all, name_sites, all_site, problems):
    namespace = module.namespace
    if iterate_all:
        site = name_sites.get(name, all_site) if isinstance(name, str) else all_site
    else:
        site = _binding_site(module, name) or all_site
    obj = namespace.get(name) if isinstance(name, str) else None
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
        definition, sites = obj.definition(interp)
        if id(obj) in interp.mutated_jobs:
            definition["job_ref"] = Unknown(
                "the job is changed by an attribute assignment; not followed statically",
                interp.mutated_jobs[id(obj)],
                DYNAMIC_NAMESPACE,
            )
        return NameEntry(name, obj, site, "job"), JobEntry(definition, sites, "decorated")
    if isinstance(obj, (ModuleObject, ExternalModule)):
        if not iterate_all and not _is_local(interp, obj):
            return NameEntry(name, obj, site, "skipped"), None
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
        if iterate_all or (name in module.import_sites and _third_party(obj)):
            problems.append(obj.unknown(f"bound to `{name}`; it could be a job"))
            return NameEntry(name, obj, site, "poison"), None
        return NameEntry(name, obj, site, "skipped"), None
    outcome = "not-a-job" if iterate_all and not name.startswith("_") else "skipped"
    return NameEntry(name, obj, site, outcome), None


_NOT_JOB_PACKAGES = frozenset(["dlt", "dlthub", "marimo", "fastmcp", "streamlit", "pendulum"])


def _third_party(value: External) -> bool:
    import sys

    top = value.qualname.split(".", 1)[0]
    return top not in sys.stdlib_module_names and top not in _NOT_JOB_PACKAGES


def _is_local(interp, module: Any) -> bool:
    return isinstance(module, ModuleObject) and interp.workspace.is_local(module.location)


def _name_sites(all_site: Site) -> dict:
    """The string of each name in `__all__`, when `__all__` is written as a display."""
    import libcst as cst

    from analyzer.evaluate import string_value

    sites: dict = {}
    node = all_site.node
    if isinstance(node, (cst.List, cst.Tuple)):
        for element in node.elements:
            if isinstance(element.value, cst.SimpleString):
                sites.setdefault(string_value(element.value), all_site.at(element.value))
    return sites


def _binding_site(module: ModuleObject, name: str) -> Optional[Site]:
    """Where the module binds `name` (the value expression of its last binding)."""
    return module.binding_sites.get(name)


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


def _finish(entry: JobEntry) -> None:
    """`expose.manual` defaults to True; `default_trigger` prefers schedule/every."""
    job = entry.definition
    expose = job.setdefault("expose", {})
    if isinstance(expose, dict):
        expose.setdefault("manual", True)
    default = compute_default_trigger(job.get("triggers", []))
    if default is not None:
        job["default_trigger"] = default


def compute_default_trigger(items: Any) -> Any:
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
        if default is None and kind not in ("manual", "deployment"):
            default = trigger
    return default


def default_dashboard_job() -> dict:
    return {
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


# --- module jobs (detectors.py) ---------------------------------------------------------

_PREFERRED = {"marimo": ("app",), "fastmcp": ("mcp", "server", "app")}
_CATEGORY = {
    "marimo": {"interface": "gui", "category": "notebook"},
    "fastmcp": {"interface": "mcp", "category": "mcp"},
    "streamlit": {"interface": "gui", "category": "dashboard"},
}


def detect_module_job(interp, module: Any, problems: list) -> Optional[JobEntry]:
    """The first framework detector that matches: marimo, FastMCP, streamlit."""
    if not isinstance(module, ModuleObject):
        return None  # installed modules hold no workspace apps
    if module.open_namespace is not None:
        return _unknown_module_job(module, module.open_namespace)
    for kind in ("marimo", "fastmcp"):
        if not _framework_loaded(interp, kind):
            continue
        found = _find_instance(module, kind, problems)
        if is_poison(found):
            return _unknown_module_job(module, found)
        if found is not None:
            return _framework_job(interp, module, kind, found, problems)
    if any(isinstance(v, ExternalModule) and v.name == "streamlit" for v in module.namespace.values()):
        return _framework_job(interp, module, "streamlit", None, problems)
    return None


def _framework_loaded(interp, kind: str) -> bool:
    return any(m == kind or m.startswith(kind + ".") for m in interp.loaded_external)


def _find_instance(module: ModuleObject, kind: str, problems: list) -> Any:
    namespace = module.namespace
    for name in _PREFERRED[kind]:
        obj = namespace.get(name)
        if isinstance(obj, FrameworkObject) and obj.kind == kind:
            return obj
    uncertain = None
    for name, obj in namespace.items():
        if name.startswith("_"):
            continue
        if isinstance(obj, FrameworkObject) and obj.kind == kind:
            return obj
        if uncertain is None and _may_be_instance(module, obj, kind):
            uncertain = Unknown(
                f"`{name}` in module `{module.name}` may be a {kind} object; it is not known"
                " statically",
                _binding_site(module, name) or Site(module.source),
                NOT_STATIC,
            )
    return uncertain


def _may_be_instance(module: ModuleObject, obj: Any, kind: str) -> bool:
    """Could this value, not known statically, be a `kind` app? Yes when it comes from the
    framework's package, from code of the workspace (a function's result), or when the
    module itself uses the framework."""
    if isinstance(obj, External):
        return obj.qualname.split(".", 1)[0] == kind
    if not isinstance(obj, Unknown):
        return False
    if obj.may_be_job:
        return True
    return any(
        (isinstance(v, ExternalModule) and v.name.split(".", 1)[0] == kind)
        or (isinstance(v, Modeled) and v.key.startswith(kind + "."))
        for v in module.namespace.values()
    )


def _unknown_module_job(module: ModuleObject, unknown: Unknown) -> JobEntry:
    definition = {"job_ref": unknown, "entry_point": {"module": module.name, "function": None,
                  "job_type": unknown, "launcher": unknown}, "triggers": [], "execute": {}}  # fmt: skip
    return JobEntry(definition, {(): unknown.site}, "module", module)


def _module_job(module: ModuleObject, job_type: str, launcher: str, expose, triggers_, execute):
    definition = {
        "job_ref": triggers.make_job_ref("", module.short_name),
        "entry_point": {
            "module": module.name,
            "function": None,
            "job_type": job_type,
            "launcher": launcher,
        },
    }
    if expose is not None:
        definition["expose"] = expose
    definition["triggers"] = triggers_
    definition["execute"] = execute
    return definition


def _framework_job(interp, module: ModuleObject, kind: str, found, problems: list) -> JobEntry:
    definition = _module_job(
        module, "interactive", FRAMEWORK_LAUNCHERS[kind], dict(_CATEGORY[kind]), ["http:"],
        {"concurrency": 1},
    )
    site = Site(module.source)
    sites = {(): site, ("triggers", 0): site}
    title = found.title if found is not None else None
    description = _module_description(module)
    if is_poison(title):
        definition["description"] = title
    elif title and not is_poison(description) and description:
        definition["description"] = f"{title}: {description}"
    elif title:
        definition["description"] = title
    elif description:
        definition["description"] = description
    entry = JobEntry(definition, sites, "module", module)
    _apply_dunders(interp, module, entry)
    return entry


def detect_local_module(interp, module: Any, problems: list) -> Optional[JobEntry]:
    if not _is_local(interp, module):
        return None
    definition = _module_job(module, "batch", LAUNCHER_MODULE, None, [], {})
    description = _module_description(module)
    if description:
        definition["description"] = description
    entry = JobEntry(definition, {(): Site(module.source)}, "module", module)
    _apply_dunders(interp, module, entry)
    return entry


def _module_description(module: ModuleObject) -> Any:
    doc = module.namespace.get("__doc__")
    if is_poison(doc):
        return doc
    if isinstance(doc, str) and doc.strip():
        return doc.strip()
    return None


def _apply_dunders(interp, module: ModuleObject, entry: JobEntry) -> None:
    job = entry.definition
    namespace = module.namespace
    raw = interp.read(namespace.get("__trigger__"))
    if raw is not None:
        site = _binding_site(module, "__trigger__") or Site(module.source)
        extra = jobs.normalize_trigger_list(interp, raw, site)
        if is_poison(extra):
            job["triggers"] = extra
        else:
            start = len(job["triggers"])
            for i, item in enumerate(extra):
                entry.sites[("triggers", start + i)] = item.site
            job["triggers"] = job["triggers"] + [item.value for item in extra]
    expose = interp.read(namespace.get("__expose__"))
    if expose is not None:
        job["expose"] = expose
        entry.sites[("expose",)] = _binding_site(module, "__expose__") or Site(module.source)
    require = interp.read(namespace.get("__require__"))
    if require is not None:
        job["require"] = require
        entry.sites[("require",)] = _binding_site(module, "__require__") or Site(module.source)
