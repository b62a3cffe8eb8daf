"""Running the installed `dlt-manifest generate` on corpus cases, under each dlt release
a case has an oracle document for, and comparing with that document.

A case's documents: `expected.json` (dlt 1.27.2) and `expected-<X.Y.Z>.json` (any other
release); its reviewed stderr snapshots: `expected.diagnostics` and
`expected-<X.Y.Z>.diagnostics`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REFERENCE = "1.27.2"  # the release of `expected.json`
PYTHON = "3.11"  # the oracles' Python
_EXPECTED = re.compile(r"^expected-(\d+\.\d+\.\d+)\.json$")


def cases() -> list:
    return sorted(p.name for p in CORPUS.iterdir() if (p / "expected.json").is_file())


def releases_of(case: str) -> list:
    """The releases `case` has an oracle document for, the reference first."""
    others = [m.group(1) for f in os.listdir(CORPUS / case) if (m := _EXPECTED.match(f))]
    return [REFERENCE] + sorted(others, key=lambda v: tuple(map(int, v.split("."))))


def case_releases() -> list:
    return [(case, release) for case in cases() for release in releases_of(case)]


def _suffix(release: str) -> str:
    return "" if release == REFERENCE else f"-{release}"


def expected_path(case: str, release: str = REFERENCE) -> Path:
    return CORPUS / case / f"expected{_suffix(release)}.json"


def snapshot_path(case: str, release: str = REFERENCE) -> Path:
    return CORPUS / case / f"expected{_suffix(release)}.diagnostics"


TARGET = ["--dlt-version", REFERENCE, "--python-version", PYTHON]


def pinned(args) -> list:
    """A command line with the suite's usual target (dlt 1.27.2 on Python 3.11) after
    `generate` / `check`, unless it names a release itself: what a test checks does not
    depend on the release then, and no "assumed target" warning is printed."""
    args = list(args)
    if args and args[0] in ("generate", "check") and "--dlt-version" not in args:
        return args[:1] + TARGET + args[1:]
    return args


def command() -> list:
    """The installed console script (the README's setup puts it on PATH)."""
    exe = Path(sys.executable).with_name("dlt-manifest")
    return [str(exe)] if exe.exists() else ["dlt-manifest"]


def start_generate(case: str, release: str = REFERENCE) -> subprocess.Popen:
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    # run from the case folder: diagnostics show paths relative to the current folder
    return subprocess.Popen(
        command() + ["generate", "--dlt-version", release, "--python-version", PYTHON, str(CORPUS / case)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=CORPUS / case,
    )


def finish(process: subprocess.Popen) -> subprocess.CompletedProcess:
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def run_generate(case: str, release: str = REFERENCE) -> subprocess.CompletedProcess:
    return finish(start_generate(case, release))


def canonical(manifest: dict) -> str:
    manifest = dict(manifest)
    manifest.pop("created_at", None)
    return json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False)


def expected(case: str, release: str = REFERENCE) -> dict:
    return json.loads(expected_path(case, release).read_text())
