"""What code the analyzer does not follow may do, made Unknown ("tainted").

Code is not followed when its control flow depends on a value not known statically (a
branch, a loop over an unknown iterable), when a call cannot be interpreted (a generator,
a body too large), or when a budget runs out. Soundness requires that everything such code
may change becomes Unknown, so no stale value reaches the manifest:

- names it binds (in the scope it runs in, or where `global` / `nonlocal` send them);
- objects it changes in place (`x.append(...)`, `x[k] = v`, `x.a = v`, `del x[k]`),
  with everything reachable from them, including objects a local variable may alias;
- what the functions it calls may do, followed through their bodies; an installed
  library's function may change the objects passed to it (and only those);
- a call of a callable that cannot be resolved, `exec`/`eval`, or a change the analysis
  cannot bound taints everything (`taint_everything`).

A part of `interpreter.Interpreter`.
"""

from __future__ import annotations

from typing import Any

import libcst as cst
from dlt_manifest.python import classes, syntax
from dlt_manifest.python.scope import FUNCTION, MODULE, Scope
from dlt_manifest.python.values import (
    Class,
    External,
    ExternalModule,
    Function,
    LibraryObject,
    Modeled,
    ModuleObject,
    Unknown,
    is_poison,
)

DYNAMIC_NAMESPACE = "DM903"
DYNAMIC_JOB = "DM902"
MAX_TAINTED = 200_000  # objects a single taint may reach before everything is tainted

_UNRESOLVED = object()
# what a parameter of a callback is bound to while its effects are scanned
_ANY_ARGUMENT = Unknown("an argument of a call that is not followed", None)
# callables that build a new object: a local variable assigned from them aliases nothing
_FRESH_CALLS = frozenset(
    "list dict set tuple frozenset str int float bool bytes sorted reversed range enumerate"
    " zip len repr format".split()
)


