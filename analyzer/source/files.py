"""Reading, screening and parsing one workspace file.

LibCST must not see some inputs first (DESIGN.md, "Bounded"): it crashes the process on
very deep expressions, aborts on huge files and accepts code CPython rejects. So a file is
read only if it is small enough, then screened with CPython's own parser (`ast.parse`
builds a tree and runs nothing), its nesting depth is measured on that tree, and only
then are the LibCST trees the interpreter reads made: from CPython's tree where that is
proven the same (`astcst`), by LibCST's parse of the statement where it is not.
"""

from __future__ import annotations

import ast
import hashlib
import heapq
import io
import re
import sys
import threading
import tokenize
import unicodedata
import warnings
from typing import Any, Iterator, Optional

import attrs
import libcst as cst
from dlt_manifest.source.limits import DEFAULT, current
from dlt_manifest.source.literals import docstring_of
from dlt_manifest.source import astcst, datalines, noraise, screen
from dlt_manifest.source.reading import Outside, Refused, read_regular
from dlt_manifest.source.span import Span
from libcst._nodes.base import CSTNode
from libcst.metadata import MetadataWrapper, PositionProvider

# the defaults (see `limits` for the budgets in force and why)
MAX_FILE_BYTES = DEFAULT.file_bytes
MAX_NESTING = DEFAULT.nesting


