"""DM0xx — the suppressions themselves: a `# noqa` that cannot do what it asks.

These findings are made where `# noqa` comments are applied (`rules/config.py`), not
from the model."""

from __future__ import annotations

from dlt_manifest.rules.base import Rule

_HEAD = "from dlt.hub import run\n\n"


class NoqaCannotSilence(Rule):
    """Reports a `# noqa` comment that silences a finding `generate` cannot pass:
    an error dlt itself raises, or a value that cannot be known statically.

    Why: `check` obeys the comment, but no manifest can be produced past such a finding,
    so `generate` (and the deployment) still fail; the comment only hides the reason.
    Fix the code instead."""

    code = "DM001"
    name = "noqa-cannot-silence"
    runtime = False
    summary = "a `# noqa` that cannot silence an error dlt raises or a value that cannot be known"
    fails = {"__deployment__.py": _HEAD + "@run.job(trigger='61 8 * * *')  # noqa: DM101\ndef j(): ...\n__all__ = ['j']\n"}
    passes = {"__deployment__.py": _HEAD + "@run.job\ndef j(): ...\nCRON = '0 8 * * *'\n__all__ = ['j', 'CRON']  # noqa: DM404\n"}


RULES = [NoqaCannotSilence]
