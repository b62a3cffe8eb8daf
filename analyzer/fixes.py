"""Fixes: LibCST codemods for findings whose correction is certain, as text edits that
change nothing else in the file (format and comments are kept: the file is parsed with
LibCST as written, one node is replaced, and the edit is the one region that differs).

Safe fixes, one per finding of these rules (each rule class says `fixable = "safe"`):

- DM420 `job-not-in-all`: the job's name appended to the `__all__` display;
- DM403 `missing-name`: the name removed from the `__all__` display;
- DM121 `duplicate-trigger`, DM323 `duplicate-tag`: the repeated element removed;
- DM107 `interval-off-tick`: an interval start written as the tick dlt snaps it to.

An unsafe fix, offered only when asked for (`--unsafe-fixes`, or a code action on the
trigger): a trigger string rewritten to the canonical form the manifest stores (the
manifest stays the same; the code reads differently, e.g. a job ref written out).

A fix is offered only where the result is certain: the file is plain UTF-8 and LibCST
finds the exact node the finding points at; the node is written inline in a job's
definition that runs once (a decorator, a module-level call, a module dunder), not in a
shared variable; an element removed has no side effects and carries no comment;
`__all__` is one module-level display of string literals, named nowhere else.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
from typing import Callable, Iterator, Optional

import attrs
import libcst as cst
import libcst.matchers as m
from libcst.metadata import MetadataWrapper, ParentNodeProvider, PositionProvider

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ALL_FILE = "__deployment__.py"
MAX_ROUNDS = 10  # `check --fix` re-analyzes after each round of fixes, at most this often


@attrs.frozen
class Edit:
    """Replace the text from (line, col) to (end_line, end_col) (1-based, code points, end
    exclusive) of the workspace file `path` with `text`."""

    path: str
    line: int
    col: int
    end_line: int
    end_col: int
    text: str


@attrs.frozen
class Fix:
    title: str
    edits: tuple  # tuple[Edit, ...]
    safe: bool = True

    def as_json(self) -> dict:
        return {
            "message": self.title,
            "applicability": "safe" if self.safe else "unsafe",
            "edits": [
                {"path": e.path, "line": e.line, "column": e.col, "end_line": e.end_line, "end_column": e.end_col,
                 "content": e.text}
                for e in self.edits
            ],
        }  # fmt: skip


# --- parsing the file as written ---------------------------------------------------------------


class _Parsed:
    """One workspace file as written: its LibCST tree, node positions and parents."""

    def __init__(self, relpath: str, text: str):
        self.relpath = relpath
        self.text = text
        wrapper = MetadataWrapper(cst.parse_module(text))
        self.module = wrapper.module
        self.positions = wrapper.resolve(PositionProvider)
        self.parents = wrapper.resolve(ParentNodeProvider)
        self._at: dict = {}
        for node, where in self.positions.items():
            key = (where.start.line, where.start.column + 1, where.end.line, where.end.column + 1)
            self._at.setdefault(key, []).append(node)

    def at(self, span) -> list:
        """The nodes exactly at `span` (a `Span` of the analysis)."""
        return self._at.get((span.line, span.col, span.end_line, span.end_col), [])

    def names(self, name: str) -> int:
        return len(m.findall(self.module, m.Name(name)))

    def edit(self, new_module: cst.Module) -> Optional[Edit]:
        """The one region where `new_module`'s code differs from the text."""
        old, new = self.text, new_module.code
        if old == new:
            return None
        start = 0
        limit = min(len(old), len(new))
        while start < limit and old[start] == new[start]:
            start += 1
        end = 0
        while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
            end += 1
        old_end, new_end = len(old) - end, len(new) - end
        content = new[start:new_end]
        if start == old_end or start == new_end:  # a deletion or an insertion: from a line start if it can
            deletion = start != old_end
            segment = old[start:old_end] if deletion else new[start:new_end]
            at = start
            for _ in range(len(segment)):
                if at == 0 or old[at - 1] != segment[-1]:
                    break
                segment, at = old[at - 1] + segment[:-1], at - 1  # the same edit, one place earlier
                if at == 0 or old[at - 1] in "\r\n":
                    start, old_end = at, at + len(segment) if deletion else at
                    content = "" if deletion else segment
                    break
        else:  # a replacement: of whole words
            while start > 0 and _word(old[start - 1]) and _word(new[start - 1]):
                start -= 1
            while old_end < len(old) and _word(old[old_end]):
                old_end, new_end = old_end + 1, new_end + 1
            content = new[start:new_end]
        line, col = _position(old, start)
        end_line, end_col = _position(old, old_end)
        return Edit(self.relpath, line, col, end_line, end_col, content)


