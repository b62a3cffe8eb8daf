"""`dlt-manifest server`: a language server (LSP over stdio, pygls) — a thin layer over the
analysis (`analysis.analyze`, the rules, `fixes`).

- Each open file belongs to the workspace of the nearest `__deployment__.py` above it;
  several workspaces can be open at once, each with its `[tool.dlt-manifest]` settings.
- The open buffers (saved or not) replace their files in the analysis (the overlay
  `check --stdin-filename` uses); a workspace is re-analyzed on open, change and save,
  and diagnostics are published for every file of it that has some (and cleared where
  they went away): a change in one module re-publishes the others.
- Typing never queues work: one analysis at a time runs off the event loop, on the
  latest buffers; edits that arrive meanwhile are coalesced into one next run, and a
  result already outdated when it arrives is not published. An analysis whose inputs
  (buffers, settings, files on disk) are those of the last one is not redone; the files
  it parsed are kept for the next one (`SourceMemo`): an edit re-parses the edited file.
- Positions are converted to the client's code units (UTF-16 unless it negotiated
  otherwise) on the analyzed text.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import hashlib
import logging
import os
from typing import Optional
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path

from dlt_manifest import __version__, fixes, report
from dlt_manifest.analysis import analyze, unchanged_by
from dlt_manifest.rules.diagnostics import Severity
from dlt_manifest.source.workspace import Overlay, SourceMemo
from dlt_manifest.targets import workspace_of

log = logging.getLogger("dlt-manifest.server")
SOURCE = "dlt-manifest"
FIRE_TIMES = 5  # next fire times shown when hovering a schedule


class WorkspaceState:
    """One workspace: its last analysis and what was published from it."""

    def __init__(self, root: str):
        self.root = root
        self.result = None
        self.key = None  # the inputs of `result` (see `Server._inputs`)
        self.published: set = set()  # uris with diagnostics published
        self.dirty = False
        self.task: Optional[asyncio.Task] = None
        self.settled = asyncio.Event()
        self.settled.set()
        self.fixer = None
        self.error: Optional[str] = None
        self.memo = SourceMemo()  # parsed files kept for the next analysis
        self.read: frozenset = frozenset()  # the buffers whose text `result` was made from
        # relpath -> (text, bytes) of a module edited only where `result` did not look
        # (inside a function body): `result` stands for it, its spans are on its lines
        self.texts: dict = {}


class Server(LanguageServer):
    def __init__(self):
        super().__init__("dlt-manifest", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.states: dict = {}  # root -> WorkspaceState
        self.roots: dict = {}  # uri -> its workspace root (None: in none)
        # one analysis at a time, off the event loop (the analysis starts its own thread for its stack)
        self.executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="dlt-manifest")
        self.debounce = 0.01  # seconds to let a burst of edits arrive before analyzing
        self.disk_generation = 0  # bumped when files change on disk (didSave, watched files)

    # --- which workspace, and running the analysis -------------------------------------------

    def state_of(self, uri: str) -> Optional[WorkspaceState]:
        if uri not in self.roots:
            self.roots[uri] = self._root_of(uri)
        root = self.roots[uri]
        if root is None:
            return None
        if root not in self.states:
            self.states[root] = WorkspaceState(root)
        return self.states[root]

    @staticmethod
    def _root_of(uri: str) -> Optional[str]:
        """The workspace of a file: the nearest folder above with a `__deployment__.py`."""
        path = _path(uri)
        if path is None:
            return None
        root = workspace_of(path)
        if root is None and os.path.basename(path) == "__deployment__.py":
            root = os.path.dirname(os.path.realpath(path))
        return root

    def changed(self, uri: str) -> None:
        state = self.state_of(uri)
        if state is None:
            return
        state.dirty = True
        state.settled.clear()
        if state.task is None or state.task.done():
            state.task = asyncio.get_running_loop().create_task(self._run(state))

    async def _run(self, state: WorkspaceState) -> None:
        loop = asyncio.get_running_loop()
        try:
            while state.dirty:
                await asyncio.sleep(self.debounce)
                state.dirty = False
                overlay = self._overlay(state.root)
                key = self._inputs(state.root, overlay)
                kept = _unchanged(state, key, overlay) if key != state.key else None
                if kept is not None:  # nothing the analysis read changed for it: its result stands
                    state.key, state.fixer = key, None
                    state.texts.update(kept)
                if key != state.key or state.result is None:
                    overlay = Overlay(overlay)  # records the buffers the analysis reads
                    try:
                        result = await loop.run_in_executor(self.executor, self._analyze, state.root, overlay, state.memo)
                    except Exception as ex:  # a configuration error, or an analyzer bug: say so, keep serving
                        state.error = f"{type(ex).__name__}: {ex}"
                        log.exception("analysis of %s failed", state.root)
                        self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"dlt-manifest: {state.error}"))
                        continue
                    if state.dirty:
                        continue  # outdated already: the next run publishes
                    state.result, state.key, state.fixer, state.error = result, key, None, None
                    state.read, state.texts = frozenset(overlay.read), {}
                self._publish(state)
        finally:
            state.settled.set()

    def _overlay(self, root: str) -> dict:
        overlay = {}
        for uri, document in list(self.workspace.text_documents.items()):
            path = _path(uri)
            if path is not None and os.path.realpath(path).startswith(root + os.sep):
                overlay[os.path.realpath(path)] = document.source.encode("utf-8", "surrogatepass")
        return overlay

    def _inputs(self, root: str, overlay: dict) -> tuple:
        """What an analysis depends on that can change while the server runs."""
        buffers = tuple(sorted((p, hashlib.sha256(b).hexdigest()) for p, b in overlay.items()))
        return buffers, self.disk_generation

    @staticmethod
    def _analyze(root: str, overlay: dict, memo: Optional[SourceMemo] = None):
        from dlt_manifest.rules.config import load_settings

        return analyze(root, settings=load_settings(root), overlay=overlay, memo=memo)

    async def settled(self, uri: str) -> Optional[WorkspaceState]:
        """The workspace of `uri` once its pending analysis is done."""
        state = self.state_of(uri)
        if state is None:
            return None
        if state.result is None and not state.dirty and (state.task is None or state.task.done()):
            self.changed(uri)
        await state.settled.wait()
        return state if state.result is not None else None

    # --- diagnostics ---------------------------------------------------------------------------

    def _publish(self, state: WorkspaceState) -> None:
        result = state.result
        by_uri: dict = {}
        for uri in self.open_in(state).values():  # every open file of the workspace, even without findings
            by_uri[uri] = []
        for diagnostic in result.diagnostics:
            uri = self.uri_of(state, diagnostic.span.path)
            by_uri.setdefault(uri, []).append(self.lsp_diagnostic(state, diagnostic))
        for uri in state.published - set(by_uri):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        for uri, diagnostics in by_uri.items():
            version = self.workspace.text_documents.get(uri).version if uri in self.workspace.text_documents else None
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))
        state.published = {uri for uri, diagnostics in by_uri.items() if diagnostics}

    def open_in(self, state: WorkspaceState) -> dict:
        """relpath -> uri of the open documents of the workspace."""
        return {_relpath(state, uri): uri for uri in list(self.workspace.text_documents) if self.state_of(uri) is state}

    def uri_of(self, state: WorkspaceState, relpath: str) -> str:
        """The uri the client opened the file by, else the file's."""
        return self.open_in(state).get(relpath) or from_fs_path(os.path.join(state.root, relpath))

    def lsp_range(self, state: WorkspaceState, span) -> types.Range:
        """A span (1-based, code points, end exclusive) in the client's code units."""
        kept = state.texts.get(span.path)  # a text the result was kept for (`_unchanged`)
        lines = fixes.lines_of(kept[0] if kept is not None else state.result.text_of(span.path))
        return types.Range(self._position(lines, span.line, span.col), self._position(lines, span.end_line, span.end_col))

    def _position(self, lines: list, line: int, col: int) -> types.Position:
        text = lines[line - 1] if 1 <= line <= len(lines) else ""
        return types.Position(line=max(line - 1, 0), character=self.workspace.position_codec.client_num_units(text[: max(col - 1, 0)]))

    def lsp_diagnostic(self, state: WorkspaceState, diagnostic) -> types.Diagnostic:
        return types.Diagnostic(
            range=self.lsp_range(state, diagnostic.span),
            message=report.clean(diagnostic.message),
            severity=types.DiagnosticSeverity.Error if diagnostic.severity is Severity.ERROR else types.DiagnosticSeverity.Warning,
            code=diagnostic.code,
            code_description=types.CodeDescription(href=f"{report.RULES_DOC_URI}#{diagnostic.code.lower()}"),
            source=SOURCE,
            related_information=[
                types.DiagnosticRelatedInformation(
                    location=types.Location(uri=self.uri_of(state, r.span.path), range=self.lsp_range(state, r.span)),
                    message=report.clean(r.message),
                )
                for r in diagnostic.related
            ] or None,
        )  # fmt: skip

    def lsp_edit(self, state: WorkspaceState, fix) -> types.WorkspaceEdit:
        changes: dict = {}
        for edit in fix.edits:
            changes.setdefault(self.uri_of(state, edit.path), []).append(types.TextEdit(self.lsp_range(state, edit), edit.text))
        return types.WorkspaceEdit(changes=changes)

    # --- what is at a position ------------------------------------------------------------------

    def located(self, state: WorkspaceState, uri: str, position: types.Position) -> tuple:
        """(relpath, 1-based line, 1-based code point column) of an LSP position, when the
        document is the text analyzed (else None)."""
        relpath = _relpath(state, uri)
        if relpath is None:
            return None
        text = state.result.text_of(relpath)
        document = self.workspace.text_documents.get(uri)
        if document is not None and document.source != text:
            return None  # edited since: wait for the next analysis
        lines = fixes.lines_of(text)
        if position.line >= len(lines):
            return None
        line = lines[position.line]
        units = 0
        for col, char in enumerate(line):
            if units >= position.character:
                return relpath, position.line + 1, col + 1
            units += self.workspace.position_codec.client_num_units(char)
        return relpath, position.line + 1, len(line) + 1


