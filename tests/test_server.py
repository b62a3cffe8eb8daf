"""`dlt-manifest server` end to end: a real LSP client (pytest-lsp) talks to the server
over stdio."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import pytest_lsp
from corpus_util import command
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from workspace_util import write_workspace

DEPLOYMENT = 'from jobs import load, report\n\n__all__ = ["load", "report"]\n'
# a line with text outside the BMP before the finding: UTF-16 columns differ from code points
LINE = '@run.job(expose={"display_name": "Übersicht 😀"}, trigger=["deployment", "deployment"])'
JOBS = (
    "from dlt.hub import run\n"
    "from dlt.hub.run import trigger\n"
    "\n"
    f"{LINE}\n"
    "def load(): ...\n"
    "\n"
    "\n"
    '@run.job(trigger=[load.success, "0 8 * * *"])\n'
    "def report(): ...\n"
)
PYPROJECT = '[project]\nname = "w"\nrequires-python = ">=3.11"\ndependencies = ["dlt==1.27.2"]\n'


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[*command(), "server"]))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    write_workspace(tmp_path, {"__deployment__.py": DEPLOYMENT, "jobs.py": JOBS, "pyproject.toml": PYPROJECT,
                               ".python-version": "3.11\n"})  # fmt: skip
    lsp_client.root = tmp_path
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"), root_uri=tmp_path.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


def uri(client, name: str) -> str:
    return (client.root / name).as_uri()


def open_file(client, name: str, text: str = None) -> None:
    text = (client.root / name).read_text() if text is None else text
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri(client, name), language_id="python", version=1, text=text))
    )


def change(client, name: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri(client, name), version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def diagnostics(client, name: str, until, timeout: float = 60) -> list:
    """The diagnostics of `name` once `until(codes)` holds for their codes."""

    async def wait():
        while True:
            found = client.diagnostics.get(uri(client, name))
            if found is not None and until([d.code for d in found]):
                return list(found)
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(wait(), timeout)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.asyncio
async def test_diagnostics_in_utf16_then_cleared_by_an_edit(client: LanguageClient) -> None:
    open_file(client, "jobs.py")
    found = await diagnostics(client, "jobs.py", lambda codes: "DM121" in codes)
    (duplicate,) = [d for d in found if d.code == "DM121"]
    start = LINE.rindex('"deployment"')
    assert duplicate.range == types.Range(
        types.Position(3, utf16(LINE[:start])), types.Position(3, utf16(LINE[:start]) + len('"deployment"'))
    )
    assert utf16(LINE[:start]) == start + 1  # the emoji is two UTF-16 code units
    assert duplicate.severity == types.DiagnosticSeverity.Warning
    assert duplicate.source == "dlt-manifest"
    assert duplicate.code_description.href.endswith("docs/rules.md#dm121")

    change(client, "jobs.py", JOBS.replace(', "deployment"]', "]"), 2)
    await diagnostics(client, "jobs.py", lambda codes: "DM121" not in codes)


@pytest.mark.asyncio
async def test_an_edit_in_one_module_reports_in_another(client: LanguageClient) -> None:
    open_file(client, "__deployment__.py")
    open_file(client, "jobs.py")
    await diagnostics(client, "jobs.py", lambda codes: "DM121" in codes)
    assert "DM401" not in [d.code for d in client.diagnostics.get(uri(client, "__deployment__.py"), [])]
    change(client, "jobs.py", JOBS.replace("def load()", "def load_all()").replace("load.success", "load_all.success"), 2)
    found = await diagnostics(client, "__deployment__.py", lambda codes: "DM401" in codes)
    assert any("load" in d.message for d in found)
    # undone: the other module is cleared again
    change(client, "jobs.py", JOBS, 3)
    await diagnostics(client, "__deployment__.py", lambda codes: "DM401" not in codes)


class _Published(dict):
    """The client's diagnostics by uri, each publication also logged in order."""

    def __init__(self, *args):
        super().__init__(*args)
        self.log: list = []

    def __setitem__(self, uri: str, diagnostics) -> None:
        self.log.append((uri, [d.code for d in diagnostics]))
        super().__setitem__(uri, diagnostics)


@pytest.mark.asyncio
async def test_an_edit_of_a_buffer_no_analysis_read_is_not_analyzed_again(client: LanguageClient) -> None:
    # scratch.py is in the workspace but not imported: its text cannot change the findings
    (client.root / "scratch.py").write_text("x = 1\n")
    client.diagnostics = published = _Published(client.diagnostics)
    open_file(client, "__deployment__.py")
    open_file(client, "scratch.py")
    await diagnostics(client, "scratch.py", lambda codes: True)  # analyzed with both open
    await diagnostics(client, "jobs.py", lambda codes: "DM121" in codes)
    # jobs.py fixed on disk behind the server's back: only an analysis would see it
    (client.root / "jobs.py").write_text(JOBS.replace(', "deployment"]', "]"))
    jobs = uri(client, "jobs.py")
    before = len(published.log)
    change(client, "scratch.py", "x = 2\n", 2)
    scratch = uri(client, "scratch.py")
    while not any(u == scratch for u, _ in published.log[before:]):  # published for the edit
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    # a buffer that was read changes: analyzed again, and the file on disk is seen
    change(client, "__deployment__.py", DEPLOYMENT + "# edited\n", 2)
    await diagnostics(client, "jobs.py", lambda codes: "DM121" not in codes)
    after_scratch = [codes for u, codes in published.log[before:] if u == jobs]
    # the edit of scratch.py published the findings it had; only the second edit cleared them
    assert after_scratch[0] == ["DM121"] and after_scratch[-1] == []


