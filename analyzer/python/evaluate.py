"""The static evaluator: a LibCST expression -> a value (see `values`).

Only what can be computed exactly is computed: literals, containers, operators on plain
data, f-strings, names, attributes and calls of modeled APIs (`objects`). Anything
else becomes an `Unknown` naming the expression and the reason; whatever the runtime
would certainly raise becomes a `Raised`. Nothing from the workspace is ever executed.

Operators on plain data run on real Python objects (`operators`), guarded against inputs
that would take unbounded time or memory.
"""

from __future__ import annotations

import ast
import enum
import functools
import marshal
import sys
from typing import Any, Optional

import libcst as cst
from dlt_manifest.python import builtins, classes, modules, objects, operators, plain, typeforms
from dlt_manifest.python.operators import COMPARE, MAX_SEQUENCE, poison_of
from dlt_manifest.python.scope import CLASS, MODULE, Scope
from dlt_manifest.python.comprehensions import Comprehensions
from dlt_manifest.python.targets import Targets
from dlt_manifest.python.values import (
    Class,
    ExceptionValue,
    External,
    ExternalModule,
    Function,
    GeneratorValue,
    Instance,
    ModuleObject,
    Property,
    Raised,
    Super,
    Unknown,
    describe,
    is_library,
    is_poison,
)
from dlt_manifest.source.literals import string_value
from dlt_manifest.source.span import Site

MAX_EVAL_DEPTH = 2_500
MAX_ITERATIONS = 100_000  # comprehension steps

# rule codes
NAME_ERROR = "DM410"
RUNTIME_ERROR = "DM411"
NOT_STATIC = "DM901"
TOO_LARGE = "DM904"

