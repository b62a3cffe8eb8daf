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

import sys
from typing import Any, Iterable, Optional

import libcst as cst

from analyzer import api, jobs
from analyzer.diagnostics import Site
from analyzer.evaluate import Call, Evaluator, Scope
from analyzer.source import clean_docstring, docstring_of
from analyzer.syntax import bindings, dotted, global_declarations, globals_calls, mutations
from analyzer.values import (
    NO_ANNOTATION,
    NO_DEFAULT,
    Class,
    External,
    ExternalModule,
    Function,
    Modeled,
    ModuleObject,
    Param,
    PythonVersion,
    Raised,
    Unknown,
    is_poison,
)
from analyzer.workspace import (
    DEPLOYMENT_MODULE,
    ModuleLocation,
    OutsideRoot,
    Unanalyzable,
    Workspace,
)

IMPORT_ERROR = "DM401"
SYNTAX_ERROR = "DM402"
RAISES = "DM411"
NOT_STATIC = "DM901"
DYNAMIC_JOB = "DM902"
DYNAMIC_NAMESPACE = "DM903"
LIMIT = "DM904"
OUTSIDE_ROOT = "DM908"

# dlt modules that are plain modules (not packages): `import dlt.hub.run.x` fails
_NOT_PACKAGES = frozenset(["dlt.hub.run", api.TRIGGER_MODULE, api.FRESHNESS_MODULE])
# submodules of installed packages a `from package import name` loads
_KNOWN_SUBMODULES = frozenset(
    ["dlt.hub.run", "dlt.hub.current", "dlt.hub.data_quality",
     api.TRIGGER_MODULE, api.FRESHNESS_MODULE]
)  # fmt: skip