@pytest.mark.asyncio
async def test_an_edit_inside_a_function_body_keeps_the_findings(client: LanguageClient) -> None:
    client.diagnostics = published = _Published(client.diagnostics)
    open_file(client, "jobs.py")
    await diagnostics(client, "jobs.py", lambda codes: "DM121" in codes)
    # the deployment module (not open) made wrong on disk behind the server's back
    (client.root / "__deployment__.py").write_text(DEPLOYMENT.replace('"report"]', '"report", "missing"]'))
    jobs, deployment = uri(client, "jobs.py"), uri(client, "__deployment__.py")
    before = len(published.log)
    change(client, "jobs.py", JOBS.replace("def load(): ...", "def load(): return 1"), 2)  # a body: not read
    while not any(u == jobs for u, _ in published.log[before:]):
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    assert "DM121" in [codes for u, codes in published.log[before:] if u == jobs][0]
    assert not any(u == deployment for u, _ in published.log[before:])  # not analyzed again
    # the decorator changes: analyzed again, and the file on disk is seen
    change(client, "jobs.py", JOBS.replace(', "deployment"]', "]").replace("def load(): ...", "def load(): return 1"), 3)
    await diagnostics(client, "__deployment__.py", lambda codes: len(codes) > 0)
    await diagnostics(client, "jobs.py", lambda codes: "DM121" not in codes)


def apply(text: str, edits: list) -> str:
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        line = lines[position.line]
        units = 0
        for i, char in enumerate(line):
            if units >= position.character:
                return sum(len(x) for x in lines[: position.line]) + i
            units += utf16(char)
        return sum(len(x) for x in lines[: position.line]) + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


@pytest.mark.asyncio
async def test_code_actions_fix_and_noqa(client: LanguageClient) -> None:
    open_file(client, "jobs.py")
    found = await diagnostics(client, "jobs.py", lambda codes: "DM121" in codes)
    (duplicate,) = [d for d in found if d.code == "DM121"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri(client, "jobs.py")), duplicate.range,
            types.CodeActionContext(diagnostics=[duplicate]),
        )
    )  # fmt: skip
    by_title = {a.title: a for a in actions}
    fix = by_title["Remove the repeated trigger (DM121)"]
    fixed = apply(JOBS, fix.edit.changes[uri(client, "jobs.py")])
    assert fixed == JOBS.replace(', "deployment"]', "]")
    noqa = by_title["Silence DM121 on this line (# noqa)"]
    assert apply(JOBS, noqa.edit.changes[uri(client, "jobs.py")]) == JOBS.replace(LINE, LINE + "  # noqa: DM121")
    # applied in the editor: the finding is gone
    change(client, "jobs.py", fixed, 2)
    await diagnostics(client, "jobs.py", lambda codes: "DM121" not in codes)


@pytest.mark.asyncio
async def test_hover_definition_and_symbols(client: LanguageClient) -> None:
    open_file(client, "jobs.py")
    await diagnostics(client, "jobs.py", lambda codes: True)
    jobs = uri(client, "jobs.py")
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(jobs), types.Position(4, 5)))
    text = hover.contents.value
    assert text.startswith("**jobs.jobs.load**")
    entry = json.loads(text.split("```json\n", 1)[1].rsplit("```", 1)[0])
    assert entry["job_ref"] == "jobs.jobs.load"
    assert entry["triggers"] == ["deployment:", "deployment:"]
    assert entry["entry_point"]["function"] == "load"

    cron = JOBS.splitlines()[7].index('"0 8')
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(jobs), types.Position(7, cron + 2)))
    assert "`schedule:0 8 * * *`" in hover.contents.value
    assert hover.contents.value.count(" 08:00 UTC") == 5

    ref = JOBS.splitlines()[7].index("load.success")
    found = await client.text_document_definition_async(types.DefinitionParams(types.TextDocumentIdentifier(jobs), types.Position(7, ref + 1)))
    assert [(d.uri, d.range.start.line) for d in found] == [(jobs, 3)]

    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(types.TextDocumentIdentifier(jobs)))
    assert [s.name for s in symbols] == ["jobs.jobs.load", "jobs.jobs.report"]
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="report"))
    assert [s.name for s in found] == ["jobs.jobs.report"]


@pytest.mark.asyncio
async def test_two_workspaces_and_their_settings(client: LanguageClient) -> None:
    other = client.root / "other"
    write_workspace(other, {
        "__deployment__.py": "from dlt.hub import run\n\n@run.job(expose={'tags': ['a', 'a']})\ndef j(): ...\n__all__ = ['j']\n",
        "pyproject.toml": PYPROJECT + "\n[tool.dlt-manifest]\nignore = ['DM430']\n[tool.dlt-manifest.severity]\nDM323 = 'error'\n",
    })  # fmt: skip
    open_file(client, "jobs.py")
    open_file(client, "other/__deployment__.py")
    found = await diagnostics(client, "other/__deployment__.py", lambda codes: "DM323" in codes)
    assert [d.severity for d in found if d.code == "DM323"] == [types.DiagnosticSeverity.Error]
    await diagnostics(client, "jobs.py", lambda codes: "DM121" in codes)