@attrs.define(eq=False)
class SourceFile:
    """A parsed workspace file. `module` is None when the file could not be parsed;
    `problem` then says why and `problem_span` where."""

    path: str  # absolute
    relpath: str  # workspace-relative, '/'-separated: what diagnostics print
    module: Optional[cst.Module] = None
    problem: Optional[str] = None
    # "syntax" (CPython rejects it), "limit" (we do) or "outside" (it resolves outside the root)
    problem_kind: Optional[str] = None
    problem_span: Optional[Span] = None
    # line of each module-level statement's first token (from CPython's tree), by index
    statement_lines: list = attrs.field(factory=list)
    text: str = ""  # the file as written (function bodies included): code frames, `# noqa`
    # def line -> (first line, decorators included; last line) of each function whose body
    # was blanked out before parsing: `function_at` parses it whole when it is needed
    stripped: dict = attrs.field(factory=dict)
    # statements parsed apart from the module (whole functions): id -> (node, first line)
    _apart: dict = attrs.field(factory=dict)
    _functions: dict = attrs.field(factory=dict)
    _positions: Optional[dict] = None
    parse_cost: int = 0  # LibCST's estimated cost of parsing the module (see `limits`)
    # what the parsed module keeps while the analysis runs (KiB, estimated: `retained`),
    # and the workspace's budget that later parses of this file (`function_at`,
    # `statements_between`) are charged to
    retained: int = 0
    budget: Optional["ParseBudget"] = None
    # parts parsed later (`function_at`, `statements_between`): key -> (result, cost, kept);
    # the keys charged to the current budget
    _later: dict = attrs.field(factory=dict)
    _charged: set = attrs.field(factory=set)
    # values the layers above compute from `text` alone, kept with the file (and so, in a
    # `SourceMemo`, from one analysis to the next): name -> value
    derived: dict = attrs.field(factory=dict)
    # module-level code (not in functions or classes) has an annotated assignment: CPython
    # then makes `__annotations__` when the module starts (SETUP_ANNOTATIONS)
    annotates: bool = False
    # top-level statements LibCST did not parse (`deferrable`): the interpreter binds
    # their names only when something reads one (`unit_statement` parses it then)
    deferred: list = attrs.field(factory=list)
    _lines: list = attrs.field(factory=list)  # the text LibCST sees, by line (bodies blanked)
    # the file's line of each line LibCST parsed, when lines between statements were left
    # out (`_collapse`); None when it parsed every line
    _line_map: Optional[list] = None
    # first line of a top-level statement -> the `def` lines of the functions LibCST sees
    # in it, in source order (`def_line`)
    _def_lines: dict = attrs.field(factory=dict)
    _codes: dict = attrs.field(factory=dict)  # id(node) -> (node, its code): `code_of`
    # statements made from CPython's tree (`astcst`, `_convert`): each node made -> its
    # position in CPython's tree (line, column in bytes, end line, end column, `_Part`), or
    # for a node CPython's tree has no position of, its top-level statement; those
    # statements -> (`_Part`, first line, last line); the statements LibCST parsed alone
    # instead -> their module
    _converted: Optional[dict] = None
    _groups: dict = attrs.field(factory=dict)
    _alone: dict = attrs.field(factory=dict)
    _module_part: Optional["_Part"] = None  # the module's text, when its statements were converted
    # a digest of everything an analysis takes from the text but the function bodies
    # blanked out, and the (first, last) lines of those `function_at` read since
    fingerprint: Optional[bytes] = None
    read_regions: set = attrs.field(factory=set)
    _statement_positions: dict = attrs.field(factory=dict)

    def span_of(self, node: Optional[cst.CSTNode], statement: Optional[cst.CSTNode] = None) -> Span:
        if node is None or self.module is None:
            return self.problem_span or Span(self.relpath, 1, 1, 1, 1)
        converted = self._converted.get(node) if self._converted is not None else None
        if type(converted) is tuple:
            return self._converted_span(converted)
        if converted is not None:  # no position in CPython's tree: LibCST's parse of its statement
            statement = converted
        rng, shift = None, 0
        if statement is not None:
            shift, positions = self._positions_of(statement)
            rng = positions.get(node)
        if rng is None and self._module_part is not None:
            for module in self._alone.values():  # in a statement LibCST parsed alone
                shift, positions = self._positions_of(module.body[0])
                rng = positions.get(node)
                if rng is not None:
                    break
        elif rng is None:
            rng, shift = self._module_positions().get(node), 0
        if rng is None:  # in a statement parsed apart (a function, deferred statements)
            for apart in list(self._apart.values()):
                shift, positions = self._positions_of(apart[0])
                rng = positions.get(node)
                if rng is not None:
                    break
        if rng is None:  # a node built by the analyzer, not the parser
            return Span(self.relpath, 1, 1, 1, 1)
        return Span(
            self.relpath,
            rng.start.line + shift,
            rng.start.column + 1,
            rng.end.line + shift,
            rng.end.column + 1,
        )

    def _converted_span(self, position: tuple) -> Span:
        line, col, end_line, end_col, part = position
        lines = part.lines
        return Span(
            self.relpath,
            part.file_line(line),
            astcst.column(lines[line - 1], col) + 1,
            part.file_line(end_line),
            astcst.column(lines[end_line - 1], end_col) + 1,
        )

    def _twins(self, statement: cst.CSTNode) -> tuple:
        """For a statement made from CPython's tree: LibCST's own parse of its text (made
        when a position or the code of a node is asked that CPython's tree does not
        give), and each node made -> LibCST's node in that parse."""
        kept = self._statement_positions.get(("twins", id(statement)))
        if kept is not None:
            return kept
        part, first, last = self._groups[statement]
        module = _parse_module("".join(part.lines[first - 1 : last]))
        twins = {}
        for mine, theirs in zip(_significant(statement), _significant(module.body[0])):
            if type(mine) is not type(theirs):  # (the tests prove it cannot happen)
                raise AssertionError(f"{self.relpath}:{first}: the tree made from CPython's differs from LibCST's")
            twins[mine] = theirs
        self._statement_positions[("twins", id(statement))] = (module, twins)
        return module, twins

    def _module_positions(self) -> dict:
        if self._positions is None:
            wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
            self._positions = dict(wrapper.resolve(PositionProvider))
            if self._line_map is not None:  # lines LibCST did not see (`_collapse`)
                self._positions = {node: _moved(rng, self._line_map) for node, rng in self._positions.items()}
        return self._positions

    def _positions_of(self, statement: cst.CSTNode) -> dict:
        """Positions of the nodes of one module-level statement: LibCST's position
        codegen runs over that statement only (a whole file costs ~20 ms), and its lines
        are anchored with the line CPython's tree gives its first token."""
        cached = self._statement_positions.get(id(statement))
        if cached is not None:
            return cached[1]
        result = (0, {})
        index = self._statement_index().get(id(statement))
        apart = self._apart.get(id(statement))
        line, module = None, self.module
        if index is not None and index < len(self.statement_lines):
            line = self.statement_lines[index]
        elif apart is not None and apart[0] is statement:
            # indentation left implicit is the one of the module it was parsed in
            line, module = apart[1], (apart[2] if len(apart) > 2 else self.module)
        if line is not None and statement in self._groups:  # made from CPython's tree
            module, twins = self._twins(statement)
            shift, computed = _statement_positions(module, module.body[0], line)
            result = (shift, {mine: computed[theirs] for mine, theirs in twins.items() if theirs in computed})
        elif line is not None:
            result = _statement_positions(self._alone.get(id(statement), module), statement, line)
        self._statement_positions[id(statement)] = (statement, result)
        return result

    def _statement_index(self) -> dict:
        cached = self._statement_positions.get("index")
        if cached is None:
            cached = {id(s): i for i, s in enumerate(self.module.body)}
            self._statement_positions["index"] = cached
        return cached

    def code_of(self, node: cst.CSTNode) -> str:
        """The code of a node of this file's trees, generated once (an analysis that reuses
        the file — the language server's — asks again for the same nodes)."""
        kept = self._codes.get(id(node))
        if kept is None or kept[0] is not node:  # (the node is kept: its id is not reused)
            kept = self._codes[id(node)] = (node, self._code(node))
        return kept[1]

    def _code(self, node: cst.CSTNode) -> str:
        converted = self._converted.get(node) if self._converted is not None else None
        if converted is None:  # parsed by LibCST (code of an expression: spaces as written)
            return self.module.code_for_node(node)
        if type(converted) is tuple:
            line, col, end_line, end_col, part = converted
            if line == end_line:
                return astcst.text_of(part.lines, converted[:4])
            # on several lines: LibCST writes them without the indentation of the block
            # the node is in
            converted = next(s for s, (p, first, last) in self._groups.items() if p is part and first <= line <= last)
        module, twins = self._twins(converted)
        return module.code_for_node(twins[node])

    def def_line(self, node: cst.FunctionDef, statement: cst.CSTNode) -> Optional[int]:
        """The file's line of the `def` of `node`, a function in the module-level
        `statement`, without computing positions (for a class, that is generating its whole
        code): the functions of a statement, in source order, are the same in CPython's
        tree and in LibCST's. None for a statement parsed apart."""
        index = self._statement_index().get(id(statement))
        if index is None or index >= len(self.statement_lines):
            return None
        lines = self._def_lines.get(self.statement_lines[index], ())
        for line, found in zip(lines, _cst_functions(statement)):
            if found is node:
                return line
        return None

    def function_at(self, def_line: int) -> Any:
        """The whole function defined at `def_line` (its body was blanked out before the
        file was parsed), parsed on its own: (FunctionDef, the statement that holds it for
        positions); None when its body was not blanked out; a str saying why when it
        cannot be parsed within the limits."""
        reused = self._reuse(("def", def_line))
        if reused is not None:
            return reused
        if def_line in self._functions:
            return self._functions[def_line]
        region = self.stripped.get(def_line)
        if region is None:
            return None
        first, last = region
        self.read_regions.add(region)
        lines = [m.group(0) for m in _LINE.finditer(self.text)][first - 1 : last]
        text = "".join(lines)
        indented = text[:1] in (" ", "\t", "\f")
        if indented:
            text = "if 1:\n" + text  # a block at the def's own indentation
        try:
            tree = ast.parse(text)
            survey = _survey(tree, [], self._parse_limits(), strip=False)
            if survey.refusal is None:
                survey.refusal = self._charge(survey, text)
            if survey.refusal is not None:
                raise RecursionError(survey.refusal)
            wrapper = _convert(text, self, first - 2 if indented else first - 1, tree, survey.blanked)[0].body[0]
        except (SyntaxError, ValueError, RecursionError, MemoryError, cst.ParserSyntaxError) as ex:
            self._functions[def_line] = f"the analyzer cannot parse this function: {ex}"
            return self._functions[def_line]
        node = wrapper.body.body[0] if indented else wrapper
        self._apart[id(wrapper)] = (wrapper, first - 1 if indented else first)
        return self._keep(("def", def_line), (node, wrapper), survey)

    def statements_between(self, first: int, last: int) -> Any:
        """The deferred statements on lines `first` to `last`, parsed together (their
        positions are the file's); a str saying why when they cannot be parsed within
        the limits."""
        reused = self._reuse(("statements", first, last))
        if reused is not None:
            return list(reused)
        lines = self._lines[first - 1 : last]
        try:
            # function bodies blanked out as in the module (`function_at` parses them)
            tree = ast.parse("".join(lines))
            survey = _survey(tree, lines, self._parse_limits())
            text = "".join(_strip_bodies(lines, survey.regions))
            if survey.refusal is None:
                survey.refusal = self._charge(survey, text)
            if survey.refusal is not None:
                return survey.refusal
            parsed = _convert(text, self, first - 1, tree, survey.blanked)[0]
        except (SyntaxError, ValueError, RecursionError, MemoryError, cst.ParserSyntaxError) as ex:
            return f"the analyzer cannot parse these statements: {ex}"
        for def_line, (start, end) in survey.stripped.items():
            self.stripped[def_line + first - 1] = (start + first - 1, end + first - 1)
        for node, line in zip(parsed.body, survey.first_lines):
            self._apart[id(node)] = (node, first - 1 + line, parsed)
        return list(self._keep(("statements", first, last), tuple(parsed.body), survey))

    def _parse_limits(self):
        """The limits of a later parse of part of this file: what the workspace's budget
        has left bounds its cost."""
        limits = current()
        left = self.budget.left() if self.budget is not None else limits.parse_cost
        return attrs.evolve(limits, parse_cost=max(0, left)) if left < limits.parse_cost else limits

    def _charge(self, survey: "_Survey", text: str) -> Optional[str]:
        """Charges what parsing `text` will keep to the workspace's budget; a refusal when
        it has not that much left."""
        survey.kept = _retained(survey.nodes, text.count("\n") + 1, len(text))
        if self.budget is not None:
            if survey.kept > self.budget.left():
                return _TOTAL_SPENT.format(current().total_parse_cost)
            self.budget.used += survey.kept
        return None

    # A later parse is kept with its costs (`_later`); an analysis that reuses the file
    # (`reuse`: the language server) gets it again — charged to its own budget — when its
    # budget would have let it be parsed, and parses it again otherwise.
    def _keep(self, key: tuple, result: Any, survey: "_Survey") -> Any:
        self._later[key] = (result, survey.cost, survey.kept)
        self._charged.add(key)
        return result

    def _reuse(self, key: tuple) -> Any:
        entry = self._later.get(key)
        if entry is None:
            return None
        result, cost, kept = entry
        if key in self._charged:
            return result
        if self.budget is not None:
            left = self.budget.left()
            if cost > min(current().parse_cost, max(0, left)) or kept > left:
                del self._later[key]
                return None
            self.budget.used += kept
        self._charged.add(key)
        return result

    def fits(self, left: int) -> bool:
        """Whether a parsing budget with `left` KiB would have let this file be parsed (and
        it was: the memo keeps nothing else)."""
        if self.problem is not None or self.module is None:
            return False
        return not (self.parse_cost > min(current().parse_cost, max(0, left)) or self.retained > left)

    def reuse(self, budget: "ParseBudget") -> bool:
        """Charges this parsed file to another analysis's `budget` (what parsing it then
        would have charged); False, charging nothing, when that budget would not have let
        it be parsed or it was not parsed."""
        if not self.fits(budget.left()):
            return False
        budget.used += self.retained
        self.budget = budget
        self._charged = set()
        self._functions = {}  # refusals depend on the budget: asked again
        return True

    @property
    def docstring(self) -> Optional[str]:
        return docstring_of(self.module.body) if self.module is not None else None