def _unchanged(state: WorkspaceState, key: tuple, overlay: dict) -> Optional[dict]:
    """When the inputs `key` (buffers `overlay`) would give the last analysis's result
    again, the modules it read that changed (relpath -> (text, bytes)), else None:
    the same files on disk and the same buffers open; each buffer changed since
    either one the analysis did not read (a script, a module imported only inside a job's
    body) or a module whose text changed only where the analysis did not look (inside
    function bodies: `unchanged_by`). An analysis reads the same files again when nothing
    it read changed, so its result stands."""
    if state.result is None or state.key is None:
        return None
    (old_buffers, old_disk), (new_buffers, new_disk) = state.key, key
    old, new = dict(old_buffers), dict(new_buffers)
    if old_disk != new_disk or old.keys() != new.keys():
        return None
    texts = {}
    for path, digest in new.items():
        if old[path] != digest and path in state.read:
            kept = unchanged_by(state.result, path, overlay[path])
            if kept is None:
                return None
            texts[kept[0]] = (kept[1], overlay[path])
    return texts


def _contains(span, where: tuple) -> bool:
    relpath, line, col = where
    return span.path == relpath and (span.line, span.col) <= (line, col) <= (span.end_line, span.end_col)


def _size(span) -> tuple:
    return (span.end_line - span.line, span.end_col - span.col if span.end_line == span.line else 0)


