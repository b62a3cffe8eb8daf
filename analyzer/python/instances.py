"""Workspace classes in use, as CPython runs them: finishing a class (`__init_subclass__`,
`__set_name__`, enums and named tuples), attribute lookup on classes and instances with
descriptors (methods, `staticmethod`, `classmethod`, `property`) and `super()`, making
instances (`__init__`, dataclasses' generated `__init__` and `__post_init__`), and the
protocols the evaluator needs (`str()`, `repr()`, truth, `==`). A part of
`interpreter.Interpreter`.

Whatever depends on something not modeled (a metaclass that runs code, `__new__`, a base
class of an installed package) is Unknown, and what its code may change is tainted.
"""

from __future__ import annotations

from typing import Any, Optional

from dlt_manifest.python import builtins, classes, special
from dlt_manifest.python.plain import DigitLimit, NotPlain, TooLarge, python_repr
from dlt_manifest.python.values import (
    BoundMethod,
    Class,
    ClassMethod,
    ExceptionValue,
    External,
    Function,
    Instance,
    Modeled,
    Property,
    Raised,
    StaticMethod,
    Super,
    TypeForm,
    Unknown,
    describe,
    is_poison,
)

RUNTIME_ERROR = "DM411"
NOT_STATIC = "DM901"
# class keywords the metaclass of a modeled base consumes (`class T(TypedDict, total=False)`)
_CLASS_KEYWORDS = {"typing.TypedDict": ("total",)}
_OBJECT_NAMES = frozenset(["__class__", "__dict__", "__doc__", "__module__"])