def load_source(
    path: str, relpath: str, content: Optional[bytes] = None, root: Optional[str] = None, budget: Optional["ParseBudget"] = None,
    python_version: Optional[tuple] = None, defer: bool = False, parse: bool = True, fingerprint: bool = False,
) -> SourceFile:
    """The file at `path`, or `content` in its place (an editor's unsaved buffer); the
    file is read only if it resolves inside `root` (see `reading`). Each step is screened
    before the next, costlier one runs: bytes, tokens (before CPython's parser), then
    nesting and LibCST's cost (on CPython's tree, before LibCST), at most what the
    workspace's `budget` has left (what the files parsed before keep); what this one keeps
    is charged to it. `python_version` is the Python the
    workspace targets: when it is newer than the one running, a file this one cannot parse
    may use newer syntax (refused, not an error). With `defer`, the top-level statements
    that can be bound later without a difference (`deferrable`) are neither surveyed nor
    parsed by LibCST now. With `fingerprint`, the file's `fingerprint` is made too (what
    `analysis.unchanged_by` compares); without `parse`, only that: the file is screened,
    LibCST does not parse it (`module` stays None)."""
    limits = current()
    cost_left = budget.left() if budget is not None else None
    if cost_left is not None and cost_left < limits.parse_cost:
        limits = attrs.evolve(limits, parse_cost=max(0, cost_left))
    source = SourceFile(path, relpath)
    source.budget = budget
    data = content
    if data is None:
        try:
            data = read_regular(path, limits.file_bytes, root)
        except Refused as ex:
            return _fail(source, "outside" if isinstance(ex, Outside) else "limit", f"file {ex}")
    if len(data) > limits.file_bytes:
        return _fail(
            source, "limit", f"file is larger than {limits.file_bytes // 1024} KiB; not analyzed"
        )
    # a module of data: its `NAME = literal` lines need not reach CPython's parser
    blanked = datalines.blank_data_lines(data) if defer else None
    tree = _parse_blanked(blanked, relpath, limits) if blanked is not None else None
    if tree is None:
        blanked = None
        too_many = screen.too_many_tokens(data, limits.file_tokens)
        if too_many is not None:
            return _fail(source, "limit", f"{too_many}; file not analyzed", too_many.line)
        try:
            tree = ast.parse(data, filename=relpath)
        except SyntaxError as ex:
            return _syntax_failure(source, ex, python_version)
        except (ValueError, RecursionError) as ex:
            # NUL bytes (ValueError) or nesting CPython itself cannot compile
            return _fail(source, "syntax", f"Python cannot parse this file: {type(ex).__name__}: {ex}")
        except MemoryError:
            # not a syntax error: the analyzer's memory ran out, not CPython's grammar
            return _fail(source, "limit", "the file is too large to parse within the memory budget; not analyzed")
    try:
        text = _decode(data)
    except (SyntaxError, UnicodeDecodeError, LookupError) as ex:
        return _fail(source, "syntax", f"cannot decode this file: {ex}")
    source.text = text
    lines = [m.group(0) for m in _LINE.finditer(text)]
    deferred = deferrable(tree.body) if defer else []
    skip = {unit.index for unit in deferred}
    if blanked is not None:
        units = (Deferred(-1, line, line, (name,), (), ()) for line, name in blanked[1])
        deferred = list(heapq.merge(deferred, units, key=_first_of))
    survey = _survey(tree, lines, limits, skip=skip)
    if survey.refusal is not None:
        node = survey.deep_statement
        return _fail(
            source,
            "limit",
            f"{survey.refusal}; file not analyzed",
            getattr(node, "lineno", 1),
            getattr(node, "col_offset", 0) + 1,
        )
    problem = _compile_problem(tree)
    if problem is not None:
        return _syntax_failure(source, problem, python_version)
    annotates = _annotates(tree.body)
    extents = _extents(tree.body, skip, survey)
    source._def_lines = _function_lines(tree.body, skip, survey)
    body_free = None
    if fingerprint or not parse:
        # deferred statements are surveyed when they are parsed (`statements_between`):
        # their bodies are blanked out then, as here
        hidden = _survey(tree, lines, limits, skip=frozenset(range(len(tree.body))) - skip) if skip else None
        if hidden is None or hidden.refusal is None:
            body_free = "".join(_strip_bodies(lines, survey.regions + (hidden.regions if hidden else [])))
    parsed_lines = _strip_bodies(lines, survey.regions)
    if deferred:
        source._lines = parsed_lines
        parsed_lines = _blank(parsed_lines, deferred)
    stripped, source._line_map = _collapse(parsed_lines, extents)
    retained = _retained(survey.nodes, len(source._line_map or lines), len(stripped) + len(text))
    if body_free is not None:  # all the analysis takes from the text but the bodies blanked out
        source.fingerprint = hashlib.sha256(repr((
            body_free, stripped, source._line_map, deferred, annotates, extents, source._def_lines, survey.stripped,
            survey.first_lines, survey.pass_lines, survey.cost, retained,
        )).encode("utf-8", "surrogatepass")).digest()
    if not parse:
        source.stripped, source.parse_cost, source.retained = survey.stripped, survey.cost, retained
        return source
    statements = [s for i, s in enumerate(tree.body) if i not in skip]
    del tree
    if cost_left is not None and retained > cost_left:
        return _fail(source, "limit", _TOTAL_SPENT.format(current().total_parse_cost) + "; file not analyzed")
    try:
        if stripped.strip():
            # converted from CPython's tree of the file, on its lines (bodies blanked out);
            # LibCST parses the lines kept (`_collapse`) if it has to parse all
            source.module, source._module_part = _convert_statements(
                statements, _Part(parsed_lines), source, survey.blanked, stripped
            )
        else:
            source.module = _EMPTY
        source.stripped = survey.stripped
        source.parse_cost = survey.cost
        source.retained = retained
        if budget is not None:
            budget.used += retained
        source.annotates = annotates
        source.deferred = deferred
    except (cst.ParserSyntaxError, RecursionError, MemoryError) as ex:
        return _fail(source, "limit", f"the analyzer's parser cannot read this file: {ex}")
    source.statement_lines = _statement_lines(source.module, survey.first_lines)
    return source