def _path(uri: str) -> Optional[str]:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return unquote(parsed.path)


def _relpath(state: WorkspaceState, uri: str) -> Optional[str]:
    path = _path(uri)
    if path is None:
        return None
    relative = os.path.relpath(os.path.realpath(path), state.root)
    return None if relative.startswith("..") else relative.replace(os.sep, "/")


# --- the model, for hover, definitions and symbols -------------------------------------------------


def jobs_of(state: WorkspaceState) -> list:
    deployment = state.result.deployment
    return [job for job in deployment.jobs if isinstance(job.job_ref, str)] if deployment is not None else []


def job_places(state: WorkspaceState, job) -> list:
    """Where a job is written: its site (a decorator, a module's entry in `__all__`) and
    where `__all__` names it."""
    places = [job.site().span]
    for entry in state.result.deployment.names or ():
        site = getattr(entry.value, "site", None)
        if entry.outcome in ("job", "module-job") and (entry.site.span == places[0] or (site is not None and site.span == places[0])):
            places.append(entry.site.span)
    return places


def trigger_places(state: WorkspaceState) -> list:
    """(span, job, kind, normalized value) for each known trigger and freshness constraint."""
    from dlt_manifest.rules.jobgraph import freshness_items, known_triggers

    out = []
    for job in jobs_of(state):
        for i, trigger in known_triggers(job):
            out.append((job.site("triggers", i).span, job, "trigger", trigger))
        for i, constraint in freshness_items(job):
            out.append((job.site("freshness", i).span, job, "freshness", constraint))
    return out


