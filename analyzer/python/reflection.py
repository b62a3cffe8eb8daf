"""The builtins that look at or change objects and namespaces themselves: `globals()`,
`locals()`, `vars()`, `dir()`, `getattr`/`hasattr`/`setattr`/`delattr`, `isinstance`,
`type`, `super`, `staticmethod`/`classmethod`/`property`, and `exec`/`eval` (which taint
everything). Registered in `calls.CALLS` with their real signatures."""

from __future__ import annotations

import enum
from typing import Any, Optional

from dlt_manifest.python import builtins
from dlt_manifest.python.calls import _MISSING, modeled
from dlt_manifest.python.plain import is_plain_shallow
from dlt_manifest.python.values import (
    Class,
    ClassMethod,
    ExceptionValue,
    Function,
    Instance,
    Modeled,
    ModuleObject,
    Property,
    Raised,
    StaticMethod,
    Super,
    Unknown,
    describe,
    is_library,
    is_poison,
)

RUNTIME_ERROR = "DM411"


@modeled("builtins.globals", "()")
def _globals(ev, call, bound, _):
    """The module's namespace itself: what is done to it is done to the module's names."""
    return call.scope.module.namespace


@modeled("builtins.locals", "()")
def _locals(ev, call, bound, _):
    scope = call.scope
    if scope.kind in ("module", "class"):
        return scope.locals
    return dict(scope.locals)  # a function's locals(): a snapshot


@modeled("builtins.vars", "(*args)")
def _vars(ev, call, bound, _):
    if not bound["args"]:
        return _locals(ev, call, {}, None)
    if len(bound["args"]) > 1:
        return Raised("TypeError", f"vars expected at most 1 argument, got {len(bound['args'])}", call.site, RUNTIME_ERROR)
    return ev.get_attribute(bound["args"][0], "__dict__", call.site)


@modeled("builtins.isinstance", "(obj, class_or_tuple, /)")
def _isinstance(ev, call, bound, _):
    obj, classes = bound["obj"], bound["class_or_tuple"]
    classes = classes if isinstance(classes, tuple) else (classes,)
    if is_poison(obj):
        return obj
    answer = False
    for cls in classes:
        found = _is_instance_of(ev, obj, cls)
        if found is None:
            return Unknown(
                f"isinstance() of {describe(obj)} against {describe(cls)} is not known statically", call.site,
                may_raise=not (is_library(cls) or isinstance(cls, Class)),  # `isinstance(1, 1)` raises
            )
        answer = answer or found
    return answer


def _is_instance_of(ev, obj: Any, cls: Any) -> Optional[bool]:
    if isinstance(cls, Class):
        if cls.special is not None:
            return isinstance(obj, cls.special[1])
        if isinstance(obj, Instance):
            return any(c is cls for c in (obj.cls, *obj.cls.mro))
        return False if is_plain_shallow(obj) or isinstance(obj, (Function, Class)) else None
    if isinstance(cls, Modeled) and cls.key in builtins._BUILTIN_TYPES:
        if is_plain_shallow(obj):
            return isinstance(obj, builtins._BUILTIN_TYPES[cls.key])
        if isinstance(obj, Instance):
            return any(isinstance(c, Modeled) and c.key == cls.key for c in obj.cls.mro)
        return False if isinstance(obj, (Function, Class)) else None
    if isinstance(cls, Modeled) and cls.key == "builtins.object":
        return True
    return None


@modeled("builtins.staticmethod", "(function, /)")
def _staticmethod(ev, call, bound, _):
    return StaticMethod(bound["function"])


@modeled("builtins.classmethod", "(function, /)")
def _classmethod(ev, call, bound, _):
    return ClassMethod(bound["function"])


@modeled("builtins.property", "(fget=None, fset=None, fdel=None, doc=None)")
def _property(ev, call, bound, _):
    return Property(bound["fget"], bound["fset"], bound["fdel"], bound["doc"])


@modeled("property.copy", "(function, /)")
def _property_copy(ev, call, bound, state):
    """`@prop.setter` / `.getter` / `.deleter`: a copy of the property with that function."""
    prop, which = state
    made = Property(prop.fget, prop.fset, prop.fdel, prop.doc)
    setattr(made, {"getter": "fget", "setter": "fset", "deleter": "fdel"}[which], bound["function"])
    return made


@modeled("object-noop", "(*args, **kwargs)")
def _object_noop(ev, call, bound, name):
    """`object.__init__` / `object.__init_subclass__` reached through `super()`."""
    if bound["args"] and name == "__init__" or bound["kwargs"]:
        return Raised("TypeError", f"object.{name}() takes exactly one argument (the instance to initialize)", call.site, RUNTIME_ERROR)
    return None


@modeled("exception-init", "(*args, **kwargs)")
def _exception_init(ev, call, bound, inst):
    """`BaseException.__init__` reached through `super()`: `args` becomes the positional
    arguments (whatever `__new__` stored)."""
    if bound["kwargs"]:
        return Raised("TypeError", f"{inst.cls.name}() takes no keyword arguments", call.site, RUNTIME_ERROR)
    inst.attributes["args"] = tuple(bound["args"])
    return None