_EMPTY = cst.Module(body=[])  # a file of deferred statements only (or of nothing)

_VALIDATE = CSTNode.__post_init__
_unvalidated = {"parses": 0, "lock": threading.Lock()}


def _parse_module(text: str) -> cst.Module:
    """LibCST's tree of `text` (identifiers in NFKC form), built without LibCST checking
    each node as it is made: a third of its parse, and redundant, since CPython's parser
    accepted this text first (LibCST's own comment in `CSTNode.__post_init__` says the
    check could be skipped when parsing). Nodes made elsewhere meanwhile (the fixes'
    codemods, in another thread) go unchecked too, which changes no result."""
    with _unvalidated["lock"]:
        _unvalidated["parses"] += 1
        CSTNode.__post_init__ = _no_check
    try:
        return cst.parse_module(nfkc_identifiers(text))
    finally:
        with _unvalidated["lock"]:
            _unvalidated["parses"] -= 1
            if not _unvalidated["parses"]:
                CSTNode.__post_init__ = _VALIDATE


def _no_check(node: cst.CSTNode) -> None:
    return None


@attrs.frozen(eq=False)
class _Part:
    """A text parsed into statements (`_convert`): its lines, and where they are in the file."""

    lines: list
    shift: int = 0  # the file's line of line n is n + shift ...
    line_map: Optional[list] = None  # ... or line_map[n - 1]

    def file_line(self, line: int) -> int:
        return self.line_map[line - 1] if self.line_map is not None else line + self.shift


def _convert(text: str, source: SourceFile, shift: int, tree: ast.Module, blanked: dict) -> tuple:
    """LibCST's tree of `text` (deferred statements, a function): `_convert_statements`
    of CPython's `tree` of the text before the bodies in `blanked` were blanked out."""
    return _convert_statements(tree.body, _Part(text.splitlines(True), shift), source, blanked, text)


def _convert_statements(statements: list, part: "_Part", source: SourceFile, blanked: dict, text: str) -> tuple:
    """LibCST's tree of `statements` (CPython's tree of them, `part.lines` their text with
    the bodies in `blanked` blanked out): each statement made from CPython's tree
    (`astcst`), or parsed by LibCST alone when it cannot be; all of `text` by LibCST when
    some statement cannot be parsed alone. With `part`, or None when nothing was made."""
    lines = part.lines
    positions: dict = {}
    groups: dict = {}
    alone: dict = {}
    body = []
    for group in astcst.groups(statements):
        first, last = astcst.first_line(group[0]), group[-1].end_lineno
        chunk = "".join(lines[first - 1 : last])
        converter = astcst.Converter(lines, part, blanked)
        try:
            if lines[last - 1].rstrip("\r\n").endswith("\\"):  # continued onto the next line
                raise astcst.Unsupported("a backslash after the statement")
            if not chunk.isascii() and nfkc_identifiers(chunk) != chunk:
                # LibCST's positions and code are of the text in NFKC form
                raise astcst.Unsupported("an identifier not in NFKC form")
            node = converter.statement_group(group)
        except astcst.Unsupported:
            try:
                module = _parse_module(chunk)
            except cst.ParserSyntaxError:
                module = None
            if module is None or len(module.body) != 1:
                return _parse_module(text), None
            node = module.body[0]
            alone[id(node)] = module
        else:
            positions.update(converter.positions)
            groups[node] = (part, first, last)
        body.append(node)
    if source._converted is None:
        source._converted = positions
    else:
        source._converted.update(positions)
    source._groups.update(groups)
    source._alone.update(alone)
    newline = re.search(r"\r\n?|\n", text)
    module = astcst.make(
        cst.Module, body=body, header=[], footer=[], encoding="utf-8", default_indent="    ",
        default_newline=newline.group(0) if newline else "\n", has_trailing_newline=text.endswith(("\n", "\r")),
    )
    return module, part