def manifest_entry(job, engine2: bool) -> str:
    from dlt_manifest.manifest.emit import manifest_bytes
    from dlt_manifest.python.values import deep_poison

    poison = deep_poison(job.definition)
    if poison is not None:
        reason = getattr(poison, "reason", None) or getattr(poison, "message", "")
        return f"not known statically: {reason}"
    return manifest_bytes(job.definition, utc_z=not engine2).decode("utf-8")


def fire_times(trigger: str, count: int = FIRE_TIMES, now: Optional[datetime.datetime] = None) -> list:
    """The next `count` times (UTC) a `schedule:` trigger fires."""
    from dlt_manifest.dlt.cron import CroniterBadDateError, croniter

    if not trigger.startswith("schedule:"):
        return []
    now = now or datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    try:
        it = croniter(trigger.split(":", 1)[1], now, max_years_between_matches=50)
        return [it.get_next(datetime.datetime).replace(tzinfo=datetime.timezone.utc) for _ in range(count)]
    except (CroniterBadDateError, ValueError, KeyError):
        return []


def upstream_of(value: str) -> Optional[str]:
    """The job ref a follow-up trigger or freshness constraint names (not a selector)."""
    kind, _, rest = value.partition(":")
    if kind in ("job.success", "job.fail") or kind.startswith("job.is_"):
        return rest if rest.startswith("jobs.") and "*" not in rest else None
    return None


# --- the server ------------------------------------------------------------------------------------


