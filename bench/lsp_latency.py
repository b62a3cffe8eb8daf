"""Time from a `textDocument/didChange` to the diagnostics the language server publishes
for that version, on a synthetic workspace (../shared/bench/synth-workspace.py).

    python bench/lsp_latency.py [--modules 100] [--edits 30] [--workspace DIR] [--unread | --body | --leaf]

Starts `dlt-manifest server` (the one next to this Python), opens `__deployment__.py` and
one job module, then edits that module `--edits` times, alternating between the file as
written and the file with a repeated trigger (so the diagnostics change each time), one
edit at a time: each edit waits for its diagnostics. Then a burst: ten edits 5 ms apart,
timed from the last one (typing: the server must not queue ten analyses). Prints the
median, min and max in milliseconds. With `--unread`, the module edited is one nothing
imports (`scratch_module.py`, written next to `__deployment__.py`): the server sees that
no analysis read it and publishes the findings it has. With `--body`, the second version
changes the last line of a function's body instead (as typing in a job's body does):
the server proves the analysis did not look there and keeps its findings. With `--leaf`,
the module edited is a job module no other module imports (only `__deployment__.py`): the
modules the edit cannot reach are put back from the last analysis (`python.reuse`). By
default it is the module in the middle of the sorted list, which in the generated
workspace of 100 modules 44 others import (all run again after an edit of it).
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
SYNTH = HERE.parent.parent / "shared" / "bench" / "synth-workspace.py"


def make_workspace(modules: int, folder: str = None) -> Path:
    out = Path(folder or tempfile.mkdtemp()) / f"synth{modules}"
    if not out.exists():
        subprocess.run([sys.executable, str(SYNTH), str(out), "--modules", str(modules)], check=True, stdout=subprocess.DEVNULL)
    return out


def _leaf(workspace: Path, modules: list) -> Path:
    """The first job module (in `modules`' order) that no module other than
    `__deployment__.py` imports."""
    texts = {p: p.read_text() for p in workspace.rglob("*.py") if p.name != "__deployment__.py"}
    for module in modules:
        name = ".".join(module.relative_to(workspace).with_suffix("").parts)
        if not any(re.search(rf"^\s*(from|import)\s+{re.escape(name)}\b", text, re.M) for text in texts.values()):
            return module
    raise SystemExit("no job module that only __deployment__.py imports")


async def measure(workspace: Path, edits: int, unread: bool = False, body: bool = False, leaf: bool = False) -> dict:
    client = LanguageClient("bench", "1")
    published: dict = {}
    arrived = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        published[(params.uri, params.version)] = time.perf_counter()
        arrived.set()

    server = Path(sys.executable).with_name("dlt-manifest")
    await client.start_io(str(server), "server")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=workspace.as_uri()))
    client.initialized(types.InitializedParams())
    modules = sorted(p for p in workspace.rglob("*.py") if p.name not in ("__deployment__.py", "__init__.py", "settings.py"))
    module = _leaf(workspace, modules) if leaf else modules[len(list(workspace.rglob("*.py"))) // 2]
    if unread:
        scratch = workspace / "scratch_module.py"
        scratch.write_text(module.read_text())
        module = scratch
    text = module.read_text()
    uri = module.as_uri()
    # a second version whose diagnostics differ: a repeated tag appended to the module
    broken = text + '\n\n@run.job(expose={"tags": ["x", "x"]})\ndef bench_probe(): ...\n'
    if body:  # the end of the first multi-line function body changed
        last = next(d.body[-1].end_lineno for d in ast.parse(text).body
                    if isinstance(d, ast.FunctionDef) and d.body[-1].end_lineno > d.body[0].lineno)
        lines = text.split("\n")
        lines[last - 1] += "; _edited = 1"
        broken = "\n".join(lines)

    async def wait(version: int, timeout: float = 120) -> float:
        deadline = time.perf_counter() + timeout
        while (uri, version) not in published:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), max(deadline - time.perf_counter(), 0.001))
        return published[(uri, version)]

    for name, source in (("__deployment__.py", None), (str(module.relative_to(workspace)), text)):
        path = workspace / name
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=path.as_uri(), language_id="python", version=1, text=source if source is not None else path.read_text())))
    start = time.perf_counter()
    await wait(1)
    first = time.perf_counter() - start

    def change(version: int, new: str) -> float:
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version), [types.TextDocumentContentChangeWholeDocument(text=new)]))
        return sent

    single = []
    version = 1
    for i in range(edits):
        version += 1
        sent = change(version, broken if i % 2 == 0 else text)
        single.append((await wait(version)) - sent)
    for i in range(10):  # a burst: typing
        version += 1
        sent = change(version, broken if i % 2 == 0 else text)
        await asyncio.sleep(0.005)
    burst = (await wait(version)) - sent
    skipped = sum(1 for v in range(version - 9, version) if (uri, v) not in published)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {"first": first, "single": single, "burst": burst, "burst_versions_not_published": skipped,
            "module": module.relative_to(workspace)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--workspace", help="a folder to keep the generated workspace in")
    parser.add_argument("--unread", action="store_true", help="edit a module nothing imports")
    parser.add_argument("--body", action="store_true", help="edit inside a function's body")
    parser.add_argument("--leaf", action="store_true", help="edit a job module only __deployment__.py imports")
    args = parser.parse_args()
    workspace = make_workspace(args.modules, args.workspace)
    try:
        result = asyncio.run(measure(workspace, args.edits, args.unread, args.body, args.leaf))
    finally:
        (workspace / "scratch_module.py").unlink(missing_ok=True)
    ms = [t * 1000 for t in result["single"]]
    print(f"workspace: {workspace} ({args.modules} modules), edited: {result['module']}")
    print(f"first analysis after didOpen: {result['first'] * 1000:.0f} ms")
    print(f"didChange -> publishDiagnostics, {len(ms)} edits: median {statistics.median(ms):.0f} ms,"
          f" min {min(ms):.0f} ms, max {max(ms):.0f} ms")
    print(f"burst of 10 edits 5 ms apart: last edit -> its diagnostics {result['burst'] * 1000:.0f} ms;"
          f" {result['burst_versions_not_published']} of the 9 earlier versions never analyzed/published")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    main()