_SYNTAX_ONLY = (
    cst.BaseParenthesizableWhitespace, cst.EmptyLine, cst.TrailingWhitespace, cst.Newline, cst.Comma, cst.Semicolon,
    cst.Colon, cst.AssignEqual, cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket,
    cst.LeftCurlyBrace, cst.RightCurlyBrace,
)  # fmt: skip


def _significant(node: cst.CSTNode) -> Iterator:
    """The nodes under `node` (itself first, in source order) but spaces and punctuation:
    what a tree made from CPython's and LibCST's parse of the same text have alike."""
    stack = [node]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed([c for c in node.children if not isinstance(c, _SYNTAX_ONLY)]))


def _syntax_failure(source: SourceFile, ex: SyntaxError, python_version: Optional[tuple]) -> SourceFile:
    line = ex.lineno or 1
    col = ex.offset or 1
    running = sys.version_info[:2]
    if python_version is not None and tuple(python_version) > running:
        return _fail(
            source, "limit",
            f"Python {running[0]}.{running[1]}, which runs dlt-manifest, cannot parse this file"
            f" ({type(ex).__name__}: {ex.msg}); the workspace targets Python"
            f" {python_version[0]}.{python_version[1]}, whose syntax may be newer: run"
            f" dlt-manifest on Python {python_version[0]}.{python_version[1]} or newer",
            line, col,
        )  # fmt: skip
    return _fail(source, "syntax", f"{type(ex).__name__}: {ex.msg}", line, col)


