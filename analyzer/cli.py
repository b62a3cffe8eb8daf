"""The `dlt-manifest` command.

    dlt-manifest generate [WORKSPACE] [-o FILE]   the manifest on stdout (or FILE)
    dlt-manifest check [WORKSPACE] [--output-format FMT] [--select ...] [--ignore ...]
    dlt-manifest rules                            every rule: code, severity, summary
    dlt-manifest rule DM101                       one rule's documentation

Exit codes: 0 success (warnings allowed), 1 errors, 2 usage or internal errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional

from dlt_manifest import report
from dlt_manifest.analysis import NoDeploymentModule, analyze
from dlt_manifest.manifest.emit import manifest_bytes, write_atomically
from dlt_manifest.rules.diagnostics import Severity


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit code 2, no traceback
        self.print_usage(sys.stderr)
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dlt-manifest",
        description="dlt deployment manifests and lint, without running the workspace's code.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    generate = commands.add_parser("generate", help="print the deployment manifest")
    _workspace_options(generate)
    generate.add_argument("-o", "--output", help="write the manifest to this file (atomically)")

    check = commands.add_parser("check", help="report every rule's findings")
    _workspace_options(check)
    check.add_argument("--output-format", choices=report.FORMATS, default="text")
    check.add_argument("--select", action="append", help="rule codes or prefixes to run (e.g. DM1,DM220)")
    check.add_argument("--ignore", action="append", help="rule codes or prefixes to skip")
    check.add_argument("--strict", action="store_true", help="count warnings as errors")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--output-format", choices=("text", "json"), default="text")
    rule = commands.add_parser("rule", help="show a rule's documentation")
    rule.add_argument("code")
    return parser


def _workspace_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", nargs="?", default=".", help="workspace folder (default: .)")
    parser.add_argument(
        "--python-version",
        type=_version,
        help="the Python version the workspace runs on (default: this interpreter's); from"
        " 3.13 on, docstrings are dedented, which changes job descriptions",
    )


def _version(text: str) -> tuple:
    parts = text.split(".")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or parts[0] != "3":
        raise argparse.ArgumentTypeError(f"not a Python 3 version like 3.11: {text!r}")
    return (3, int(parts[1]))


def main(argv: Optional[list] = None) -> int:
    from dlt_manifest.rules.config import ConfigError

    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except (UsageError, ConfigError) as ex:
        print(f"dlt-manifest: error: {ex}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
    except Exception as ex:  # an analyzer bug: say so, never a traceback
        print(f"dlt-manifest: internal error: {type(ex).__name__}: {ex}", file=sys.stderr)
        if os.environ.get("DLT_MANIFEST_DEBUG"):
            raise
        return 2


def _analyze(args, settings):
    if not os.path.isdir(args.workspace):
        raise UsageError(f"not a folder: {args.workspace}")
    try:
        return analyze(args.workspace, python_version=args.python_version, settings=settings)
    except NoDeploymentModule:
        raise UsageError(f"no __deployment__.py in {args.workspace}")


def _generate(args) -> int:
    from dlt_manifest.rules.config import load_settings

    result = _analyze(args, load_settings(args.workspace))
    paths = report.Paths(args.workspace)
    for diagnostic in result.generation:
        print(report.render("concise", [diagnostic], paths, result.text_of, {}).splitlines()[0], file=sys.stderr)
    if not result.ok:
        return 1
    data = manifest_bytes(result.manifest)
    if args.output:
        try:
            write_atomically(args.output, data)
        except OSError as ex:
            print(f"dlt-manifest: error: cannot write {args.output}: {ex.strerror or ex}", file=sys.stderr)
            return 2
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _check(args) -> int:
    from dlt_manifest.rules import BY_CODE
    from dlt_manifest.rules.config import load_settings

    settings = load_settings(args.workspace).merged(args.select, args.ignore, args.strict)
    result = _analyze(args, settings)
    diagnostics = result.diagnostics
    selected_rules = {code: rule for code, rule in BY_CODE.items() if settings.selected(code)}
    text = report.render(
        args.output_format,
        diagnostics,
        report.Paths(args.workspace),
        result.text_of,
        selected_rules,
        color=report.use_color(sys.stdout),
    )
    sys.stdout.write(text)
    sys.stdout.flush()
    has_errors = any(d.severity is Severity.ERROR for d in diagnostics)
    return 1 if has_errors and not args.exit_zero else 0


def _rules(args) -> int:
    from dlt_manifest.rules import ALL_RULES

    if args.output_format == "json":
        import json

        rows = [
            {"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary,
             "mirrors_dlt": r.runtime}
            for r in ALL_RULES
        ]  # fmt: skip
        print(json.dumps(rows, indent=2))
        return 0
    for rule in ALL_RULES:
        origin = "" if rule.runtime else "  (beyond dlt)"
        print(f"{rule.code}  {rule.severity.value:<7}  {rule.name:<36} {rule.summary}{origin}")
    return 0


def _rule(args) -> int:
    from dlt_manifest.rules import BY_CODE

    rule = BY_CODE.get(args.code.upper())
    if rule is None:
        raise UsageError(f"no rule {args.code!r} (see `dlt-manifest rules`)")
    print(f"{rule.code} {rule.name} ({rule.severity.value}{', mirrors dlt 1.27.2' if rule.runtime else ', beyond dlt'})")
    print()
    print(rule.summary)
    print()
    print(rule.documentation())
    for title, files in (("Fails", rule.fails), ("Passes", rule.passes)):
        if not files:
            continue
        print()
        print(f"{title}:")
        for name, text in files.items():
            print(f"  # {name}")
            for line in text.rstrip("\n").splitlines():
                print(f"  {line}")
    return 0


COMMANDS = {"generate": _generate, "check": _check, "rules": _rules, "rule": _rule}

if __name__ == "__main__":
    sys.exit(main())