class Interpreter(Evaluator):
    def __init__(self, workspace: Workspace, python_version: tuple = (3, 11)):
        self.workspace = workspace
        # Python 3.13+ dedents docstrings at compile time: descriptions depend on it
        self.python_version = tuple(python_version)[:2]
        self.clean_docstrings = self.python_version >= (3, 13)
        self.modules: dict[str, ModuleObject] = {}  # sys.modules, for workspace modules
        self.loaded_external: set[str] = set(api.PRELOADED_MODULES)
        self.failures: list[Raised] = []  # where the runtime raises
        self.notices: list[Unknown] = []  # unknowns reported even if unused (limits)
        self._failure_ids: set[int] = set()
        self._collectors: list[list] = []  # innermost `try` body collects its failures
        self.tainted: dict[int, tuple[Any, Unknown]] = {}  # containers changed in place
        self.unmodeled_imports: list = []  # installed modules imported that are not modeled
        self.mutated_jobs: dict[int, Site] = {}

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
        return api.describe(value)

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

    def note_job_mutation(self, job: jobs.JobFactory, site: Site) -> None:
        self.mutated_jobs[id(job)] = site

    def unknown_call_effects(self, callee: Any, args: list, kwargs: dict, site: Site) -> None:
        """A call the analyzer does not follow may change its arguments in place, and a
        workspace function may rebind globals."""
        for value in list(args) + list(kwargs.values()):
            if isinstance(value, (list, dict, set)):
                self.note_mutation(value, site, f"the call to {api.describe(callee)}")
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

    def _new_module(self, name: str, location: ModuleLocation) -> ModuleObject:
        source = None
        if location.path is not None:
            source = self.workspace.source(location.path)
        module = ModuleObject(name, location, source)
        ns = module.namespace
        ns["__name__"] = name
        ns["__doc__"] = self._doc(source.docstring if source is not None else None)
        ns["__package__"] = module.package
        site = Site(source) if source is not None else None
        ns["__file__"] = Unknown("`__file__` depends on where the workspace is deployed", site)
        if location.is_package:
            ns["__path__"] = Unknown("`__path__` depends on where the workspace is deployed", site)
        self.modules[name] = module
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

    def _unparsable(self, module: ModuleObject) -> None:
        source = module.source
        site = Site(source, None, source.problem_span)
        if source.problem_kind == "syntax":
            module.failure = Raised("SyntaxError", source.problem, site, SYNTAX_ERROR)
            self.fail(module.failure)
        else:
            unknown = Unknown(source.problem, site, LIMIT)
            self.notices.append(unknown)
            module.open_namespace = unknown

    def import_module(self, name: str, site: Site) -> Any:
        """Imports dotted `name` and its parents; returns the leaf module or a Raised."""
        parts = name.split(".")
        parent: Any = None
        for i in range(len(parts)):
            fullname = ".".join(parts[: i + 1])
            module = self._import_one(fullname, parent, site)
            if isinstance(module, (Raised, Unknown)):
                return module
            parent = module
        return parent

    def _import_one(self, fullname: str, parent: Any, site: Site) -> Any:
        cached = self.modules.get(fullname)
        if cached is not None:
            return cached.failure or cached
        if isinstance(parent, ExternalModule) or (parent is None and not self._is_local_top(fullname)):
            return self._import_external(fullname, parent, site)
        if parent is None:
            search_dir = None
        else:
            if not parent.location.is_package:
                return Raised(
                    "ModuleNotFoundError",
                    f"No module named {fullname!r}; {parent.name!r} is not a package",
                    site,
                    IMPORT_ERROR,
                )
            search_dir = parent.location.package_dir
        try:
            location = self.workspace.find_module(fullname, search_dir)
        except OutsideRoot as ex:
            return Unknown(str(ex), site, OUTSIDE_ROOT)
        except Unanalyzable as ex:
            return Unknown(str(ex), site, LIMIT)
        if location is None:
            return Raised(
                "ModuleNotFoundError", f"No module named {fullname!r}", site, IMPORT_ERROR
            )
        if parent is None and fullname in sys.stdlib_module_names and self.unmodeled_imports:
            return Unknown(
                f"the workspace's `{fullname}` has the name of a standard module that"
                f" `{self.unmodeled_imports[0]}`, imported before, may have loaded: which of"
                " the two the runtime imports is not known statically",
                site,
                LIMIT,
            )
        try:
            module = self._new_module(fullname, location)
        except Unanalyzable as ex:
            return Unknown(str(ex), site, LIMIT)
        self._execute(module)
        if module.failure is not None:
            return module.failure
        if parent is not None:
            parent.namespace[fullname.rsplit(".", 1)[-1]] = module
        return module

    def _is_local_top(self, name: str) -> bool:
        if name in api.LOADED_AT_IMPORT:
            return False  # already imported when the workspace is: the installed one wins
        try:
            return self.workspace.find_module(name) is not None
        except (OutsideRoot, Unanalyzable):
            return True

    def _import_external(self, fullname: str, parent: Any, site: Site) -> Any:
        top = fullname.split(".", 1)[0]
        if top not in api.LOADED_AT_IMPORT and top not in api.OPEN_MODULES:
            self.unmodeled_imports.append(top)  # it may import any other module
        if parent is not None and parent.name in _NOT_PACKAGES:
            return Raised(
                "ModuleNotFoundError",
                f"No module named {fullname!r}; {parent.name!r} is not a package",
                site,
                IMPORT_ERROR,
            )
        self.loaded_external.add(fullname)
        return ExternalModule(fullname)

    def import_attribute_module(self, module: ExternalModule, name: str, site: Site) -> Any:
        fullname = f"{module.name}.{name}"
        if fullname == "sys.version_info":
            return PythonVersion(*self.python_version)
        if fullname in self.loaded_external:
            return ExternalModule(fullname)
        if module.name == "dlt.hub" and name not in ("current", "transformation", "runner"):
            return Raised(
                "AttributeError",
                f"module 'dlt.hub' has no attribute {name!r}"
                + (" (import `dlt.hub.run` first: `from dlt.hub import run`)" if name == "run" else ""),
                site,
                RAISES,
            )
        return api.module_attribute(module.name, name, site)

    def _resolve_relative(self, module_name: str, level: int, scope: Scope, site: Site) -> Any:
        if level == 0:
            return module_name
        package = scope.module.namespace.get("__package__")
        if not isinstance(package, str) or not package:
            return Raised(
                "ImportError",
                "attempted relative import with no known parent package",
                site,
                IMPORT_ERROR,
            )
        bits = package.rsplit(".", level - 1)
        if len(bits) < level:
            return Raised(
                "ImportError", "attempted relative import beyond top-level package", site,
                IMPORT_ERROR,
            )
        base = bits[0]
        return f"{base}.{module_name}" if module_name else base

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
        from analyzer.evaluate import _AUGMENTED

        site = self.site(scope, node)
        target = node.target
        current = self.eval(target, scope)
        right = self.eval(node.value, scope)
        op = _AUGMENTED[type(node.operator)]
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

    # --- imports ----------------------------------------------------------------------------

    def _import(self, node: cst.Import, scope: Scope) -> bool:
        certain = True
        for alias in node.names:
            site = self.site(scope, alias)
            name = dotted(alias.name)
            leaf = self.import_module(name, site)
            if isinstance(leaf, Raised):
                self.fail(leaf)
            certain = certain and self._import_is_known(leaf)
            if alias.asname is not None:
                self.bind(scope, alias.asname.name.value, leaf, None)
            else:
                top = name.split(".", 1)[0]
                value = leaf if is_poison(leaf) else self._top_module(top)
                self.bind(scope, top, value, None)
        return certain

    def _top_module(self, top: str) -> Any:
        return self.modules.get(top) or ExternalModule(top)

    def _import_is_known(self, module: Any) -> bool:
        if isinstance(module, ExternalModule):
            return module.name in api.OPEN_MODULES or module.name in api.CLOSED_MODULES or (
                module.name in api.PRELOADED_MODULES
            )
        return not is_poison(module)

    def _import_from(self, node: cst.ImportFrom, scope: Scope) -> bool:
        site = self.site(scope, node)
        level = len(node.relative)
        name = dotted(node.module) if node.module is not None else ""
        if name == "__future__":
            if not isinstance(node.names, cst.ImportStar) and any(
                a.name.value == "annotations" for a in node.names
            ):
                scope.module.future_annotations = True
            return True
        fullname = self._resolve_relative(name, level, scope, site)
        if isinstance(fullname, Raised):
            self.fail(fullname)
            self._bind_import_names(node, fullname, scope)
            return False
        module = self.import_module(fullname, site)
        if is_poison(module):
            if isinstance(module, Raised):
                self.fail(module)
            self._bind_import_names(node, module, scope)
            return False
        if isinstance(node.names, cst.ImportStar):
            return self._import_star(module, scope, site)
        certain = self._import_is_known(module)
        for alias in node.names:
            alias_site = self.site(scope, alias)
            attr = alias.name.value
            value = self._from_attribute(module, attr, alias_site)
            if isinstance(value, Raised):
                self.fail(value)
                certain = False
            bound_name = alias.asname.name.value if alias.asname is not None else attr
            self.bind(scope, bound_name, value, None)
            if scope.is_module:
                scope.module.import_sites[bound_name] = alias_site
        return certain

    def _from_attribute(self, module: Any, attr: str, site: Site) -> Any:
        if isinstance(module, ModuleObject):
            if attr in module.namespace:
                return module.namespace[attr]
            if module.location.is_package:
                sub = self._import_one(f"{module.name}.{attr}", module, site)
                if not (isinstance(sub, Raised) and sub.exc == "ModuleNotFoundError"):
                    return sub
            if module.open_namespace is not None:
                return module.open_namespace
            partial = " (most likely due to a circular import)" if module.state == "running" else ""
            return Raised(
                "ImportError",
                f"cannot import name {attr!r} from {'partially initialized module ' if partial else ''}"
                f"{module.name!r}{partial}",
                site,
                IMPORT_ERROR,
            )
        fullname = f"{module.name}.{attr}"
        if fullname in _KNOWN_SUBMODULES:
            self.loaded_external.add(fullname)
            return ExternalModule(fullname)
        value = self.import_attribute_module(module, attr, site)
        if isinstance(value, Raised):
            return Raised(
                "ImportError", f"cannot import name {attr!r} from {module.name!r}", site,
                IMPORT_ERROR,
            )
        return value

    def _import_star(self, module: Any, scope: Scope, site: Site) -> bool:
        if isinstance(module, ModuleObject):
            names = module.namespace.get("__all__")
            if names is None:
                names = [n for n in module.namespace if not n.startswith("_")]
            if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names):
                self._open_namespace(scope.module, site, "a `*` import of a computed `__all__`")
                return False
            for name in names:
                self.bind(scope, name, module.namespace.get(name, module.open_namespace), None)
            if module.open_namespace is not None:
                scope.module.open_namespace = module.open_namespace
            return True
        closed = api.CLOSED_MODULES.get(module.name)
        if closed is not None:
            for name, value in closed.items():
                self.bind(scope, name, value, None)
            return True
        self._open_namespace(scope.module, site, f"`from {module.name} import *`")
        return False

    def _bind_import_names(self, node: cst.ImportFrom, value: Any, scope: Scope) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            bound_name = alias.asname.name.value if alias.asname is not None else alias.name.value
            self.bind(scope, bound_name, value, None)

    # --- definitions ------------------------------------------------------------------------

    def _function_def(self, node: cst.FunctionDef, scope: Scope) -> bool:
        site = self.site(scope, node.name)
        decorators = [self.eval(d.decorator, scope) for d in node.decorators]
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
        decorators = [self.eval(d.decorator, scope) for d in node.decorators]
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
                    if api.exception_matches(raised.exc, kind.key.split(".", 1)[1]):
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