def _compile_problem(tree: ast.Module) -> Optional[SyntaxError]:
    """The SyntaxError CPython's compiler raises where its parser did not: `return` or
    `break` outside their blocks, a misplaced or unknown `__future__` import, a repeated
    parameter, `nonlocal` at module level, a name used before its `global`... (the
    import fails on them). `tree` is CPython's tree of the text (its compiler takes it as
    it took the text, after its parser; a fifth faster than the text, parsed again). The
    bytecode is thrown away, never run; warnings are not shown. The file name is empty:
    CPython opens the file named to quote the line of an error, and no file is named ""."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(tree, "", "exec", dont_inherit=True)
    except SyntaxError as ex:
        return ex
    except (ValueError, TypeError, RecursionError, MemoryError) as ex:
        problem = SyntaxError(f"Python cannot compile this file: {type(ex).__name__}: {ex}")
        return problem
    return None


def _parse_blanked(blanked: tuple, relpath: str, limits) -> Optional[ast.Module]:
    """CPython's tree of a module with its data lines blanked (`datalines`), or None when
    it must be parsed as written (too many tokens, any error, the blanking not proven)."""
    data, found = blanked
    if screen.too_many_tokens(data, limits.file_tokens) is not None:
        return None
    try:
        tree = ast.parse(data, filename=relpath)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return tree if datalines.proven(tree, found) else None


def _first_of(unit: "Deferred") -> int:
    return unit.first


@attrs.frozen
class Deferred:
    """A top-level statement that binds `names` and does nothing else, provided the
    names in `header` (default values, annotations) are bound to values whose reading has
    no effect; `annotations`: the names read only by annotations (not evaluated under
    `from __future__ import annotations`). `index`: its place in the module's statements;
    `first`, `last`: its lines."""

    index: int
    first: int
    last: int
    names: tuple
    header: tuple  # (name, subscripted): the names defaults read
    annotations: tuple  # (name, subscripted): the names annotations read
    # `NAME = value` whose value is no literal: CPython's tree of it, deferred only when the
    # values `header` names hold then prove it cannot raise (`noraise`)
    value: Any = attrs.field(default=None, eq=False, repr=False)
    # names that must hold these builtins (`property`: a method's decorator), as
    # (name, "builtins.property")
    requires: tuple = ()
    # the subscripts of names its header makes (`Dict[str, Any]`), with whether an
    # annotation makes them: deferred only when typing cannot refuse them (`typeforms`)
    subscripts: tuple = attrs.field(default=(), eq=False, repr=False)


def deferrable(statements: list) -> list:
    """The statements of a module (CPython's tree) that bind names with no other effect
    the analyzer models: a `def` without decorators whose defaults and annotations are
    constants, names and subscripts of names (`Dict[str, Any]`), `NAME = literal`
    (constants and displays of constants), and `NAME = value` where the value may be
    proven unable to raise (`noraise`). Each is alone on its lines. Whether the names
    a header reads are bound to such values is decided when the module runs (the
    interpreter's `deferral`)."""
    out = []
    for index, statement in enumerate(statements):
        first, last = statement.lineno, statement.end_lineno
        if index > 0 and statements[index - 1].end_lineno >= first:
            continue
        if index + 1 < len(statements) and astcst.first_line(statements[index + 1]) <= last:
            continue
        unit = _unit(index, statement)
        if unit is not None:
            out.append(unit)
    return out


def _unit(index: int, statement: ast.stmt) -> Optional[Deferred]:
    first, last = statement.lineno, statement.end_lineno
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        if statement.decorator_list:
            return None
        header: list = []
        annotations: list = []
        subscripts: list = []
        if not _signature(statement, header, annotations, subscripts):
            return None
        return Deferred(index, first, last, (statement.name,), tuple(header), tuple(annotations), subscripts=tuple(subscripts))
    if isinstance(statement, ast.ClassDef):
        return _class_unit(index, statement)
    if isinstance(statement, ast.Assign) and all(isinstance(target, ast.Name) for target in statement.targets):
        names = tuple(t.id for t in statement.targets)
        if _literal(statement.value):
            return Deferred(index, first, last, names, (), ())
        reads = noraise.free_names(statement.value)
        if reads is not None:
            return Deferred(index, first, last, names, tuple((name, False) for name in reads), (), statement.value)
    return None


def _signature(statement: ast.stmt, header: list, annotations: list, subscripts: list) -> bool:
    """Whether a `def`'s defaults and annotations are constants, names and subscripts of
    names (`_atomic`); the names they read are added to `header` and `annotations`, the
    subscripts to `subscripts` (with whether an annotation makes them)."""
    if getattr(statement, "type_params", None):
        return False
    args = statement.args
    for default in args.defaults + [d for d in args.kw_defaults if d is not None]:
        if not _literal(default) and not _atomic(default, header, subscripts, False):
            return False
    every = args.posonlyargs + args.args + args.kwonlyargs + [a for a in (args.vararg, args.kwarg) if a]
    for arg in every:
        if arg.annotation is not None and not _atomic(arg.annotation, annotations, subscripts, True):
            return False
    return statement.returns is None or _atomic(statement.returns, annotations, subscripts, True)


_METHOD_DECORATORS = frozenset(["staticmethod", "classmethod", "property"])


def _class_unit(index: int, statement: ast.ClassDef) -> Optional[Deferred]:
    """A class with no bases, keywords or decorators whose body only binds: its docstring,
    `pass`, `NAME = literal` (no dunder name: `__slots__`, `__qualname__` can raise) and
    `def`s as `_signature` allows, decorated by `staticmethod`, `classmethod` or
    `property` at most. Making it cannot raise, and runs nothing of the workspace (no
    `__init_subclass__`, metaclass or `__set_name__`) once the names it reads hold stable
    values and those decorators their builtins (`requires`, checked when it is deferred)."""
    if statement.bases or statement.keywords or statement.decorator_list or getattr(statement, "type_params", None):
        return None
    header: list = []
    annotations: list = []
    subscripts: list = []
    local: set = set()
    decorators: set = set()
    for position, item in enumerate(statement.body):
        kind = type(item)
        if kind is ast.Pass or (position == 0 and datalines.is_string_statement(item)):
            continue
        if kind is ast.Assign and _literal(item.value):
            for target in item.targets:
                if type(target) is not ast.Name or target.id.startswith("__"):
                    return None
                local.add(target.id)
            continue
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
            for decorator in item.decorator_list:
                if type(decorator) is not ast.Name or decorator.id not in _METHOD_DECORATORS:
                    return None
                decorators.add(decorator.id)
            if not _signature(item, header, annotations, subscripts):
                return None
            local.add(item.name)
            continue
        return None
    header += [(name, False) for name in sorted(decorators)]
    # a name the body binds, or a private one (mangled in a class), is not a module-level read
    if any(name in local or name.startswith("__") for name, _ in header + annotations):
        return None
    requires = tuple((name, f"builtins.{name}") for name in sorted(decorators))
    return Deferred(
        index, statement.lineno, statement.end_lineno, (statement.name,), tuple(header), tuple(annotations),
        requires=requires, subscripts=tuple(subscripts),
    )


def _atomic(node: ast.expr, names: list, subscripts: list, annotation: bool) -> bool:
    """A constant, a name, or a subscript of a name by such (`Dict[str, List[int]]`,
    `Callable[[int], str]`); the names read are added to `names`, each with whether it
    is subscripted, and the outermost subscript to `subscripts` with `annotation`: what
    typing makes of it (it may raise) is decided when the names' values are known."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        names.append((node.id, False))
        return True
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        subscripts.append((node, annotation))
        names.append((node.value.id, True))
        key = node.slice
        parts = key.elts if isinstance(key, ast.Tuple) else [key]
        inner: list = []  # checked with the outermost
        return all(
            _atomic(part, names, inner, annotation) if not isinstance(part, ast.List)
            else all(_atomic(e, names, inner, annotation) for e in part.elts)
            for part in parts
        )
    return False


def _literal(node: ast.expr) -> bool:
    """A constant, a signed number, or a tuple, list, set or dict display of such (dict
    keys and set items: constants)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return isinstance(node.operand, ast.Constant) and type(node.operand.value) in (int, float, complex)
    if isinstance(node, (ast.Tuple, ast.List)):
        return all(_literal(e) for e in node.elts)
    if isinstance(node, ast.Set):
        return all(isinstance(e, ast.Constant) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(isinstance(k, ast.Constant) for k in node.keys) and all(_literal(v) for v in node.values)
    return False


def _blank(lines: list, units: list) -> list:
    """The lines with those of `units` left empty (line breaks kept)."""
    lines = list(lines)
    for unit in units:
        for i in range(unit.first - 1, unit.last):
            line = lines[i]
            lines[i] = line[len(line.rstrip("\r\n")) :]
    return lines


# the fields of a statement that hold statements, in source order
_BLOCK_FIELDS = ("body", "handlers", "orelse", "finalbody", "cases")


def _annotates(statements: list) -> bool:
    """Whether module-level code (blocks of `if`, `for`, `try`, `with`, `match`, not
    functions or classes) has an annotated assignment."""
    stack = list(statements)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.AnnAssign):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for field in _BLOCK_FIELDS:
            stack.extend(getattr(node, field, ()))
    return False


def _extents(body: list, skip: set, survey: "_Survey") -> list:
    """(first, last) line of each top-level statement LibCST parses, as it sees it: from
    its first decorator, and a `def` whose body was blanked out ends at its `pass`."""
    extents = []
    for index, top in enumerate(body):
        if index in skip:
            continue
        last = top.end_lineno
        if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef)):
            last = survey.pass_lines.get(top.lineno, last)
        extents.append((survey.first_lines[len(extents)], last))
    return extents


_NESTED = (ast.stmt, ast.excepthandler, ast.match_case)
_CST_NESTED = (cst.BaseCompoundStatement, cst.ExceptHandler, cst.ExceptStarHandler, cst.MatchCase, cst.Else, cst.Finally)


def _function_lines(body: list, skip: set, survey: "_Survey") -> dict:
    """First line of each top-level statement LibCST parses -> the lines of the `def`s in
    it LibCST sees (not those in a blanked body), in source order (`_cst_functions`)."""
    found = {}
    first_lines = iter(survey.first_lines)
    for index, top in enumerate(body):
        if index in skip:
            continue
        first = next(first_lines)
        if isinstance(top, (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Import, ast.ImportFrom)):
            continue
        lines: list = []
        stack = [top]
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines.append(node.lineno)
                if node.lineno in survey.stripped:
                    continue
            children = []
            for field in _BLOCK_FIELDS:
                children.extend(c for c in getattr(node, field, ()) or () if isinstance(c, _NESTED))
            stack.extend(reversed(children))
        if lines:
            found[first] = lines
    return found


def _cst_functions(statement: cst.CSTNode) -> Iterator:
    """The `def`s in a LibCST statement, in source order (as `_function_lines`)."""
    stack = [statement]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.FunctionDef):
            yield node
        children = []
        for field in _BLOCK_FIELDS:
            value = getattr(node, field, None)
            if isinstance(value, (cst.IndentedBlock, cst.SimpleStatementSuite)):
                value = value.body
            if isinstance(value, (list, tuple)):
                children.extend(c for c in value if isinstance(c, _CST_NESTED))
            elif isinstance(value, _CST_NESTED):
                children.append(value)
        stack.extend(reversed(children))


