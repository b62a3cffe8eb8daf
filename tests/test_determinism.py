"""Same files, same bytes: the output does not depend on the interpreter's hash seed
(sets of strings are ordered by it; the analyzer never lets such an order through)."""

from __future__ import annotations

import os
import subprocess

import pytest
from corpus_util import CORPUS, command
from workspace_util import write_workspace

SETS = '''\
from dlt.hub import run

REGIONS = {"eu", "us", "apac", "latam"}
TAGS = sorted(REGIONS | {"daily"})
ALL = ",".join(sorted(REGIONS))
SEEN = {r: len(r) for r in REGIONS}


@run.job(trigger="0 1 * * *", expose={"tags": TAGS, "display_name": ALL})
def load():
    """Load."""


__all__ = ["load"]
'''


def _generate(folder, seed: str) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH="0")
    out = subprocess.run(command() + ["generate", str(folder)], capture_output=True, env=env, timeout=120)
    return out.stdout + b"\0" + out.stderr


@pytest.mark.parametrize("case", ["mod-realistic-apps", "trig-followup-cross-module", "static-jobs-in-loop"])
def test_corpus_output_does_not_depend_on_the_hash_seed(case: str) -> None:
    assert _generate(CORPUS / case, "1") == _generate(CORPUS / case, "2")


def test_sets_of_strings_do_not_leak_their_order(tmp_path) -> None:
    write_workspace(tmp_path, {"__deployment__.py": SETS})
    outputs = {_generate(tmp_path, seed) for seed in ("0", "1", "2", "3")}
    assert len(outputs) == 1
    assert b'"apac,eu,latam,us"' in outputs.pop()
