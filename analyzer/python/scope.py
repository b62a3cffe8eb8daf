"""Scopes: where names are looked up and bound while code is interpreted, with CPython's
rules. A module scope is the module's namespace. A function scope (a call of a workspace
function, or a comprehension) has its own locals — the names the compiler makes local,
given by `syntax.CodeInfo` — and sees the scopes it is nested in; a class body's names are
not visible from the functions and comprehensions nested in it.
"""

from __future__ import annotations

from typing import Any, Optional

from dlt_manifest.python.values import ModuleObject

MODULE = "module"
CLASS = "class"
FUNCTION = "function"
COMPREHENSION = "comprehension"


class Scope:
    """`locals` holds the scope's bindings (the module's namespace for a module scope);
    `parent` is the lexically enclosing scope; `code` (function and comprehension scopes)
    says which names are local, global or nonlocal; `statement` is the module-level (or
    separately parsed) statement its code belongs to, for positions."""

    def __init__(
        self,
        module: ModuleObject,
        local: Optional[dict] = None,
        parent: Optional["Scope"] = None,
        kind: Optional[str] = None,
        code: Any = None,
        statement: Any = None,
    ):
        self.module = module
        self.locals = module.namespace if local is None else local
        self.parent = parent
        self.kind = kind or (MODULE if local is None else CLASS)
        self.code = code
        self._statement = statement
        # the `__qualname__` prefix of what is defined here (function scopes)
        self.qualname = "<locals>"
        # the class (stripped of leading underscores) whose body this code is in: `__x`
        # names are mangled to `_Class__x` by the compiler
        self.private: Optional[str] = parent.private if parent is not None and kind != MODULE else None
        self.function: Any = None  # the function a function scope runs (for `super()`)

    def mangle(self, name: str) -> str:
        """The name the compiler makes of `name` here (private name mangling)."""
        if self.private and name.startswith("__") and not name.endswith("__") and "." not in name:
            return f"_{self.private}{name}"
        return name

    @property
    def is_module(self) -> bool:
        return self.kind == MODULE

    @property
    def statement(self) -> Any:
        return self._statement if self._statement is not None else self.module.current_statement

    def child(self, local: dict, code: Any = None, name: str = "<listcomp>") -> "Scope":
        """A comprehension's scope (its own locals: the loop targets)."""
        scope = Scope(self.module, local, self, COMPREHENSION, code, self._statement)
        if self.kind == MODULE:
            scope.qualname = name
        elif self.kind == CLASS:
            scope.qualname = f"{self.locals.get('__qualname__', '')}.{name}"
        else:
            scope.qualname = f"{self.qualname}.{name}"
        return scope

    def is_local(self, name: str) -> bool:
        """In a function or comprehension scope: is `name` one of its own variables?"""
        code = self.code
        return code is not None and name in code.locals

    def binding_scope(self, name: str) -> "Scope":
        """The scope an assignment to `name` here binds in (`global`, `nonlocal`, a
        comprehension's walrus target)."""
        if self.kind in (MODULE, CLASS):
            return self
        code = self.code
        if code is not None and name in code.globals:
            return Scope(self.module)
        if code is not None and (name in code.nonlocals or (self.kind == COMPREHENSION and name not in code.locals)):
            enclosing = self.parent
            while enclosing is not None:
                if enclosing.kind == MODULE:
                    return enclosing
                if enclosing.kind != CLASS and enclosing.is_local(name):
                    return enclosing
                enclosing = enclosing.parent
            return Scope(self.module)
        return self

    def enclosing_functions(self):
        """The function and comprehension scopes this one is nested in, innermost first
        (class bodies are skipped: their names are not visible from nested code)."""
        current = self.parent
        while current is not None and current.kind != MODULE:
            if current.kind != CLASS:
                yield current
            current = current.parent


def qualified(name: str, scope: Scope) -> str:
    """The `__qualname__` of `name` defined in `scope`."""
    if scope.is_module:
        return name
    if scope.kind == CLASS:
        return f"{scope.locals.get('__qualname__', '')}.{name}".lstrip(".")
    return f"{scope.qualname}.{name}"
