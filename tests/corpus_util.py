"""Running the installed `dlt-manifest generate` on corpus cases and comparing with the
oracle's expected document."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def cases() -> list:
    return sorted(p.name for p in CORPUS.iterdir() if (p / "expected.json").is_file())


def command() -> list:
    """The installed console script (the README's setup puts it on PATH)."""
    exe = Path(sys.executable).with_name("dlt-manifest")
    return [str(exe)] if exe.exists() else ["dlt-manifest"]


def run_generate(case: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    # run from the case folder: diagnostics show paths relative to the current folder
    return subprocess.run(
        command() + ["generate", str(CORPUS / case)],
        capture_output=True, text=True, env=env, timeout=120, cwd=CORPUS / case,
    )


def canonical(manifest: dict) -> str:
    manifest = dict(manifest)
    manifest.pop("created_at", None)
    return json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False)


def expected(case: str) -> dict:
    return json.loads((CORPUS / case / "expected.json").read_text())


def relative_diagnostics(stderr: str, case: str) -> str:
    """stderr with the case folder stripped from paths (paths print workspace-relative)."""
    return stderr
