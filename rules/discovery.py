"""DM4xx — discovery and imports: what `__deployment__.py` offers and whether it imports."""

from __future__ import annotations

from typing import Iterator

from dlt_manifest.manifest.model import Deployment
from dlt_manifest.rules.base import Finding, RaisedRule, Rule, target_notes
from dlt_manifest.rules.diagnostics import Severity
from dlt_manifest.source.span import Site, Span

_HEAD = "from dlt.hub import run\n\n"


class ImportFailure(RaisedRule):
    """Checks that every import resolves: workspace modules exist, relative imports stay
    inside their package, `from x import name` finds `name`. Why: the runtime imports
    `__deployment__.py` and fails with ImportError."""

    code = "DM401"
    name = "import-error"
    summary = "an import the runtime cannot resolve"
    fails = {"__deployment__.py": "from .jobs import load\n__all__ = ['load']\n"}
    passes = {"__deployment__.py": "from jobs import load\n__all__ = ['load']\n", "jobs.py": _HEAD + "@run.job\ndef load(): ...\n"}


class SyntaxFailure(RaisedRule):
    """Checks that every imported file is valid Python for CPython. Why: the import fails."""

    code = "DM402"
    name = "syntax-error"
    summary = "a file CPython cannot parse"
    fails = {"__deployment__.py": "def (:\n"}
    passes = {"__deployment__.py": "__all__ = []\n"}


class MissingName(Rule):
    """Warns, as dlt does, about a name listed in `__all__` that the module does not bind
    (or binds to None). Why: usually a typo; the job is silently not deployed.

    Fix: removes the name from `__all__` when `__all__` is one list or tuple of strings,
    assigned once."""

    code = "DM403"
    fixable = "safe"
    name = "missing-name"
    severity = Severity.WARNING
    summary = "a name in `__all__` is not found in the module"
    fails = {"__deployment__.py": "__all__ = ['load']\n"}
    passes = {"__deployment__.py": _HEAD + "@run.job\ndef load(): ...\n__all__ = ['load']\n"}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for entry in deployment.names or []:
            if entry.outcome == "missing":
                yield entry.site, f"name {_shown(entry.name)} listed in __all__ but not found in module"


def _shown(name) -> str:
    """`repr(name)` as dlt prints it; an object whose repr holds its address is described."""
    from dlt_manifest.python.plain import NotPlain, TooLarge, python_repr
    from dlt_manifest.python.values import describe

    try:
        return python_repr(name)
    except (NotPlain, TooLarge):
        return f"{describe(name)} (its repr shows an address)"


class NotAJob(Rule):
    """Warns, as dlt does, about a public name in `__all__` that is neither a decorated job
    nor a module. Why: it is not deployed; `__all__` should list only what deploys."""

    code = "DM404"
    name = "not-a-job"
    severity = Severity.WARNING
    summary = "a name in `__all__` is not a job or a module"
    fails = {"__deployment__.py": "CRON = '0 8 * * *'\n__all__ = ['CRON']\n"}
    passes = {"__deployment__.py": "_CRON = '0 8 * * *'\n__all__ = ['_CRON']\n"}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for entry in deployment.names or []:
            if entry.outcome == "not-a-job":
                yield entry.site, f"name {entry.name!r} is not a recognized job or framework module"


class NoAll(Rule):
    """Warns, as dlt does, when `__deployment__.py` has no `__all__`: every decorated job
    and local module in its namespace is then deployed, including modules imported only
    for constants. Why: `__all__` makes the deployment explicit."""

    code = "DM405"
    name = "no-all"
    severity = Severity.WARNING
    summary = "`__deployment__.py` has no `__all__` (the whole namespace is scanned)"
    fails = {"__deployment__.py": _HEAD + "@run.job\ndef load(): ...\n"}
    passes = MissingName.passes

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        if deployment.names is not None and not deployment.has_all:
            yield deployment.all_site, (
                f"module {deployment.module.name!r} has no __all__, scanning full dictionary"
                " instead. Consider adding all jobs and modules you want to deploy to __all__"
                " this prevents accidental deployments and avoids costly detection for all"
                " elements of the module."
            )


class UndefinedName(RaisedRule):
    """Checks that names used at import time are defined (NameError otherwise)."""

    code = "DM410"
    name = "undefined-name"
    summary = "a name used at import time is not defined"
    fails = {"__deployment__.py": _HEAD + "@run.job(trigger=CRON)\ndef load(): ...\n__all__ = ['load']\n"}
    passes = {"__deployment__.py": _HEAD + "CRON = '0 8 * * *'\n@run.job(trigger=CRON)\ndef load(): ...\n__all__ = ['load']\n"}


class RaisesAtImport(RaisedRule):
    """Checks for exceptions raised by module-level code at import (AttributeError such as
    `dlt.hub.run` used after a bare `import dlt`, TypeError, KeyError, ...)."""

    code = "DM411"
    name = "raises-at-import"
    summary = "module-level code raises while the workspace is imported"
    fails = {"__deployment__.py": "import dlt\n\n@dlt.hub.run.job\ndef load(): ...\n__all__ = ['load']\n"}
    passes = {"__deployment__.py": "import dlt\nimport dlt.hub.run\n\n@dlt.hub.run.job\ndef load(): ...\n__all__ = ['load']\n"}