class Instances:
    """Classes and instances in use (a part of `interpreter.Interpreter`)."""

    # --- attributes ------------------------------------------------------------------------

    def class_attribute(self, cls: Class, name: str, site) -> Any:
        if name == "__name__":
            return cls.name
        if name == "__qualname__":
            return cls.qualname
        if name == "__module__":
            return cls.module.name if "__module__" not in cls.namespace else cls.namespace["__module__"]
        if name == "__doc__":
            return cls.namespace.get("__doc__")
        if name == "__mro__":
            return (cls, *cls.mro)
        if name == "__bases__":
            return tuple(cls.bases) or (classes.OBJECT,)
        if name == "__dict__":
            return Unknown("a class's `__dict__` is a read-only proxy; not modeled", site)
        owner, value = classes.lookup(cls, name)
        if owner is not None and value is None and not isinstance(owner, Class):
            return Unknown(f"attribute `{name}` of class `{cls.name}` may come from {describe(owner)}", site,
                           may_raise=not isinstance(owner, External))
        if owner is None and any(isinstance(k, Class) and name in (k.slots or ()) for k in (cls, *cls.mro)):
            return Unknown(f"`{cls.name}.{name}` is the member descriptor of a slot; not modeled", site)
        if owner is None:
            meta = self._metaclass_attribute(cls, name, site)
            if meta is not None:
                return meta
            return Raised("AttributeError", f"type object {cls.name!r} has no attribute {name!r}", site, RUNTIME_ERROR)
        if isinstance(value, StaticMethod):
            return value.function
        if isinstance(value, ClassMethod):
            return BoundMethod(value.function, cls)
        if isinstance(value, Instance):
            return self._bind(value, cls, cls, site)  # a descriptor's `__get__(None, cls)`
        return value  # functions and properties read on the class are themselves

    def _metaclass_attribute(self, cls: Class, name: str, site) -> Optional[Any]:
        meta = cls.metaclass
        if not isinstance(meta, Class):
            return None
        owner, value = classes.lookup(meta, name)
        if not isinstance(owner, Class):
            return None
        return self._bind(value, cls, meta, site)

    def instance_attribute(self, inst: Instance, name: str, site) -> Any:
        cls = inst.cls
        if name == "__class__":
            return cls
        if name == "__dict__":
            if classes.instance_slots(cls) is not None:
                return Raised("AttributeError", f"{cls.name!r} object has no attribute '__dict__'", site, RUNTIME_ERROR)
            return inst.attributes
        owner, value = classes.lookup(cls, name)
        if isinstance(value, Property) or isinstance(value, Instance) and any(
            classes.lookup(value.cls, hook)[0] is not None for hook in ("__set__", "__delete__")
        ):  # data descriptors come before the instance's own attributes
            return self._bind(value, inst, cls, site)
        if name in inst.attributes:
            return inst.attributes[name]
        if owner is not None and value is None and not isinstance(owner, Class):
            return Unknown(f"attribute `{name}` of {describe(inst)} may come from {describe(owner)}", site,
                           may_raise=not isinstance(owner, External))
        if owner is None:
            if name == "__doc__":
                return cls.namespace.get("__doc__")
            if name == "__module__":
                return self.class_attribute(cls, name, site)
            getter = classes.lookup(cls, "__getattr__")[1]
            if isinstance(getter, Function):
                return self.call_function(getter, [inst, name], {}, _call(site))
            if name == "args" and classes.is_exception_class(cls):
                return inst.attributes.get("args", ())
            return Raised("AttributeError", f"{cls.name!r} object has no attribute {name!r}", site, RUNTIME_ERROR)
        return self._bind(value, inst, cls, site)

    def super_attribute(self, sup: Super, name: str, site) -> Any:
        obj = sup.obj
        cls = obj if isinstance(obj, Class) else getattr(obj, "cls", None)
        if not isinstance(cls, Class):
            return Unknown(f"`super().{name}` of {describe(obj)} is not modeled", site)
        mro = [cls, *cls.mro]
        after = next((i for i, c in enumerate(mro) if c is sup.start), None)
        if after is None:
            return Raised("TypeError", "super(type, obj): obj must be an instance or subtype of type", site, RUNTIME_ERROR)
        for klass in mro[after + 1:]:
            if isinstance(klass, Class):
                if name in klass.namespace:
                    return self._bind(klass.namespace[name], obj, cls, site)
            elif isinstance(klass, Modeled) and klass.key == "builtins.object":
                if name in ("__init__", "__init_subclass__"):
                    return Modeled("object-noop", name)
                if name == "__setattr__" and isinstance(obj, Instance):
                    return Modeled("object.__setattr__.bound", obj)
            elif isinstance(klass, Modeled) and klass.key == "builtins.type" and name == "__new__":
                return Modeled("type.__new__")
            elif (
                name == "__init__" and isinstance(obj, Instance) and isinstance(klass, Modeled)
                and special.is_exception_key(klass.key) and builtins.exception_protocol(klass.key[9:])
            ):
                return Modeled("exception-init", obj)
            else:
                return Unknown(f"`super().{name}` may come from {describe(klass)}", site)
        return Raised("AttributeError", f"'super' object has no attribute {name!r}", site, RUNTIME_ERROR)

    def _bind(self, value: Any, obj: Any, cls: Class, site) -> Any:
        """What a class attribute is when read through `obj` (an instance, or the class)."""
        if isinstance(value, Function):
            return value if obj is cls else BoundMethod(value, obj)
        if isinstance(value, StaticMethod):
            return value.function
        if isinstance(value, ClassMethod):
            return BoundMethod(value.function, cls)
        if isinstance(value, Property):
            if obj is cls:
                return value
            if value.fget is None:
                return Raised("AttributeError", "property has no getter", site, RUNTIME_ERROR)
            return self.call(value.fget, [obj], {}, _call(site))
        if isinstance(value, Instance):
            owner, getter = classes.lookup(value.cls, "__get__")
            if isinstance(getter, Function):
                return self.call_function(getter, [value, None if obj is cls else obj, cls], {}, _call(site))
            if owner is not None:
                return Unknown(f"the descriptor {describe(value)} is not modeled", site)
        return value

    # --- making instances -------------------------------------------------------------------

    def instantiate(self, cls: Class, args: list, kwargs: dict, call) -> Any:
        site = call.site
        if _is_typed_dict(cls):  # calling a TypedDict class makes a plain dict
            return self.call(Modeled("builtins.dict"), args, kwargs, call)
        why = self._not_instantiable(cls)
        if why is not None:
            unknown = Unknown(f"instances of class `{cls.name}` are not evaluated statically: {why}", site)
            self.unknown_call_effects(cls, args, kwargs, site)
            return unknown
        if cls.abstract:
            names = sorted(cls.abstract)
            plural = "s" if len(names) > 1 else ""
            if self.python_version >= (3, 12):
                listed = "', '".join(names)
                message = f"without an implementation for abstract method{plural} '{listed}'"
            else:
                message = f"with abstract method{plural} {', '.join(names)}"
            return Raised("TypeError", f"Can't instantiate abstract class {cls.name} {message}", site, RUNTIME_ERROR)
        if cls.dataclass is not None and "__init__" not in cls.namespace:  # (its own is kept)
            return self._dataclass_instance(cls, args, kwargs, call)
        inst = Instance(cls)
        if classes.is_exception_class(cls):
            inst.attributes["args"] = tuple(args)
        init = classes.lookup(cls, "__init__")
        if isinstance(init[1], Function):
            result = self.call_function(init[1], [inst, *args], kwargs, call)
            if is_poison(result):
                return result
            if result is not None:
                return Raised("TypeError", f"__init__() should return None, not {type(result).__name__!r}", site, RUNTIME_ERROR)
        elif classes.is_exception_class(cls):
            if kwargs and builtins.exception_protocol(self.exception_base(cls)):
                return Raised("TypeError", f"{cls.name}() takes no keyword arguments", site, RUNTIME_ERROR)
        elif args or kwargs:
            return Raised("TypeError", f"{cls.name}() takes no arguments", site, RUNTIME_ERROR)
        return inst

    def _not_instantiable(self, cls: Class) -> Optional[str]:
        if isinstance(cls.metaclass, Class) and "__call__" in cls.metaclass.namespace:
            return "its metaclass defines `__call__`"
        for klass in cls.mro:
            if isinstance(klass, Class):
                if "__new__" in klass.namespace:
                    return "it defines `__new__`"
            elif isinstance(klass, Modeled) and klass.key in ("builtins.object", "abc.ABC"):
                continue
            elif isinstance(klass, Modeled) and special.is_exception_key(klass.key):
                continue
            else:
                return f"it derives from {describe(klass)}"
        return None

    def _dataclass_instance(self, cls: Class, args: list, kwargs: dict, call) -> Any:
        """The `__init__` `dataclasses.dataclass` generates, then `__post_init__`."""
        site = call.site
        fields = [f for f in cls.fields if f.init]
        values: dict = {}
        if len(args) > len(fields):
            return Raised("TypeError", f"{cls.name}.__init__() takes {len(fields) + 1} positional arguments but {len(args) + 1} were given", site, RUNTIME_ERROR)
        for field, value in zip(fields, args):
            values[field.name] = value
        names = {f.name for f in fields}
        for key, value in kwargs.items():
            if key not in names:
                return Raised("TypeError", f"{cls.name}.__init__() got an unexpected keyword argument {key!r}", site, RUNTIME_ERROR)
            if key in values:
                return Raised("TypeError", f"{cls.name}.__init__() got multiple values for argument {key!r}", site, RUNTIME_ERROR)
            values[key] = value
        inst = Instance(cls)
        missing = []
        initvars = []  # `InitVar` pseudo-fields: arguments of `__post_init__`, not attributes
        for field in cls.fields:
            if field.initvar:
                if field.name in values or field.has_default:
                    initvars.append(values[field.name] if field.name in values else field.default)
                else:
                    missing.append(field.name)
            elif field.name in values:
                inst.attributes[field.name] = values[field.name]
            elif field.factory is not None:
                made = self.call(field.factory, [], {}, call)
                if isinstance(made, Raised):
                    return made
                inst.attributes[field.name] = made
            elif field.has_default:
                inst.attributes[field.name] = field.default
            elif field.init:
                missing.append(field.name)
        if missing:
            listed = " and ".join(repr(m) for m in missing)
            return Raised("TypeError", f"{cls.name}.__init__() missing {len(missing)} required positional argument{'s' if len(missing) > 1 else ''}: {listed}", site, RUNTIME_ERROR)
        if cls.dataclass.get("frozen"):
            inst.frozen = True  # its `__setattr__` raises from here on, in `__post_init__` too
        post = classes.lookup(cls, "__post_init__")[1]
        if isinstance(post, Function):
            result = self.call_function(post, [inst, *initvars], {}, call)
            if is_poison(result):
                return result
        elif post is not None:
            return Unknown(f"`__post_init__` of {cls.name} may come from {describe(classes.lookup(cls, '__post_init__')[0])}", site)
        return inst

    # --- protocols ------------------------------------------------------------------------

    def instance_text(self, inst: Instance, kind: str, site) -> Any:
        """`str(inst)` (kind "str") or `repr(inst)` (kind "repr")."""
        cls = inst.cls
        names = ("__str__", "__repr__") if kind == "str" else ("__repr__",)
        for name in names:
            owner, method = classes.lookup(cls, name)
            if isinstance(method, Function):
                text = self.call_function(method, [inst], {}, _call(site))
                if not is_poison(text) and not isinstance(text, str):
                    return Raised("TypeError", f"{name} returned non-string (type {type(text).__name__})", site, RUNTIME_ERROR)
                return text
            if owner is not None and not isinstance(owner, Class) and not _is_object(owner):
                if special.is_exception_key(getattr(owner, "key", "")):
                    args = inst.attributes.get("args", ())
                    return self.exception_text(owner.key[9:], cls.name, args, "str" if name == "__str__" else "repr", site)
                break
        if cls.dataclass is not None and cls.dataclass.get("repr", True):
            parts = []
            for field in cls.fields:
                if field.repr and not field.initvar:
                    value = inst.attributes.get(field.name)
                    text = self.text_of(value, "repr", site)
                    if is_poison(text):
                        return text
                    parts.append(f"{field.name}={text}")
            return f"{cls.qualname}({', '.join(parts)})"
        return Unknown(f"`{kind}()` of an instance of `{cls.name}` shows its address; not known statically", site)

    def text_of(self, value: Any, kind: str, site) -> Any:
        """`str(value)` / `repr(value)` for any value the evaluator has."""
        if isinstance(value, Instance):
            return self.instance_text(value, kind, site)
        if isinstance(value, ExceptionValue):
            if value.args is None:
                if kind == "str":
                    return value.message
                return Unknown(f"`repr()` of the {value.name} raised here is not known statically", site)
            return self.exception_text(value.name, builtins.exception_chain(value.name)[0], value.args, kind, site)
        try:
            return python_repr(value) if kind == "repr" else (value if type(value) is str else _str(value))
        except TooLarge as ex:
            return Unknown(f"`{kind}()` not evaluated: {ex}", site, "DM904", may_raise=isinstance(ex, DigitLimit))
        except NotPlain:
            return Unknown(f"`{kind}()` of {describe(value)} is not evaluated statically", site)

    def exception_base(self, cls: Class) -> Optional[str]:
        """The name of the builtin exception class `cls` derives from first."""
        return next((k.key[9:] for k in cls.mro if isinstance(k, Modeled) and special.is_exception_key(k.key)), None)

    def exception_text(self, base: str, shown: str, args: Any, kind: str, site) -> Any:
        """`str()` (kind "str") or `repr()` of an exception of builtin class `base` (its type
        named `shown`) with `args`, as BaseException shows it (KeyError: the repr of one
        argument)."""
        if is_poison(args):
            return args
        if not isinstance(args, tuple):
            return Unknown(f"the `args` of a {shown} are not a tuple; not modeled", site)
        protocol = builtins.exception_protocol(base)
        if kind == "str" and protocol is None:
            return Unknown(f"`str()` of a {base} is not modeled (its arguments have meanings of their own)", site)
        one = kind == "str" and len(args) == 1
        parts = []
        for arg in args:
            text = self.text_of(arg, "repr" if not one or protocol == "key" else "str", site)
            if is_poison(text):
                return text
            parts.append(text)
        if one:
            return parts[0]
        if kind == "str":
            return "" if not args else f"({', '.join(parts)})"
        return f"{shown}({', '.join(parts)})"

    def instance_truth(self, inst: Instance, site) -> Any:
        for name in ("__bool__", "__len__"):
            method = classes.lookup(inst.cls, name)[1]
            if isinstance(method, Function):
                result = self.call_function(method, [inst], {}, _call(site))
                if is_poison(result):
                    return result
                return bool(result) if name == "__bool__" else result != 0
        return True

    def instance_equals(self, left: Instance, right: Any, site) -> Any:
        """`left == right` for an instance of a workspace class, or None when it is
        identity (no `__eq__` of the workspace's)."""
        method = classes.lookup(left.cls, "__eq__")[1]
        if isinstance(method, Function):
            result = self.call_function(method, [left, right], {}, _call(site))
            return result
        if left.cls.dataclass is not None and left.cls.dataclass.get("eq", True):
            if not isinstance(right, Instance) or right.cls is not left.cls:
                return False
            for field in left.cls.fields:
                if field.compare and not field.initvar:
                    a, b = left.attributes.get(field.name), right.attributes.get(field.name)
                    if a is b:
                        continue
                    same = self.equals(a, b, site)
                    if is_poison(same) or not same:
                        return same
            return True
        return None

    # --- making classes ---------------------------------------------------------------------

    def finish_class(self, cls: Class, keywords: dict, site) -> Any:
        """After the class body ran: functions learn their class (`super()`), `__set_name__`,
        `__init_subclass__` of the bases, and enums and named tuples become CPython's own."""
        for value in cls.namespace.values():
            function = value.function if isinstance(value, (StaticMethod, ClassMethod)) else value
            if isinstance(value, Property):
                function = value.fget
            if isinstance(function, Function) and function.owner is None:
                function.owner = cls
        made = special.build(self, cls, site)
        if made is not None:
            return made
        for name, value in list(cls.namespace.items()):
            if isinstance(value, Instance) and isinstance(classes.lookup(value.cls, "__set_name__")[1], Function):
                result = self.call_function(classes.lookup(value.cls, "__set_name__")[1], [value, cls, name], {}, _call(site))
                if isinstance(result, Raised) and self.python_version < (3, 12):
                    return Raised("RuntimeError", f"Error calling __set_name__ on {value.cls.name!r} instance {name!r} in {cls.name!r}", site, RUNTIME_ERROR)
                if is_poison(result):
                    return result
        hook = None
        for klass in cls.mro:
            if isinstance(klass, Class) and "__init_subclass__" in klass.namespace:
                hook = klass.namespace["__init_subclass__"]
                break
            if not isinstance(klass, Class) and not _is_object(klass):
                consumed = _CLASS_KEYWORDS.get(getattr(klass, "key", None) or getattr(klass, "origin", None), ())
                if keywords and not set(keywords) <= set(consumed):
                    return Unknown(f"class keywords given to {describe(klass)}; not modeled", site)
                return cls  # the keywords this base's metaclass consumes
        if hook is not None:
            function = hook.function if isinstance(hook, ClassMethod) else hook
            if not isinstance(function, Function):
                return Unknown("`__init_subclass__` is not a function of the workspace", site)
            result = self.call_function(function, [cls], keywords, _call(site))
            if is_poison(result):
                return result
        elif keywords:
            return Raised("TypeError", f"{cls.name}.__init_subclass__() takes no keyword arguments", site, RUNTIME_ERROR)
        return cls


def _is_object(klass: Any) -> bool:
    return isinstance(klass, Modeled) and klass.key == "builtins.object"


def _str(value: Any) -> str:
    from dlt_manifest.python.plain import python_str

    return python_str(value)


class _call:
    """The sites of a call the analyzer makes itself (a protocol method, a property)."""

    __slots__ = ("site", "arg_sites", "scope")

    def __init__(self, site):
        self.site = site
        self.arg_sites = {}
        self.scope = None

    def arg_site(self, *keys):
        return self.site


def _is_typed_dict(cls: Class) -> bool:
    """A class made by `typing.TypedDict` (directly or through other TypedDict classes)."""
    return any(isinstance(k, TypeForm) and k.origin == "typing.TypedDict" and not k.args for k in cls.mro)
