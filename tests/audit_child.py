"""Run in a child process by test_audit.py. The audit hook is installed FIRST, before
anything of dlt_manifest or its dependencies is imported (no warm-up run), then the CLI
runs in-process (`generate` and `check`) on every corpus case. Prints one JSON document:
the cases analyzed and the violations seen.

Refused: any process (subprocess.Popen, os.exec*, os.posix_spawn*, os.fork, os.system,
os.spawn*), sockets, writes (an open for writing, removing or renaming files), importing a
workspace module, and executing or compiling workspace code. Exec and compile events of
our dependencies building their own classes (attrs, dataclasses, typing make methods from
generated source) are legitimate: they are told apart by the code object's file name and
by who calls (no frame of dlt_manifest directly above, or CPython's `ast.parse`, which
makes a tree and runs nothing). One compile of workspace code is ours and allowed:
`files._compile_problem` asks CPython's compiler for the SyntaxErrors its parser does not
raise and throws the code object away — that it is never executed is what the exec check
above proves."""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "corpus")
OURS = (os.path.join(ROOT, "analyzer") + os.sep, os.path.join(ROOT, "rules") + os.sep)
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_PROCESS = ("subprocess.", "os.system", "os.exec", "os.spawn", "os.posix_spawn", "os.fork", "os.forkpty",
            "pty.spawn", "socket.", "os.remove", "os.rename", "os.unlink", "os.rmdir", "os.mkdir",
            "shutil.rmtree", "os.kill", "ctypes.dlopen")
violations = []


def _in_corpus(path) -> bool:
    return isinstance(path, str) and os.path.abspath(path).startswith(CORPUS + os.sep)


_COMPILE_CHECK = ("dlt_manifest.source.files", "_compile_problem")


def _direct_caller():
    """(file of the first frame above the hook that is not CPython's builtins machinery,
    whether `ast.parse` — or the compile check, see the module doc — is on the way)."""
    frame = sys._getframe(2)
    via_ast_parse = False
    while frame is not None:
        code = frame.f_code
        if code.co_filename.endswith(os.sep + "ast.py") and code.co_name == "parse":
            via_ast_parse = True
        elif not code.co_filename.startswith("<frozen"):
            module = frame.f_globals.get("__name__") or ""
            checked = (module, code.co_name) == _COMPILE_CHECK
            # ours: by path in a checkout, by module name when installed (CI)
            ours = code.co_filename.startswith(OURS) or module.split(".")[0] == "dlt_manifest"
            return (OURS[0] if ours else code.co_filename), via_ast_parse or checked
        frame = frame.f_back
    return "", via_ast_parse


def hook(event, args):
    if event == "exec":
        code = args[0]
        caller, _ = _direct_caller()
        filename = getattr(code, "co_filename", "")
        generated = filename.startswith("<") or not os.path.isfile(filename)  # not a module's file
        if _in_corpus(filename) or (generated and caller.startswith(OURS)):
            violations.append(f"exec of {getattr(code, 'co_filename', code)!r} called from {caller}")
    elif event == "compile":
        caller, via_ast_parse = _direct_caller()
        filename = args[1] if isinstance(args[1], str) else ""
        generated = filename.startswith("<") or not os.path.isfile(filename)  # not an import's source
        if not via_ast_parse and (_in_corpus(filename) or (generated and caller.startswith(OURS))):
            violations.append(f"compile of {args[1]!r} called from {caller}")
    elif event == "import":
        if _in_corpus(args[1] if len(args) > 1 else None):
            violations.append(f"import of workspace module {args[0]}")
    elif event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        if writing and path != "/dev/null":
            violations.append(f"open for writing: {path!r}")
    elif event == "ctypes.dlopen" and args[0] is None:
        pass  # `import ctypes` opens the running process itself (ctypes.pythonapi)
    elif event.startswith(_PROCESS):
        violations.append(f"{event}: {args!r}"[:300])


sys.addaudithook(hook)  # before the first import of our code and its dependencies

if os.environ.get("AUDIT_SELF_TEST"):  # the hook is not vacuous: what croniter did (C1), and more
    import platform

    platform.architecture(os.path.join(ROOT, "pyproject.toml"))  # runs `file`
    exec(compile("x = 1", os.path.join(CORPUS, "case", "__deployment__.py"), "exec"))
    open(os.path.join(os.environ["AUDIT_SELF_TEST"], "written"), "w").close()
    print(json.dumps({"violations": violations}))
    sys.exit(0)

import contextlib  # noqa: E402
import io  # noqa: E402

sys.path.insert(0, ROOT)
from dlt_manifest.cli import main  # noqa: E402

os.environ.pop("DLT_MANIFEST_NO_CACHE", None)  # the flag alone keeps the cache off
analyzed = 0
codes = set()
os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
for case in sorted(os.listdir(CORPUS)):
    folder = os.path.join(CORPUS, case)
    if not os.path.isfile(os.path.join(folder, "__deployment__.py")):
        continue
    # --no-cache: the mode for code nobody reviewed writes nothing at all (no cache)
    for argv in (["generate", folder, "--no-cache"], ["check", folder, "--output-format", "sarif", "--no-cache"]):
        out, err = io.TextIOWrapper(io.BytesIO()), io.TextIOWrapper(io.BytesIO())
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as ex:
                code = ex.code
        codes.add(code)
        if code not in (0, 1):
            violations.append(f"exit {code}: {argv}: {err.buffer.getvalue()[-300:]!r}")
    analyzed += 1
print(json.dumps({"analyzed": analyzed, "exit_codes": sorted(codes), "violations": violations}))
