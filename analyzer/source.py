"""Reading, screening and parsing one workspace file.

LibCST must not see some inputs first (DESIGN.md, "Bounded"): it crashes the process on
very deep expressions, aborts on huge files and accepts code CPython rejects. So a file is
read only if it is small enough, then screened with CPython's own parser (`ast.parse`
builds a tree and runs nothing), its nesting depth is measured on that tree, and only
then is it parsed with LibCST.
"""

from __future__ import annotations

import ast
from typing import Optional

import attrs
import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from analyzer.diagnostics import Site, Span

MAX_FILE_BYTES = 2 * 1024 * 1024
# LibCST 1.9 parses ~2,000-deep expressions; CPython's own parser gives up near 3,000.
MAX_NESTING = 1500


@attrs.define(eq=False)
class SourceFile:
    """A parsed workspace file. `module` is None when the file could not be parsed;
    `problem` then says why and `problem_span` where."""

    path: str  # absolute
    relpath: str  # workspace-relative, '/'-separated: what diagnostics print
    module: Optional[cst.Module] = None
    problem: Optional[str] = None
    problem_kind: Optional[str] = None  # "syntax" (CPython rejects it) or "limit" (we do)
    problem_span: Optional[Span] = None
    _positions: Optional[dict] = None

    def site(self, node: Optional[cst.CSTNode] = None) -> Site:
        return Site(self, node)

    def span_of(self, node: Optional[cst.CSTNode]) -> Span:
        if node is None or self.module is None:
            return self.problem_span or Span(self.relpath, 1, 1, 1, 1)
        if self._positions is None:
            wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
            self._positions = wrapper.resolve(PositionProvider)
        rng = self._positions.get(node)
        if rng is None:  # a node built by the analyzer, not the parser
            return Span(self.relpath, 1, 1, 1, 1)
        return Span(
            self.relpath, rng.start.line, rng.start.column + 1, rng.end.line, rng.end.column + 1
        )

    @property
    def docstring(self) -> Optional[str]:
        return docstring_of(self.module.body) if self.module is not None else None


def docstring_of(body) -> Optional[str]:
    """The docstring as CPython 3.11 stores it in `__doc__`: the first statement, when it is a
    plain string literal (implicit concatenation included, f-strings and bytes excluded)."""
    if not body:
        return None
    first = body[0]
    if not isinstance(first, cst.SimpleStatementLine) or not first.body:
        return None
    expr = first.body[0]
    if not isinstance(expr, cst.Expr):
        return None
    value = expr.value
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
        evaluated = value.evaluated_value
        return evaluated if isinstance(evaluated, str) else None
    return None


def load_source(path: str, relpath: str) -> SourceFile:
    source = SourceFile(path, relpath)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as ex:
        return _fail(source, "limit", f"cannot read file: {ex.strerror or ex}")
    if len(data) > MAX_FILE_BYTES:
        return _fail(
            source, "limit", f"file is larger than {MAX_FILE_BYTES // 1024} KiB; not analyzed"
        )
    try:
        tree = ast.parse(data, filename=relpath)
    except SyntaxError as ex:
        line = ex.lineno or 1
        col = ex.offset or 1
        return _fail(source, "syntax", f"{type(ex).__name__}: {ex.msg}", line, col)
    except (ValueError, RecursionError, MemoryError) as ex:
        # NUL bytes (ValueError) or nesting CPython itself cannot compile
        return _fail(source, "syntax", f"Python cannot parse this file: {type(ex).__name__}: {ex}")
    depth, deep_node = _max_depth(tree)
    if depth > MAX_NESTING:
        line = getattr(deep_node, "lineno", 1)
        col = getattr(deep_node, "col_offset", 0) + 1
        return _fail(
            source,
            "limit",
            f"expression nested {depth} levels deep (limit {MAX_NESTING}); file not analyzed",
            line,
            col,
        )
    try:
        source.module = cst.parse_module(data)
    except (cst.ParserSyntaxError, RecursionError, MemoryError) as ex:
        return _fail(source, "limit", f"the analyzer's parser cannot read this file: {ex}")
    return source


def _fail(source: SourceFile, kind: str, message: str, line: int = 1, col: int = 1) -> SourceFile:
    source.problem = message
    source.problem_kind = kind
    source.problem_span = Span(source.relpath, line, col, line, col)
    return source


def _max_depth(tree: ast.AST) -> tuple[int, ast.AST]:
    """Deepest nesting of the tree, walked iteratively (trees can be thousands deep)."""
    deepest, deepest_node = 0, tree
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest, deepest_node = depth, node
        for child in ast.iter_child_nodes(node):
            stack.append((child, depth + 1))
    return deepest, deepest_node
