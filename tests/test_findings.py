"""All findings of a run are reported together: a decorator argument that raises (the
import fails there) does not hide what is wrong in the decorator's other arguments
(issue 10: fixing DM101 revealed DM321 and DM303 on the same decorator)."""

from __future__ import annotations

import pytest
from workspace_util import analyze_files

HEAD = "from dlt.hub import run\nfrom dlt.hub.run import trigger\n\n"


@pytest.mark.parametrize("argument, code", [
    ("trigger.every(10)", "DM101"),            # the constructor's value is rejected
    ("trigger.once('garbage')", "DM103"),      # the constructor raises
    ("trigger.job_success('load')", "DM201"),  # an invalid job ref
    ("[trigger.every(10), '0 8 * * *']", "DM101"),
])
def test_a_raising_argument_hides_nothing(tmp_path, argument, code) -> None:
    result = analyze_files(tmp_path, {"__deployment__.py": HEAD + (
        f"@run.job(trigger={argument}, require={{'timezone': 'Europe/Berln', 'profile': 'dev'}})\n"
        "def load(): ...\n__all__ = ['load']\n"
    )})
    assert sorted(d.code for d in result.diagnostics) == sorted([code, "DM303", "DM321"])
    assert result.manifest is None  # the import still fails: no manifest


def test_the_job_made_past_the_failure_adds_no_finding_of_its_own(tmp_path) -> None:
    result = analyze_files(tmp_path, {"__deployment__.py": HEAD + (
        "@run.job(trigger=trigger.every(10))\ndef load(): ...\n"
        "@run.job(trigger=load.success)\ndef after(): ...\n__all__ = ['load', 'after']\n"
    )})
    assert [d.code for d in result.diagnostics] == ["DM101"]