def _collapse(lines: list, extents: list) -> tuple:
    """The text of `lines` without the blank and comment-only lines between top-level statements
    (mostly what blanking function bodies and deferred statements left), and the file's
    line of each line kept; (text, None) when there are none. LibCST builds a node for
    every such line — a quarter of its time and memory on a typical module — and
    positions do not need them: a statement's are anchored at its first line
    (`statement_lines`), and whole-module positions go through the map. A line that a
    backslash continues is kept."""
    inside = bytearray(len(lines) + 2)
    for first, last in extents:
        inside[first : last + 1] = b"\x01" * (last + 1 - first)
    kept, numbers = [], []
    for number, line in enumerate(lines, 1):
        if not inside[number]:
            bare = line.strip()
            if (not bare or bare.startswith("#")) and not (kept and kept[-1].rstrip("\r\n").endswith("\\")):
                continue
        kept.append(line)
        numbers.append(number)
    return "".join(kept), (numbers if len(kept) < len(lines) else None)


def _moved(rng: Any, line_map: list) -> Any:
    """A LibCST range of the collapsed text, on the file's lines."""
    start, end = rng.start, rng.end
    return type(rng)(
        type(start)(line_map[start.line - 1] if start.line <= len(line_map) else start.line, start.column),
        type(end)(line_map[end.line - 1] if end.line <= len(line_map) else end.line, end.column),
    )


def _statement_lines(module: cst.Module, first_lines: list) -> list:
    """For each LibCST module-level statement, the line of its first token: CPython's
    statements in order (`a; b` is one LibCST line but two CPython statements)."""
    lines = []
    position = 0
    for statement in module.body:
        if position >= len(first_lines):
            break
        lines.append(first_lines[position])
        position += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
    return lines


class _Positions:
    """What LibCST's position codegen state needs of a metadata provider."""

    def __init__(self):
        self._computed: dict = {}


def _statement_positions(module: cst.Module, statement: cst.CSTNode, first_line: int) -> tuple:
    """(line shift, LibCST ranges relative to the statement's own code)."""
    from libcst.metadata.position_provider import PositionProvidingCodegenState

    provider = _Positions()
    state = PositionProvidingCodegenState(
        default_indent=module.default_indent,
        default_newline=module.default_newline,
        provider=provider,
    )
    statement._codegen(state)
    computed = provider._computed
    anchor = statement
    if isinstance(statement, cst.SimpleStatementLine):
        anchor = statement.body[0]
    elif getattr(statement, "decorators", None):
        anchor = statement.decorators[0].decorator
    return first_line - computed[anchor].start.line, computed


def _fail(source: SourceFile, kind: str, message: str, line: int = 1, col: int = 1) -> SourceFile:
    source.problem = message
    source.problem_kind = kind
    source.problem_span = Span(source.relpath, line, col, line, col)
    return source


@attrs.define
class _Survey:
    depth: int = 0
    deep_statement: Optional[ast.AST] = None
    refusal: Optional[str] = None  # a budget exceeded (at `deep_statement`)
    cost: int = 0  # LibCST's estimated cost (KiB) of what it will parse
    nodes: int = 0  # CPython's nodes of what LibCST will parse (see `_retained`)
    kept: int = 0  # what it keeps (`_retained`), once charged
    # (start line, start byte col, end line, end byte col) of function bodies to blank out
    regions: list = attrs.field(factory=list)
    # def line -> (first line with decorators, last line) of the functions stripped
    stripped: dict = attrs.field(factory=dict)
    # def line -> the line of the `pass` that replaces its body (where the region starts)
    pass_lines: dict = attrs.field(factory=dict)
    # line of each CPython module-level statement's first token (decorators included)
    first_lines: list = attrs.field(factory=list)
    # id() of each `def` whose body is blanked out -> (statements kept, `pass` line and column)
    blanked: dict = attrs.field(factory=dict)


# LibCST's memory, measured with LibCST 1.9 (KiB): ~2-4 a node (list elements are the
# heaviest), ~5 more a statement (its line, whitespace and newline nodes), ~60 a lambda
_NODE_COST, _STATEMENT_COST, _LAMBDA_COST = 4, 4, 60


def _survey(tree: ast.AST, lines: list, limits, strip: bool = True, skip: frozenset = frozenset()) -> _Survey:
    """One iterative walk of the CPython tree, a top-level statement at a time: the
    deepest nesting (as LibCST nests: see `screen.nesting`), nested lambdas, LibCST's
    cost of the file, and the function bodies LibCST need not see; it stops at the
    statement where a budget runs out (`refusal`).

    Function bodies are never interpreted, and they are most of a typical file, so the
    body of a top-level or method `def` (after its docstring) is blanked out before LibCST
    parses the file; line and column positions elsewhere stay the same. Bodies that
    declare `global`/`nonlocal`, call `globals()` or define decorated functions are kept:
    the analyzer looks at those when such a function is called at import. Stripped
    bodies are not walked at all, nor are the statements at the indexes `skip` (deferred:
    LibCST does not see them)."""
    survey = _Survey()
    functions: list = []  # outermost function defs, and whether their body is kept
    for index, top in enumerate(tree.body):
        if index in skip:
            continue
        survey.first_lines.append(astcst.first_line(top))
        stack = [(top, 2, top, 0)]
        while stack:
            node, depth, statement, lambdas = stack.pop()
            kind = type(node)
            if kind in _STATEMENTS:
                if depth <= 3:
                    statement = node
                survey.cost += _STATEMENT_COST
            if depth > survey.depth:
                survey.depth, survey.deep_statement = depth, statement
            survey.nodes += 1
            survey.cost += _NODE_COST
            if kind is ast.Lambda:
                lambdas += 1
                survey.cost += _LAMBDA_COST
                if lambdas > limits.lambda_nesting:
                    survey.deep_statement = statement
                    survey.refusal = f"lambdas nested more than {limits.lambda_nesting} deep (the analyzer's limit)"
                    return survey
            step = len(node.values) if kind is ast.BoolOp else 1
            if strip and (kind is ast.FunctionDef or kind is ast.AsyncFunctionDef):
                keep = _body_needed(node, lines)
                functions.append((node, keep))
                children = node.decorator_list + [node.args] + ([node.returns] if node.returns else [])
                if keep:  # parsed by LibCST too: its depth counts
                    children += node.body
            else:
                children = _children(node)
            for child in children:
                stack.append((child, depth + step, statement, lambdas))
        refusal = _over_budget(survey, limits)
        if refusal is not None:
            survey.refusal = refusal
            if survey.depth <= limits.nesting:  # the cost: at the statement that exceeded it
                survey.deep_statement = top
            return survey
    for node, keep in functions:
        body = node.body
        first = 1 if datalines.is_string_statement(body[0]) else 0
        if keep or first >= len(body):
            continue
        start_line, start_col = _statement_start(body[first], lines)
        end = body[-1]
        survey.regions.append((start_line, start_col, end.end_lineno, end.end_col_offset))
        survey.blanked[id(node)] = (first, start_line, start_col)
        survey.stripped[node.lineno] = (_statement_start(node, lines)[0], node.end_lineno)
        survey.pass_lines[node.lineno] = start_line
    return survey


