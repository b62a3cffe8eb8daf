"""The README's demo workspace matches the oracle's output for it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from corpus_util import canonical, command, pinned

DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo"


def test_demo_matches_the_oracle() -> None:
    expected = json.loads((DEMO / "expected.json").read_text())
    out = subprocess.run(command() + pinned(["generate", str(DEMO)]), capture_output=True, text=True,
                         env=dict(os.environ, SOURCE_DATE_EPOCH="0"))
    assert out.returncode == 0, out.stderr
    manifest = json.loads(out.stdout)
    assert manifest["created_at"] == "1970-01-01T00:00:00+00:00"
    assert canonical(manifest) == canonical(expected["manifest"])
    assert out.stderr == f"Manifest of {os.path.relpath(DEMO)} for dlt 1.27.2, Python 3.11, manifest engine 1: {len(manifest['jobs'])} jobs.\n"