class Effects:
    """Tainting what unfollowed code may change (a part of `interpreter.Interpreter`)."""

    def taint_code(self, code: Any, scope: Scope, unknown: Unknown) -> frozenset:
        """Everything `code` (a list of statements, or one node) may do in `scope` becomes
        Unknown. Returns how it may transfer control (`syntax.RegionScan.flow`)."""
        nodes = code if isinstance(code, list) else [code]
        return self._taint_region(nodes, scope, unknown, set(), own=True)

    def _taint_region(self, nodes: list, scope: Scope, unknown: Unknown, seen: set, own: bool) -> frozenset:
        """`own`: the code is in `scope` itself (sites point into it); else it is the body
        of a function it may call (sites point at `unknown`'s site, the call)."""
        scan = syntax.RegionScan.of(nodes)
        bound = syntax.bindings(nodes)
        bound_names = {name for name, _, _ in bound}
        makes_jobs = any(is_job for _, _, is_job in bound)
        what = f"jobs created dynamically ({unknown.reason})" if makes_jobs else (
            f"code that is not evaluated statically ({unknown.reason})"
        )
        # objects changed in place: resolved before the names the code rebinds are tainted
        for expr, node in scan.changed:
            changed = Unknown(
                f"the value is changed in place: {what}; such changes are not followed statically",
                self.site(scope, node) if own else unknown.site,
                DYNAMIC_JOB if makes_jobs else DYNAMIC_NAMESPACE,
                may_be_job=True,
            )
            self._taint_changed(expr, scope, nodes, bound_names, changed, seen)
        for call in scan.calls:
            self._taint_call(call, scope, unknown, seen)
        for node in scan.namespace:
            self._taint_namespace(node, scope, unknown)
        for name, node, is_job in bound:
            site = self.site(scope, node) if own else unknown.site
            reason = f"job created dynamically: {unknown.reason}" if is_job else unknown.reason
            code = DYNAMIC_JOB if is_job else unknown.code
            may_be_job = is_job or isinstance(node, cst.ImportAlias) or not own
            self.bind(scope, name, Unknown(reason, site, code, may_be_job=may_be_job), None)
        return frozenset(scan.flow)

    # --- objects changed in place --------------------------------------------------------

    def _taint_changed(self, expr, scope: Scope, nodes: list, bound_names: set, unknown: Unknown, seen: set) -> None:
        base = expr
        while isinstance(base, (cst.Attribute, cst.Subscript)):
            base = base.value
        if isinstance(base, cst.Name) and base.value in bound_names:
            # the code rebinds this name before it may change it: whatever it may alias
            self._taint_aliases(base.value, nodes, scope, unknown)
        value = self._resolve(expr, scope)
        if value is _UNRESOLVED and isinstance(base, cst.Name):
            value = self._resolve(base, scope)
            if value is _ANY_ARGUMENT:
                self.taint_everything(unknown)  # a parameter given who knows what
                return
            if value is _UNRESOLVED and scope.kind == FUNCTION and scope.is_local(base.value):
                return  # a parameter (its arguments are tainted by the caller) or a local
        if value is _UNRESOLVED:
            self.taint_everything(unknown)
            return
        self.taint_value(value, unknown)

    def _taint_aliases(self, name: str, nodes: list, scope: Scope, unknown: Unknown) -> None:
        """`name` is bound by the code: taint what each value assigned to it may be."""
        for source in syntax.assigned_sources(nodes, name):
            if _is_fresh(source):
                continue
            value = self._resolve(source, scope)
            if value is _UNRESOLVED:
                self.taint_everything(unknown)
                return
            self.taint_value(value, unknown)

    # --- calls -----------------------------------------------------------------------------

    def _taint_call(self, call: cst.Call, scope: Scope, unknown: Unknown, seen: set) -> None:
        callee = self._resolve(call.func, scope)
        args = [(arg.value, self._resolve(arg.value, scope)) for arg in call.args]
        for _, value in args:
            if isinstance(value, (Function, Class)):
                self._taint_callable(value, unknown, seen, arguments_known=False)
        if callee is _UNRESOLVED:
            if isinstance(call.func, cst.Attribute):
                owner = self._resolve(call.func.value, scope)
                if owner is not _UNRESOLVED and _is_data(owner):
                    return  # a method of plain data (its changes in place are in `changed`)
                root = self._resolve(_root(call.func.value), scope)
                if isinstance(root, (External, ExternalModule, Modeled)) or (root is not _UNRESOLVED and _is_data(root)):
                    callee = External("a method of a library's value", unknown.site)
                else:
                    # a method of an object not known: any workspace function of that name
                    for fn in self._functions_named(call.func.attr.value):
                        self._taint_callable(fn, unknown, seen, arguments_known=False)
                    callee = External("a method of a value not known", unknown.site)
            if callee is _UNRESOLVED:
                self.taint_everything(unknown)
                return
        if isinstance(callee, Modeled):
            if callee.key in ("builtins.exec", "builtins.eval", "builtins.__import__"):
                self.taint_everything(unknown)
            return  # modeled callables change nothing they are given, but for methods of
            # lists, dicts and sets (found in `changed`)
        if isinstance(callee, (Function, Class)):
            self._taint_callable(callee, unknown, seen, arguments_known=True)
        elif not isinstance(callee, External):
            return  # a library object (its own model), or not callable at all
        for expr, value in args:  # the callee may change what it is given
            if value is not _UNRESOLVED:
                self.taint_value(value, unknown)
            elif _may_alias(expr):
                self.taint_everything(unknown)
                return

    def _functions_named(self, name: str) -> list:
        """Every workspace function that a method call `.name(...)` may reach: functions
        of that name, and functions bound to that name in a module, class or instance."""
        found: list = []
        seen: set = set()
        stack = [m.namespace for m in self.modules.values()]
        while stack:
            namespace = stack.pop()
            if id(namespace) in seen:
                continue
            seen.add(id(namespace))
            for key, value in list(namespace.items()):
                if isinstance(value, Function) and (key == name or value.name == name):
                    found.append(value)
                elif isinstance(value, Class):
                    stack.append(value.namespace)
                elif _is_instance(value):
                    stack.append(value.attributes)
        return found

    def _taint_callable(self, value: Any, unknown: Unknown, seen: set, arguments_known: bool) -> None:
        """What calling a workspace function (or making an instance of a workspace
        class: any of its methods may run) may change. With `arguments_known`, the caller
        taints the arguments; else a parameter changed in place may be anything."""
        functions = [value] if isinstance(value, Function) else _methods(value)
        for fn in functions:
            if (id(fn), arguments_known) in seen:
                continue
            seen.add((id(fn), arguments_known))
            found = self.function_node(fn)
            if isinstance(found, str):
                self.taint_everything(unknown)
                return
            node, statement = found
            info = syntax.code_info(node)
            argument = unknown if arguments_known else _ANY_ARGUMENT
            params = {p.name: argument for p in fn.params}
            scope = Scope(fn.module, params, fn.closure, FUNCTION, info, statement)
            body = [node.body] if isinstance(node, cst.Lambda) else syntax.block(node.body)
            self._taint_region(body, scope, unknown, seen, own=False)

    # --- namespaces ------------------------------------------------------------------------

    def _taint_namespace(self, node, scope: Scope, unknown: Unknown) -> None:
        if isinstance(node, cst.Call):
            name = node.func.value
            if name in ("exec", "eval", "__import__"):
                self.taint_everything(unknown)
                return
            if name in ("setattr", "delattr") and node.args:
                target = self._resolve(node.args[0].value, scope)
                if target is _UNRESOLVED:
                    self.taint_everything(unknown)
                elif isinstance(target, ModuleObject):
                    self.open_namespace(target, unknown.site, f"`{name}()` on the module in code that is not followed")
                else:
                    self.taint_value(target, unknown, direct=True)
                return
            if name == "locals" and scope.kind != MODULE:
                return
            if name == "vars" and node.args:
                target = self._resolve(node.args[0].value, scope)
                if target is not _UNRESOLVED and not isinstance(target, ModuleObject):
                    self.taint_value(target, unknown, direct=True)
                    return
        elif isinstance(node, cst.Attribute) and node.attr.value == "__dict__":
            target = self._resolve(node.value, scope)
            if target is not _UNRESOLVED and not isinstance(target, ModuleObject):
                self.taint_value(target, unknown, direct=True)
                return
        self.open_namespace(scope.module, unknown.site, "code that is not followed uses the module's namespace")

    # --- values ------------------------------------------------------------------------------

    def taint_value(self, value: Any, unknown: Unknown, direct: bool = True) -> None:
        """`value`, and every mutable object reachable from it, may be changed. Functions
        and library objects count only when changed directly (not through a container);
        a module changed directly has names that are not known."""
        stack = [(value, direct)]
        reached = 0
        visited: set = set()
        self.taint_markers[id(unknown)] = unknown
        while stack:
            item, is_direct = stack.pop()
            if id(item) in visited:
                continue
            visited.add(id(item))
            reached += 1
            if reached > MAX_TAINTED:
                self.taint_everything(unknown)
                return
            owner = self.namespace_owner(item) if isinstance(item, dict) else None
            if owner is not None:  # `globals()` or `vars(module)`: the module itself
                item = owner
                is_direct = True
            elif isinstance(item, (list, dict, set)):
                self._taint(item, unknown)
            if isinstance(item, dict):
                stack.extend((v, False) for v in item.values())
                stack.extend((k, False) for k in item.keys())
            elif isinstance(item, (list, tuple, set, frozenset)):
                stack.extend((v, False) for v in item)
            elif isinstance(item, Class):
                self._taint(item, unknown)
                stack.extend((v, False) for v in item.namespace.values())
            elif _is_instance(item):
                self._taint(item, unknown)
                stack.extend((v, False) for v in item.attributes.values())
            elif isinstance(item, Function):
                if is_direct:
                    self._taint(item, unknown)
                stack.extend((p.default, False) for p in item.params)
            elif isinstance(item, ModuleObject):
                if is_direct:
                    self.open_namespace(item, unknown.site, "the module is changed by code that is not followed")
                    for name in list(item.namespace):
                        if not name.startswith("__"):
                            item.namespace[name] = unknown
            elif isinstance(item, LibraryObject) and is_direct:
                self.note_object_mutation(item, unknown.site)

    def _taint(self, item: Any, unknown: Unknown) -> None:
        self.tainted[id(item)] = (item, unknown)
        if self.reuse is not None:
            self.reuse.taint(item, unknown)

    def taint_everything(self, unknown: Unknown) -> None:
        """Code that may do anything workspace code can: every module's names and
        objects, and the variables of every enclosing function, become Unknown."""
        if self.everything_tainted is not None:
            return
        self.everything_tainted = unknown
        for module in list(self.modules.values()):
            self.open_namespace(module, unknown.site, f"code that is not followed may change it ({unknown.reason})")
            for name, value in list(module.namespace.items()):
                if not name.startswith("__") or name == "__all__":
                    if isinstance(value, (Function, Class, ModuleObject, ExternalModule)):
                        self.taint_value(value, unknown, direct=False)
                    else:
                        module.namespace[name] = unknown
        for scope in self.closures:
            for name in list(scope.locals):
                scope.locals[name] = unknown

    # --- resolving without running anything -------------------------------------------------

    def static_attribute(self, owner: Any, name: str) -> Any:
        """`owner.name` where finding it runs no workspace code; `_UNRESOLVED` else."""
        if isinstance(owner, ModuleObject):
            return owner.namespace.get(name, _UNRESOLVED)
        if isinstance(owner, Class):
            found, value = classes.lookup(owner, name)
            return value if isinstance(found, Class) else _UNRESOLVED
        if _is_instance(owner):
            if name in owner.attributes:
                return owner.attributes[name]
            found, value = classes.lookup(owner.cls, name)
            return value if isinstance(found, Class) and not isinstance(value, Function) else _UNRESOLVED
        if is_poison(owner):
            return _UNRESOLVED
        return self.get_attribute(owner, name, None)

    def _resolve(self, expr, scope: Scope) -> Any:
        """The current value of a name, attribute or constant subscript, found without
        running any code; `_UNRESOLVED` otherwise."""
        if isinstance(expr, cst.Name):
            value = self.lookup(expr.value, scope, None)
        elif isinstance(expr, cst.Attribute):
            owner = self._resolve(expr.value, scope)
            if owner is _UNRESOLVED:
                return _UNRESOLVED
            value = self.static_attribute(owner, expr.attr.value)
        elif isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
            owner = self._resolve(expr.value, scope)
            index = expr.slice[0].slice
            if owner is _UNRESOLVED or not isinstance(index, cst.Index):
                return _UNRESOLVED
            key = _constant(index.value)
            if key is _UNRESOLVED or not isinstance(owner, (list, tuple, dict)):
                return _UNRESOLVED
            try:
                value = owner[key]
            except (KeyError, IndexError, TypeError):
                return _UNRESOLVED
        else:
            return _UNRESOLVED
        if value is _ANY_ARGUMENT:
            return value
        return _UNRESOLVED if is_poison(value) else value