def build() -> Server:
    server = Server()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Server, params: types.DidOpenTextDocumentParams) -> None:
        ls.changed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: Server, params: types.DidChangeTextDocumentParams) -> None:
        ls.changed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: Server, params: types.DidSaveTextDocumentParams) -> None:
        ls.disk_generation += 1  # settings or another file may have changed with it
        ls.changed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: Server, params: types.DidCloseTextDocumentParams) -> None:
        ls.changed(params.text_document.uri)  # the file on disk counts again

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: Server, params: types.DidChangeWatchedFilesParams) -> None:
        ls.disk_generation += 1
        ls.roots.clear()  # a __deployment__.py may have come or gone
        for change in params.changes:
            ls.changed(change.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.RefactorRewrite]),
    )
    async def code_action(ls: Server, params: types.CodeActionParams) -> Optional[list]:
        state = await ls.settled(params.text_document.uri)
        if state is None:
            return None
        start = ls.located(state, params.text_document.uri, params.range.start)
        end = ls.located(state, params.text_document.uri, params.range.end)
        if start is None or end is None:
            return None
        if state.fixer is None:
            state.fixer = fixes.Fixer(state.result, state.texts)
        actions = []
        for diagnostic in state.result.diagnostics:
            span = diagnostic.span
            if span.path != start[0] or (span.end_line, span.end_col) < start[1:] or (span.line, span.col) > end[1:]:
                continue
            lsp = [ls.lsp_diagnostic(state, diagnostic)]
            fix = state.fixer.fix(diagnostic)
            if fix is not None:
                actions.append(types.CodeAction(
                    title=f"{fix.title} ({diagnostic.code})", kind=types.CodeActionKind.QuickFix,
                    diagnostics=lsp, edit=ls.lsp_edit(state, fix), is_preferred=True,
                ))  # fmt: skip
            noqa = fixes.noqa_fix(state.fixer, diagnostic)
            if noqa is not None:
                actions.append(types.CodeAction(
                    title=noqa.title, kind=types.CodeActionKind.QuickFix, diagnostics=lsp, edit=ls.lsp_edit(state, noqa),
                ))  # fmt: skip
        for span, fix in state.fixer.canonical_triggers():
            if _contains(span, start) or _contains(span, end):
                actions.append(types.CodeAction(title=fix.title, kind=types.CodeActionKind.RefactorRewrite, edit=ls.lsp_edit(state, fix)))
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: Server, params: types.HoverParams) -> Optional[types.Hover]:
        state = await ls.settled(params.text_document.uri)
        where = ls.located(state, params.text_document.uri, params.position) if state is not None else None
        if where is None:
            return None
        engine2 = state.result.deployment.release.engine2
        triggers = [t for t in trigger_places(state) if _contains(t[0], where)]
        if triggers:
            span = min((t[0] for t in triggers), key=_size)
            lines = []
            for _, job, kind, value in (t for t in triggers if t[0] == span):
                lines.append(f"{kind} of `{job.job_ref}`: `{value}`")
                times = fire_times(value) if kind == "trigger" else []
                if times:
                    lines.append("next: " + ", ".join(t.strftime("%Y-%m-%d %H:%M UTC") for t in times))
            return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n".join(lines)), ls.lsp_range(state, span))
        for job in jobs_of(state):
            for span in job_places(state, job):
                below = job.kind == "decorated" and span.path == where[0] and span.line <= where[1] <= span.end_line + 1
                if _contains(span, where) or below:  # on the decorator, or the `def` line below it
                    entry = manifest_entry(job, engine2)
                    text = entry if entry.startswith("not known") else f"```json\n{entry}```"
                    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, f"**{job.job_ref}**\n\n{text}"), ls.lsp_range(state, span))
        return None

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: Server, params: types.DefinitionParams) -> Optional[list]:
        state = await ls.settled(params.text_document.uri)
        where = ls.located(state, params.text_document.uri, params.position) if state is not None else None
        if where is None:
            return None
        refs = {upstream_of(value) for span, _, _, value in trigger_places(state) if _contains(span, where)} - {None}
        return [
            types.Location(uri=ls.uri_of(state, job.site().span.path), range=ls.lsp_range(state, job.site().span))
            for job in jobs_of(state) if job.job_ref in refs
        ] or None  # fmt: skip

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def document_symbols(ls: Server, params: types.DocumentSymbolParams) -> Optional[list]:
        state = await ls.settled(params.text_document.uri)
        relpath = _relpath(state, params.text_document.uri) if state is not None else None
        if relpath is None:
            return None
        out = []
        for job in jobs_of(state):
            span = job.site().span
            if span.path == relpath:
                rng = ls.lsp_range(state, span)
                out.append(types.DocumentSymbol(name=job.job_ref, kind=types.SymbolKind.Function, range=rng, selection_range=rng,
                                                detail=str(job.definition.get("entry_point", {}).get("job_type", ""))))
        return out

    @server.feature(types.WORKSPACE_SYMBOL)
    async def workspace_symbols(ls: Server, params: types.WorkspaceSymbolParams) -> list:
        out = []
        for state in list(ls.states.values()):
            await state.settled.wait()
            if state.result is None:
                continue
            for job in jobs_of(state):
                if params.query.lower() in job.job_ref.lower():
                    span = job.site().span
                    out.append(types.SymbolInformation(
                        name=job.job_ref, kind=types.SymbolKind.Function,
                        location=types.Location(uri=ls.uri_of(state, span.path), range=ls.lsp_range(state, span)),
                    ))  # fmt: skip
        return out

    return server


def serve(log_file: Optional[str] = None) -> None:
    if log_file:
        logging.basicConfig(filename=log_file, level=logging.INFO)
    build().start_io()

