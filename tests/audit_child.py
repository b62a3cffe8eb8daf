"""Run in a child process by test_audit.py: installs an audit hook, then analyzes every
corpus case in-process. Prints one JSON document: the violations seen.

The hook refuses: executing any code object (`exec`, `eval`), compiling anything but
syntax trees (`ast.parse`), importing a module from the workspace, opening a file for
writing, starting processes, opening sockets."""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "corpus")
sys.path.insert(0, ROOT)

import dlt_manifest.rules  # noqa: E402,F401
from dlt_manifest import analyze  # noqa: E402  (imported before the hook: our own code)
from dlt_manifest.manifest import discover, emit  # noqa: E402,F401

violations = []
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_FORBIDDEN_PREFIXES = ("subprocess.", "os.system", "os.exec", "os.spawn", "os.posix_spawn",
                       "os.fork", "socket.", "ctypes.", "os.kill", "shutil.", "os.remove",
                       "os.rename", "os.unlink", "os.mkdir", "os.rmdir", "os.chmod")


def _called_from_ast_parse() -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_name == "parse" and frame.f_code.co_filename.endswith("ast.py"):
            return True
        frame = frame.f_back
    return False


def hook(event, args):
    if event == "exec":
        violations.append(f"exec of a code object: {args!r}"[:300])
    elif event == "compile" and not _called_from_ast_parse():
        violations.append(f"compile outside ast.parse: {args[1]!r}")
    elif event == "import":
        filename = args[1] if len(args) > 1 else None
        if isinstance(filename, str) and os.path.abspath(filename).startswith(CORPUS):
            violations.append(f"import of workspace module {args[0]}")
    elif event == "open":
        path, mode, flags = args
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS
        ):
            violations.append(f"open for writing: {path!r}")
    elif event.startswith(_FORBIDDEN_PREFIXES):
        violations.append(f"{event}: {args!r}"[:300])


# Our own code may import stdlib modules lazily (and the stdlib builds some classes with
# exec, e.g. dataclasses): a first run on the bundled demo, before the hook, loads them.
analyze(os.path.join(ROOT, "examples", "demo"), created_at="2026-01-01T00:00:00+00:00")
sys.addaudithook(hook)
analyzed = 0
for case in sorted(os.listdir(CORPUS)):
    folder = os.path.join(CORPUS, case)
    if os.path.isfile(os.path.join(folder, "__deployment__.py")):
        analyze(folder, created_at="2026-01-01T00:00:00+00:00")
        analyzed += 1
print(json.dumps({"analyzed": analyzed, "violations": violations}))