class Evaluator(Comprehensions, Targets):
    """Expression evaluation. `analyzer.interpreter.Interpreter` completes it with what
    needs the whole program: `note_mutation`, `import_attribute_module`, `make_lambda`,
    `fail` and `unknown_call_effects`."""

    depth = 0

    def site(self, scope: Scope, node: cst.CSTNode) -> Site:
        module = scope.module
        return Site(module.source, node, None, module.current_statement)

    # --- entry --------------------------------------------------------------------------

    def eval(self, node: cst.BaseExpression, scope: Scope) -> Any:
        self.depth += 1
        try:
            if self.depth > MAX_EVAL_DEPTH:
                return Unknown("expression nested too deeply", self.site(scope, node), TOO_LARGE)
            method = _DISPATCH.get(type(node))
            if method is None:
                return Unknown(
                    f"`{type(node).__name__}` expressions are not evaluated statically",
                    self.site(scope, node),
                )
            return method(self, node, scope)
        finally:
            self.depth -= 1

    # --- literals -----------------------------------------------------------------------

    def _simple_string(self, node: cst.SimpleString, scope: Scope) -> Any:
        return string_value(node)

    def _integer(self, node: cst.Integer, scope: Scope) -> Any:
        return node.evaluated_value

    def _float(self, node: cst.Float, scope: Scope) -> Any:
        return node.evaluated_value

    def _imaginary(self, node: cst.Imaginary, scope: Scope) -> Any:
        return node.evaluated_value

    def _ellipsis(self, node: cst.Ellipsis, scope: Scope) -> Any:
        return ...

    def _concatenated(self, node: cst.ConcatenatedString, scope: Scope) -> Any:
        left = self.eval(node.left, scope)
        right = self.eval(node.right, scope)
        poison = poison_of(left, right)
        if poison is not None:
            return poison
        return left + right

    def _formatted(self, node: cst.FormattedString, scope: Scope) -> Any:
        prefix = node.prefix.lower().replace("f", "")
        quote = node.start[len(node.prefix) :]
        out = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                out.append(_text_part(prefix, quote, part.value))
                continue
            value = self._formatted_part(part, scope)
            if is_poison(value):
                return value
            out.append(value)
        return "".join(out)

    def _formatted_part(self, part: cst.FormattedStringExpression, scope: Scope) -> Any:
        site = self.site(scope, part)
        shown = ""
        if part.equal is not None:  # `{expr=}`: the expression's text as written, then its value
            shown = _debug_text(part)
            if not shown.isascii():  # identifiers were read in NFKC form: not as written
                return Unknown("an f-string `=` specifier with non-ASCII text is not evaluated statically", site)
        value = self.eval(part.expression, scope)
        if is_poison(value):
            return value
        spec = ""
        if part.format_spec:
            pieces = []
            for spec_part in part.format_spec:
                if isinstance(spec_part, cst.FormattedStringText):
                    pieces.append(spec_part.value)
                else:
                    piece = self._formatted_part(spec_part, scope)
                    if is_poison(piece):
                        return piece
                    pieces.append(piece)
            spec = "".join(pieces)
        conversion = part.conversion
        if part.equal is not None and conversion is None and not part.format_spec:
            conversion = "r"  # `{x=}` shows repr(x) unless a conversion or a spec is given
        formatted = self.format_value(value, conversion, spec, site)
        return formatted if is_poison(formatted) else shown + formatted

    def format_value(self, value: Any, conversion: Optional[str], spec: str, site: Site) -> Any:
        if isinstance(value, (Instance, ExceptionValue)):
            if conversion in ("r", "a"):
                value = self.text_of(value, "repr", site)
                if not is_poison(value) and conversion == "a":
                    value = ascii(value)[1:-1]
            elif isinstance(value, Instance) and isinstance(classes.lookup(value.cls, "__format__")[1], Function):
                return Unknown("a workspace `__format__` is not followed", site, may_raise=True)
            elif isinstance(value, Instance) and spec and classes.lookup(value.cls, "__format__")[0] is None:
                return Raised("TypeError", f"unsupported format string passed to {value.cls.name}.__format__", site, RUNTIME_ERROR)
            else:
                value = self.text_of(value, "str", site)
            if is_poison(value):
                return value
            conversion = None
        return operators.format_value(value, conversion, spec, site)

    def equals(self, left: Any, right: Any, site: Site) -> Any:
        """`left == right`, or poison."""
        if isinstance(left, Instance) or isinstance(right, Instance):
            first, second = (left, right) if isinstance(left, Instance) else (right, left)
            found = self.instance_equals(first, second, site)
            return (first is second) if found is None else found
        if plain.is_plain(left) and plain.is_plain(right):
            try:
                return left == right
            except TypeError as ex:
                return Raised("TypeError", str(ex), site, RUNTIME_ERROR)
        value = objects.compare_special("Equal", left, right)
        return Unknown(f"comparing {describe(left)} with {describe(right)}", site) if value is None else value

    # --- containers ---------------------------------------------------------------------

    def _elements(self, elements, scope: Scope) -> Any:
        """Evaluates list/tuple/set display elements (with `*unpacking`) to a list."""
        out: list = []
        for element in elements:
            value = self.eval(element.value, scope)
            if isinstance(value, Raised):
                return value
            if isinstance(element, cst.StarredElement):
                items = self.iterate(value, self.site(scope, element))
                if is_poison(items):
                    return items
                out.extend(items)
            else:
                out.append(value)
        return out

    def _list(self, node: cst.List, scope: Scope) -> Any:
        items = self._elements(node.elements, scope)
        return items if is_poison(items) else list(items)

    def _tuple(self, node: cst.Tuple, scope: Scope) -> Any:
        items = self._elements(node.elements, scope)
        return items if is_poison(items) else tuple(items)

    def _set(self, node: cst.Set, scope: Scope) -> Any:
        """A set display, built as CPython's bytecode builds it (the order of a set of
        numbers depends on it): three or more constants are a frozenset constant the set
        is updated from; otherwise items are added in order and `*x` updates the set."""
        site = self.site(scope, node)
        folded = _folded_constants(node.elements)
        if folded is None:
            return Unknown("whether the compiler folds this set display into a constant (its order depends on it) is not modeled", site)
        steps: list = []  # ("add", item) or ("update", iterable)
        for element in node.elements:
            value = self.eval(element.value, scope)
            if isinstance(value, Raised):
                return value
            if isinstance(element, cst.StarredElement):
                if not isinstance(value, (set, frozenset, dict)):
                    value = self.iterate(value, self.site(scope, element))
                if is_poison(value):
                    return value
                steps.append(("update", value))
            else:
                steps.append(("add", value))
        items = [x for kind, value in steps for x in (value if kind == "update" else [value])]
        checked = self.make_set(items, site)
        if is_poison(checked) or isinstance(checked, Raised):
            return checked
        made: set = set()
        if folded:
            return _from_constant(items, site, self.python_version >= (3, 11))
        for kind, value in steps:
            made.add(value) if kind == "add" else made.update(value)
        return made

    def make_set(self, items: list, site: Site) -> Any:
        for item in items:
            if is_poison(item):
                return item
            if plain.unhashable(item):
                return Raised("TypeError", plain.unhashable(item), site, RUNTIME_ERROR)
            if not plain.is_hashable_plain(item):
                return Unknown(f"a set of {describe(item)} is not evaluated", site)
        try:
            return set(items)
        except TypeError as ex:
            return Raised("TypeError", str(ex), site, RUNTIME_ERROR)

    def _dict(self, node: cst.Dict, scope: Scope) -> Any:
        out: dict = {}
        for element in node.elements:
            site = self.site(scope, element)
            if isinstance(element, cst.StarredDictElement):
                value = self.eval(element.value, scope)
                if is_poison(value):
                    return value
                if not isinstance(value, dict):
                    return self.not_static(value, site, "`**` unpacking of")
                pairs = list(value.items())
            else:
                key = self.eval(element.key, scope)
                if is_poison(key):
                    return key
                value = self.eval(element.value, scope)
                if isinstance(value, Raised):
                    return value
                pairs = [(key, value)]
            for key, value in pairs:
                if plain.unhashable(key):
                    return Raised("TypeError", plain.unhashable(key), site, RUNTIME_ERROR)
                if not plain.is_hashable_plain(key):
                    return Unknown(f"a dict key of {describe(key)} is not evaluated", site)
                try:
                    out[key] = value
                except TypeError as ex:
                    return Raised("TypeError", str(ex), site, RUNTIME_ERROR)
        return out

    # --- comprehensions -----------------------------------------------------------------

    # --- names and attributes -----------------------------------------------------------

    def _name(self, node: cst.Name, scope: Scope) -> Any:
        return self.lookup(scope.mangle(node.value), scope, self.site(scope, node))

    def lookup(self, name: str, scope: Scope, site: Site) -> Any:
        """`name` read in `scope`, by CPython's rules (LEGB; class bodies are not seen
        from the code nested in them)."""
        if scope.kind == CLASS:
            if name in scope.locals:
                return scope.locals[name]
        elif scope.kind != MODULE:
            code = scope.code
            if name in code.globals:
                return self._global(name, scope.module, site)
            if name in code.locals:
                if name in scope.locals:
                    return scope.locals[name]
                return Raised(
                    "UnboundLocalError",
                    f"cannot access local variable {name!r} where it is not associated with a value",
                    site, NAME_ERROR,
                )
        for enclosing in scope.enclosing_functions():
            if enclosing.is_local(name):
                if name in enclosing.locals:
                    return enclosing.locals[name]
                return Raised(
                    "NameError",
                    f"cannot access free variable {name!r} where it is not associated with a"
                    " value in enclosing scope",
                    site, NAME_ERROR,
                )
        return self._global(name, scope.module, site)

    def _global(self, name: str, module: ModuleObject, site: Site) -> Any:
        if name in module.namespace:
            return module.namespace[name]
        if ("builtins", name) in self.external_attributes:  # `builtins.NAME = ...`
            return self.external_attributes[("builtins", name)]
        if name in builtins.BUILTINS:
            added = modules.BUILTINS_ADDED.get(name)
            if added is None or self.python_version >= added:
                return builtins.BUILTINS[name]
        if module.open_namespace is not None:
            return module.open_namespace
        return Raised("NameError", f"name {name!r} is not defined", site, NAME_ERROR)

    def _attribute(self, node: cst.Attribute, scope: Scope) -> Any:
        obj = self.eval(node.value, scope)
        return self.get_attribute(obj, scope.mangle(node.attr.value), self.site(scope, node))

    def get_attribute(self, obj: Any, name: str, site: Site) -> Any:
        if is_poison(obj):
            return obj
        if isinstance(obj, ModuleObject):
            return self.module_attribute(obj, name, site)
        if isinstance(obj, ExternalModule):
            return self.import_attribute_module(obj, name, site)
        return objects.attribute(self, obj, name, site)

    def set_attribute(self, obj: Any, name: str, value: Any, site: Site) -> Any:
        """`obj.name = value` (a Raised where the runtime raises)."""
        if self.reuse is not None:
            self.reuse.wrote(obj)
        return objects.set_attribute(self, obj, name, value, site)

    def delete_attribute(self, obj: Any, name: str, site: Site) -> Any:
        """`del obj.name`."""
        if self.reuse is not None:
            self.reuse.wrote(obj)
        holder = None
        if isinstance(obj, ModuleObject):
            holder = obj.namespace
        elif isinstance(obj, Instance):
            holder = obj.attributes
        elif isinstance(obj, Class):
            holder = obj.namespace
            if obj.special is not None and obj.special[0] == "enum" and name in obj.special[1].__members__:
                return Raised("AttributeError", f"{obj.name!r} cannot delete member {name!r}.", site, RUNTIME_ERROR)
        elif isinstance(obj, Function):
            holder = obj.attributes
        if holder is None:
            if is_poison(obj):
                return None
            self.note_mutation(obj, site, f"`del ...{name}`")
            return None
        if isinstance(obj, Instance):
            if obj.frozen:
                return Raised("FrozenInstanceError", f"cannot delete field {name!r}", site, RUNTIME_ERROR)
            hook = classes.lookup(obj.cls, "__delattr__")[1]
            if isinstance(hook, Function):
                result = self.call_function(hook, [obj, name], {}, Call(site, {}, None))
                return result if isinstance(result, Raised) else None
            descriptor = classes.lookup(obj.cls, name)[1]
            if isinstance(descriptor, Property):
                if descriptor.fdel is None:
                    return Raised("AttributeError", f"property {name!r} of {obj.cls.name!r} object has no deleter", site, RUNTIME_ERROR)
                result = self.call(descriptor.fdel, [obj], {}, Call(site, {}, None))
                return result if isinstance(result, Raised) else None
        if name not in holder:
            if isinstance(obj, ModuleObject) and obj.open_namespace is not None:
                return None  # it may have been bound by code not followed
            owner = f"type object {obj.name!r}" if isinstance(obj, Class) else f"{_type_name(obj)!r} object"
            return Raised("AttributeError", f"{owner} has no attribute {name!r}", site, RUNTIME_ERROR)
        del holder[name]
        return None

    def set_external_attribute(self, module: str, name: str, value: Any) -> None:
        """`installed_module.name = value`: every later read of it sees the value."""
        self.external_attributes[(module, name)] = value

    external_attributes: dict = {}

    def module_attribute(self, module: ModuleObject, name: str, site: Site) -> Any:
        """`module.name`: its namespace, then its `__getattr__` (PEP 562)."""
        if name in module.namespace:
            return module.namespace[name]
        if name == "__dict__":
            return module.namespace
        getter = module.namespace.get("__getattr__")
        if getter is not None:
            return self.call(getter, [name], {}, Call(site, {}, None))
        if module.open_namespace is not None:
            return module.open_namespace
        return Raised(
            "AttributeError", f"module {module.name!r} has no attribute {name!r}", site,
            RUNTIME_ERROR,
        )

    def _subscript(self, node: cst.Subscript, scope: Scope) -> Any:
        site = self.site(scope, node)
        obj = self.eval(node.value, scope)
        if is_poison(obj):
            return obj
        keys = []
        for element in node.slice:
            key = self._slice_value(element.slice, scope)
            if is_poison(key):
                return key
            keys.append(key)
        key = keys[0] if len(keys) == 1 and node.slice[0].comma is cst.MaybeSentinel.DEFAULT else tuple(keys)
        return objects.subscript(self, obj, key, site)

    def subscript(self, obj: Any, key: Any, site: Site) -> Any:
        """`obj[key]` of values (`operator.itemgetter`)."""
        return objects.subscript(self, obj, key, site)

    def _slice_value(self, node, scope: Scope) -> Any:
        if isinstance(node, cst.Index):
            if node.star is not None:
                return Unknown("starred subscripts are not evaluated", self.site(scope, node))
            return self.eval(node.value, scope)
        parts = []
        for part in (node.lower, node.upper, node.step):
            value = None if part is None else self.eval(part, scope)
            if is_poison(value):
                return value
            parts.append(value)
        return slice(*parts)

    # --- operators ----------------------------------------------------------------------

    def _binary(self, node: cst.BinaryOperation, scope: Scope) -> Any:
        # long `a + b + c ...` chains are left-nested: evaluate them iteratively
        chain = []
        current = node
        while isinstance(current, cst.BinaryOperation):
            chain.append(current)
            current = current.left
        value = self.eval(current, scope)
        for link in reversed(chain):
            right = self.eval(link.right, scope)
            value = self.binary(type(link.operator), value, right, self.site(scope, link))
        return value

    def binary(self, op_type: type, left: Any, right: Any, site: Site) -> Any:
        if op_type is cst.BitOr and not (is_poison(left) or is_poison(right)) and (
            objects.is_type_like(left) or objects.is_type_like(right)
        ):
            return typeforms.union_operator(left, right, self.python_version, site)
        if op_type is cst.BitOr and isinstance(left, dict) and isinstance(right, dict) and self.python_version < (3, 9):
            return Unknown("`|` of two dicts (a TypeError before Python 3.9)", site, may_raise=True)
        return operators.binary(op_type, left, right, site)

    def _unary(self, node: cst.UnaryOperation, scope: Scope) -> Any:
        site = self.site(scope, node)
        value = self.eval(node.expression, scope)
        if is_poison(value):
            return value
        if isinstance(node.operator, cst.Not):
            truth = self.truth(value, site)
            return truth if is_poison(truth) else not truth
        if not plain.is_plain_shallow(value):  # the workspace's `__neg__`... (or a TypeError)
            return Unknown(f"unary operator on {describe(value)}", site, may_raise=not is_library(value))
        try:
            if isinstance(node.operator, cst.Minus):
                return -value
            if isinstance(node.operator, cst.Plus):
                return +value
            return ~value
        except TypeError as ex:
            return Raised("TypeError", str(ex), site, RUNTIME_ERROR)

    def _boolean(self, node: cst.BooleanOperation, scope: Scope) -> Any:
        site = self.site(scope, node)
        left = self.eval(node.left, scope)
        truth = self.truth(left, site)
        if is_poison(truth):
            return truth
        if isinstance(node.operator, cst.And):
            return self.eval(node.right, scope) if truth else left
        return left if truth else self.eval(node.right, scope)

    def _comparison(self, node: cst.Comparison, scope: Scope) -> Any:
        site = self.site(scope, node)
        left = self.eval(node.left, scope)
        result: Any = True
        for target in node.comparisons:
            right = self.eval(target.comparator, scope)
            poison = poison_of(left, right)
            if poison is not None:
                return poison
            op = type(target.operator)
            if op in (cst.Is, cst.IsNot):
                value = objects.identical(left, right)
                if value is None:
                    return Unknown("identity of values from different objects", site)
                value = value if op is cst.Is else not value
            elif op in (cst.In, cst.NotIn) and isinstance(right, Class) and right.special is not None \
                    and right.special[0] == "enum" and isinstance(left, enum.Enum):
                value = (left in right.special[1]) == (op is cst.In)  # a member of CPython's enum
            elif op in (cst.In, cst.NotIn) and isinstance(right, (list, tuple)) and (
                isinstance(left, Instance) or any(isinstance(item, Instance) for item in right)
            ):
                found = builtins.matches(self, right, left, site, first=True)
                if is_poison(found):
                    return found
                value = bool(found) if op is cst.In else not found
            elif op in (cst.Equal, cst.NotEqual) and (isinstance(left, Instance) or isinstance(right, Instance)):
                value = self.equals(left, right, site)
                if is_poison(value):
                    return value
                value = bool(value) if op is cst.Equal else not value
            else:
                if not (plain.is_plain(left) and plain.is_plain(right)):
                    value = objects.compare_special(op.__name__, left, right)
                    if value is None:  # the workspace's comparison methods (or a TypeError)
                        library = is_library(left) or is_library(right)
                        return Unknown(f"comparing {describe(left)} with {describe(right)}", site, may_raise=not library)
                else:
                    try:
                        value = COMPARE[op](left, right)
                    except TypeError as ex:
                        return Raised("TypeError", str(ex), site, RUNTIME_ERROR)
            if not value:
                return value
            result = value
            left = right
        return result

    def _if_exp(self, node: cst.IfExp, scope: Scope) -> Any:
        test = self.truth(self.eval(node.test, scope), self.site(scope, node.test))
        if is_poison(test):
            return test
        return self.eval(node.body if test else node.orelse, scope)

    def _named_expr(self, node: cst.NamedExpr, scope: Scope) -> Any:
        value = self.eval(node.value, scope)
        self.assign(node.target, value, scope)
        return value

    def _lambda(self, node: cst.Lambda, scope: Scope) -> Any:
        return self.make_lambda(node, scope)

    # --- calls --------------------------------------------------------------------------

    def eval_decorator(self, node: cst.BaseExpression, scope: Scope) -> Any:
        """A decorator's value. When an argument of a decorator call raises, the import
        fails there: that failure is recorded and the call is made again with the
        argument unknown, so that what is wrong in the other arguments is found in the
        same run (all findings at once, not one per fix)."""
        value = self.eval(node, scope)
        if isinstance(value, Raised) and isinstance(node, cst.Call):
            self.fail(value)
            return self._call(node, scope, recover=True)
        return value

    def _call(self, node: cst.Call, scope: Scope, recover: bool = False) -> Any:
        site = self.site(scope, node)
        receiver = None
        if isinstance(node.func, cst.Attribute):  # `receiver.name(...)`
            receiver = self.eval(node.func.value, scope)
            name = scope.mangle(node.func.attr.value)
            callee = self.read(self.get_attribute(receiver, name, self.site(scope, node.func)))
        else:
            callee = self.eval(node.func, scope)
        if isinstance(callee, Raised):
            return callee
        args: list = []
        kwargs: dict = {}
        arg_sites: dict = {}
        for arg in node.args:
            value = self.eval(arg.value, scope)
            if isinstance(value, Raised):
                if not recover:
                    return value
                self.fail(value)  # reported where it is raised; its code reports nothing more
                value = Unknown(f"{value.exc} is raised here", value.site, value.code)
            if arg.star == "*":
                items = self.iterate(value, self.site(scope, arg))
                if is_poison(items):
                    return items
                args.extend(items)
            elif arg.star == "**":
                if is_poison(value):
                    return value
                if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
                    return self.not_static(value, self.site(scope, arg), "`**` unpacking of")
                if any(k in kwargs for k in value):  # CPython's TypeError names the callee
                    return Unknown("a keyword argument given twice", self.site(scope, arg), may_raise=True)
                kwargs.update(value)
            elif arg.keyword is not None:
                name = arg.keyword.value
                if name in kwargs:  # after a `**` holding it: CPython's TypeError names the callee
                    return Unknown("a keyword argument given twice", self.site(scope, arg), may_raise=True)
                kwargs[name] = value
                arg_sites[name] = self.site(scope, arg.value)
            else:
                arg_sites[len(args)] = self.site(scope, arg.value)
                args.append(value)
        if is_poison(callee):
            if not is_poison(receiver) and not isinstance(receiver, (ModuleObject, ExternalModule)):
                args.append(receiver.obj if isinstance(receiver, Super) else receiver)
            # what a callable not known statically may change: what it is given
            self.unknown_call_effects(callee, args, kwargs, site)
            return callee
        return self.call(callee, args, kwargs, Call(site, arg_sites, scope))

    def call(self, callee: Any, args: list, kwargs: dict, call: "Call") -> Any:
        return objects.call(self, callee, args, kwargs, call)

    # --- helpers ------------------------------------------------------------------------

    def truth(self, value: Any, site: Site) -> Any:
        """`bool(value)`, or poison."""
        if is_poison(value):
            return value
        if plain.is_plain_shallow(value):
            return bool(value)
        if isinstance(value, Instance):
            return self.instance_truth(value, site)
        known = objects.truth_special(value)
        if known is None:
            return Unknown(f"the truth of {describe(value)} is not known statically", site)
        return known

    def iterate(self, value: Any, site: Site) -> Any:
        """The items of an iterable value as a list, or poison."""
        if is_poison(value):
            return value
        if isinstance(value, dict):
            return list(value.keys())
        if isinstance(value, GeneratorValue):
            return self.drain(self.generator_stream(value), value.node, value.scope)
        if isinstance(value, Class) and value.special is not None and value.special[0] == "enum":
            return list(value.special[1])
        if isinstance(value, enum.Flag):
            if self.python_version < (3, 11) or sys.version_info < (3, 11):
                return Unknown("iterating a `Flag` value (its members from Python 3.11 on) is not modeled", site, may_raise=True)
            return list(value)  # CPython's own flag: its canonical members
        if isinstance(value, (str, bytes)):
            if len(value) > MAX_SEQUENCE:
                return Unknown("value too large to iterate", site, TOO_LARGE)
            return list(value)
        if isinstance(value, (list, tuple, set, frozenset, range)) or plain.is_view(value):
            if len(value) > MAX_SEQUENCE:
                return Unknown("value too large to iterate", site, TOO_LARGE)
            if plain.hash_ordered(value):
                return Unknown(
                    "the order of a set of strings depends on the interpreter's hash seed",
                    site,
                )
            return list(value)
        if plain.is_plain_shallow(value):
            return Raised(
                "TypeError", f"{type(value).__name__!r} object is not iterable", site, RUNTIME_ERROR
            )
        return self.not_static(value, site, "iterating over")

    def not_static(self, value: Any, site: Site, what: str) -> Any:
        if is_poison(value):
            return value
        if isinstance(value, External):
            return value.unknown()
        return Unknown(f"{what} {describe(value)} is not evaluated statically", site, may_raise=not is_library(value))

