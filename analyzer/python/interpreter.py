"""Abstract interpretation of module top-level code, in the order the runtime imports it.

`__deployment__` is "imported" the way CPython would: its top-level statements run in
order, an `import` of a workspace module interprets that module once (circular imports
see the partial module), an installed module is an `ExternalModule`. Function bodies are
never interpreted. Control flow the analyzer cannot decide (loops, conditions on unknown
values) binds the affected names to `Unknown` instead of guessing.

Where the runtime raises, `fail()` records it (the rules report it) and interpretation
goes on, so that one run shows every problem.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

import libcst as cst
from dlt_manifest.python import builtins, modules
from dlt_manifest.python.evaluate import Call, Evaluator
from dlt_manifest.python.imports import ImportSystem
from dlt_manifest.python.operators import AUGMENTED
from dlt_manifest.python.scope import Scope
from dlt_manifest.python.syntax import (
    bindings,
    global_declarations,
    globals_calls,
    mutations,
)
from dlt_manifest.python.values import (
    NO_ANNOTATION,
    NO_DEFAULT,
    Class,
    External,
    Function,
    Modeled,
    ModuleObject,
    Param,
    Raised,
    Unknown,
    describe,
    is_poison,
)
from dlt_manifest.source.literals import clean_docstring, docstring_of
from dlt_manifest.source.span import Site
from dlt_manifest.source.workspace import DEPLOYMENT_MODULE, ModuleLocation, Workspace

RAISES = "DM411"
NOT_STATIC = "DM901"
DYNAMIC_JOB = "DM902"
DYNAMIC_NAMESPACE = "DM903"
LIMIT = "DM904"


class Interpreter(ImportSystem, Evaluator):
    def __init__(self, workspace: Workspace, python_version: tuple = (3, 11)):
        self.workspace = workspace
        # Python 3.13+ dedents docstrings at compile time: descriptions depend on it
        self.python_version = tuple(python_version)[:2]
        self.clean_docstrings = self.python_version >= (3, 13)
        self.modules: dict[str, ModuleObject] = {}  # sys.modules, for workspace modules
        self.loaded_external: set[str] = set(modules.PRELOADED_MODULES)
        self.failures: list[Raised] = []  # where the runtime raises
        self.notices: list[Unknown] = []  # unknowns reported even if unused (limits)
        self._failure_ids: set[int] = set()
        self._collectors: list[list] = []  # innermost `try` body collects its failures
        self.tainted: dict[int, tuple[Any, Unknown]] = {}  # containers changed in place
        self.unmodeled_imports: list = []  # installed modules imported that are not modeled
        self.mutated_objects: dict[int, Site] = {}  # library objects changed by code

    # --- results ------------------------------------------------------------------------

    def fail(self, raised: Raised) -> None:
        if id(raised) in self._failure_ids:
            return
        self._failure_ids.add(id(raised))
        if self._collectors:
            self._collectors[-1].append(raised)
        else:
            self.failures.append(raised)

    def _doc(self, doc: Optional[str]) -> Optional[str]:
        return clean_docstring(doc) if doc is not None and self.clean_docstrings else doc

    def describe(self, value: Any) -> str:
        return describe(value)

    def taint_of(self, value: Any) -> Optional[Unknown]:
        entry = self.tainted.get(id(value))
        return entry[1] if entry is not None and entry[0] is value else None

    def eval(self, node: cst.BaseExpression, scope: Scope) -> Any:
        return self.read(super().eval(node, scope))

    def read(self, value: Any) -> Any:
        """The value, or the Unknown of a container that code changed in place."""
        if isinstance(value, (list, dict, set)) and self.tainted:
            taint = self.taint_of(value)
            if taint is not None:
                return taint
        return value

    def note_mutation(self, obj: Any, site: Site, what: str, code: str = DYNAMIC_NAMESPACE) -> None:
        if isinstance(obj, Modeled) and obj.key == "globals-dict":
            self._open_namespace(obj.bound, site, f"`globals()` is changed by {what}")
            return
        if isinstance(obj, (list, dict, set)):
            self.tainted[id(obj)] = (
                obj,
                Unknown(
                    f"the value is changed in place: {what}; such changes are not followed"
                    " statically",
                    site,
                    code,
                    may_be_job=True,
                ),
            )

    def changes_all(self, obj: Any, site: Site, what: str) -> bool:
        """In-place changes of a module's `__all__` are not followed (the names deployed
        would be decided by code): it becomes Unknown."""
        if any(m.namespace.get("__all__") is obj for m in self.modules.values()):
            self.note_mutation(obj, site, f"`__all__`, changed by {what}")
            return True
        return False

    def note_object_mutation(self, obj: Any, site: Site) -> None:
        """A library object is changed in a way its model does not follow."""
        self.mutated_objects[id(obj)] = site

    def unknown_call_effects(self, callee: Any, args: list, kwargs: dict, site: Site) -> None:
        """A call the analyzer does not follow may change its arguments in place, and a
        workspace function may rebind globals."""
        for value in list(args) + list(kwargs.values()):
            if isinstance(value, (list, dict, set)):
                self.note_mutation(value, site, f"the call to {describe(callee)}")
            elif isinstance(value, Modeled) and value.key == "globals-dict":
                self._open_namespace(value.bound, site, "`globals()` is passed to a call")
        if isinstance(callee, Function) and callee.node is not None:
            for name in global_declarations(callee.node):
                callee.module.namespace[name] = Unknown(
                    f"`{name}` may be rebound by `{callee.name}()` (declared global there)",
                    site,
                    may_be_job=True,
                )
            if globals_calls([callee.node.body]):
                self._open_namespace(
                    callee.module, site, f"`{callee.name}()` changes module names through `globals()`"
                )

    def _open_namespace(self, module: ModuleObject, site: Site, reason: str) -> None:
        module.open_namespace = module.open_namespace or Unknown(
            f"{reason}: names of module `{module.name}` are not known statically",
            site,
            DYNAMIC_NAMESPACE,
            may_be_job=True,
        )

    # --- modules --------------------------------------------------------------------------

    def run_deployment(self) -> ModuleObject:
        location = ModuleLocation(DEPLOYMENT_MODULE, self.workspace.deployment_path, None)
        module = self._new_module(DEPLOYMENT_MODULE, location)
        self._execute(module)
        return module

    def _execute(self, module: ModuleObject) -> None:
        module.state = "running"
        source = module.source
        if source is not None:
            if source.module is None:
                self._unparsable(module)
            else:
                scope = Scope(module)
                for statement in source.module.body:
                    module.current_statement = statement
                    self.exec_statement(statement, scope)
        module.state = "done"

    # --- statements -----------------------------------------------------------------------

    def exec_block(self, statements: Iterable[cst.CSTNode], scope: Scope) -> bool:
        """Runs statements in order; returns False when one is not fully known. Inside a
        `try` body, stops at the first statement that raises."""
        certain = True
        for statement in statements:
            collector = self._collectors[-1] if self._collectors else None
            before = len(collector) if collector is not None else 0
            if not self.exec_statement(statement, scope):
                certain = False
            if collector is not None and len(collector) > before:
                return False
        return certain

    def exec_statement(self, node: cst.CSTNode, scope: Scope) -> bool:
        if isinstance(node, cst.SimpleStatementLine):
            certain = True
            for small in node.body:
                if not self._exec_small(small, scope):
                    certain = False
            return certain
        method = _COMPOUND.get(type(node))
        if method is None:
            return self._not_executed(node, scope, f"a `{type(node).__name__}` statement")
        return method(self, node, scope)

    def _exec_small(self, node: cst.CSTNode, scope: Scope) -> bool:
        site = self.site(scope, node)
        if isinstance(node, cst.Expr):
            return self._settle(self.eval(node.value, scope))
        if isinstance(node, cst.Assign):
            value = self.eval(node.value, scope)
            if isinstance(value, Raised):
                self.fail(value)
            for target in node.targets:
                self._assign(target.target, value, scope, node.value)
            return _known(value)
        if isinstance(node, cst.AnnAssign):
            if scope.is_module is False and isinstance(node.target, cst.Name):
                annotation = self._annotation(node.annotation, scope)
                scope.locals.setdefault("__annotations__", {})[node.target.value] = annotation
            if node.value is None:
                return True
            value = self.eval(node.value, scope)
            if isinstance(value, Raised):
                self.fail(value)
            self._assign(node.target, value, scope, node.value)
            return _known(value)
        if isinstance(node, cst.AugAssign):
            return self._aug_assign(node, scope)
        if isinstance(node, cst.Import):
            return self._import(node, scope)
        if isinstance(node, cst.ImportFrom):
            return self._import_from(node, scope)
        if isinstance(node, cst.Del):
            self._delete(node.target, scope)
            return True
        if isinstance(node, (cst.Pass, cst.Global, cst.Nonlocal)):
            return True
        if isinstance(node, cst.Assert):
            test = self.truth(self.eval(node.test, scope), site)
            if test is False:
                self.fail(Raised("AssertionError", "assertion failed at import", site, RAISES))
            return not is_poison(test)
        if isinstance(node, cst.Raise):
            self.fail(Raised("Exception", "the module raises at import", site, RAISES))
            return True
        return self._not_executed(node, scope, f"a `{type(node).__name__}` statement")

    def _settle(self, value: Any) -> bool:
        if isinstance(value, Raised):
            self.fail(value)
        return _known(value)

    def _assign(self, target: cst.BaseExpression, value: Any, scope: Scope, value_node) -> None:
        if isinstance(target, cst.Subscript):
            obj = self.eval(target.value, scope)
            if isinstance(obj, Modeled) and obj.key == "globals-dict":
                self._assign_through_globals(obj.bound, target, value, scope)
                return
        problem = self.assign(target, value, scope)
        if isinstance(problem, Raised):
            self.fail(problem)
        if isinstance(target, cst.Name) and scope.is_module:
            scope.module.binding_sites[target.value] = self.site(scope, value_node)

    def _assign_through_globals(self, module: ModuleObject, target, value, scope) -> None:
        site = self.site(scope, target)
        key = self._slice_value(target.slice[0].slice, scope) if len(target.slice) == 1 else None
        if isinstance(key, str):
            module.namespace[key] = Unknown(
                f"`{key}` is bound through `globals()[...]`; names bound by code are not"
                " followed statically",
                site,
                DYNAMIC_NAMESPACE,
                may_be_job=True,
            )
        else:
            self._open_namespace(module, site, "`globals()[...]` is assigned")

    def _aug_assign(self, node: cst.AugAssign, scope: Scope) -> bool:
        site = self.site(scope, node)
        target = node.target
        current = self.eval(target, scope)
        right = self.eval(node.value, scope)
        op = AUGMENTED[type(node.operator)]
        result = self.binary(op, current, right, site)
        if not is_poison(result) and type(current) is type(result) and isinstance(
            current, (list, dict, set)
        ):
            # `x += [...]` changes the list in place: every name of that list sees it
            if isinstance(current, list):
                current[:] = result
            else:
                current.clear()
                current.update(result)
            result = current
        if isinstance(result, Raised):
            self.fail(result)
        if isinstance(target, cst.Name):
            self.bind(scope, target.value, result, node.value)
        elif isinstance(target, cst.Subscript):
            problem = self.change_item(self.eval(target.value, scope), target, scope, "set", result)
            if isinstance(problem, Raised):
                self.fail(problem)
        else:
            self.assign(target, result, scope)
        return _known(result)

    def _delete(self, target: cst.BaseExpression, scope: Scope) -> None:
        if isinstance(target, cst.Name):
            scope.locals.pop(target.value, None)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._delete(element.value, scope)
        elif isinstance(target, cst.Subscript):
            obj = self.eval(target.value, scope)
            if not is_poison(obj):
                problem = self.change_item(obj, target, scope, "del")
                if isinstance(problem, Raised):
                    self.fail(problem)

    # --- definitions ------------------------------------------------------------------------

    def _function_def(self, node: cst.FunctionDef, scope: Scope) -> bool:
        site = self.site(scope, node.name)
        decorators = [self.eval_decorator(d.decorator, scope) for d in node.decorators]
        params = self._params(node.params, scope)
        if isinstance(params, Raised):
            self.fail(params)
            self.bind(scope, node.name.value, params, None)
            return False
        qualname = _qualname(node.name.value, scope)
        module = scope.module
        fn = Function(
            name=node.name.value,
            qualname=qualname,
            module=module,
            params=params,
            doc=self._doc(_body_docstring(node.body)),
            is_async=node.asynchronous is not None,
            site=site,
            node=node,
            module_name=module.namespace.get("__name__", module.name),
        )
        value = self._decorate(fn, decorators, node.decorators, site, scope)
        self.bind(scope, node.name.value, value, node)
        return _known(value)

    def _decorate(self, value: Any, decorators: list, nodes, site: Site, scope: Scope) -> Any:
        """Decorators apply bottom-up (their expressions were evaluated top-down, before
        the definition)."""
        for decorator, node in reversed(list(zip(decorators, nodes))):
            if isinstance(decorator, Raised):
                self.fail(decorator)
                return decorator
            value = self.call(decorator, [value], {}, Call(self.site(scope, node.decorator), {0: site}, scope))
            if isinstance(value, Raised):
                self.fail(value)
                return value
        return value

    def make_lambda(self, node: cst.Lambda, scope: Scope) -> Any:
        """A lambda is a function (callable, never run); its defaults are evaluated now."""
        params = self._params(node.params, scope)
        if isinstance(params, Raised):
            return params
        module = scope.module
        return Function(
            name="<lambda>", qualname="<lambda>", module=module, params=params, doc=None,
            is_async=False, site=self.site(scope, node), node=None,
            module_name=module.namespace.get("__name__", module.name),
        )

    def _params(self, params: cst.Parameters, scope: Scope) -> Any:
        out = []
        future = getattr(scope.module, "future_annotations", False)

        def make(param: cst.Param, kind: str) -> Any:
            default = NO_DEFAULT
            if param.default is not None:
                default = self.eval(param.default, scope)
                if isinstance(default, Raised):
                    return default
            annotation = NO_ANNOTATION
            if param.annotation is not None:
                annotation = self._annotation(param.annotation, scope, future)
                if isinstance(annotation, Raised):
                    return annotation
            return Param(param.name.value, kind, default, annotation, self.site(scope, param))

        groups = [
            (params.posonly_params, "POSITIONAL_ONLY"),
            (params.params, "POSITIONAL_OR_KEYWORD"),
        ]
        for group, kind in groups:
            for param in group:
                made = make(param, kind)
                if isinstance(made, Raised):
                    return made
                out.append(made)
        if isinstance(params.star_arg, cst.Param):
            out.append(make(params.star_arg, "VAR_POSITIONAL"))
        for param in params.kwonly_params:
            made = make(param, "KEYWORD_ONLY")
            if isinstance(made, Raised):
                return made
            out.append(made)
        if params.star_kwarg is not None:
            out.append(make(params.star_kwarg, "VAR_KEYWORD"))
        return out

    def _annotation(self, annotation: cst.Annotation, scope: Scope, future: Optional[bool] = None) -> Any:
        if future is None:
            future = getattr(scope.module, "future_annotations", False)
        if future:
            return scope.module.source.module.code_for_node(annotation.annotation)
        return self.eval(annotation.annotation, scope)

    def eval_annotation_string(self, text: str, function: Function) -> Any:
        """An annotation stored as a string, evaluated in the function's module now (as
        dlt does at decoration time); the string itself when that fails."""
        try:
            expression = cst.parse_expression(text)
        except cst.ParserSyntaxError:
            return text
        value = self.eval(expression, Scope(function.module))
        return text if is_poison(value) else value

    def _class_def(self, node: cst.ClassDef, scope: Scope) -> bool:
        site = self.site(scope, node.name)
        decorators = [self.eval_decorator(d.decorator, scope) for d in node.decorators]
        bases = [self.eval(arg.value, scope) for arg in node.bases if arg.keyword is None]
        for base in bases:
            if isinstance(base, Raised):
                self.fail(base)
                self.bind(scope, node.name.value, base, None)
                return False
        qualname = _qualname(node.name.value, scope)
        namespace: dict = {"__module__": scope.module.name, "__qualname__": qualname}
        self.exec_block(_block_statements(node.body), Scope(scope.module, namespace))
        annotations = namespace.pop("__annotations__", {})
        cls = Class(
            node.name.value, qualname, scope.module, bases, namespace, annotations, site
        )
        value = self._decorate(cls, decorators, node.decorators, site, scope)
        self.bind(scope, node.name.value, value, node)
        return _known(value)

    # --- control flow -----------------------------------------------------------------------

    def _if(self, node: cst.If, scope: Scope) -> bool:
        test = self.truth(self.eval(node.test, scope), self.site(scope, node.test))
        if isinstance(test, Raised):
            self.fail(test)
            return False
        if is_poison(test):
            reason = f"bound under an `if` whose condition is not known statically ({test.reason})"
            self._not_executed(node, scope, None, reason)
            return False
        if test:
            return self.exec_block(_block_statements(node.body), scope)
        if node.orelse is None:
            return True
        if isinstance(node.orelse, cst.If):
            return self._if(node.orelse, scope)
        return self.exec_block(_block_statements(node.orelse.body), scope)

    def _try(self, node: cst.Try, scope: Scope) -> bool:
        collected: list = []
        self._collectors.append(collected)
        try:
            certain = self.exec_block(_block_statements(node.body), scope)
        finally:
            self._collectors.pop()
        handled = True
        if collected:
            raised = collected[0]
            handler = self._matching_handler(node.handlers, raised, scope)
            if handler is None:
                for item in collected:
                    self.fail(item)
                handled = False
            elif handler is False:
                reason = "bound in a `try` statement whose exception handling is not known"
                self._not_executed(node, scope, None, reason)
                return False
            else:
                if handler.name is not None:
                    self.bind(scope, handler.name.name.value, Unknown("an exception object", raised.site), None)
                certain = self.exec_block(_block_statements(handler.body), scope) and certain
        else:
            if not certain:
                for handler in node.handlers:
                    self._not_executed_block(
                        _block_statements(handler.body), scope,
                        "bound in an `except` clause, which runs if the `try` body fails at run time",
                    )
            if node.orelse is not None and handled:
                certain = self.exec_block(_block_statements(node.orelse.body), scope) and certain
        if node.finalbody is not None:
            certain = self.exec_block(_block_statements(node.finalbody.body), scope) and certain
        return certain

    def _matching_handler(self, handlers, raised: Raised, scope: Scope) -> Any:
        for handler in handlers:
            if handler.type is None:
                return handler
            kinds = self.eval(handler.type, scope)
            kinds = kinds if isinstance(kinds, tuple) else (kinds,)
            for kind in kinds:
                if isinstance(kind, Modeled) and kind.key.startswith("builtins."):
                    if builtins.exception_matches(raised.exc, kind.key.split(".", 1)[1]):
                        return handler
                else:
                    return False
        return None

    def _with(self, node: cst.With, scope: Scope) -> bool:
        for item in node.items:
            value = self.eval(item.item, scope)
            if isinstance(value, Raised):
                self.fail(value)
            if item.asname is not None:
                self.assign(
                    item.asname.name,
                    Unknown("the value of a `with ... as` target is not known statically",
                            self.site(scope, item)),
                    scope,
                )
        return self.exec_block(_block_statements(node.body), scope) and False

    def _loop(self, node, scope: Scope) -> bool:
        if isinstance(node, cst.For):
            iterable = self.eval(node.iter, scope)
            if isinstance(iterable, Raised):
                self.fail(iterable)
        kind = "for" if isinstance(node, cst.For) else "while"
        self._not_executed(node, scope, None, f"bound in a `{kind}` loop (loops are not unrolled)")
        return False

    def _not_executed(self, node, scope: Scope, what: Optional[str], reason: Optional[str] = None) -> bool:
        reason = reason or f"bound by {what}, which is not evaluated statically"
        self._not_executed_block([node], scope, reason)
        return False

    def _not_executed_block(self, statements, scope: Scope, reason: str) -> None:
        """Code that may or may not run: every name it binds becomes Unknown, every
        container it changes in place is no longer known, and jobs it defines are dynamic."""
        bound = bindings(statements)
        makes_jobs = any(is_job for _, _, is_job in bound)
        for name, site_node, is_job in bound:
            site = self.site(scope, site_node)
            code = DYNAMIC_JOB if is_job else NOT_STATIC
            why = reason if not is_job else f"job created dynamically: {reason}"
            may_be_job = is_job or isinstance(site_node, cst.ImportAlias)
            self.bind(scope, name, Unknown(why, site, code, may_be_job=may_be_job), None)
        for name, site_node in mutations(statements):
            site = self.site(scope, site_node)
            current = scope.locals.get(name, scope.module.namespace.get(name))
            if isinstance(current, Modeled) and current.key == "builtins.globals":
                self._open_namespace(scope.module, site, "`globals()` is changed by code")
            what = f"code that is not evaluated statically ({reason})"
            if makes_jobs:
                what = f"jobs created dynamically ({reason})"
            self.note_mutation(current, site, what, DYNAMIC_JOB if makes_jobs else DYNAMIC_NAMESPACE)
        for site_node in globals_calls(statements):
            self._open_namespace(scope.module, self.site(scope, site_node), "`globals()` is used in code that is not evaluated")


def _known(value: Any) -> bool:
    return not (is_poison(value) or isinstance(value, External))


def _qualname(name: str, scope: Scope) -> str:
    if scope.is_module:
        return name
    return f"{scope.locals.get('__qualname__', '')}.{name}".lstrip(".")


def _block_statements(body: cst.BaseSuite) -> list:
    if isinstance(body, cst.IndentedBlock):
        return list(body.body)
    return [cst.SimpleStatementLine(body=list(body.body))]


def _body_docstring(body: cst.BaseSuite) -> Optional[str]:
    if isinstance(body, cst.IndentedBlock):
        return docstring_of(body.body)
    return docstring_of([cst.SimpleStatementLine(body=list(body.body))])


_COMPOUND = {
    cst.FunctionDef: Interpreter._function_def,
    cst.ClassDef: Interpreter._class_def,
    cst.If: Interpreter._if,
    cst.Try: Interpreter._try,
    cst.With: Interpreter._with,
    cst.For: Interpreter._loop,
    cst.While: Interpreter._loop,
}