def _root(expr):
    """The name (or other expression) an attribute / subscript / call chain starts from."""
    while isinstance(expr, (cst.Attribute, cst.Subscript, cst.Call)):
        expr = expr.func if isinstance(expr, cst.Call) else expr.value
    return expr


def _constant(node) -> Any:
    if isinstance(node, cst.Integer):
        return node.evaluated_value
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else _UNRESOLVED
    return _UNRESOLVED


def _is_fresh(expr) -> bool:
    """Does this expression make a new object (so a name bound to it aliases nothing)?"""
    if isinstance(expr, (cst.List, cst.Dict, cst.Set, cst.ListComp, cst.DictComp, cst.SetComp,
                         cst.SimpleString, cst.FormattedString, cst.ConcatenatedString,
                         cst.Integer, cst.Float, cst.Imaginary, cst.Tuple)):  # fmt: skip
        if isinstance(expr, cst.Tuple):
            return all(_is_fresh(e.value) or isinstance(e.value, cst.Name) for e in expr.elements)
        return True
    if isinstance(expr, cst.Name) and expr.value in ("None", "True", "False"):
        return True
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name):
        return expr.func.value in _FRESH_CALLS
    return isinstance(expr, (cst.BinaryOperation, cst.UnaryOperation, cst.Comparison, cst.BooleanOperation))


def _may_alias(expr) -> bool:
    """An argument expression that may evaluate to an existing object of the workspace."""
    return not _is_fresh(expr) and not isinstance(expr, (cst.Lambda,))


def _is_data(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool, bytes, type(None), list, tuple, dict, set, frozenset)) or (
        type(value).__module__ == "datetime"
    )


def _is_instance(value: Any) -> bool:
    return getattr(value, "is_instance", False) is True


def _methods(cls: Any) -> list:
    out = []
    for klass in getattr(cls, "mro", None) or [cls]:
        if isinstance(klass, Class):
            out.extend(v for v in klass.namespace.values() if isinstance(v, Function))
    return out