class Call:
    """Where a call is: its own site, the sites of its arguments (by position or keyword)
    and the calling scope."""

    __slots__ = ("site", "arg_sites", "scope")

    def __init__(self, site: Site, arg_sites: dict, scope: Optional[Scope]):
        self.site = site
        self.arg_sites = arg_sites
        self.scope = scope

    def arg_site(self, *keys) -> Site:
        for key in keys:
            if key in self.arg_sites:
                return self.arg_sites[key]
        return self.site


_DISPATCH = {
    cst.SimpleString: Evaluator._simple_string,
    cst.Integer: Evaluator._integer,
    cst.Float: Evaluator._float,
    cst.Imaginary: Evaluator._imaginary,
    cst.Ellipsis: Evaluator._ellipsis,
    cst.ConcatenatedString: Evaluator._concatenated,
    cst.FormattedString: Evaluator._formatted,
    cst.List: Evaluator._list,
    cst.Tuple: Evaluator._tuple,
    cst.Set: Evaluator._set,
    cst.Dict: Evaluator._dict,
    cst.ListComp: Evaluator._comprehension,
    cst.SetComp: Evaluator._comprehension,
    cst.DictComp: Evaluator._comprehension,
    cst.GeneratorExp: Evaluator._comprehension,
    cst.Name: Evaluator._name,
    cst.Attribute: Evaluator._attribute,
    cst.Subscript: Evaluator._subscript,
    cst.BinaryOperation: Evaluator._binary,
    cst.UnaryOperation: Evaluator._unary,
    cst.BooleanOperation: Evaluator._boolean,
    cst.Comparison: Evaluator._comparison,
    cst.IfExp: Evaluator._if_exp,
    cst.NamedExpr: Evaluator._named_expr,
    cst.Lambda: Evaluator._lambda,
    cst.Call: Evaluator._call,
}