def _word(char: str) -> bool:
    return char.isalnum() or char in "_-:.+"


def _position(text: str, offset: int) -> tuple:
    """(line, col), 1-based in code points, of `offset`; lines end as LibCST ends them."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, offset):
        if match.end() > offset:
            break
        line, start = line + 1, match.end()
    return line, offset - start + 1


def lines_of(text: str) -> list:
    """The lines of `text` without their line breaks, as LibCST (and LSP) break them."""
    return _LINE_BREAK.split(text)


def offset_of(text: str, line: int, col: int) -> int:
    """The offset of 1-based (line, col) in `text` (lines as LibCST ends them)."""
    start = 0
    for _ in range(line - 1):
        match = _LINE_BREAK.search(text, start)
        if match is None:
            return len(text)
        start = match.end()
    return min(start + col - 1, len(text))


def apply_edits(text: str, edits) -> str:
    """`text` with `edits` (of one file, not overlapping) applied."""
    placed = sorted(((offset_of(text, e.line, e.col), offset_of(text, e.end_line, e.end_col), e.text) for e in edits), reverse=True)
    for start, end, new in placed:
        text = text[:start] + new + text[end:]
    return text


# --- what makes a fix certain ---------------------------------------------------------------------

# module dunders that define a module job's fields (written once, read by dlt)
_DUNDERS = {"__trigger__", "__tags__", "__expose__", "__interval__", "__freshness__", "__require__", "__execute__"}


def _owned(parsed: _Parsed, node: cst.CSTNode) -> bool:
    """`node` is written inline in one definition that runs once: inside displays and
    arguments of a decorator or a module-level statement, or of a module dunder
    assigned once."""
    child = node
    through_call = False
    while True:
        parent = parsed.parents.get(child)
        if parent is None:
            return False
        if isinstance(parent, cst.Module):
            return True
        if isinstance(parent, (cst.Element, cst.DictElement, cst.List, cst.Tuple, cst.Dict, cst.Arg, cst.Decorator,
                               cst.SimpleStatementLine)):  # fmt: skip
            pass
        elif isinstance(parent, cst.Call):
            if child is parent.func:
                return False
            through_call = True
        elif isinstance(parent, cst.FunctionDef):
            if not isinstance(child, cst.Decorator):
                return False
        elif isinstance(parent, cst.Assign):
            if child is not parent.value:
                return False
            if not through_call:  # a display bound to a name: only a module dunder, bound once
                targets = parent.targets
                if len(targets) != 1 or not isinstance(targets[0].target, cst.Name):
                    return False
                name = targets[0].target.value
                if name not in _DUNDERS or parsed.names(name) != 1:
                    return False
        else:
            return False
        child = parent


def _dlt_names(parsed: _Parsed) -> set:
    """Names the file binds by importing from dlt (whose trigger helpers are pure)."""
    names = set()
    for node in m.findall(parsed.module, m.ImportFrom() | m.Import()):
        if isinstance(node, cst.ImportFrom):
            module = cst.Module([]).code_for_node(node.module) if node.module is not None else ""
            if (module == "dlt" or module.startswith("dlt.")) and not isinstance(node.names, cst.ImportStar):
                names.update((a.asname.name.value if a.asname else cst.Module([]).code_for_node(a.name)) for a in node.names)
        else:
            for alias in node.names:
                dotted = cst.Module([]).code_for_node(alias.name)
                if dotted == "dlt" or dotted.startswith("dlt."):
                    names.add(alias.asname.name.value if alias.asname else dotted.split(".")[0])
    return names


def _pure(parsed: _Parsed, node: cst.CSTNode) -> bool:
    """Evaluating `node` has no side effect: literals, names and attributes, displays of
    those, and calls of functions imported from dlt with such arguments."""
    if isinstance(node, (cst.SimpleString, cst.Integer, cst.Float, cst.Name)):
        return True
    if isinstance(node, cst.ConcatenatedString):
        return _pure(parsed, node.left) and _pure(parsed, node.right)
    if isinstance(node, cst.Attribute):
        return _pure(parsed, node.value) and not isinstance(node.value, cst.Call)
    if isinstance(node, (cst.List, cst.Tuple)):
        return all(isinstance(e, cst.Element) and _pure(parsed, e.value) for e in node.elements)
    if isinstance(node, cst.Call):
        root = node.func
        while isinstance(root, cst.Attribute):
            root = root.value
        return (
            isinstance(root, cst.Name) and root.value in _dlt_names(parsed)
            and all(not a.star and _pure(parsed, a.value) for a in node.args)
        )  # fmt: skip
    return False


def _remove_element(parsed: _Parsed, value: cst.CSTNode) -> Optional[cst.Module]:
    """The module without the display element whose value is `value`, or None when that
    is not certain (not an element, or a comment would go with it)."""
    element = parsed.parents.get(value)
    display = parsed.parents.get(element)
    if not isinstance(element, cst.Element) or not isinstance(display, (cst.List, cst.Tuple)):
        return None
    elements = list(display.elements)
    k = next(i for i, e in enumerate(elements) if e is element)
    removed = [element]  # with its comma; the last element's comma stays, its separator goes
    if k == len(elements) - 1 and k > 0:
        removed = [element.value, elements[k - 1].comma]
    if any(m.findall(node, m.Comment()) for node in removed if isinstance(node, cst.CSTNode)):
        return None
    if k == len(elements) - 1 and k > 0:
        elements[k - 1] = elements[k - 1].with_changes(comma=element.comma)
    del elements[k]
    if isinstance(display, cst.Tuple) and len(elements) == 1 and not isinstance(elements[0].comma, cst.Comma):
        elements[0] = elements[0].with_changes(comma=cst.Comma())
    if isinstance(display, cst.Tuple) and not elements and not display.lpar:
        return None
    return parsed.module.deep_replace(display, display.with_changes(elements=elements))


def _all_display(parsed: _Parsed) -> Optional[cst.CSTNode]:
    """The `__all__` display, when it is one module-level list/tuple of strings, bound
    once and named nowhere else."""
    if parsed.names("__all__") != 1:
        return None
    for statement in parsed.module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if (
                isinstance(small, cst.Assign) and len(small.targets) == 1
                and m.matches(small.targets[0].target, m.Name("__all__"))
                and isinstance(small.value, (cst.List, cst.Tuple))
                and all(isinstance(e, cst.Element) and isinstance(e.value, cst.SimpleString) for e in small.value.elements)
            ):  # fmt: skip
                return small.value
    return None


# --- the fixes ----------------------------------------------------------------------------------------


class Fixer:
    """The fixes of one analysis (a `Result`), each file parsed once as written."""

    def __init__(self, result, kept: Optional[dict] = None):
        self.result = result
        self.deployment = result.deployment
        # relpath -> (text, bytes) of files the result stands for though they changed
        # since (the language server's `_unchanged`: edits inside function bodies)
        self.kept = kept or {}
        self._parsed: dict = {}

    def parsed(self, relpath: str) -> Optional[_Parsed]:
        if relpath not in self._parsed:
            self._parsed[relpath] = self._parse(relpath)
        return self._parsed[relpath]

    def _parse(self, relpath: str) -> Optional[_Parsed]:
        if self.deployment is None or not relpath.endswith(".py"):
            return None
        if relpath in self.kept:
            text, data = self.kept[relpath]
        else:
            text = self.result.text_of(relpath)
            path = os.path.join(self.deployment.interp.workspace.root, relpath)
            overlay = self.deployment.interp.workspace.overlay.get(path)
            data = overlay if overlay is not None else _read(path, self.deployment.interp.workspace.root)
        try:  # only a plain UTF-8 file (no BOM, no other coding) is written back as it was read
            if data is None or data.decode("utf-8") != text or text.startswith("\ufeff"):
                return None
            return _Parsed(relpath, text)
        except (UnicodeDecodeError, cst.ParserSyntaxError, RecursionError, MemoryError):
            return None

    def fix(self, diagnostic) -> Optional[Fix]:
        fixer = _FIXERS.get(diagnostic.code)
        if fixer is None:
            return None
        parsed = self.parsed(diagnostic.span.path)
        if parsed is None:
            return None
        try:
            return fixer(self, parsed, diagnostic)
        except (ValueError, TypeError, KeyError, AttributeError, StopIteration):  # not certain: no fix
            return None

    def fixes(self, diagnostics) -> list:
        """(diagnostic, Fix) for each of `diagnostics` that has a fix."""
        return [(d, f) for d in diagnostics if (f := self.fix(d)) is not None]

    def _fix(self, title: str, parsed: _Parsed, new: Optional[cst.Module], safe: bool = True) -> Optional[Fix]:
        edit = parsed.edit(new) if new is not None else None
        return Fix(title, (edit,), safe) if edit is not None else None

    # DM403, DM420: __all__

    def add_to_all(self, parsed: _Parsed, diagnostic) -> Optional[Fix]:
        from dlt_manifest.dlt.jobs import JobFactory

        name = _bound_name(parsed.at(diagnostic.span))
        target = self.parsed(_ALL_FILE)
        display = _all_display(target) if target is not None else None
        module = self.deployment.module
        listed = {entry.name for entry in self.deployment.names or ()}
        if display is None or name is None or name in listed or not isinstance(module.namespace.get(name), JobFactory):
            return None
        elements = list(display.elements)
        quote = elements[0].value.quote if elements else '"'
        new = cst.Element(cst.SimpleString(f"{quote}{name}{quote}"))
        if elements:
            last = elements[-1]
            if len(elements) > 1:
                separator = elements[-2].comma
            elif isinstance(display, cst.List) and isinstance(display.lbracket.whitespace_after, cst.ParenthesizedWhitespace):
                separator = cst.Comma(whitespace_after=display.lbracket.whitespace_after)
            else:
                separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            new = new.with_changes(comma=last.comma)
            elements[-1] = last.with_changes(comma=separator)
        elements.append(new)
        if isinstance(display, cst.Tuple) and len(elements) == 1:
            elements[0] = elements[0].with_changes(comma=cst.Comma())
        replaced = target.module.deep_replace(display, display.with_changes(elements=elements))
        return self._fix(f"Add {name!r} to __all__", target, replaced)

    def remove_from_all(self, parsed: _Parsed, diagnostic) -> Optional[Fix]:
        display = _all_display(parsed) if parsed.relpath == _ALL_FILE else None
        for node in parsed.at(diagnostic.span):
            element = parsed.parents.get(node)
            if display is not None and isinstance(node, cst.SimpleString) and parsed.parents.get(element) is display:
                return self._fix(f"Remove {node.evaluated_value!r} from __all__", parsed, _remove_element(parsed, node))
        return None

    # DM121, DM323: repeated elements

    def remove_repeat(self, parsed: _Parsed, diagnostic) -> Optional[Fix]:
        field = ("triggers",) if diagnostic.code == "DM121" else ("expose", "tags")
        spans = [
            job.site(*field, i).span
            for job in self.deployment.jobs
            for i in range(len(_list_of(job.definition, field)))
        ]  # fmt: skip
        if spans.count(diagnostic.span) != 1:  # one item of one job at this place
            return None
        what = "trigger" if diagnostic.code == "DM121" else "tag"
        for node in parsed.at(diagnostic.span):
            if isinstance(parsed.parents.get(node), cst.Element) and _pure(parsed, node) and _owned(parsed, node):
                return self._fix(f"Remove the repeated {what}", parsed, _remove_element(parsed, node))
        return None

    # DM107: interval start off the schedule's ticks

    def snap_start(self, parsed: _Parsed, diagnostic) -> Optional[Fix]:
        from dlt_manifest.rules.jobgraph import utc_moment
        from dlt_manifest.rules.triggers import interval_ticks, previous_tick

        for job in self.deployment.jobs:
            if job.site("interval", "start").span != diagnostic.span:
                continue
            for field, value, cron, problem in interval_ticks(job):
                if field != "start" or problem is not None or not isinstance(value, str):
                    continue
                tick = previous_tick(cron, utc_moment(value))
                written = _written_like(value, tick)
                if written is None or utc_moment(written) != tick or previous_tick(cron, tick) != tick:
                    return None
                for node in parsed.at(diagnostic.span):
                    if isinstance(node, cst.SimpleString) and node.evaluated_value == value and _owned(parsed, node):
                        quote = node.quote
                        if len(quote) != 1 or "\\" in node.value:
                            return None
                        new = parsed.module.deep_replace(node, node.with_changes(value=f"{node.prefix}{quote}{written}{quote}"))
                        return self._fix(f"Snap the interval start to {written}", parsed, new)
        return None

    # unsafe: a trigger written as the manifest stores it

    def canonical_triggers(self) -> Iterator[tuple]:
        """(span, Fix) for each trigger string written otherwise than the manifest
        stores it (unsafe fixes: the manifest is the same, the code reads differently)."""
        from dlt_manifest.dlt.triggers import Failure, normalize_trigger
        from dlt_manifest.rules.jobgraph import known_triggers

        engine2 = self.deployment.release.engine2
        for job in self.deployment.jobs:
            sites = [job.site("triggers", i).span for i, _ in enumerate(_list_of(job.definition, ("triggers",)))]
            for i, trigger in known_triggers(job):
                span = sites[i]
                parsed = self.parsed(span.path)
                if parsed is None or sites.count(span) != 1:
                    continue
                for node in parsed.at(span):
                    if not isinstance(node, cst.SimpleString) or len(node.quote) != 1 or node.prefix.lower() not in ("", "u"):
                        continue
                    try:
                        same = normalize_trigger(trigger, engine2) == trigger
                    except Failure:
                        same = False
                    quote = node.quote
                    if (node.evaluated_value == trigger or not same or quote in trigger or "\\" in trigger
                            or not trigger.isprintable() or not _owned(parsed, node)):  # fmt: skip
                        continue
                    new = parsed.module.deep_replace(node, node.with_changes(value=f"{quote}{trigger}{quote}"))
                    fix = self._fix(f"Write the trigger as the manifest stores it: {trigger!r}", parsed, new, safe=False)
                    if fix is not None:
                        yield span, fix


def _read(path: str, root: str) -> Optional[bytes]:
    """The file as it is now, read as every file is (inside the workspace only)."""
    from dlt_manifest.source.reading import Refused, read_regular

    try:
        return read_regular(path, 64 * 1024 * 1024, root)
    except (Refused, OSError):
        return None


def _list_of(definition: dict, field: tuple) -> list:
    value = definition
    for part in field:
        value = value.get(part) if isinstance(value, dict) else None
    return value if isinstance(value, list) else []


def _bound_name(nodes: list) -> Optional[str]:
    """The name a node at a binding site binds: `from x import name`, `name = ...`, a def."""
    for node in nodes:
        if isinstance(node, cst.ImportAlias):
            bound = node.asname.name if node.asname else node.name
            return bound.value if isinstance(bound, cst.Name) else None
        if isinstance(node, cst.Name):
            return node.value
        if isinstance(node, cst.FunctionDef):
            return node.name.value
    return None


_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:([T ])(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:\d{2})?")


def _written_like(value: str, tick: datetime.datetime) -> Optional[str]:
    """`tick` (UTC) written the way `value` is: the same separator and zone designator;
    a date alone where the tick is a UTC midnight and `value` is a date."""
    match = _MOMENT.fullmatch(value)
    if match is None:
        return None
    _, separator, _, zone = match.groups()
    if zone is None or zone == "Z":
        local = tick
    else:
        sign = 1 if zone[0] == "+" else -1
        offset = datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])) * sign
        local = tick.astimezone(datetime.timezone(offset))
    if separator is None and zone is None and local.time() == datetime.time(0):
        return local.strftime("%Y-%m-%d")
    return local.strftime(f"%Y-%m-%d{separator or 'T'}%H:%M:%S") + (zone or "")


def noqa_fix(fixer: Fixer, diagnostic) -> Optional[Fix]:
    """`# noqa: DMxxx` at the end of the finding's line (or its code added to the `# noqa`
    there), unless `# noqa` cannot silence the rule (DM001) or the line ends inside a
    string."""
    import io
    import tokenize

    from dlt_manifest.rules import BY_CODE
    from dlt_manifest.rules.config import noqa_comments

    parsed = fixer.parsed(diagnostic.span.path)
    line = diagnostic.span.line
    if parsed is None or BY_CODE[diagnostic.code].blocks_generation():
        return None
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(parsed.text).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    if any(t.start[0] <= line < t.end[0] for t in tokens if t.type != tokenize.NEWLINE and t.type != tokenize.NL):
        return None  # the line ends inside a token (a string over several lines)
    text = lines_of(parsed.text)[line - 1]
    comment = next((t for t in tokens if t.type == tokenize.COMMENT and t.start[0] == line), None)
    codes = noqa_comments(comment.string).get(1) if comment is not None else None
    if comment is not None and codes:
        match = re.search(r"(?i)#\s*noqa:\s*[A-Za-z]+\d+(?:[\s,]+[A-Za-z]+\d+)*", comment.string)
        end = comment.start[1] + match.end()
        edit = Edit(parsed.relpath, line, end + 1, line, end + 1, f", {diagnostic.code}")
    else:
        end = len(text.rstrip())
        edit = Edit(parsed.relpath, line, end + 1, line, len(text) + 1, f"  # noqa: {diagnostic.code}")
    return Fix(f"Silence {diagnostic.code} on this line (# noqa)", (edit,))


_FIXERS: dict[str, Callable] = {
    "DM107": Fixer.snap_start,
    "DM121": Fixer.remove_repeat,
    "DM323": Fixer.remove_repeat,
    "DM403": Fixer.remove_from_all,
    "DM420": Fixer.add_to_all,
}
FIXABLE = frozenset(_FIXERS)


# --- fixing a workspace: rounds of analysis and edits --------------------------------------------------


@attrs.define
class Fixed:
    """What fixing a workspace did: the last analysis, the texts it changed (relpath ->
    (before, after)) and how many fixes were applied."""

    result: object
    texts: dict
    applied: int


def fix_workspace(analyze: Callable, root: str, overlay: dict, unsafe: bool = False) -> Fixed:
    """Analyzes, applies every fix that does not overlap another, and analyzes again,
    until nothing is left to fix (at most MAX_ROUNDS rounds). `analyze(overlay)` runs
    the analysis with `overlay` (absolute path -> bytes) in place of the files; nothing
    is written here. Only the findings the analysis reports (selected, not silenced by
    `# noqa`) are fixed."""
    root = os.path.realpath(root)
    overlay = dict(overlay)
    texts: dict = {}
    applied = 0
    result = analyze(overlay)
    for _ in range(MAX_ROUNDS):
        fixer = Fixer(result)
        fixes = [f for _, f in fixer.fixes(result.diagnostics)]
        if unsafe:
            fixes += [f for _, f in fixer.canonical_triggers()]
        by_path: dict = {}
        for fix in fixes:
            if len({e.path for e in fix.edits}) == 1:
                by_path.setdefault(fix.edits[0].path, []).append(fix)
        changed = 0
        for relpath, candidates in by_path.items():
            text = fixer.parsed(relpath).text
            taken: list = []
            for fix in candidates:
                if not any(_overlap(text, e, t) for e in fix.edits for t in taken):
                    taken += fix.edits
                    changed += 1
            new = apply_edits(text, taken)
            texts[relpath] = (texts.get(relpath, (text,))[0], new)
            overlay[os.path.join(root, relpath)] = new.encode("utf-8")
        if not changed:
            break
        applied += changed
        result = analyze(overlay)
    return Fixed(result, {p: t for p, t in texts.items() if t[0] != t[1]}, applied)


def _overlap(text: str, a: Edit, b: Edit) -> bool:
    a0, a1 = offset_of(text, a.line, a.col), offset_of(text, a.end_line, a.end_col)
    b0, b1 = offset_of(text, b.line, b.col), offset_of(text, b.end_line, b.end_col)
    return a0 <= b1 and b0 <= a1  # touching edits overlap too: their order would be ambiguous


def unified_diff(shown: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{shown}", f"b/{shown}",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