@modeled("abc.abstractmethod", "(funcobj, /)")
def _abstractmethod(ev, call, bound, _):
    """`@abstractmethod` sets `__isabstractmethod__` on the function."""
    function = bound["funcobj"]
    if not isinstance(function, Function):
        return function if is_poison(function) else Unknown(f"`abstractmethod` of {describe(function)} is not modeled", call.site)
    function.attributes["__isabstractmethod__"] = True
    return function


@modeled("builtins.super", "(*args)")
def _super(ev, call, bound, _):
    args = bound["args"]
    if len(args) == 2:
        return Super(args[0], args[1])
    scope = call.scope
    function = getattr(scope, "function", None)
    if args or function is None or function.owner is None or not scope.locals:
        return Unknown("super() outside a method of a workspace class is not modeled", call.site, may_raise=True)
    first = next(iter(function.params), None)
    if first is None or first.name not in scope.locals:
        return Raised("RuntimeError", "super(): no arguments", call.site, RUNTIME_ERROR)
    return Super(function.owner, scope.locals[first.name])


@modeled("builtins.type", "(*args)")
def _type(ev, call, bound, _):
    args = bound["args"]
    if len(args) != 1:
        return Unknown("type() making a class is not modeled", call.site, may_raise=True)
    obj = args[0]
    if is_poison(obj):
        return obj
    if isinstance(obj, Instance):
        return obj.cls
    if isinstance(obj, ExceptionValue):
        if isinstance(obj.kind, Class):
            return obj.kind
        if obj.kind in builtins.EXCEPTION_NAMES:
            return Modeled(f"builtins.{builtins.exception_chain(obj.kind)[0]}")
        return Unknown(f"type() of the {obj.kind} raised here is not modeled", call.site)
    py_type = type(obj)
    if py_type in ev.tuple_models:
        return ev.tuple_models[py_type]
    if isinstance(obj, enum.Enum) and py_type in ev.enum_models:
        return ev.enum_models[py_type]
    if py_type in builtins._BUILTIN_TYPES.values():
        return Modeled(f"builtins.{py_type.__name__ if obj is not None else 'NoneType'}")
    return Unknown(f"type() of {describe(obj)} is not modeled", call.site)


@modeled("builtins.exec", "(*args, **kwargs)")
def _exec(ev, call, bound, _):
    """Code built at run time may do anything workspace code can: all is tainted."""
    unknown = Unknown("exec() runs code built at run time; not followed statically", call.site, "DM903", may_be_job=True)
    ev.taint_everything(unknown)
    return unknown


@modeled("builtins.eval", "(*args, **kwargs)")
def _eval(ev, call, bound, _):
    unknown = Unknown("eval() runs code built at run time; not followed statically", call.site, "DM903", may_be_job=True)
    ev.taint_everything(unknown)
    return unknown


@modeled("builtins.compile", "(*args, **kwargs)")
def _compile(ev, call, bound, _):
    return Unknown("compile() makes code to run at run time; not followed statically", call.site)


def _attribute_name(value: Any, call, what: str) -> Any:
    if is_poison(value):
        return value
    if not isinstance(value, str):
        return Raised("TypeError", f"{what}(): attribute name must be string", call.site, RUNTIME_ERROR)
    return None


@modeled("builtins.getattr", "(obj, name, default=MISSING, /)")
def _getattr(ev, call, bound, _):
    obj, name, default = bound["obj"], bound["name"], bound["default"]
    problem = _attribute_name(name, call, "getattr")
    if problem is not None:
        return problem
    value = ev.get_attribute(obj, name, call.site)
    if isinstance(value, Raised) and value.exc == "AttributeError" and default is not _MISSING:
        return default
    return value


@modeled("builtins.hasattr", "(obj, name, /)")
def _hasattr(ev, call, bound, _):
    problem = _attribute_name(bound["name"], call, "hasattr")
    if problem is not None:
        return problem
    value = ev.get_attribute(bound["obj"], bound["name"], call.site)
    if isinstance(value, Raised):
        return False if value.exc == "AttributeError" else value
    if is_poison(value):
        return value
    return True


@modeled("builtins.setattr", "(obj, name, value, /)")
def _setattr(ev, call, bound, _):
    problem = _attribute_name(bound["name"], call, "setattr")
    if problem is not None:
        return problem
    return ev.set_attribute(bound["obj"], bound["name"], bound["value"], call.site)


@modeled("builtins.delattr", "(obj, name, /)")
def _delattr(ev, call, bound, _):
    problem = _attribute_name(bound["name"], call, "delattr")
    if problem is not None:
        return problem
    return ev.delete_attribute(bound["obj"], bound["name"], call.site)


@modeled("builtins.dir", "(*args)")
def _dir(ev, call, bound, _):
    """`dir()`: the sorted names of the current scope; `dir(module)` its namespace's."""
    args = bound["args"]
    if not args:
        scope = call.scope
        if scope.kind == "module" and scope.module.open_namespace is not None:
            return scope.module.open_namespace
        return sorted(scope.locals)
    if len(args) == 1 and isinstance(args[0], ModuleObject):
        module = args[0]
        if module.open_namespace is not None:
            return module.open_namespace
        return sorted(module.namespace)
    return Unknown("dir() of this value lists attributes of its class; not evaluated statically", call.site, "DM903")


@modeled("type.__new__", "(metaclass, name, bases, namespace, /, **keywords)")
def _type_new(ev, call, bound, _):
    return ev.type_new(bound["metaclass"], bound["name"], bound["bases"], bound["namespace"], bound["keywords"], call.site)
