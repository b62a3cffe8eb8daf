"""One analysis of a workspace, from its files to the manifest and the diagnostics: the
layers below in order (source, python, dlt, manifest), then the rules."""

from __future__ import annotations

import gc
import hashlib
import os
import sys
import threading
from typing import Optional

import attrs
from dlt_manifest.python import budget
from dlt_manifest.python.deferral import NeedEager
from dlt_manifest.rules.diagnostics import Diagnostic, Severity
from dlt_manifest.source import limits
from dlt_manifest.source.span import source_lines

# Deeply nested expressions are evaluated recursively: give the analysis its own thread
# with a large stack and a recursion limit to match (see MAX_EVAL_DEPTH).
_STACK_BYTES = 64 * 1024 * 1024
_RECURSION_LIMIT = 30_000
_GC_YOUNG = 50_000


class RunAgain(Exception):
    """The analysis reused modules' runs where it cannot prove the result the same."""


class NoDeploymentModule(Exception):
    """The folder has no `__deployment__.py` (a usage error, not a finding)."""


@attrs.frozen
class Result:
    """`diagnostics`: what the selection asked for, with effective severities (what
    `check` prints). `generation`: what `generate` prints — those plus, as errors, every
    diagnostic no manifest can be produced past (dlt's own errors, unknowable values),
    even when the configuration silences it. `manifest` is None when `generation` has an
    error."""

    manifest: Optional[dict]
    diagnostics: list
    generation: list
    deployment: object = None
    target: object = None  # dlt.target.Target: the dlt release and Python analyzed for

    @property
    def errors(self) -> list:
        return [d for d in self.generation if d.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors

    def text_of(self, path: str) -> str:
        return self.deployment.interp.workspace.text_of(path) if self.deployment else ""


def analyze(
    root: str,
    created_at: Optional[str] = None,
    rules=None,
    python_version: Optional[tuple] = None,
    settings=None,
    overlay: Optional[dict] = None,
    profile: Optional[str] = None,
    dlt_version: Optional[str] = None,
    memo=None,
) -> Result:
    """Analyzes the workspace at `root`; never imports or runs any of its code.

    `dlt_version` ("1.31.0") and `python_version` ((3, 13)) are the targets; each
    defaults to what the workspace declares (see `dlt.target`), and what is assumed is
    reported. From Python 3.13 on, docstrings (and so descriptions) are dedented.
    `overlay` maps absolute paths below `root` to bytes that replace those files (an
    editor's unsaved buffer); `profile` is the dlt profile whose `.dlt/` files count;
    `memo` (a `workspace.SourceMemo`) keeps parsed files for the next analysis.

    The analysis runs in its own thread (for its stack); this thread only waits for it,
    so Ctrl-C and SIGTERM handlers run at once. The thread is a daemon: an interrupted
    run exits without waiting for it."""
    deployment = os.path.join(root, "__deployment__.py")
    if not os.path.isfile(deployment) and os.path.realpath(deployment) not in (overlay or {}):
        raise NoDeploymentModule(f"no __deployment__.py in {root}")
    outcome: dict = {}

    def work() -> None:
        chosen = settings.limits if settings is not None else limits.DEFAULT

        def attempt(defer: bool = True) -> Result:
            with limits.use(chosen), budget.metering():
                return _analyze(
                    root, created_at, rules, python_version, settings, overlay, profile, dlt_version, defer=defer,
                    memo=memo,
                )

        try:
            try:
                try:
                    outcome["result"] = attempt()
                except RunAgain:  # (the runs kept are dropped: this one keeps nothing from before)
                    outcome["result"] = attempt()
            except NeedEager:  # a deferred statement was needed in a way only order gives
                outcome["result"] = attempt(defer=False)
        except BaseException as ex:  # re-raised in the calling thread
            outcome["error"] = ex
        finally:
            if memo is not None:
                memo.prune()

    previous_limit = sys.getrecursionlimit()
    previous_stack = threading.stack_size()
    previous_gc = gc.get_threshold()
    sys.setrecursionlimit(max(previous_limit, _RECURSION_LIMIT))
    # parsing allocates millions of objects that live as long as the analysis: a young
    # generation of 50,000 (CPython's is 700) spares collections that find nothing
    gc.set_threshold(max(_GC_YOUNG, previous_gc[0]), *previous_gc[1:])
    try:
        threading.stack_size(_STACK_BYTES)
        thread = threading.Thread(target=work, name="dlt-manifest-analysis", daemon=True)
        thread.start()
        while thread.is_alive():
            thread.join(0.1)  # a bounded wait: signal handlers run between two
    finally:
        threading.stack_size(previous_stack)
        sys.setrecursionlimit(previous_limit)
        gc.set_threshold(*previous_gc)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _analyze(
    root: str, created_at: Optional[str], rules, python_version=None, settings=None, overlay=None, profile=None,
    dlt_version=None, defer: bool = True, memo=None,
) -> Result:
    from dlt_manifest import dlt  # noqa: F401  (registers dlt's models)
    from dlt_manifest.manifest.discover import discover
    from dlt_manifest.manifest.emit import created_at as now
    from dlt_manifest.python.interpreter import Interpreter
    from dlt_manifest.rules import BY_CODE, run_rules
    from dlt_manifest.rules.config import Settings, apply
    from dlt_manifest.dlt.target import python_option, resolve
    from dlt_manifest.python.values import deep_poison
    from dlt_manifest.source.span import Span
    from dlt_manifest.source.workspace import Workspace

    settings = settings or Settings()
    workspace = Workspace(root, overlay, profile, memo)
    workspace.defer = defer
    dlt_version = dlt_version or settings.dlt_version
    if python_version is None and settings.python_version:
        python_version = python_option(settings.python_version)
    target = resolve(workspace, dlt_version, python_version)
    workspace.python_version = target.python
    interp = Interpreter(workspace, target.python, target)
    if memo is not None and memo.keep_runs and defer:
        from dlt_manifest.python.reuse import Recorder, Store

        memo.modules = memo.modules or Store()
        interp.reuse = Recorder(interp, memo.modules, (workspace.root, target, limits.current(), profile))
    try:
        module = interp.run_deployment()
    except RecursionError:  # Python's own limit, within the stack (see _STACK_BYTES)
        module = budget.stop_interpretation(interp, "values nested too deeply to evaluate (RecursionError)")
    deployment = discover(interp, module)
    found = run_rules(deployment, rules)
    selected = apply(found, settings, interp.workspace.text_of)
    blocking = {
        (d.code, d.span, d.message): attrs.evolve(d, severity=Severity.ERROR)
        for d in found
        if BY_CODE[d.code].blocks_generation()
    }
    generation = {(d.code, d.span, d.message): d for d in selected}
    generation.update(blocking)
    generation = sorted(generation.values(), key=Diagnostic.sort_key)
    manifest = None
    if not any(d.severity is Severity.ERROR for d in generation):
        manifest = deployment.manifest(created_at or now())
        # every value in it was built within the budget of all values (`total_cells`)
        poison = deep_poison(manifest, limits.current().total_cells)
        if poison is not None:
            # every value not known must have been reported by a rule: never print it
            reason = getattr(poison, "reason", None) or getattr(poison, "message", "")
            site = poison.site.span if poison.site is not None else Span(module.source.relpath if module.source else "__deployment__.py", 1, 1, 1, 1)
            generation.append(Diagnostic("DM901", Severity.ERROR, f"a manifest value is not known statically: {reason}", site))
            manifest = None
    if interp.reuse is not None and not interp.reuse.finish():
        raise RunAgain()  # (without the runs kept: `reuse.Recorder.finish`)
    return Result(manifest, selected, generation, deployment, target)


def unchanged_by(result: Result, path: str, content: bytes) -> Optional[tuple]:
    """(relpath, text) of the module file `path` (an absolute path `result` analyzed)
    with `content` in its place, when analyzing that would give `result` again (see
    `same_text`); None when that is not proven. The language server keeps its result for
    such an edit: typing inside a job's body."""
    marks = marks_of(result, path)
    text = same_text(marks, path, content) if marks is not None else None
    return (marks["relpath"], text) if text is not None else None


def marks_of(result: Result, path: str, found: Optional[dict] = None) -> Optional[dict]:
    """What `same_text` compares of the module file `path` as the analysis of `result`
    read it (plain data: the persistent cache keeps it too); None for a file it did not
    parse whole. `found`: `finding_lines(result)`, when it is already made."""
    workspace = result.deployment.interp.workspace if result.deployment is not None else None
    old = workspace._sources.get(path) if workspace is not None else None
    if old is None or old.problem is not None or old.module is None or old.fingerprint is None:
        return None
    found = (found if found is not None else finding_lines(result)).get(old.relpath, ())
    python = list(workspace.python_version) if workspace.python_version else None
    defer = workspace.defer and path != workspace.deployment_path
    limits = attrs.asdict(workspace.limits)
    # the same file, read the same, in a process that analyzes again (the daemon): made once
    key = (workspace.root, tuple(sorted(found)), tuple(sorted(old.read_regions)), python, defer, sorted(limits.items()))
    kept = old.derived.get("marks")
    if kept is not None and kept[0] == key:
        return kept[1]
    lines = source_lines(old.text)
    marks = {
        "relpath": old.relpath, "root": workspace.root, "fingerprint": old.fingerprint.hex(), "lines": len(lines),
        "python": python, "defer": defer, "limits": limits,
        "regions": sorted([first, last, _digest(lines[first - 1 : last])] for first, last in old.read_regions),
        "found": [[line, _digest(lines[line - 1 : line])] for line in sorted(f for f in found if 1 <= f <= len(lines))],
        "noqa": _noqa_digest(old.text),
    }
    old.derived["marks"] = (key, marks)
    return marks


def finding_lines(result: Result) -> dict:
    """relpath -> the lines where the findings of `result` (and the places they point to)
    start or end."""
    out: dict = {}
    for d in (*result.diagnostics, *result.generation):
        for span in (d.span, *(r.span for r in d.related)):
            out.setdefault(span.path, set()).update((span.line, span.end_line))
    return out


def same_text(marks: dict, path: str, content: bytes) -> Optional[str]:
    """The text of `content` when an analysis reading it in place of the file `marks`
    describe (`marks_of`) would give the same result, proven without analyzing; else None.
    The new text may differ only inside function bodies the analysis neither parsed nor
    ran (they were blanked out before LibCST parsed the file: `files._strip_bodies`), with
    every line where it was, the same `# noqa` comments, and no finding (or place a finding
    points to) on a line that changed. What CPython says of the new text (syntax, compile check), what
    LibCST would see of it, the statements deferred, the parsing costs charged to the
    budget: all are made again from it (`load_source` without LibCST) and compared through
    the file's `fingerprint`. `marks` may come from a file: anything malformed is None."""
    from dlt_manifest.source.files import load_source

    try:
        chosen = limits.DEFAULT.with_values(marks["limits"])
        python = tuple(marks["python"]) if marks["python"] is not None else None
        with limits.use(chosen):
            new = load_source(path, marks["relpath"], content, marks["root"], None, python, bool(marks["defer"]), parse=False)
        if new.problem is not None or new.fingerprint is None or new.fingerprint.hex() != marks["fingerprint"]:
            return None
        lines = source_lines(new.text)
        if len(lines) != marks["lines"] or _noqa_digest(new.text) != marks["noqa"]:
            return None
        for first, last, digest in marks["regions"]:
            if _digest(lines[first - 1 : last]) != digest:
                return None
        for line, digest in marks["found"]:
            if _digest(lines[line - 1 : line]) != digest:
                return None
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    return new.text


def _digest(lines: list) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()


def _noqa_digest(text: str) -> str:
    from dlt_manifest.rules.config import noqa_comments

    comments = noqa_comments(text) if "noqa" in text.lower() else {}
    return _digest([f"{line}:{sorted(codes) if codes is not None else None}" for line, codes in sorted(comments.items())])
