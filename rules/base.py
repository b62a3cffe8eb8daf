"""What a rule is.

A rule is a small class: a stable `code`, a kebab-case `name`, a default `severity`, a
one-line `summary`, a docstring (what it checks / why it matters) and two example
workspaces, `fails` and `passes`, that the test suite runs (so a rule cannot exist
without tests). `check(deployment)` yields `(site, message)` pairs read from the model.

`fixable = "safe"` marks rules whose findings `check --fix` and the language server's
code actions correct where the correction is certain (see `dlt_manifest.fixes`).

`runtime = True` marks rules that mirror dlt 1.27.2 itself (an error there is an error at
run time, so `generate` fails on it); the others go beyond dlt and default to warnings.
"""

from __future__ import annotations

import inspect
from typing import ClassVar, Iterable, Iterator

from dlt_manifest.manifest.model import Deployment
from dlt_manifest.python.values import SCALARS, External, Unknown
from dlt_manifest.rules.diagnostics import Severity
from dlt_manifest.source.span import Site

Finding = tuple  # (Site, message) or (Site, message, [(Site, note), ...]): related places


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str]
    runtime: ClassVar[bool] = True
    # "safe" when `check --fix` corrects its findings where the result is certain (fixes.py)
    fixable: ClassVar[str] = ""
    fails: ClassVar[dict]  # file name -> source of a workspace that triggers the rule
    passes: ClassVar[dict]  # ... and one that does not

    def check(self, deployment: Deployment) -> Iterable[Finding]:
        """The rule's findings: (site, message) pairs. Every rule defines it."""
        return ()

    @classmethod
    def documentation(cls) -> str:
        """The docstring without its source indentation."""
        return inspect.cleandoc(cls.__doc__ or cls.summary)

    @classmethod
    def blocks_generation(cls) -> bool:
        """Where dlt itself fails, or a value cannot be known, no manifest can be
        produced, whatever the configuration says."""
        return (cls.runtime and cls.severity is Severity.ERROR) or cls.code.startswith("DM9")


class RaisedRule(Rule):
    """Reports where the runtime raises while importing the workspace (recorded by the
    analyzer as it interprets the code), for the exceptions this rule's code covers."""

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for raised in deployment.failures:
            if raised.code == self.code:
                yield raised.site, f"{raised.message} ({raised.exc} at import)"


class UnknownRule(Rule):
    """Reports values that reach the manifest but cannot be known statically."""

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for unknown in unknowns(deployment):
            if unknown.code == self.code:
                yield unknown.site, unknown.reason


def unknowns(deployment: Deployment) -> list:
    """Every distinct Unknown that reaches the manifest (cached on the deployment)."""
    cached = deployment.cache.get("unknowns")
    if cached is not None:
        return cached
    found: list = []
    seen: set = set()

    def add(unknown: Unknown) -> None:
        key = (unknown.code, unknown.reason, _site_key(unknown.site))
        if key not in seen:
            seen.add(key)
            found.append(unknown)

    for unknown in deployment.notices:
        add(unknown)
    for problem in deployment.problems:
        if isinstance(problem, Unknown):
            add(problem)
    taint = deployment.interp.taint_of if deployment.interp is not None else (lambda v: None)
    roots = [job.definition for job in deployment.jobs] + [deployment.description, deployment.tags]
    for root in roots:
        for unknown in _walk_unknowns(root, taint):
            add(unknown)
    deployment.cache["unknowns"] = found
    return found


def _site_key(site) -> tuple:
    if site is None:
        return ()
    return (id(site.source), id(site.node))


def _walk_unknowns(value, taint) -> Iterator[Unknown]:
    stack = [value]
    seen = 0
    while stack:
        item = stack.pop()
        seen += 1
        if seen > 100_000:
            return
        if type(item) in SCALARS:
            continue
        if isinstance(item, Unknown):
            yield item
            continue
        if isinstance(item, External):
            yield item.unknown()
            continue
        if isinstance(item, (list, dict, set)):
            tainted = taint(item)
            if tainted is not None:
                yield tainted
                continue
        if isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(reversed(list(item)))


def target_notes(deployment: Deployment, code: str) -> Iterator[Finding]:
    """The run's findings about its target (`dlt.target.Note`) of rule `code`, at the
    line of the file they were read from."""
    from dlt_manifest.source.span import Span

    target = deployment.target
    for note in target.notes if target is not None else ():
        if note.code == code:
            yield Site(None, fixed=Span(note.path, note.line, 1, note.line, 1)), note.message


def is_known(value) -> bool:
    """No poison inside."""
    from dlt_manifest.python.values import deep_poison

    return deep_poison(value) is None


def site_or(site: Site, fallback: Site) -> Site:
    return site if site is not None else fallback
