"""Each CPython this machine has, and programs run by one of them (the tests' own
generated programs): which raised, and what."""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys


def pythons() -> dict:
    """(3, minor) -> a CPython of that release: `python3.X` under pyenv or on PATH (not
    pyenv's shims, which run whichever Python is selected), and the one running."""
    found = {}
    for minor in range(8, 16):
        candidates = sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/3.{minor}.*/bin/python3.{minor}")))
        candidates.append(shutil.which(f"python3.{minor}"))
        for candidate in candidates:
            if candidate and "/shims/" not in candidate and os.access(candidate, os.X_OK):
                found[(3, minor)] = candidate
                break
    found.setdefault(sys.version_info[:2], sys.executable)
    return found


# every program in a fresh namespace: None, or the exception it raised
_RUNNER = """
import json, sys
out = []
for text in json.load(sys.stdin):
    try:
        exec(compile(text, "m.py", "exec", dont_inherit=True), {"__name__": "m"})
        out.append(None)
    except Exception as ex:
        out.append(type(ex).__name__ + ": " + str(ex)[:120])
print(json.dumps(out))
"""


def run_programs(python: str, programs: list) -> list:
    done = subprocess.run([python, "-c", _RUNNER], input=json.dumps(programs), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
