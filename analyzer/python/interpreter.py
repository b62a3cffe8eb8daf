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
from dlt_manifest.python import deferral, flow, modules, syntax
from dlt_manifest.python.classdefs import ClassStatements
from dlt_manifest.python.effects import Effects
from dlt_manifest.python.exceptions import Exceptions
from dlt_manifest.python.evaluate import Call, Evaluator
from dlt_manifest.python.functions import FunctionCalls
from dlt_manifest.python.imports import ImportSystem
from dlt_manifest.python.instances import Instances
from dlt_manifest.python.loops import Loops
from dlt_manifest.python.matching import Matching
from dlt_manifest.python.operators import AUGMENTED
from dlt_manifest.python.scope import CLASS, MODULE, Scope, qualified
from dlt_manifest.python.values import (
    NO_ANNOTATION,
    NO_DEFAULT,
    Class,
    ExternalModule,
    Function,
    Instance,
    LibraryObject,
    Modeled,
    ModuleObject,
    Param,
    Raised,
    Unknown,
    describe,
    is_known,
    is_poison,
)
from dlt_manifest.source.files import Deferred
from dlt_manifest.source.literals import clean_docstring
from dlt_manifest.source.span import Site
from dlt_manifest.source.workspace import DEPLOYMENT_MODULE, ModuleLocation, Workspace

RAISES = "DM411"
NOT_STATIC = "DM901"
DYNAMIC_JOB = "DM902"
DYNAMIC_NAMESPACE = "DM903"
LIMIT = "DM904"
MAX_STEPS = 2_000_000  # statements interpreted in one analysis