def _type_name(obj: Any) -> str:
    if isinstance(obj, Instance):
        return obj.cls.name
    return "module" if isinstance(obj, ModuleObject) else "function"


def _from_constant(items: list, site: Site, sorted_marshal: bool) -> Any:
    """`set().update(constant)` for the frozenset constant the compiler makes of `items`:
    the compiler rebuilds it from its own iteration (merging constants), and a cached
    `.pyc` rebuilds it again in marshal's order (sorted by `marshal.dumps` from 3.11 on,
    the iteration order before). Exact when a fresh import and a cached one agree."""
    fresh = frozenset(tuple(frozenset(items)))
    if plain.hash_ordered(fresh):
        return set(fresh)  # its order is refused wherever it matters
    cached = frozenset(sorted(fresh, key=marshal.dumps) if sorted_marshal else list(fresh))
    orders = []
    for constant in (fresh, cached):
        made: set = set()
        made.update(constant)
        orders.append(list(made))
    if any(order != orders[0] for order in orders):
        return Unknown(
            "the order of this set of constants differs between a fresh import and one from a cached"
            " `.pyc` (the compiler's frozenset constant is rebuilt by marshal)", site,
        )
    made = set()
    made.update(fresh)
    return made


_CONSTANT_NAMES = frozenset(["True", "False", "None", "Ellipsis", "__debug__"])