class CallArguments(RaisedRule):
    """Checks calls of dlt's API against their signatures (e.g. `trigger=` on
    `@run.interactive`, `deliver=` on `@run.pipeline`). Why: TypeError at import."""

    code = "DM412"
    name = "call-arguments"
    summary = "a call of dlt's API with arguments it does not take"
    fails = {"__deployment__.py": _HEAD + "@run.interactive(trigger='0 8 * * *')\ndef ui(): ...\n__all__ = ['ui']\n"}
    passes = {"__deployment__.py": _HEAD + "@run.interactive(interface='gui')\ndef ui(): ...\n__all__ = ['ui']\n"}


RULES = [ImportFailure, SyntaxFailure, MissingName, NotAJob, NoAll, UndefinedName, RaisesAtImport, CallArguments]


# --- beyond dlt (warnings by default) -------------------------------------------------------


class JobNotInAll(Rule):
    """Checks that every decorated job imported into (or defined in) `__deployment__.py`
    is listed in `__all__`.

    Why: with `__all__`, only the names it lists are deployed: an imported job left out is
    silently not deployed (and follow-ups of it fail validation).

    Fix: appends the job's name to `__all__` when `__all__` is one list or tuple of
    strings, assigned once."""

    code = "DM420"
    fixable = "safe"
    name = "job-not-in-all"
    severity = Severity.WARNING
    runtime = False
    summary = "a job in `__deployment__.py` that `__all__` does not list"
    fails = {"__deployment__.py": "from jobs import a, b\n__all__ = ['a']\n", "jobs.py": _HEAD + "@run.job\ndef a(): ...\n@run.job\ndef b(): ...\n"}
    passes = {"__deployment__.py": "from jobs import a, b\n__all__ = ['a', 'b']\n", "jobs.py": _HEAD + "@run.job\ndef a(): ...\n@run.job\ndef b(): ...\n"}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        from dlt_manifest.dlt.jobs import JobFactory

        if not deployment.has_all or deployment.names is None or deployment.problems:
            return  # without a known `__all__` there is nothing to compare with
        listed = {entry.name for entry in deployment.names}
        module = deployment.module
        for name, value in module.namespace.items():
            if isinstance(value, JobFactory) and name not in listed and not name.startswith("_"):
                site = module.import_sites.get(name) or module.binding_sites.get(name) or deployment.all_site
                yield site, f"job {name!r} is not listed in __all__: it will not be deployed"


RULES += [JobNotInAll]


class UnreadableConfigFile(Rule):
    """Checks that the `.dlt/` configuration files dlt reads (`config.toml`,
    `secrets.toml` and the profiles' `<profile>.config.toml`, `<profile>.secrets.toml`)
    are regular files of UTF-8 TOML, and points at the line that is not.

    Why: dlt reads every one of them at the first configuration lookup and fails on any
    it cannot read: while the workspace is imported when a `dlt.pipeline(...)` resolves
    its destination (reported as DM411 there), otherwise when a deployed job runs. Code
    frames never show lines of secrets files."""

    code = "DM413"
    name = "unreadable-config-file"
    severity = Severity.WARNING
    runtime = False
    summary = "a `.dlt/` configuration file that is not valid UTF-8 TOML"
    fails = {"__deployment__.py": _HEAD + "@run.job\ndef j(): ...\n__all__ = ['j']\n", ".dlt/config.toml": "[destination.pg\n"}
    passes = {"__deployment__.py": _HEAD + "@run.job\ndef j(): ...\n__all__ = ['j']\n", ".dlt/config.toml": "[destination.pg]\ndestination_type = 'postgres'\n"}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        for toml in deployment.interp.workspace.config_files():
            problem = toml.problem
            if problem is not None:
                span = Span(problem.path, problem.line, problem.col, problem.line, problem.col + 1)
                yield Site(None, fixed=span), problem.message


RULES += [UnreadableConfigFile]


class AssumedTarget(Rule):
    """Reports a target the workspace does not pin: the dlt release (from `uv.lock`,
    `pylock.toml`, or an exact pin in `requirements.txt` / `pyproject.toml`) or the Python
    version (`.python-version`, `requires-python`) is a range, a URL or git source, or not
    declared at all, so dlt-manifest assumes one and says which. `--dlt-version`,
    `--python-version` or `dlt-version` / `python-version` in `[tool.dlt-manifest]` settle it.

    Why: the manifest differs between dlt releases (1.31.0 writes manifest engine 2) and
    descriptions between Python versions; a manifest made for another release than the one
    that runs the workspace deploys the wrong jobs."""

    code = "DM430"
    name = "assumed-target"
    severity = Severity.WARNING
    runtime = False
    summary = "the dlt release or Python version is not pinned: one is assumed"
    fails = {"__deployment__.py": _HEAD + "@run.job\ndef j(): ...\n__all__ = ['j']\n"}
    passes = {
        "__deployment__.py": _HEAD + "@run.job\ndef j(): ...\n__all__ = ['j']\n",
        "requirements.txt": "dlt[hub]==1.31.0\n",
        ".python-version": "3.11\n",
    }

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        yield from target_notes(deployment, self.code)


RULES += [AssumedTarget]