class Interpreter(
    ImportSystem, FunctionCalls, ClassStatements, Instances, Loops, Exceptions, Matching, Effects, Evaluator
):
    def __init__(self, workspace: Workspace, python_version: tuple = (3, 11), context: Any = None):
        self.workspace = workspace
        # opaque to this layer: what the library models need per run (the dlt release)
        self.context = context
        # Python 3.13+ dedents docstrings at compile time: descriptions depend on it
        self.python_version = tuple(python_version)[:2]
        self.clean_docstrings = self.python_version >= (3, 13)
        self.modules: dict[str, ModuleObject] = {}  # sys.modules, for workspace modules
        self.loaded_external: set[str] = set(modules.PRELOADED_MODULES)
        self.failures: list[Raised] = []  # where the runtime raises
        self.notices: list[Unknown] = []  # unknowns reported even if unused (limits)
        self._failure_ids: set[int] = set()
        self._not_followed_seen: dict[int, Unknown] = {}  # the Unknowns that may raise, reported
        self._collectors: list[list] = []  # innermost `try` body collects its failures
        self.tainted: dict[int, tuple[Any, Unknown]] = {}  # containers changed in place
        # the Unknowns that stand for tainted objects (what reading one of them gives)
        self.taint_markers: dict[int, Unknown] = {}
        self.unmodeled_imports: list = []  # installed modules imported that are not modeled
        self.mutated_objects: dict[int, Site] = {}  # library objects changed by code
        self.everything_tainted: Optional[Unknown] = None  # set by `taint_everything`
        self.closures: list = []  # scopes of functions that nested functions see
        self._closure_ids: set = set()
        self.steps = 0  # statements interpreted (see MAX_STEPS)
        self.external_attributes: dict = {}  # (installed module, name) -> value set by code
        self.enum_models: dict = {}  # CPython's enum class -> the workspace class it models
        self.tuple_models: dict = {}  # a named tuple's real tuple type -> its workspace class
        self.active_exceptions: list = []  # the exceptions `except` clauses handle, innermost last
        self.reuse: Any = None  # `reuse.Recorder`: modules' runs kept from and for another analysis

    # --- results ------------------------------------------------------------------------

    def fail(self, raised: Raised) -> None:
        """The runtime raises `raised` here: the innermost `try` body or call collects it
        (it may be handled there), else the import fails with it (reported once)."""
        if self.reuse is not None:
            self.reuse.refuse()
        if self._collectors:
            collector = self._collectors[-1]
            if not any(item is raised for item in collector):
                collector.append(raised)
        elif id(raised) not in self._failure_ids:
            self._failure_ids.add(id(raised))
            self.failures.append(raised)

    def _doc(self, doc: Optional[str]) -> Optional[str]:
        return clean_docstring(doc) if doc is not None and self.clean_docstrings else doc

    def describe(self, value: Any) -> str:
        return describe(value)

    def taint_of(self, value: Any) -> Optional[Unknown]:
        entry = self.tainted.get(id(value))
        return entry[1] if entry is not None and entry[0] is value else None

    def eval(self, node: cst.BaseExpression, scope: Scope) -> Any:
        value = super().eval(node, scope)
        if type(value) is Unknown and value.may_raise:  # (inline: every expression passes here)
            self._not_followed(value)
        return self.read(value)

    def noted(self, value: Any) -> Any:
        """`value`, reported first when it is an Unknown that may raise (`_not_followed`)."""
        if type(value) is Unknown and value.may_raise:
            self._not_followed(value)
        return value

    def _not_followed(self, unknown: Unknown) -> None:
        """An expression the analyzer does not evaluate: what the runtime does there may
        raise, and the import fail, whether or not its value is read."""
        if self._not_followed_seen.get(id(unknown)) is not unknown:  # (kept: its id is not reused)
            self._not_followed_seen[id(unknown)] = unknown
            self.notices.append(Unknown(f"the import may fail here: {unknown.reason}", unknown.site, NOT_STATIC))

    def read(self, value: Any) -> Any:
        """The value, or the Unknown of an object that code not followed may have changed."""
        if self.tainted and isinstance(value, (list, dict, set, Class, Function, Instance)):
            taint = self.taint_of(value)
            if taint is not None:
                return taint
        return value

    def note_mutation(self, obj: Any, site: Site, what: str, code: str = DYNAMIC_NAMESPACE) -> None:
        owner = self.namespace_owner(obj)
        if owner is not None:
            self.open_namespace(owner, site, f"`globals()` is changed by {what}")
            return
        unknown = Unknown(
            f"the value is changed in place: {what}; such changes are not followed statically",
            site, code, may_be_job=True,
        )
        if isinstance(obj, Modeled) and obj.key == "sys.modules":
            self.taint_everything(unknown)  # modules replaced: any name may be anything
        elif isinstance(obj, (list, dict, set, Class, Function, Instance, LibraryObject)):
            self.taint_value(obj, unknown, direct=True)
        elif isinstance(obj, Unknown) and id(obj) not in self.taint_markers:
            # an object not known statically: it may be any object of the workspace (an
            # object read as the Unknown it was tainted with is already Unknown itself)
            self.taint_everything(unknown)

    def note_object_mutation(self, obj: Any, site: Site) -> None:
        """A library object is changed in a way its model does not follow."""
        self.mutated_objects[id(obj)] = site

    def unknown_call_effects(self, callee: Any, args: list, kwargs: dict, site: Site) -> None:
        """A call the analyzer does not follow may change what it is given (and all that
        is reachable from it); making an instance of a workspace class runs its methods."""
        unknown = Unknown(
            f"the value is changed in place: the call to {describe(callee)}; such changes are"
            " not followed statically",
            site, DYNAMIC_NAMESPACE, may_be_job=True,
        )
        for value in list(args) + list(kwargs.values()):
            self.taint_value(value, unknown)
        if isinstance(callee, Class):
            self._taint_callable(callee, unknown, set(), arguments_known=True)

    def loaded_module(self, name: Any, site: Site) -> Any:
        """`sys.modules[name]`."""
        if self.reuse is not None:
            self.reuse.refuse()  # what is loaded depends on other modules
        if is_poison(name):
            return name
        module = self.modules.get(name) if isinstance(name, str) else None
        if module is not None:
            return module
        if isinstance(name, str) and name in self.loaded_external:
            return ExternalModule(name)
        return Raised("KeyError", repr(name), site, RAISES)

    def namespace_owner(self, value: Any) -> Optional[ModuleObject]:
        """The module whose namespace `value` is (`globals()`, `vars(module)`), if any."""
        if isinstance(value, dict):
            for module in self.modules.values():
                if module.namespace is value:
                    return module
        return None

    def open_namespace(self, module: ModuleObject, site: Site, reason: str) -> None:
        """Names of `module` may be bound by code not followed: a name not bound
        statically is Unknown, not a NameError."""
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
        try:
            self._execute(module)
        except flow.Budget as exhausted:
            # nothing after this point is followed: every module still running is unknown
            self.notices.append(exhausted.unknown)
            for running in self.modules.values():
                if running.state == "running":
                    running.state = "done"
                    self.open_namespace(running, exhausted.unknown.site, exhausted.unknown.reason)
        return module

    def _execute(self, module: ModuleObject) -> None:
        if self.reuse is None:
            return self._run(module)
        self.reuse.begin(module)
        completed = False
        try:
            self._run(module)
            completed = True
        finally:
            self.reuse.end(module, completed)

    def _run(self, module: ModuleObject) -> None:
        module.state = "running"
        source = module.source
        if source is not None:
            if source.module is None:
                self._unparsable(module)
            else:
                deferrals = deferral.Deferrals(self, module) if source.deferred else None
                scope = Scope(module)
                if source.annotates:
                    module.namespace["__annotations__"] = {}  # SETUP_ANNOTATIONS
                try:
                    self._statements(module, deferrals, scope)
                finally:
                    if deferrals is not None:
                        deferrals.finished()
        module.state = "done"

    def _statements(self, module: ModuleObject, deferrals: Any, scope: Scope) -> None:
        for place, statement in enumerate(deferral.statements(module.source)):
            if deferrals is not None:
                deferrals.at(place)  # (where the names it binds go in the namespace)
            if isinstance(statement, Deferred):
                if deferrals.defer(statement):
                    continue
                statement = deferrals.parse(statement)
            elif deferrals is not None:
                deferrals.ran()
            module.current_statement = statement
            try:
                self.exec_statement(statement, scope)
            except flow.Diverged as diverged:
                self._diverged_at_module_level(statement, scope, diverged)

    def _diverged_at_module_level(self, statement, scope: Scope, diverged: flow.Diverged) -> None:
        """Code of this statement that was not followed may raise: the whole statement
        is not followed, and the import itself may fail."""
        self.taint_code([statement], scope, diverged.unknown)
        if "raise" in diverged.kinds:
            self.notices.append(
                Unknown(
                    f"the import may fail here: code that is not followed may raise"
                    f" ({diverged.unknown.reason})",
                    diverged.unknown.site or self.site(scope, statement),
                    NOT_STATIC,
                )
            )

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
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise flow.Budget(
                Unknown(f"more than {MAX_STEPS:,} statements interpreted", self.site(scope, node), LIMIT)
            )
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
                if self._collectors:
                    return False  # it may be handled: the assignment does not happen
            for target in node.targets:
                self._assign(target.target, value, scope, node.value)
            return is_known(value)
        if isinstance(node, cst.AnnAssign):
            if scope.kind in (CLASS, MODULE) and isinstance(node.target, cst.Name):
                annotation = self._annotation(node.annotation, scope)
                annotations = scope.locals.setdefault("__annotations__", {})
                if isinstance(annotations, dict):
                    annotations[node.target.value] = annotation
            if node.value is None:
                return True
            value = self.eval(node.value, scope)
            if isinstance(value, Raised):
                self.fail(value)
                if self._collectors:
                    return False
            self._assign(node.target, value, scope, node.value)
            return is_known(value)
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
            elif is_poison(test) and not isinstance(test, Raised):
                raise flow.Diverged(frozenset(["raise"]), test)
            return not is_poison(test)
        if isinstance(node, cst.Raise):
            self.fail(self.raised_by(node, scope))
            return True
        if isinstance(node, cst.Return):
            value = None if node.value is None else self.eval(node.value, scope)
            if isinstance(value, Raised):
                self.fail(value)
                return False
            raise flow.Return(value)
        if isinstance(node, cst.Break):
            raise flow.Break()
        if isinstance(node, cst.Continue):
            raise flow.Continue()
        return self._not_executed(node, scope, f"a `{type(node).__name__}` statement")

    def _settle(self, value: Any) -> bool:
        if isinstance(value, Raised):
            self.fail(value)
        return is_known(value)

    def _assign(self, target: cst.BaseExpression, value: Any, scope: Scope, value_node) -> None:
        problem = self.assign(target, value, scope)
        if isinstance(problem, Raised):
            self.fail(problem)
        if isinstance(target, cst.Name) and scope.is_module:
            scope.module.binding_sites[target.value] = self.site(scope, value_node)

    def _aug_assign(self, node: cst.AugAssign, scope: Scope) -> bool:
        site = self.site(scope, node)
        target = node.target
        current = self.eval(target, scope)
        right = self.eval(node.value, scope)
        op = AUGMENTED[type(node.operator)]
        if self.reuse is not None:
            self.reuse.wrote(current)  # (in place for a list, a dict, a set)
        if isinstance(current, list) and op is cst.Add and not is_poison(right) and not isinstance(right, list):
            items = self.iterate(right, site)  # `list += iterable` is `list.extend(iterable)`
            result = items if is_poison(items) else current + list(items)
        elif isinstance(current, dict) and op is cst.BitOr and not is_poison(right) and not isinstance(right, dict):
            pairs = self.call(Modeled("builtins.dict"), [right], {}, Call(site, {}, scope))
            result = pairs if is_poison(pairs) else {**current, **pairs}
        else:
            result = self.noted(self.binary(op, current, right, site))  # (not through `eval`)
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
            if self._collectors:
                return False
        if isinstance(target, cst.Name):
            self.bind(scope, target.value, result, node.value)
        elif isinstance(target, cst.Subscript):
            problem = self.change_item(self.eval(target.value, scope), target, scope, "set", result)
            if isinstance(problem, Raised):
                self.fail(problem)
        else:
            self.assign(target, result, scope)
        return is_known(result)

    def _delete(self, target: cst.BaseExpression, scope: Scope) -> None:
        if isinstance(target, cst.Name):
            name = scope.mangle(target.value)
            binding = scope.binding_scope(name)
            if self.reuse is not None:
                self.reuse.binds(scope, binding)
            if name in binding.locals:
                del binding.locals[name]
            elif binding.is_module and binding.module.open_namespace is None:
                self.fail(Raised("NameError", f"name {name!r} is not defined", self.site(scope, target), "DM410"))
        elif isinstance(target, cst.Attribute):
            obj = self.eval(target.value, scope)
            if not is_poison(obj):
                problem = self.delete_attribute(obj, scope.mangle(target.attr.value), self.site(scope, target))
                if isinstance(problem, Raised):
                    self.fail(problem)
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
        returns = NO_ANNOTATION
        if not isinstance(params, Raised) and node.returns is not None and not getattr(scope.module, "future_annotations", False):
            returns = self.eval(node.returns.annotation, scope)  # (CPython: after the parameters')
            if isinstance(returns, Raised):
                params = returns
        if isinstance(params, Raised):
            self.fail(params)
            self.bind(scope, node.name.value, params, None)
            return False
        qualname = qualified(node.name.value, scope)
        module = scope.module
        fn = Function(
            name=node.name.value,
            qualname=qualname,
            module=module,
            params=params,
            doc=self._doc(syntax.body_docstring(node.body)),
            is_async=node.asynchronous is not None,
            site=site,
            node=node,
            module_name=module.namespace.get("__name__", module.name),
            closure=self._closure_of(scope),
            statement=scope.statement,
            private=scope.private,
            returns=returns,
        )
        value = self.noted(self._decorate(fn, decorators, node.decorators, site, scope))
        self.bind(scope, scope.mangle(node.name.value), value, node)
        return is_known(value)

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
            name="<lambda>", qualname=qualified("<lambda>", scope), module=module, params=params,
            doc=None, is_async=False, site=self.site(scope, node), node=node,
            module_name=module.namespace.get("__name__", module.name),
            closure=self._closure_of(scope), statement=scope.statement, private=scope.private,
        )

    def _closure_of(self, scope: Scope) -> Optional[Scope]:
        """The function scope a function defined in `scope` sees (class bodies aside)."""
        while scope is not None and scope.kind == CLASS:
            scope = scope.parent
        if scope is None or scope.is_module:
            return None
        if id(scope) not in self._closure_ids:
            self._closure_ids.add(id(scope))
            self.closures.append(scope)
        return scope

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
            return scope.module.source.code_of(annotation.annotation)
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

    # --- control flow -----------------------------------------------------------------------

    def _if(self, node: cst.If, scope: Scope) -> bool:
        test = self.truth(self.eval(node.test, scope), self.site(scope, node.test))
        if isinstance(test, Raised):
            self.fail(test)
            return False
        if is_poison(test):
            reason = f"bound under an `if` whose condition is not known statically ({test.reason})"
            self._not_executed(node, scope, None, reason, test)
            return False
        if test:
            return self.exec_block(syntax.block(node.body), scope)
        if node.orelse is None:
            return True
        if isinstance(node.orelse, cst.If):
            return self._if(node.orelse, scope)
        return self.exec_block(syntax.block(node.orelse.body), scope)

    def _not_executed(self, node, scope: Scope, what: Optional[str], reason: Optional[str] = None, cause: Optional[Unknown] = None) -> bool:
        reason = reason or f"bound by {what}, which is not evaluated statically"
        self._not_executed_block([node], scope, reason, cause)
        return False

    def _not_executed_block(self, statements, scope: Scope, reason: str, cause: Optional[Unknown] = None) -> None:
        """Code that may or may not run: whatever it may do is tainted (`effects`); when
        it may also transfer control (`return`, `raise`, `break`, `continue`), what
        follows is not certain either. `cause`: the unknown value that decided it."""
        site = self.site(scope, statements[0]) if statements else None
        code = cause.code if cause is not None else NOT_STATIC
        unknown = Unknown(reason, site, code, may_be_job=True)
        kinds = self.taint_code(list(statements), scope, unknown) - {"yield"}
        if kinds:
            raise flow.Diverged(kinds, unknown)


_COMPOUND = {
    cst.FunctionDef: Interpreter._function_def,
    cst.ClassDef: Interpreter._class_def,
    cst.If: Interpreter._if,
    cst.Try: Interpreter._try,
    cst.With: Interpreter._with,
    cst.For: Interpreter._for,
    cst.While: Interpreter._while,
    cst.Match: Interpreter._match,
}
