"""Module-level jobs, as dlt's `detectors.py` finds them: a module that is a framework app
(a marimo notebook, a FastMCP server, a streamlit dashboard) or a plain local module, and
the dunders (`__trigger__`, `__expose__`, `__require__`) that complete its job.
"""

from __future__ import annotations

from typing import Any, Optional

from dlt_manifest.dlt import engine2, normalize, releases, triggers
from dlt_manifest.dlt.objects import FrameworkObject
from dlt_manifest.manifest.model import JobEntry
from dlt_manifest.python.values import (
    External,
    ExternalModule,
    Modeled,
    ModuleObject,
    Unknown,
    is_poison,
)
from dlt_manifest.source.span import Site

NOT_STATIC = "DM901"


LAUNCHER_MODULE = "dlt._workspace.deployment.launchers.module"


FRAMEWORK_LAUNCHERS = {
    "marimo": "dlt._workspace.deployment.launchers.marimo",
    "fastmcp": "dlt._workspace.deployment.launchers.mcp",
    "streamlit": "dlt._workspace.deployment.launchers.streamlit",
}


def is_local_module(interp, module: Any) -> bool:
    return isinstance(module, ModuleObject) and interp.workspace.is_local(module.location)


def binding_site(module: ModuleObject, name: str) -> Optional[Site]:
    """Where the module binds `name` (the value expression of its last binding)."""
    return module.binding_sites.get(name)


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
        return _unknown_module_job(interp, module, module.open_namespace)
    for kind in ("marimo", "fastmcp"):
        if not _framework_loaded(interp, kind):
            continue
        found = _find_instance(module, kind, problems)
        if is_poison(found):
            return _unknown_module_job(interp, module, found)
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
                binding_site(module, name) or Site(module.source),
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


def _unknown_module_job(interp, module: ModuleObject, unknown: Unknown) -> JobEntry:
    release = releases.of(interp)
    definition = {"engine_version": release.engine_version} if release.engine2 else {}
    definition |= {"job_ref": unknown, "entry_point": {"module": module.name, "function": None,
                  "job_type": unknown, "launcher": unknown}, "triggers": [], "execute": {}}  # fmt: skip
    return JobEntry(definition, {(): unknown.site}, "module", module)


def _module_job(interp, module: ModuleObject, job_type: str, launcher: str, expose, triggers_, execute):
    release = releases.of(interp)
    definition = {"engine_version": release.engine_version} if release.engine2 else {}
    definition.update({
        "job_ref": triggers.make_job_ref("", module.short_name),
        "entry_point": {
            "module": module.name,
            "function": None,
            "job_type": job_type,
            "launcher": launcher,
        },
    })  # fmt: skip
    if expose is not None:
        definition["expose"] = expose
    definition["triggers"] = triggers_
    definition["execute"] = execute
    return definition


def _framework_job(interp, module: ModuleObject, kind: str, found, problems: list) -> JobEntry:
    definition = _module_job(
        interp, module, "interactive", FRAMEWORK_LAUNCHERS[kind], dict(_CATEGORY[kind]), ["http:"],
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
    if not is_local_module(interp, module):
        return None
    definition = _module_job(interp, module, "batch", LAUNCHER_MODULE, None, [], {})
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
        site = binding_site(module, "__trigger__") or Site(module.source)
        extra = normalize.trigger_list(interp, raw, site)
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
        entry.sites[("expose",)] = binding_site(module, "__expose__") or Site(module.source)
    require = interp.read(namespace.get("__require__"))
    if require is not None:
        site = binding_site(module, "__require__") or Site(module.source)
        job["require"] = engine2.convert_require(interp, require, site) if releases.of(interp).engine2 else require
        entry.sites[("require",)] = site
