"""The intermediate model the rules read: what the deployment declares, as dlt would
turn it into a manifest, with the source site of every part."""

from __future__ import annotations

from typing import Any, Optional

import attrs

from analyzer.diagnostics import Site
from analyzer.values import ModuleObject, Raised, Unknown


@attrs.define(eq=False)
class JobEntry:
    """One job of the manifest. `definition` is the manifest entry in dlt's key order (a
    value may be poison where it cannot be known); `sites` maps a field path, e.g.
    `("triggers", 2)` or `("expose",)`, to the expression it came from; `()` is the job."""

    definition: dict
    sites: dict
    kind: str  # "decorated", "module" or "dashboard"
    module: Optional[ModuleObject] = None  # the module job's module

    @property
    def job_ref(self) -> Any:
        return self.definition.get("job_ref")

    @property
    def job_type(self) -> Any:
        return self.definition["entry_point"]["job_type"]

    def site(self, *path) -> Site:
        """The most precise known site for `path` (falls back to its parents)."""
        while path:
            site = self.sites.get(tuple(path))
            if site is not None:
                return site
            path = path[:-1]
        return self.sites[()]


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

    @property
    def source(self):
        return self.module.source

    def manifest(self, created_at: str) -> dict:
        """The manifest in dlt's key order (values may hold poison: check first)."""
        out: dict = {
            "engine_version": 1,
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
