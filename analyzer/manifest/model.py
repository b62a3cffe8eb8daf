"""The intermediate model the rules read: what the deployment declares, as dlt would
turn it into a manifest, with the source site of every part."""

from __future__ import annotations

from typing import Any, Optional

import attrs
from dlt_manifest.python.values import ModuleObject, Raised, Unknown
from dlt_manifest.source.span import Site


@attrs.define(eq=False)
class JobEntry:
    """One job of the manifest. `definition` is the manifest entry in dlt's key order (a
    value may be poison where it cannot be known); `sites` maps a field path, e.g.
    `("triggers", 2)` or `("expose",)`, to the expression it came from; `()` is the job."""

    definition: dict
    sites: dict
    kind: str  # "decorated", "module" or "dashboard"
    module: Optional[ModuleObject] = None  # the module job's module
    # id(source file) -> that module's binding sites: to follow `expose=EXPOSE` to its dict
    bindings: dict = attrs.field(factory=dict)

    @property
    def job_ref(self) -> Any:
        return self.definition.get("job_ref")

    @property
    def job_type(self) -> Any:
        return self.definition["entry_point"]["job_type"]

    def site(self, *path, key: bool = False) -> Site:
        """The most precise site for field `path`: a recorded site, then into dict and list
        displays (through names bound in the same module) for the rest of the path; `key`
        points at a dict key rather than its value."""
        rest: list = []
        while path:
            site = self.sites.get(tuple(path))
            if site is not None:
                return descend(site, rest, key, self.bindings)
            rest.insert(0, path[-1])
            path = path[:-1]
        return self.sites[()]


def descend(site: Site, path: list, key: bool, bindings: dict) -> Site:
    import libcst as cst
    from dlt_manifest.source.literals import string_value

    for i, part in enumerate(path):
        node = site.node
        if isinstance(node, cst.Name):
            bound = bindings.get(id(site.source), {}).get(node.value)
            if bound is None:
                return site
            site, node = bound, bound.node
        if isinstance(node, cst.Dict) and isinstance(part, str):
            for element in node.elements:
                if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
                    if string_value(element.key) == part:
                        last = i == len(path) - 1
                        site = site.at(element.key if key and last else element.value)
                        break
            else:
                return site
        elif isinstance(node, (cst.List, cst.Tuple)) and isinstance(part, int):
            elements = node.elements
            if part >= len(elements) or any(isinstance(e, cst.StarredElement) for e in elements):
                return site
            site = site.at(elements[part].value)
        else:
            return site
    return site


@attrs.define(eq=False)
class NameEntry:
    """A name the deployment module offers (from `__all__`, or its namespace when there is
    no `__all__`) and what became of it."""

    name: Any
    value: Any
    site: Site
    outcome: str  # "job", "module-job", "missing", "not-a-job", "skipped", "poison"


@attrs.define(eq=False)
class Deployment:
    module: ModuleObject
    jobs: list
    names: Optional[list]  # None when the deployment module is itself a module job
    has_all: bool
    all_site: Site
    description: Any
    tags: Any
    tags_site: Site
    failures: list  # list[Raised]: where the runtime raises
    notices: list  # list[Unknown]: limits hit, reported even when unused
    problems: list = attrs.field(factory=list)  # unknowns found while discovering
    interp: Any = None
    cache: dict = attrs.field(factory=dict)  # results rules share (e.g. every Unknown)
    # engine 2: "matched no job" warnings of selector expansion: (job entry, trigger index, message)
    expansion_warnings: list = attrs.field(factory=list)

    @property
    def source(self):
        return self.module.source

    @property
    def target(self):
        """The run's `dlt.target.Target` (the dlt release and Python analyzed for)."""
        return self.interp.context if self.interp is not None else None

    @property
    def release(self):
        from dlt_manifest.dlt.releases import of

        return of(self.interp)

    def manifest(self, created_at: str) -> dict:
        """The manifest in dlt's key order (values may hold poison: check first)."""
        out: dict = {
            "engine_version": self.release.engine_version,
            "created_at": created_at,
            "deployment_module": self.module.name,
            "jobs": [job.definition for job in self.jobs],
        }
        if self.description:
            out["description"] = self.description
        if self.tags:
            out["tags"] = self.tags
        return out

    def raised(self) -> list:
        return list(self.failures)

    def unknowns(self) -> list:
        return [p for p in self.problems if isinstance(p, Unknown)]

    def all_failures(self) -> list:
        return [p for p in self.failures if isinstance(p, Raised)]
