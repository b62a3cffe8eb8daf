"""The `dlt-manifest` command.

    dlt-manifest generate [PATH ...] [-o FILE] [--output-format text|json] [--update FILE]
    dlt-manifest check [PATH ...] [--output-format FMT] [-o FILE] [--select ...] [--ignore ...]
    dlt-manifest rules [--output-format text|json|markdown]
    dlt-manifest rule DM101

A PATH is any file or folder: it stands for the workspace it is in (or the workspaces
below a folder, see `targets.py`); each workspace is analyzed once. `-` reads the file
named by `--stdin-filename` from standard input (an editor's unsaved buffer).

Exit codes: 0 success (warnings allowed), 1 errors (or, with `--update`, a manifest file
changed), 2 usage or internal errors, 130 / 143 interrupted by SIGINT / SIGTERM.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from typing import Optional

from dlt_manifest import __version__, cache, daemon
from dlt_manifest.output import OutputError, write_output
from dlt_manifest.targets import TargetError, find_targets, workspace_of

# a young generation of 50,000 objects (as `analysis` sets), the older ones collected
# after 100 young (or middle) collections instead of 10: peak memory unchanged at 1,000
# and 1,300 realistic modules (313 and 413 MB)
ONE_SHOT_GC = (50_000, 100, 100)


class _Later:
    """A module imported when first used: a run answered from the cache (`cache`)
    imports neither the analyzer nor the rules."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str):
        import importlib

        return getattr(importlib.import_module(self._name), attr)


report = _Later("dlt_manifest.report")


# the formats of `check` (`report.render` writes each)
FORMATS = ("text", "concise", "json", "sarif", "github")


class UsageError(Exception):
    pass


