"""Syntactic scans of code the analyzer does not interpret (loop bodies, undecidable
branches, bodies of functions called at import): what they bind, change in place, or do
to the module's namespace, so that those names become Unknown instead of stale."""

from __future__ import annotations

import libcst as cst
from dlt_manifest.source.literals import docstring_of


def dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{dotted(node.value)}.{node.attr.value}"
    raise ValueError(node)


def bindings(statements) -> list:
    """(name, node, is_job) for every name the statements bind at their own level."""
    out: list = []

    def targets(expr) -> None:
        if isinstance(expr, cst.Name):
            out.append((expr.value, expr, False))
        elif isinstance(expr, (cst.Tuple, cst.List)):
            for element in expr.elements:
                targets(element.value)
        elif isinstance(expr, cst.StarredElement):
            targets(expr.value)

    class Finder(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            is_job = bool(node.decorators)
            out.append((node.name.value, node.decorators[0].decorator if is_job else node.name, is_job))
            return False

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            out.append((node.name.value, node.name, False))
            return False

        def visit_Lambda(self, node) -> bool:
            return False

        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            targets(node.target)

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            if node.value is not None:
                targets(node.target)

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            targets(node.target)

        def visit_For(self, node: cst.For) -> None:
            targets(node.target)

        def visit_CompFor(self, node) -> bool:
            return False

        def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
            targets(node.target)

        def visit_WithItem(self, node: cst.WithItem) -> None:
            if node.asname is not None:
                targets(node.asname.name)

        def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
            if node.name is not None:
                targets(node.name.name)

        def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
            if node.asname is not None:
                targets(node.asname.name)
            else:
                top = dotted(node.name).split(".", 1)[0]
                out.append((top, node, False))

        def visit_MatchAs(self, node) -> None:
            if node.name is not None:
                targets(node.name)

        def visit_MatchStar(self, node) -> None:
            if node.name is not None:
                targets(node.name)

        def visit_MatchMapping(self, node) -> None:
            if node.rest is not None:
                targets(node.rest)

        def visit_Del(self, node) -> None:
            targets(node.target)

    for statement in statements:
        statement.visit(Finder())
    return out


# methods of lists, dicts and sets that change them in place
MUTATING_METHODS = frozenset(
    "append extend insert remove pop clear update setdefault add discard sort reverse "
    "popitem difference_update intersection_update symmetric_difference_update".split()
)


# --- what the compiler makes local ----------------------------------------------------------


class CodeInfo:
    """The names a function's (or comprehension's) code binds locally, and those it
    declares `global` / `nonlocal`, as CPython's symbol table decides them; and whether
    the function is a generator (its calls run nothing until iterated)."""

    __slots__ = ("locals", "globals", "nonlocals", "is_generator")

    def __init__(self, locals_: frozenset, globals_: frozenset, nonlocals: frozenset, is_generator: bool):
        self.locals = locals_
        self.globals = globals_
        self.nonlocals = nonlocals
        self.is_generator = is_generator


_CODE_INFO: dict = {}


def code_info(node: cst.CSTNode) -> CodeInfo:
    """For a `FunctionDef` or `Lambda` (cached per node)."""
    cached = _CODE_INFO.get(id(node))
    if cached is not None and cached[0] is node:
        return cached[1]
    params = node.params
    names: set = set()
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        names.add(param.name.value)
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            names.add(star.name.value)
    scan = _LocalScan()
    if isinstance(node, cst.Lambda):
        node.body.visit(scan)
    else:
        node.body.visit(scan)
    names |= scan.bound
    declared = scan.globals | scan.nonlocals
    info = CodeInfo(
        frozenset(names - declared), frozenset(scan.globals), frozenset(scan.nonlocals), scan.yields
    )
    _CODE_INFO[id(node)] = (node, info)
    return info


def comprehension_info(node: cst.CSTNode) -> CodeInfo:
    """A comprehension's own variables: the targets of its `for` clauses."""
    cached = _CODE_INFO.get(id(node))
    if cached is not None and cached[0] is node:
        return cached[1]
    names: set = set()
    clause = node.for_in
    while clause is not None:
        _target_names(clause.target, names)
        clause = clause.inner_for_in
    info = CodeInfo(frozenset(names), frozenset(), frozenset(), False)
    _CODE_INFO[id(node)] = (node, info)
    return info


def _target_names(expr, out: set) -> None:
    if isinstance(expr, cst.Name):
        out.add(expr.value)
    elif isinstance(expr, (cst.Tuple, cst.List)):
        for element in expr.elements:
            _target_names(element.value, out)
    elif isinstance(expr, cst.StarredElement):
        _target_names(expr.value, out)


class _LocalScan(cst.CSTVisitor):
    """Names bound in a function body at its own level (nested functions, classes and
    lambdas are their own scopes; a comprehension's targets are its own, but its walrus
    targets bind here)."""

    def __init__(self):
        self.bound: set = set()
        self.globals: set = set()
        self.nonlocals: set = set()
        self.yields = False

    def visit_FunctionDef(self, node) -> bool:
        self.bound.add(node.name.value)
        for decorator in node.decorators:
            decorator.visit(self)
        return False

    def visit_ClassDef(self, node) -> bool:
        self.bound.add(node.name.value)
        for decorator in node.decorators:
            decorator.visit(self)
        return False

    def visit_Lambda(self, node) -> bool:
        return False

    def visit_Global(self, node) -> None:
        self.globals.update(item.name.value for item in node.names)

    def visit_Nonlocal(self, node) -> None:
        self.nonlocals.update(item.name.value for item in node.names)

    def visit_AssignTarget(self, node) -> None:
        _target_names(node.target, self.bound)

    def visit_AnnAssign(self, node) -> None:
        _target_names(node.target, self.bound)

    def visit_AugAssign(self, node) -> None:
        _target_names(node.target, self.bound)

    def visit_For(self, node) -> None:
        _target_names(node.target, self.bound)

    def visit_CompFor(self, node) -> None:
        pass  # the comprehension's own targets; its walrus targets are found below

    def visit_NamedExpr(self, node) -> None:
        _target_names(node.target, self.bound)

    def visit_WithItem(self, node) -> None:
        if node.asname is not None:
            _target_names(node.asname.name, self.bound)

    def visit_ExceptHandler(self, node) -> None:
        if node.name is not None:
            _target_names(node.name.name, self.bound)

    def visit_ExceptStarHandler(self, node) -> None:
        if node.name is not None:
            _target_names(node.name.name, self.bound)

    def visit_Del(self, node) -> None:
        _target_names(node.target, self.bound)

    def visit_ImportAlias(self, node) -> None:
        if node.asname is not None:
            _target_names(node.asname.name, self.bound)
        else:
            self.bound.add(dotted(node.name).split(".", 1)[0])

    def visit_MatchAs(self, node) -> None:
        if node.name is not None:
            self.bound.add(node.name.value)

    def visit_MatchStar(self, node) -> None:
        if node.name is not None:
            self.bound.add(node.name.value)

    def visit_MatchMapping(self, node) -> None:
        if node.rest is not None:
            self.bound.add(node.rest.value)

    def visit_Yield(self, node) -> None:
        self.yields = True

    def visit_Await(self, node) -> None:
        pass


# --- what code may do, when it is not followed ------------------------------------------------

_NAMESPACE_FUNCTIONS = frozenset(["globals", "vars", "locals", "setattr", "delattr", "exec", "eval", "__import__"])


class RegionScan(cst.CSTVisitor):
    """One pass over code the analyzer does not follow (statements or an expression): the
    calls it makes, the objects it changes in place (the expressions whose value changes:
    `x` in `x.append(1)`, `x[k] = v`, `x.a = v`, `del x[k]`), what it does to namespaces
    (`globals()`, `setattr`, `exec`, `__dict__`, ...), and how it may transfer control
    (`return`, `raise`, `break`, `continue`, `yield`). Function and lambda bodies are not
    run where they are defined: only their decorators and defaults are scanned."""

    def __init__(self):
        self.calls: list = []  # cst.Call nodes
        self.changed: list = []  # (expression whose value is changed, node)
        self.namespace: list = []  # nodes that read or write a namespace as a whole
        self.flow: set = set()
        self._loops = 0

    @classmethod
    def of(cls, nodes) -> "RegionScan":
        scan = cls()
        for node in nodes:
            node.visit(scan)
        return scan

    # scopes that do not run here
    def visit_FunctionDef(self, node) -> bool:
        for decorator in node.decorators:
            decorator.visit(self)
        node.params.visit(self)
        return False

    def visit_Lambda(self, node) -> bool:
        node.params.visit(self)
        return False

    # control flow
    def visit_For(self, node) -> None:
        self._loops += 1

    def leave_For(self, node) -> None:
        self._loops -= 1

    def visit_While(self, node) -> None:
        self._loops += 1

    def leave_While(self, node) -> None:
        self._loops -= 1

    def visit_Return(self, node) -> None:
        self.flow.add("return")

    def visit_Raise(self, node) -> None:
        self.flow.add("raise")

    def visit_Assert(self, node) -> None:
        self.flow.add("raise")

    def visit_Yield(self, node) -> None:
        self.flow.add("yield")

    def visit_Break(self, node) -> None:
        if not self._loops:
            self.flow.add("break")

    def visit_Continue(self, node) -> None:
        if not self._loops:
            self.flow.add("continue")

    # changes in place
    def visit_AssignTarget(self, node) -> None:
        self._changed_target(node.target)

    def visit_AnnAssign(self, node) -> None:
        if node.value is not None:
            self._changed_target(node.target)

    def visit_AugAssign(self, node) -> None:
        self._changed_target(node.target)

    def visit_Del(self, node) -> None:
        self._changed_target(node.target)

    def _changed_target(self, target) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._changed_target(element.value)
        elif isinstance(target, cst.StarredElement):
            self._changed_target(target.value)
        elif isinstance(target, (cst.Subscript, cst.Attribute)):
            self.changed.append((target.value, target))

    def visit_Call(self, node) -> None:
        self.calls.append(node)
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in MUTATING_METHODS:
            self.changed.append((func.value, node))
        if isinstance(func, cst.Name) and func.value in _NAMESPACE_FUNCTIONS:
            self.namespace.append(node)

    def visit_Attribute(self, node) -> None:
        name = node.attr.value
        if name in ("__dict__", "__globals__", "__closure__", "__code__", "__builtins__") or (
            name == "modules" and isinstance(node.value, cst.Name) and node.value.value == "sys"
        ):
            self.namespace.append(node)


def assigned_sources(nodes, name: str) -> list:
    """The expressions whose values the code may bind to `name`: right-hand sides of
    assignments (the whole value, for unpacking), iterables of `for` loops, context
    managers of `with ... as`, walrus values."""
    out: list = []

    def binds(target) -> bool:
        found: set = set()
        _target_names(target, found)
        return name in found

    class Finder(cst.CSTVisitor):
        def visit_FunctionDef(self, node) -> bool:
            return False

        def visit_Lambda(self, node) -> bool:
            return False

        def visit_Assign(self, node) -> None:
            if any(binds(t.target) for t in node.targets):
                out.append(node.value)

        def visit_AnnAssign(self, node) -> None:
            if node.value is not None and binds(node.target):
                out.append(node.value)

        def visit_AugAssign(self, node) -> None:
            if binds(node.target):
                out.append(node.target)  # `x += y` keeps x's object (lists) or rebinds it
                out.append(node.value)

        def visit_For(self, node) -> None:
            if binds(node.target):
                out.append(node.iter)

        def visit_CompFor(self, node) -> None:
            if binds(node.target):
                out.append(node.iter)

        def visit_WithItem(self, node) -> None:
            if node.asname is not None and binds(node.asname.name):
                out.append(node.item)

        def visit_NamedExpr(self, node) -> None:
            if binds(node.target):
                out.append(node.value)

    for node in nodes:
        node.visit(Finder())
    return out


def block(body: cst.BaseSuite) -> list:
    """The statements of a suite (an indented block, or `a; b` after the colon)."""
    if isinstance(body, cst.IndentedBlock):
        return list(body.body)
    return [cst.SimpleStatementLine(body=list(body.body))]


def body_docstring(body: cst.BaseSuite):
    """The docstring of a def's or class's body, as CPython stores it."""
    return docstring_of(block(body))
