"""DM9xx — static limits: values the analyzer cannot know without running the code, and
inputs it refuses. Each is an error: the manifest is never emitted with a guessed value."""

from __future__ import annotations

from typing import Iterator

from dlt_manifest.manifest.model import Deployment
from dlt_manifest.rules.base import Finding, Rule, UnknownRule, target_notes

_HEAD = "from dlt.hub import run\n\n"


class NotStatic(UnknownRule):
    """A value that reaches the manifest comes from something the analyzer does not
    evaluate: a call of a workspace function or an unmodeled library, an attribute of an
    installed package, a condition it cannot decide."""

    code = "DM901"
    name = "not-static"
    summary = "a manifest value that cannot be known without running the code"
    fails = {"__deployment__.py": _HEAD + "import json\nCRON = json.loads('\"0 8 * * *\"')\n@run.job(trigger=CRON)\ndef load(): ...\n__all__ = ['load']\n"}
    passes = {"__deployment__.py": _HEAD + "CRON = '0 8 * * *'\n@run.job(trigger=CRON)\ndef load(): ...\n__all__ = ['load']\n"}


class DynamicJob(UnknownRule):
    """A job created by code the analyzer cannot follow: in a loop over values not known
    statically, under a condition it cannot decide, in a function whose body it cannot
    follow. (Loops over known values and factory functions called with known arguments
    are followed exactly.)"""

    code = "DM902"
    name = "dynamic-job"
    summary = "a job created by code that cannot be followed statically"
    fails = {"__deployment__.py": "import os\n" + _HEAD + "for n in os.environ['REGIONS'].split(','):\n    @run.job(name=n)\n    def load(): ...\n__all__ = ['load']\n"}
    passes = {"__deployment__.py": _HEAD + "for n in ['eu', 'us']:\n    @run.job(name=n)\n    def load(): ...\n__all__ = ['load']\n"}


class DynamicNamespace(UnknownRule):
    """Names or values changed by code the analyzer cannot follow: a branch on a value not
    known statically, a call of an installed library given the value, `exec`, names bound
    through a namespace it cannot see. (Calls of workspace functions, loops over known
    values, `globals()[...]`, `setattr` and in-place changes such as `TAGS.append("x")`
    are followed exactly.)"""

    code = "DM903"
    name = "dynamic-namespace"
    summary = "names or values changed by code that cannot be followed statically"
    fails = {"__deployment__.py": "import os\n" + _HEAD + "TAGS = ['a']\nif os.getenv('B'):\n    TAGS.append('b')\n@run.job(expose={'tags': TAGS})\ndef load(): ...\n__all__ = ['load']\n"}
    passes = {"__deployment__.py": _HEAD + "@run.job\ndef load(): ...\n__all__ = []\n__all__.append('load')\n"}


class AnalysisLimit(UnknownRule):
    """An input beyond the analyzer's limits (file size, nesting depth, number of modules,
    compiled extension modules): it is refused instead of risking a crash or a hang."""

    code = "DM904"
    name = "analysis-limit"
    summary = "an input beyond the analyzer's limits"
    fails = {"__deployment__.py": _HEAD + "X = 'a' * 10**9\n@run.job(name=X)\ndef load(): ...\n__all__ = ['load']\n"}
    passes = NotStatic.passes


class Clock(UnknownRule):
    """A value computed from the clock when the manifest is generated (`datetime.now()`,
    `date.today()`, `pendulum.now()`): the manifest would differ on every run."""

    code = "DM905"
    name = "clock-value"
    summary = "a value read from the clock at manifest time"
    fails = {"__deployment__.py": _HEAD + "import datetime\n@run.job(trigger='0 0 * * *', interval={'start': datetime.datetime.now()})\ndef load(): ...\n__all__ = ['load']\n"}
    passes = {"__deployment__.py": _HEAD + "@run.job(trigger='0 0 * * *', interval={'start': '2026-01-01T00:00:00Z'})\ndef load(): ...\n__all__ = ['load']\n"}


class Environment(UnknownRule):
    """A value read from the environment (`os.environ`, `os.getenv`): known only where
    the code runs."""

    code = "DM906"
    name = "environment-value"
    summary = "a value read from the environment"
    fails = {"__deployment__.py": _HEAD + "import os\n@run.job(trigger=os.environ.get('CRON', '0 8 * * *'))\ndef load(): ...\n__all__ = ['load']\n"}
    passes = NotStatic.passes


class UnnamedPipeline(UnknownRule):
    """`dlt.pipeline()` without a name used by `@run.pipeline`: the runtime names the
    pipeline after the script that runs it, which differs between machines."""

    code = "DM907"
    name = "unnamed-pipeline"
    summary = "`dlt.pipeline()` without a name"
    fails = {"__deployment__.py": "import dlt\n" + _HEAD + "p = dlt.pipeline(destination='duckdb')\n@run.pipeline(p)\ndef load(): ...\n__all__ = ['load']\n"}
    passes = {"__deployment__.py": "import dlt\n" + _HEAD + "p = dlt.pipeline('events', destination='duckdb')\n@run.pipeline(p)\ndef load(): ...\n__all__ = ['load']\n"}


class OutsideRoot(UnknownRule):
    """A module file is a symlink that leaves the workspace: only files inside the
    workspace root are read."""

    code = "DM908"
    name = "outside-root"
    summary = "a module resolves outside the workspace root"
    fails: dict = {}  # needs a symlink; tested in tests/test_limits.py
    passes = NotStatic.passes


class UnsupportedRelease(Rule):
    """The workspace locks or pins a dlt release dlt-manifest does not reproduce (before
    1.26.0, which has no deployment generator, or newer than 1.31.0), or requires a range
    that allows none it does: the manifest of that release cannot be promised.
    `--dlt-version` names the release to reproduce instead."""

    code = "DM909"
    name = "unsupported-release"
    summary = "the workspace's dlt release is one dlt-manifest does not reproduce"
    fails = {"__deployment__.py": _HEAD + "@run.job\ndef load(): ...\n__all__ = ['load']\n", "requirements.txt": "dlt==1.25.0\n"}
    passes = {"__deployment__.py": _HEAD + "@run.job\ndef load(): ...\n__all__ = ['load']\n", "requirements.txt": "dlt==1.26.0\n"}

    def check(self, deployment: Deployment) -> Iterator[Finding]:
        yield from target_notes(deployment, self.code)


RULES = [NotStatic, DynamicJob, DynamicNamespace, AnalysisLimit, Clock, Environment, UnnamedPipeline, OutsideRoot,
         UnsupportedRelease]  # fmt: skip
