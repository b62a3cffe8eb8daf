"""The `dlt-manifest` command.

    dlt-manifest generate [WORKSPACE] [-o FILE]   the manifest on stdout (or FILE)

Exit codes: 0 success (warnings allowed), 1 errors in the workspace, 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional

from analyzer import NoDeploymentModule, analyze
from analyzer.emit import manifest_bytes, write_atomically


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
    generate.add_argument("workspace", nargs="?", default=".", help="workspace folder (default: .)")
    generate.add_argument("-o", "--output", help="write the manifest to this file (atomically)")
    generate.add_argument(
        "--python-version",
        type=_version,
        help="the Python version the workspace runs on (default: this interpreter's); from"
        " 3.13 on, docstrings are dedented, which changes job descriptions",
    )
    return parser


def _version(text: str) -> tuple:
    parts = text.split(".")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or parts[0] != "3":
        raise argparse.ArgumentTypeError(f"not a Python 3 version like 3.11: {text!r}")
    return (3, int(parts[1]))


def main(argv: Optional[list] = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return _run(args)
    except UsageError as ex:
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


def _run(args) -> int:
    if not os.path.isdir(args.workspace):
        raise UsageError(f"not a folder: {args.workspace}")
    try:
        result = analyze(args.workspace, python_version=args.python_version)
    except NoDeploymentModule:
        raise UsageError(f"no __deployment__.py in {args.workspace}")
    for diagnostic in result.diagnostics:
        print(f"{diagnostic.format()}", file=sys.stderr)
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


if __name__ == "__main__":
    sys.exit(main())