def _folded_constants(elements) -> Any:
    """Does CPython's compiler make this set display a frozenset constant (3 or more
    elements, all constants after its AST optimizer)? None when that is not known."""
    if len(elements) < 3:
        return False
    kinds = [_constant_kind(e.value) if not isinstance(e, cst.StarredElement) else False for e in elements]
    if all(kinds):
        return None if None in kinds else True
    return False


def _constant_kind(node) -> Any:
    """True: a constant for the compiler; False: not one; None: maybe (folding a binary
    operation depends on sizes the analyzer does not model)."""
    if isinstance(node, (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString)):
        return True
    if isinstance(node, cst.ConcatenatedString):
        return not any(isinstance(part, cst.FormattedString) for part in (node.left, node.right)) and all(
            _constant_kind(part) for part in (node.left, node.right)
        )
    if isinstance(node, cst.Name):
        return node.value in _CONSTANT_NAMES and node.value != "Ellipsis"
    if isinstance(node, cst.Ellipsis):
        return True
    if isinstance(node, cst.UnaryOperation):
        return _constant_kind(node.expression) if not isinstance(node.operator, cst.Not) else _constant_kind(node.expression) and None
    if isinstance(node, cst.Tuple):
        kinds = [_constant_kind(e.value) if not isinstance(e, cst.StarredElement) else False for e in node.elements]
        return all(kinds) if None not in kinds else (None if all(k is not False for k in kinds) else False)
    if isinstance(node, cst.BinaryOperation):
        left, right = _constant_kind(node.left), _constant_kind(node.right)
        return None if left is not False and right is not False else False
    return False


def _debug_text(part: cst.FormattedStringExpression) -> str:
    """The text an f-string `=` specifier shows: from after `{` to after `=`, as written."""
    code = cst.Module(body=[]).code_for_node
    return "".join(
        code(piece) if not isinstance(piece, str) else piece
        for piece in (
            part.whitespace_before_expression, part.expression, part.whitespace_after_expression,
            part.equal.whitespace_before, "=", part.equal.whitespace_after,
        )
    )


def _text_part(prefix: str, quote: str, text: str) -> str:
    """The value of an f-string's literal text, as CPython reads it (escapes, `{{`);
    short texts are remembered: the same ones recur in every module."""
    if len(text) > 200:
        return _read_text(prefix, quote, text)
    return _short_text(prefix, quote, text)


def _read_text(prefix: str, quote: str, text: str) -> str:
    text = text.replace("{{", "{").replace("}}", "}")
    return ast.literal_eval(f"{prefix}{quote}{text}{quote}")


_short_text = functools.lru_cache(maxsize=4096)(_read_text)