_STATEMENTS = frozenset(
    cls for cls in vars(ast).values() if isinstance(cls, type) and issubclass(cls, ast.stmt) and cls is not ast.stmt
)


def _children(node: ast.AST) -> list:
    """`ast.iter_child_nodes(node)` as a list (the same nodes in the same order), without
    its two generators: the survey's walk spent a third of its time in them."""
    out = []
    for name in node._fields:
        value = getattr(node, name, None)
        if type(value) is list:
            out.extend([item for item in value if isinstance(item, ast.AST)])
        elif isinstance(value, ast.AST):
            out.append(value)
    return out


# What a parsed file keeps while the analysis runs, measured with LibCST 1.9 (tracemalloc,
# KiB): 0.08-0.42 a CPython node (imports the heaviest, ordinary code ~0.35), ~0.2 a line
# (LibCST's line and newline nodes: blanked function bodies are lines), its text about
# twice (LibCST's tokens; the file kept for code frames), and a few KiB a module. Parsing
# costs ten times more than is kept (`_NODE_COST`: the native parser's own memory), but
# only while one file is parsed; the workspace's budget (`total_parse_cost`) is for what
# is kept, and a file's parse gets what is left of it.
def _retained(nodes: int, lines: int, chars: int) -> int:
    return (2 * nodes + lines) // 5 + chars // 512 + 4


_TOTAL_SPENT = "the workspace's parsed modules together exceed the analyzer's parsing budget ({:,} KiB)"


@attrs.define
class ParseBudget:
    """What the files parsed for one analysis keep (KiB, estimated: `_retained`), against
    the limit `total_parse_cost`."""

    used: int = 0

    def left(self) -> int:
        return current().total_parse_cost - self.used


def _over_budget(survey: _Survey, limits) -> Optional[str]:
    if survey.depth > limits.nesting:
        return f"expression nested {survey.depth} levels deep (limit {limits.nesting})"
    if survey.cost > limits.parse_cost:
        return (
            f"the analyzer's parsing budget runs out here ({limits.parse_cost:,} KiB left of"
            " LibCST's estimated memory; code outside functions costs ~4 KiB a node)"
        )
    return None


def _statement_start(statement: ast.stmt, lines: list) -> tuple:
    """Line and byte column where a statement begins, decorators included (CPython's
    `lineno` of a decorated def is the `def` line)."""
    decorators = getattr(statement, "decorator_list", None)
    if decorators:
        line = min(d.lineno for d in decorators)
        text = lines[line - 1].encode("utf-8")
        return line, len(text) - len(text.lstrip(b" \t"))
    return statement.lineno, statement.col_offset


_BODY_NEEDED = re.compile(r"\b(?:global|nonlocal|globals|setattr|exec)\b|^[ \t]*@", re.M)


def _body_needed(node: ast.AST, lines: list) -> bool:
    """Conservatively (on the text: comments and strings count too) whether the body
    declares globals, calls `globals()` or decorates something."""
    start_line = _statement_start(node.body[0], lines)[0]
    text = "".join(lines[start_line - 1 : node.body[-1].end_lineno])
    return _BODY_NEEDED.search(text) is not None


def _needs_body(node: ast.AST) -> bool:
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return True
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return bool(node.decorator_list)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in ("globals", "setattr", "exec")
    return False




_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def nfkc_identifiers(text: str) -> str:
    """The text with every identifier in NFKC form, as CPython's parser reads them (`µ` and
    `μ` are one name, `ﬁle` is `file`); strings and comments are left as written. Columns
    after such an identifier shift when its normal form has another length."""
    if text.isascii():
        return text
    changes = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.NAME and not token.string.isascii():
                normal = unicodedata.normalize("NFKC", token.string)
                if normal != token.string:
                    changes.append((token.start, token.end, normal))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return text
    if not changes:
        return text
    lines = io.StringIO(text).readlines()  # the rows tokenize counted
    for (row, col), (_, end), normal in reversed(changes):
        line = lines[row - 1]
        lines[row - 1] = line[:col] + normal + line[end:]
    return "".join(lines)


def _decode(data: bytes) -> str:
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode("utf-8-sig" if encoding == "utf-8-sig" else encoding)


def _strip_bodies(lines: list, regions: list) -> list:
    """The lines with each region replaced by `pass` and blanks, every line break kept
    (columns are UTF-8 byte offsets, as CPython's tree gives them); `lines` itself when
    there is none (it is not changed). What follows a body on its last line (a comment)
    keeps its column; when nothing does, the line holds nothing of the body, not even its
    width: the text LibCST sees is the same whatever the body says, as long as its lines
    stay where they are (the language server relies on it: `unchanged_by`)."""
    if not regions:
        return lines
    lines = list(lines)
    for start_line, start_col, end_line, end_col in regions:
        first = lines[start_line - 1].encode("utf-8")
        last = lines[end_line - 1].encode("utf-8")
        after = last[end_col:]
        rest = after if after.strip() else _line_break(last)
        if start_line == end_line:
            width = max(end_col - start_col, 4) if after.strip() else 4
            lines[start_line - 1] = (first[:start_col] + b"pass".ljust(width) + rest).decode("utf-8")
            continue
        lines[start_line - 1] = (first[:start_col] + b"pass" + _line_break(first)).decode("utf-8")
        for i in range(start_line, end_line - 1):
            lines[i] = _line_break(lines[i].encode("utf-8")).decode("utf-8")
        lines[end_line - 1] = (b" " * end_col + after if after.strip() else rest).decode("utf-8")
    return lines


def _line_break(line: bytes) -> bytes:
    return line[len(line.rstrip(b"\r\n")):]
