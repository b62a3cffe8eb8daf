"""Syntactic scans of code the analyzer does not interpret (loop bodies, undecidable
branches, bodies of functions called at import): what they bind, change in place, or do
to the module's namespace, so that those names become Unknown instead of stale."""

from __future__ import annotations

from typing import Optional

import libcst as cst


def dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{dotted(node.value)}.{node.attr.value}"
    raise ValueError(node)


def defines_jobs(node: cst.FunctionDef, decorator_names) -> bool:
    """Does the body apply a decorator named like one of `decorator_names`? (for messages)"""
    found = False

    class Finder(cst.CSTVisitor):
        def visit_Decorator(self, deco: cst.Decorator) -> None:
            nonlocal found
            target = deco.decorator.func if isinstance(deco.decorator, cst.Call) else deco.decorator
            name = target.attr.value if isinstance(target, cst.Attribute) else getattr(target, "value", "")
            if name in decorator_names:
                found = True

    node.body.visit(Finder())
    return found


def global_declarations(node: cst.FunctionDef) -> list:
    names: list = []

    class Finder(cst.CSTVisitor):
        def visit_Global(self, g: cst.Global) -> None:
            names.extend(item.name.value for item in g.names)

        def visit_FunctionDef(self, inner: cst.FunctionDef) -> bool:
            return inner is node

        def visit_ClassDef(self, inner: cst.ClassDef) -> bool:
            return False

    node.visit(Finder())
    return names


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

    for statement in statements:
        statement.visit(Finder())
    return out


# methods of lists, dicts and sets that change them in place
MUTATING_METHODS = frozenset(
    "append extend insert remove pop clear update setdefault add discard sort reverse "
    "popitem difference_update intersection_update symmetric_difference_update".split()
)


def mutations(statements) -> list:
    """(name, node) for names whose value the statements change in place."""
    out: list = []

    def base_name(expr) -> Optional[str]:
        while isinstance(expr, (cst.Subscript, cst.Attribute)):
            expr = expr.value
        return expr.value if isinstance(expr, cst.Name) else None

    class Finder(cst.CSTVisitor):
        def visit_FunctionDef(self, node) -> bool:
            return False

        def visit_ClassDef(self, node) -> bool:
            return False

        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            if isinstance(node.target, (cst.Subscript, cst.Attribute)):
                name = base_name(node.target)
                if name:
                    out.append((name, node.target))

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            name = base_name(node.target)
            if name:
                out.append((name, node.target))

        def visit_Call(self, node: cst.Call) -> None:
            if isinstance(node.func, cst.Attribute) and node.func.attr.value in MUTATING_METHODS:
                name = base_name(node.func.value)
                if name:
                    out.append((name, node))

    for statement in statements:
        statement.visit(Finder())
    return out


def globals_calls(statements) -> list:
    out: list = []

    class Finder(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            if isinstance(node.func, cst.Name) and node.func.value in ("globals", "setattr", "exec"):
                out.append(node)

        def visit_FunctionDef(self, node) -> bool:
            return False

    for statement in statements:
        statement.visit(Finder())
    return out