class Terminated(BaseException):
    """SIGTERM: raised in the main thread, so that `finally` blocks clean up."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit code 2, no traceback
        self.print_usage(sys.stderr)
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dlt-manifest",
        description="dlt deployment manifests and lint, without running the workspace's code.",
    )
    parser.add_argument("--version", action="version", version=f"dlt-manifest {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    generate = commands.add_parser("generate", help="print the deployment manifest")
    _workspace_options(generate)
    generate.add_argument("-o", "--output", metavar="FILE", help="write the manifest (or the JSON document) to FILE, atomically; - is stdout")
    generate.add_argument(
        "--output-format", choices=("text", "json"), default="text",
        help="text: the manifest on stdout, diagnostics on stderr; json: one document with both",
    )
    generate.add_argument(
        "--update", metavar="FILE",
        help="keep FILE (relative to each workspace) up to date: write it when the manifest changed"
        " (created_at aside) and exit 1, as a formatter does in pre-commit",
    )

    check = commands.add_parser("check", help="report every rule's findings")
    _workspace_options(check)
    check.add_argument("--output-format", choices=FORMATS, default="text")
    check.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE, atomically; - is stdout")
    check.add_argument("--select", action="append", help="rule codes or prefixes to run (e.g. DM1,DM220)")
    check.add_argument("--ignore", action="append", help="rule codes or prefixes to skip")
    check.add_argument("--strict", action="store_true", help="count warnings as errors")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    check.add_argument("--statistics", action="store_true", help="count the findings of each rule instead of listing them")
    check.add_argument("--fix", action="store_true", help="apply the fixes of fixable findings where they are certain (files are rewritten)")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff instead of applying them; exit 1 when there are any")
    check.add_argument(
        "--unsafe-fixes", action="store_true",
        help="with --fix or --diff, also write each trigger string as the manifest stores it",
    )

    keeper = commands.add_parser(
        "daemon", help="keep workspaces' analyses between runs of check/generate --daemon (runs in the foreground)",
    )
    keeper.add_argument("action", nargs="?", choices=("run", "status", "stop"), default="run")
    keeper.add_argument("--timeout", type=float, metavar="SECONDS", help="stop after SECONDS without a request")
    keeper.add_argument(
        "--workspaces", type=int, default=daemon.MAX_WORKSPACES, metavar="N",
        help=f"keep the analyses of the N workspaces used last (default: {daemon.MAX_WORKSPACES})",
    )

    server = commands.add_parser("server", help="run the language server (LSP over stdio), for editors")
    server.add_argument("--log-file", metavar="FILE", help="write the server's log to FILE")

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--output-format", choices=("text", "json", "markdown"), default="text")
    rule = commands.add_parser("rule", help="show a rule's documentation")
    rule.add_argument("code")
    return parser


def _workspace_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="files or folders: each stands for its workspace (the nearest folder above with a"
        " __deployment__.py), a folder in none for the workspaces below it; - is standard input"
        " (default: .)",
    )
    parser.add_argument("--stdin-filename", metavar="FILE", help="the file standard input replaces (with -)")
    parser.add_argument("--profile", metavar="NAME", help="the dlt profile whose .dlt/NAME.config.toml and NAME.secrets.toml are loaded")
    parser.add_argument("-q", "--quiet", action="store_true", help="print diagnostics only: no summary, no warnings about paths")
    parser.add_argument(
        "--no-cache", action="store_true",
        help="neither read nor write the cache of results (.dlt_manifest_cache/ at the workspace root):"
        " nothing is written at all (also DLT_MANIFEST_NO_CACHE=1)",
    )
    parser.add_argument(
        "--daemon", action="store_true",
        help="run in the daemon (`dlt-manifest daemon`), which keeps the workspace's analysis"
        " between runs, when one answers; else here, the same output",
    )
    parser.add_argument(
        "--limit", action="append", metavar="NAME=N",
        help="change a budget of the analysis (README, \"Resource model\"; e.g. steps=5000000);"
        " repeatable, over [tool.dlt-manifest.limits]",
    )
    parser.add_argument(
        "--dlt-version", type=_release, metavar="X.Y.Z",
        help="the dlt release whose manifest to reproduce (1.26.0 to 1.31.0; default: the"
        " workspace's uv.lock, pylock.toml or exact pin, else 1.31.0, with a warning)",
    )
    parser.add_argument(
        "--python-version", type=_version,
        help="the Python version the workspace runs on (default: its .python-version or"
        " requires-python, else this interpreter's, with a warning); from 3.13 on,"
        " docstrings are dedented, which changes job descriptions",
    )


def _release(text: str) -> str:
    from dlt_manifest.dlt.target import TargetError, release_option

    try:
        release_option(text)
    except TargetError as ex:
        raise argparse.ArgumentTypeError(str(ex)) from None
    return text.strip()


def _version(text: str) -> tuple:
    from dlt_manifest.dlt.target import TargetError, python_option

    try:
        return python_option(text)
    except TargetError as ex:
        raise argparse.ArgumentTypeError(str(ex)) from None


def entry() -> None:
    """The console script: `main`, then an immediate exit once the output is flushed.
    A run of a large workspace leaves millions of objects (parsed trees, interpreted
    values) that the interpreter would free one by one at shutdown — a fifth of a
    1,000-module run's time — for nothing: every file written is closed by then, and the
    operating system reclaims the memory (mypy exits the same way).

    For the same reason the garbage collector rarely looks past its youngest generation:
    what survives a young collection is nearly all kept to the end (trees, values), and
    each older collection walks all of it again — 2.8 s of a 1,000-module run in one
    collection, 15% of the run in all (`ONE_SHOT_GC`)."""
    gc.set_threshold(*ONE_SHOT_GC)
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a closed pipe: nothing left to say
            code = code or 1
    os._exit(code)


def main(argv: Optional[list] = None) -> int:
    previous = _on_sigterm()
    try:
        args = build_parser().parse_args(argv)
        if getattr(args, "daemon", False) and not daemon.serving():
            code = daemon.forward(list(sys.argv[1:] if argv is None else argv), cache.own_code, _reads_stdin(args))
            if code is not None:
                return code
        if cache.enabled(args):
            roots = find_targets(list(args.paths) or ["."]).workspaces
            if roots:
                return cache.run(args, COMMANDS[args.command], list(roots))
        return COMMANDS[args.command](args)
    except (UsageError, TargetError, OutputError) as ex:
        _error(f"error: {ex}")
        return 2
    except KeyboardInterrupt:
        return _interrupted(130)
    except Terminated:
        return _interrupted(143)
    except BrokenPipeError:
        return 1
    except Exception as ex:  # an analyzer bug: say so, never a traceback
        if _config_error(ex):
            _error(f"error: {ex}")
            return 2
        _error(f"internal error: {type(ex).__name__}: {ex}")
        if os.environ.get("DLT_MANIFEST_DEBUG"):
            raise
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _config_error(ex: Exception) -> bool:
    """A `ConfigError` (the configuration module is imported only when it is read)."""
    config = sys.modules.get("dlt_manifest.rules.config")
    return config is not None and isinstance(ex, config.ConfigError)


def _on_sigterm():
    def terminate(signum, frame):
        raise Terminated()

    try:
        return signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread (the CLI called from a thread)
        return None


def _interrupted(code: int) -> int:
    """Leaves at once: the analysis thread is a daemon, nothing waits for it."""
    _error("interrupted")
    sys.stderr.flush()
    sys.stdout.flush()
    os._exit(code)


def _error(message: str) -> None:
    print(f"dlt-manifest: {report.escape(message)}", file=sys.stderr)


# --- what to analyze ------------------------------------------------------------------------


class _Runs:
    """The workspaces named on the command line, each with its settings; the buffer read
    from standard input belongs to one of them."""

    def __init__(self, args, merge_options: bool):
        from dlt_manifest.rules.config import load_settings

        paths = list(args.paths) or ([] if args.stdin_filename else ["."])
        self.overlay: dict = {}
        stdin_root = None
        if _reads_stdin(args):
            paths = [p for p in paths if p != "-"]
            stdin_root, self.overlay = _read_stdin(args.stdin_filename)
        elif args.stdin_filename:
            raise UsageError("--stdin-filename names the file `-` (standard input) replaces: add `-`")
        targets = find_targets(paths)
        self.unclaimed = targets.unclaimed
        self.roots = list(targets.workspaces)
        if stdin_root is not None and stdin_root not in self.roots:
            self.roots.append(stdin_root)
        self.args = args
        self._check_profile()
        self.settings = {}
        for root in self.roots:
            settings = load_settings(root)
            if merge_options:
                settings = settings.merged(args.select, args.ignore, args.strict)
            settings = settings.with_limits(args.limit or ())
            self.settings[root] = settings

    def _check_profile(self) -> None:
        profile = self.args.profile
        if profile is None:
            return
        if not profile or "/" in profile or profile.startswith("."):
            raise UsageError(f"--profile takes a profile name like prod, not {profile!r}")
        for root in self.roots:
            if not os.path.isfile(os.path.join(root, ".dlt", ".workspace")) and not self.args.quiet:
                _error(f"warning: --profile {profile}: {_shown(root)} has no .dlt/.workspace file,"
                       " so dlt loads no profile files there")

    def analyze(self, root: str, overlay: Optional[dict] = None):
        from dlt_manifest.analysis import NoDeploymentModule, analyze

        if overlay is None:
            overlay = {p: b for p, b in self.overlay.items() if p.startswith(root + os.sep)}
        memo = daemon.kept(root)  # in the daemon: the workspace's files and runs kept from its last run
        if memo is None and cache.wants_marks():  # a run the cache records: what tells an edit it cannot see
            from dlt_manifest.source.workspace import SourceMemo

            memo = SourceMemo(keep_runs=False)  # one run: nothing to keep for the next
        try:
            result = analyze(
                root, created_at=getattr(self.args, "created_at", None),
                python_version=self.args.python_version, settings=self.settings[root],
                overlay=overlay, profile=self.args.profile, dlt_version=self.args.dlt_version, memo=memo,
            )
        except NoDeploymentModule:
            raise UsageError(f"no __deployment__.py in {root}") from None
        cache.note_result(root, result)
        return result

    def warn_unclaimed(self) -> None:
        if self.unclaimed and not self.roots and not self.args.quiet:
            shown = ", ".join(self.unclaimed[:3]) + (", ..." if len(self.unclaimed) > 3 else "")
            _error(f"warning: no workspace to check: no __deployment__.py above {shown}")


def _reads_stdin(args) -> bool:
    """Whether the run reads a file from standard input (`-`, or only --stdin-filename)."""
    return "-" in args.paths or (bool(args.stdin_filename) and not args.paths)


def _read_stdin(filename: Optional[str]) -> tuple:
    from dlt_manifest.source.files import MAX_FILE_BYTES

    if not filename:
        raise UsageError("`-` reads a file from standard input: give --stdin-filename, the file it replaces")
    root = workspace_of(filename)
    if root is None and os.path.basename(filename) == "__deployment__.py":
        root = os.path.realpath(os.path.dirname(os.path.abspath(filename)))
    if root is None:
        raise UsageError(f"{filename} is in no workspace (no __deployment__.py above it)")
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)  # load_source refuses anything larger
    path = os.path.join(os.path.realpath(os.path.dirname(os.path.abspath(filename))), os.path.basename(filename))
    return root, {path: data}


def _shown(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


# --- check --------------------------------------------------------------------------------------


def _check(args) -> int:
    from dlt_manifest.rules import BY_CODE
    from dlt_manifest.rules.diagnostics import Severity

    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError("--unsafe-fixes applies with --fix or --diff")
    if args.fix and args.diff:
        raise UsageError("--fix applies the fixes, --diff prints them: give one")
    runs = _Runs(args, merge_options=True)
    if runs.overlay and args.fix:
        raise UsageError("--fix rewrites files: standard input cannot be fixed in place (use --diff)")
    runs.warn_unclaimed()
    if args.diff:
        return _diff(args, runs)
    items: list = []
    targets: list = []
    for root in runs.roots:
        result = _fixed(args, runs, root) if args.fix else runs.analyze(root)
        fixes = None
        if args.output_format in ("json", "sarif"):
            from dlt_manifest.fixes import Fixer

            fixes = {id(d): f for d, f in Fixer(result).fixes(result.diagnostics)}
        items += report.reported(result.diagnostics, report.Paths(root), result.text_of, fixes)
        if result.target.description not in targets:
            targets.append(result.target.description)
    settings = list(runs.settings.values())
    rules = {code: rule for code, rule in BY_CODE.items() if not settings or any(s.selected(code) for s in settings)}
    color = args.output in (None, "-") and report.use_color(sys.stdout)
    if args.statistics:
        text = report.statistics(args.output_format, items, rules, quiet=args.quiet)
    else:
        text = report.render(args.output_format, items, rules, color=color, quiet=args.quiet, targets=tuple(targets))
    _write_output(args.output or "-", text.encode("utf-8", "backslashreplace"))
    has_errors = any(r.diagnostic.severity is Severity.ERROR for r in items)
    return 1 if has_errors and not args.exit_zero else 0


def _fixing(args, runs: _Runs, root: str):
    from dlt_manifest.fixes import fix_workspace

    overlay = {p: b for p, b in runs.overlay.items() if p.startswith(root + os.sep)}
    return fix_workspace(lambda changed: runs.analyze(root, changed), root, overlay, unsafe=args.unsafe_fixes)


def _fixed(args, runs: _Runs, root: str):
    """`--fix`: the workspace's files rewritten with every certain fix; the analysis of
    the fixed workspace."""
    fixed = _fixing(args, runs, root)
    for relpath, (_, after) in sorted(fixed.texts.items()):
        write_output(os.path.join(root, relpath), after.encode("utf-8"))
    if fixed.applied and not args.quiet:
        files = len(fixed.texts)
        _error(f"fixed {fixed.applied} finding{'s' if fixed.applied != 1 else ''} in {files} file{'s' if files != 1 else ''}"
               f" of {_shown(root)}")
    return fixed.result


def _diff(args, runs: _Runs) -> int:
    """`--diff`: the fixes as a unified diff; nothing is written."""
    from dlt_manifest.fixes import unified_diff

    out: list = []
    applied = 0
    for root in runs.roots:
        fixed = _fixing(args, runs, root)
        paths = report.Paths(root)
        applied += fixed.applied
        out += [unified_diff(paths.shown(relpath), before, after) for relpath, (before, after) in sorted(fixed.texts.items())]
    write_output(args.output or "-", report.json_safe("".join(out)).encode("utf-8", "backslashreplace"))
    if not args.quiet:
        _error(f"would fix {applied} finding{'s' if applied != 1 else ''}" if applied else "no fixes")
    return 1 if applied and not args.exit_zero else 0


# --- generate ------------------------------------------------------------------------------------


def _generate(args) -> int:
    runs = _Runs(args, merge_options=False)
    if args.update:
        if args.output or args.output_format != "text":
            raise UsageError("--update writes each workspace's manifest file: it takes neither -o nor --output-format")
        if os.path.isabs(args.update):
            raise UsageError("--update takes a path relative to each workspace, e.g. deployment-manifest.json")
        runs.warn_unclaimed()
        return _update(args, runs)
    if not runs.roots:
        raise UsageError(f"no workspace: no __deployment__.py above {', '.join(runs.unclaimed)}")
    if len(runs.roots) > 1:
        shown = ", ".join(_shown(r) for r in runs.roots)
        raise UsageError(f"generate makes one manifest, these paths name {len(runs.roots)} workspaces ({shown});"
                         " name one, or keep a file in each with --update FILE")
    root = runs.roots[0]
    result = runs.analyze(root)
    paths = report.Paths(root)
    if args.output_format == "json":
        return _generate_json(args, root, result, paths)
    _print_diagnostics(result.generation, paths, result.text_of)
    if not result.ok:
        _note(args, f"{report.summary(result.generation)} No manifest ({_target(result)}).")
        return 1
    _write_output(args.output or "-", _safe_manifest(result.manifest, result.target))
    where = f", written to {args.output}" if args.output not in (None, "-") else ""
    _note(args, f"{_found(result.generation)}Manifest of {_shown(root)} for {_target(result)}:"
                f" {_jobs(result.manifest)}{where}.")
    return 0


def _write_output(target: str, data: bytes) -> None:
    write_output(target, data)
    cache.note_file(target, data)


def _target(result) -> str:
    """Which release (and manifest engine) and Python the result is for."""
    target = result.target
    return f"{target.description}, manifest engine {target.release.engine_version}"


def _safe_manifest(manifest: dict, target) -> bytes:
    """dlt's bytes of the manifest (as `target`'s release writes them), with the few
    characters JSON leaves raw but a terminal acts on (C1 controls, bidirectional
    overrides) escaped: the same JSON values."""
    from dlt_manifest.manifest.emit import manifest_bytes

    data = manifest_bytes(manifest, utc_z=not target.release.engine2)
    if not data.isascii():
        data = report.json_safe(data.decode("utf-8")).encode("utf-8")
    return data


def _print_diagnostics(diagnostics: list, paths, text_of) -> None:
    for item in sorted(report.reported(diagnostics, paths, text_of), key=report.Reported.sort_key):
        print("\n".join(report.concise(item)), file=sys.stderr)


def _note(args, text: str) -> None:
    if not args.quiet:
        print(report.escape(text), file=sys.stderr)


def _found(diagnostics: list) -> str:
    return f"{report.summary(diagnostics)} " if diagnostics else ""


def _jobs(manifest: dict) -> str:
    count = len(manifest["jobs"])
    return f"{count} job{'s' if count != 1 else ''}"


def _generate_json(args, root: str, result, paths) -> int:
    """One document for platforms: the manifest (or null) and every diagnostic."""
    import json

    import orjson
    from dlt_manifest.manifest.emit import manifest_bytes
    from dlt_manifest.rules import BY_CODE

    items = report.reported(result.generation, paths, result.text_of)
    document = {
        "workspace": report.clean(_shown(root)),
        "ok": result.ok,
        "manifest": orjson.loads(manifest_bytes(result.manifest, utc_z=not result.target.release.engine2)) if result.ok else None,
        "diagnostics": report.json_diagnostics(items, BY_CODE),
        "summary": report.summary(result.generation),
        "target": {
            "dlt_version": result.target.dlt_version,
            "profile": result.target.release.name,
            "python_version": ".".join(map(str, result.target.python)),
            "engine_version": result.target.release.engine_version,
        },
    }
    text = report.json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
    _write_output(args.output or "-", text.encode("utf-8"))
    return 0 if result.ok else 1


def _update(args, runs: _Runs) -> int:
    """`--update FILE`: each workspace's FILE holds its current manifest; the file is
    rewritten only when the manifest changed (`created_at` aside)."""
    from dlt_manifest.rules.diagnostics import Severity

    everything: list = []
    changed = unchanged = 0
    for root in runs.roots:
        result = runs.analyze(root)
        _print_diagnostics(result.generation, report.Paths(root), result.text_of)
        everything += result.generation
        if not result.ok:
            continue
        target = os.path.join(root, args.update)
        if _same_manifest(target, result):
            unchanged += 1
            continue
        write_output(target, _safe_manifest(result.manifest, result.target))
        changed += 1
        _note(args, f"Updated {_shown(target)}")
    errors = any(d.severity is Severity.ERROR for d in everything)
    files = f"{changed} manifest file{'s' if changed != 1 else ''} updated, {unchanged} unchanged."
    _note(args, f"{_found(everything)}{files}")
    return 1 if errors or changed else 0


def _same_manifest(path: str, result) -> bool:
    """Whether the file at `path` holds this manifest byte for byte, `created_at` aside."""
    import json

    from dlt_manifest.source.reading import Refused, read_regular

    try:
        existing = read_regular(path, 64 * 1024 * 1024)  # a regular file only: never blocks
        created_at = json.loads(existing).get("created_at")
    except (Refused, ValueError, AttributeError):
        return False
    return _safe_manifest(dict(result.manifest, created_at=created_at), result.target) == existing


# --- rules -----------------------------------------------------------------------------------------


def _rules(args) -> int:
    from dlt_manifest.rules import ALL_RULES

    if args.output_format == "markdown":
        from dlt_manifest.ruledocs import markdown

        sys.stdout.write(markdown(ALL_RULES))
        return 0
    if args.output_format == "json":
        import json

        rows = [
            {"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary,
             "mirrors_dlt": r.runtime, "fixable": bool(r.fixable)}
            for r in ALL_RULES
        ]  # fmt: skip
        print(json.dumps(rows, indent=2))
        return 0
    for rule in ALL_RULES:
        origin = ("" if rule.runtime else "  (beyond dlt)") + ("  [fixable]" if rule.fixable else "")
        print(f"{rule.code}  {rule.severity.value:<7}  {rule.name:<36} {rule.summary}{origin}")
    return 0


def _rule(args) -> int:
    from dlt_manifest.rules import BY_CODE
    from dlt_manifest.ruledocs import rule_text

    rule = BY_CODE.get(args.code.upper())
    if rule is None:
        raise UsageError(f"no rule {args.code!r} (see `dlt-manifest rules`)")
    sys.stdout.write(rule_text(rule))
    return 0


def _daemon(args) -> int:
    if args.action != "run":
        return daemon.control(args.action)
    try:
        return daemon.serve(main, cache.own_code(), args.timeout, args.workspaces)
    except daemon.DaemonError as ex:
        raise UsageError(str(ex)) from None


def _server(args) -> int:
    from dlt_manifest.server import serve

    serve(args.log_file)
    return 0


COMMANDS = {
    "generate": _generate, "check": _check, "rules": _rules, "rule": _rule, "server": _server, "daemon": _daemon,
}

if __name__ == "__main__":
    sys.exit(main())
