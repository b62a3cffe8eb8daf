"""`class` statements: bases and keywords, the body run in the class namespace, the
metaclass (`__new__` / `__init__` of a workspace metaclass; `type` otherwise), then the
class is finished (`instances.Instances.finish_class`) and decorated. A part of
`interpreter.Interpreter`."""

from __future__ import annotations

from typing import Any, Optional

import libcst as cst
from dlt_manifest.python import classes, syntax
from dlt_manifest.python.evaluate import Call
from dlt_manifest.python.scope import CLASS, Scope, qualified
from dlt_manifest.python.values import (
    Class,
    ClassMethod,
    External,
    ExternalModule,
    Function,
    Modeled,
    ModuleObject,
    Property,
    Raised,
    StaticMethod,
    TypeForm,
    Unknown,
    describe,
    is_known,
    is_poison,
)
from dlt_manifest.source.span import Site

RAISES = "DM411"
LIMIT = "DM904"
UNKNOWN_EXCEPTION = "?"  # the class of an exception raised by an unknown value
MAX_LOOP = 1_000_000  # iterations of one loop


class ClassStatements:
    """The `class` statement (a part of `interpreter.Interpreter`)."""

    def _class_def(self, node: cst.ClassDef, scope: Scope) -> bool:
        site = self.site(scope, node.name)
        name = scope.mangle(node.name.value)
        decorators = [self.eval_decorator(d.decorator, scope) for d in node.decorators]
        bases = [self.eval(arg.value, scope) for arg in node.bases]
        keywords = {arg.keyword.value: self.eval(arg.value, scope) for arg in node.keywords}
        for value in (*bases, *keywords.values()):
            if isinstance(value, Raised):
                self.fail(value)
                self.bind(scope, name, value, None)
                return False
        metaclass = keywords.pop("metaclass", None)
        if metaclass is None:
            metaclass = next((b.metaclass for b in bases if isinstance(b, Class) and b.metaclass is not None), None)
        problem = self.noted(self._class_problem(bases, metaclass, site))
        if problem is not None:
            return self._not_executed(node, scope, None, problem.reason, problem)
        qualname = qualified(name, scope)
        namespace = _BodyNamespace({"__module__": scope.module.name, "__qualname__": qualname})
        doc = syntax.body_docstring(node.body)
        if doc is not None:
            namespace["__doc__"] = self._doc(doc)
        body_scope = Scope(scope.module, namespace, scope, CLASS, statement=scope.statement)
        body_scope.private = name.lstrip("_") or None
        self.exec_block(syntax.block(node.body), body_scope)
        made = self.noted(self.make_class(name, bases, namespace, metaclass, keywords, site, scope.module))
        if isinstance(made, Raised):
            self.fail(made)
            self.bind(scope, name, made, node)
            return False
        if is_poison(made) or not isinstance(made, Class):
            made = made if is_poison(made) else Unknown(f"the metaclass made {describe(made)}, not a class", site)
            self.taint_code(node.body, scope, made)  # what its methods may do
            self.bind(scope, name, made, node)
            return False
        if made.special is not None and made.special[0] == "enum" and namespace.rebound:
            # enum's namespace raises TypeError where a member's name is bound twice
            made = self.noted(Unknown(
                f"enum `{name}` binds `{sorted(namespace.rebound)[0]}` twice: not modeled", site, may_raise=True,
            ))
            self.bind(scope, name, made, node)
            return False
        value = self.noted(self._decorate(made, decorators, node.decorators, site, scope))
        self.bind(scope, name, value, node)
        return is_known(value)

    def make_class(self, name: str, bases: list, namespace: dict, metaclass: Any, keywords: dict, site: Site, module: ModuleObject) -> Any:
        """`metaclass(name, bases, namespace, **keywords)`: a workspace metaclass's
        `__new__` and `__init__` run; `type` makes the class."""
        if isinstance(metaclass, Class):
            new = classes.lookup(metaclass, "__new__")[1]
            if isinstance(new, StaticMethod):
                new = new.function
            call = Call(site, {}, None)
            if isinstance(new, Function):
                made = self.call_function(new, [metaclass, name, tuple(bases), namespace], keywords, call)
            else:
                made = self.type_new(metaclass, name, tuple(bases), namespace, keywords, site, module)
            init = classes.lookup(metaclass, "__init__")[1]
            if isinstance(made, Class) and isinstance(init, Function):
                result = self.call_function(init, [made, name, tuple(bases), namespace], keywords, call)
                if is_poison(result):
                    return result
            return made
        return self.type_new(metaclass, name, tuple(bases), namespace, keywords, site, module)

    def type_new(self, metaclass: Any, name: Any, bases: Any, namespace: Any, keywords: dict, site: Site, module: Optional[ModuleObject] = None) -> Any:
        """`type.__new__(metaclass, name, bases, namespace)`: the class itself."""
        if not isinstance(name, str) or not isinstance(bases, tuple) or not isinstance(namespace, dict):
            return Unknown("a class made from values not known statically", site)
        mro = classes.linearize(name, list(bases), site)
        if isinstance(mro, Raised):
            return mro
        namespace = dict(namespace)
        slots = classes.declared_slots(namespace, name, site)
        if is_poison(slots):
            return slots
        annotations = namespace.pop("__annotations__", {})
        namespace.setdefault("__doc__", None)
        qualname = namespace.pop("__qualname__", name)  # (kept apart from the class's dict, as CPython does)
        if is_poison(qualname):
            return qualname
        if not isinstance(qualname, str):
            return Raised("TypeError", f"type __qualname__ must be a str, not {type(qualname).__name__}", site, RAISES)
        owner = module or self.modules.get(namespace.get("__module__")) or next(
            (b.module for b in bases if isinstance(b, Class)), None
        )
        if owner is None:
            return Unknown(f"the module of class {name!r} is not known statically", site)
        cls = Class(name, qualname, owner, list(bases), namespace, annotations, site, mro=mro)
        cls.metaclass = metaclass if isinstance(metaclass, Class) else None
        cls.slots = slots
        abstract = classes.abstract_methods(cls, metaclass)
        if is_poison(abstract):
            return abstract
        cls.abstract = abstract
        return self.finish_class(cls, keywords, site)

    def _class_problem(self, bases: list, metaclass: Any, site: Site) -> Optional[Unknown]:
        """Why the class statement itself cannot be followed (its bases or metaclass run
        code the analyzer does not model), or None."""
        for base in bases:
            if is_poison(base):
                return base
            if not isinstance(base, (Class, Modeled, TypeForm, External)):  # its type makes the class
                return Unknown(f"a class derived from {describe(base)} is not modeled", site, may_raise=True)
        if metaclass is None or (isinstance(metaclass, Modeled) and metaclass.key in ("abc.ABCMeta", "builtins.type")):
            return None
        if isinstance(metaclass, Class):
            runs = sorted({"__prepare__", "__call__"} & set(metaclass.namespace))
            if not runs:
                return None
            return Unknown(f"the metaclass `{metaclass.name}` defines `{runs[0]}`, which is not followed", site, may_raise=True)
        return Unknown(
            f"classes made by the metaclass {describe(metaclass)} are not modeled", site,
            may_raise=not isinstance(metaclass, (External, ExternalModule)),
        )


class _BodyNamespace(dict):
    """A class body's namespace, with the names bound twice that an enum's namespace
    refuses: not dunder names, and not a method (or other descriptor) bound again as one."""

    __slots__ = ("rebound",)

    def __init__(self, items: dict):
        super().__init__(items)
        self.rebound: set = set()

    def __setitem__(self, key: Any, value: Any) -> None:
        if key in self and not (isinstance(key, str) and key.startswith("__") and key.endswith("__")):
            if not (_descriptor(self[key]) and _descriptor(value)):
                self.rebound.add(key)
        super().__setitem__(key, value)


def _descriptor(value: Any) -> bool:
    return isinstance(value, (Function, StaticMethod, ClassMethod, Property))

