"""The import system of the interpreter, as CPython's: `import` and `from ... import` of
workspace modules (each interpreted once, in the order the runtime imports them; a
circular import sees the partial module), relative imports, star imports, and installed
modules (`ExternalModule`, with the attributes their models register in `modules`).
"""

from __future__ import annotations

import sys
from typing import Any

import libcst as cst
from dlt_manifest.python import modules
from dlt_manifest.python.scope import Scope
from dlt_manifest.python.stdlib import ModuleFile
from dlt_manifest.python.syntax import dotted
from dlt_manifest.python.values import (
    ExternalModule,
    ModuleObject,
    ModuleSpec,
    PythonVersion,
    Raised,
    Unknown,
    is_poison,
)
from dlt_manifest.source.span import Site
from dlt_manifest.source.workspace import ModuleLocation, OutsideRoot, Unanalyzable

IMPORT_ERROR = "DM401"
SYNTAX_ERROR = "DM402"
LIMIT = "DM904"
OUTSIDE_ROOT = "DM908"


class ImportSystem:
    """The interpreter's imports (a part of `interpreter.Interpreter`)."""

    def _new_module(self, name: str, location: ModuleLocation) -> ModuleObject:
        source = None
        if location.path is not None:
            source = self.workspace.source(location.path)
        module = ModuleObject(name, location, source)
        # the names CPython's import system sets, in its order (`globals()` shows them)
        ns = module.namespace
        site = Site(source) if source is not None else None
        ns["__name__"] = name
        ns["__doc__"] = self._doc(source.docstring if source is not None else None)
        ns["__package__"] = module.package
        ns["__loader__"] = Unknown("`__loader__` is an object of the import system", site)
        ns["__spec__"] = ModuleSpec(name, module.package, location.is_package)
        if location.is_package:
            ns["__path__"] = Unknown("`__path__` depends on where the workspace is deployed", site)
        ns["__file__"] = ModuleFile(source.relpath) if source is not None else Unknown(
            "`__file__` depends on where the workspace is deployed", site
        )
        ns["__cached__"] = Unknown("`__cached__` depends on where the workspace is deployed", site)
        ns["__builtins__"] = Unknown("`__builtins__` is the interpreter's builtins namespace", site)
        self.modules[name] = module
        return module


    def _unparsable(self, module: ModuleObject) -> None:
        source = module.source
        site = Site(source, None, source.problem_span)
        if source.problem_kind == "syntax":
            module.failure = Raised("SyntaxError", source.problem, site, SYNTAX_ERROR)
            self.fail(module.failure)
        else:
            unknown = Unknown(source.problem, site, OUTSIDE_ROOT if source.problem_kind == "outside" else LIMIT)
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
            if self.reuse is not None:
                self.reuse.imported(fullname, cached)
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
        if self.reuse is not None and fullname in sys.stdlib_module_names:
            self.reuse.refuse()  # which of the two is imported depends on what was before
        module = self.reuse.install(fullname, location) if self.reuse is not None else None
        if module is None:
            try:
                module = self._new_module(fullname, location)
            except Unanalyzable as ex:
                # a budget ran out: reported even if nothing the manifest needs comes from here
                unknown = Unknown(str(ex), site, LIMIT)
                if not any(n.reason == unknown.reason for n in self.notices[-3:]):
                    self.notices.append(unknown)
                return unknown
            self._execute(module)
        if self.reuse is not None:
            self.reuse.imported(fullname, module)
        if module.failure is not None:
            return module.failure
        if parent is not None:
            self.attach_submodule(parent, module)
        return module

    def attach_submodule(self, parent: ModuleObject, module: ModuleObject) -> None:
        """`import pkg.sub` binds `sub` in `pkg`'s namespace once `pkg.sub` has run."""
        name = module.name.rsplit(".", 1)[-1]
        if self.reuse is not None:
            self.reuse.attach(parent, name)
        parent.namespace[name] = module


    def _is_local_top(self, name: str) -> bool:
        if name in modules.LOADED_AT_IMPORT:
            return False  # already imported when the workspace is: the installed one wins
        try:
            return self.workspace.find_module(name) is not None
        except (OutsideRoot, Unanalyzable):
            return True


    def _import_external(self, fullname: str, parent: Any, site: Site) -> Any:
        top = fullname.split(".", 1)[0]
        added, removed = modules.MODULES_ADDED.get(top), modules.MODULES_REMOVED.get(top)
        if (added is not None and self.python_version < added) or (removed is not None and self.python_version >= removed):
            change = f"new in Python {added[0]}.{added[1]}" if added else f"removed in Python {removed[0]}.{removed[1]}"
            return self.noted(Unknown(
                f"the standard module `{top}` is {change} (the target is Python {self.python_version[0]}."
                f"{self.python_version[1]}): whether an installed one stands for it is not known", site, may_raise=True,
            ))
        if top not in modules.LOADED_AT_IMPORT and top not in modules.OPEN_MODULES:
            self.unmodeled_imports.append(top)  # it may import any other module
        if parent is not None and parent.name in modules.NOT_PACKAGES:
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
        if (module.name, name) in self.external_attributes:
            return self.external_attributes[(module.name, name)]
        if fullname == "sys.version_info":
            return PythonVersion(*self.python_version)
        if fullname in self.loaded_external:
            return ExternalModule(fullname)
        added = modules.ADDED_IN.get(fullname)
        if added is not None and self.python_version < added:
            return Raised(
                "AttributeError", f"module {module.name!r} has no attribute {name!r} (new in Python"
                f" {added[0]}.{added[1]}; the target is Python {self.python_version[0]}.{self.python_version[1]})",
                site, "DM411",
            )
        guard = modules.MISSING_ATTRIBUTES.get(module.name)
        raised = guard(name, site, self.context) if guard is not None else None
        if raised is not None:
            return raised
        missing = self._missing_from_stdlib(module.name, name, site)
        if missing is not None:
            return missing
        return modules.module_attribute(module.name, name, site)

    def _missing_from_stdlib(self, module: str, name: str, site: Site) -> Any:
        """A name a standard module does not have (`from os import nonexistent`), when the
        analyzer's own Python has imported that module: for the release it runs on, the
        AttributeError; for another release (the name may have been removed or added
        since) or a package (it may be a submodule another import loaded), a refusal."""
        table = modules.OPEN_MODULES.get(module, modules.CLOSED_MODULES.get(module))
        real = sys.modules.get(module)
        if real is None or (table is not None and name in table) or module.split(".")[0] not in sys.stdlib_module_names:
            return None
        if hasattr(real, name) or f"{module}.{name}" in modules.ADDED_IN:
            return None
        if self.python_version == tuple(sys.version_info[:2]) and not hasattr(real, "__path__"):
            return Raised("AttributeError", f"module {module!r} has no attribute {name!r}", site, "DM411")
        # another release's module may have it; a package's, a submodule something imported
        return self.noted(Unknown(
            f"`{module}.{name}` is not in the standard library of Python {sys.version_info[0]}."
            f"{sys.version_info[1]} (the analyzer's) as imported so far: whether the target's has it is not"
            " known", site, may_raise=True,
        ))


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
            return modules.is_modeled(module.name) or (
                module.name in modules.PRELOADED_MODULES
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
            if "__getattr__" in module.namespace:  # PEP 562
                value = self.module_attribute(module, attr, site)
                if not (isinstance(value, Raised) and value.exc == "AttributeError"):
                    return value
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
        if fullname in modules.KNOWN_SUBMODULES:
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
        """`from module import *`: the names of its `__all__` (a package's submodules
        listed there are imported; a name it does not have is an AttributeError), else
        its names that do not start with `_`."""
        if isinstance(module, ModuleObject):
            listed = module.namespace.get("__all__")
            if listed is None:
                names = [n for n in module.namespace if not n.startswith("_")]
            else:
                names = self.iterate(self.read(listed), site)
                if is_poison(names):
                    if isinstance(names, Raised):
                        self.fail(names)
                    self.open_namespace(scope.module, site, "a `*` import of a computed `__all__`")
                    return False
            for name in names:
                if not isinstance(name, str):
                    what = "__all__" if listed is not None else "__dict__"
                    self.fail(Raised("TypeError", f"Item in {module.name}.{what} must be str, not {type(name).__name__}", site, IMPORT_ERROR))
                    return False
                if name in module.namespace or listed is None:
                    value = module.namespace.get(name, module.open_namespace)
                else:
                    value = self._from_attribute(module, name, site)
                    if isinstance(value, Raised):
                        # `*` reads `module.name` itself: the error is an AttributeError
                        raised = Raised("AttributeError", f"module {module.name!r} has no attribute {name!r}", site, IMPORT_ERROR)
                        self.fail(raised)
                        return False
                self.bind(scope, name, value, None)
            if module.open_namespace is not None:
                scope.module.open_namespace = module.open_namespace
            return True
        closed = modules.CLOSED_MODULES.get(module.name)
        if closed is not None:
            for name, value in closed.items():
                self.bind(scope, name, value, None)
            return True
        self.open_namespace(scope.module, site, f"`from {module.name} import *`")
        return False

    def _bind_import_names(self, node: cst.ImportFrom, value: Any, scope: Scope) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            bound_name = alias.asname.name.value if alias.asname is not None else alias.name.value
            self.bind(scope, bound_name, value, None)
