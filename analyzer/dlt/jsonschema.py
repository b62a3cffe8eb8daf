"""dlt 1.31.0's `JsonSchemaBuilder` (`dlt/common/reflection/json_schema.py`, SPEC D10) over
the analyzer's values of type hints: `Modeled` classes of the stdlib and dlt, `TypeForm`s
of `typing`, and classes of the workspace (enums, TypedDicts, configspecs).

Two outcomes are not schemas: `Dropped` where dlt's builder itself raises (the job then
has no `inputs`: D10.7), and `Refused` where the analyzer cannot reproduce the schema
exactly (a class of an installed package, a pydantic model, a default it cannot encode).
"""

from __future__ import annotations

import base64
import datetime
import decimal
import enum
import inspect
import json
import math
from typing import Any, Callable, Optional

from dlt_manifest.python.values import Class, External, LibraryObject, Modeled, TypeForm


class Dropped(Exception):
    """dlt's builder raises: its message, as dlt would log it."""


class Refused(Exception):
    """The schema cannot be reproduced statically: why."""


class Marker(LibraryObject):
    """An `Annotated` metadata item the builder reads: a secret, a `Doc`, a `run.Entity`."""

    def __init__(self, kind: str, value: Any = None):
        self.kind, self.value = kind, value

    def describe(self) -> str:
        return {"secret": "`SecretSentinel`", "doc": "a `Doc`", "entity": "a `run.Entity`"}[self.kind]


SECRET = Marker("secret")
_SCALARS = {
    "builtins.str": {"type": "string"}, "builtins.int": {"type": "integer"},
    "builtins.float": {"type": "number"}, "builtins.bool": {"type": "boolean"},
    "builtins.bytes": {"type": "string", "contentEncoding": "base64"},
    "datetime.datetime": {"type": "string", "format": "date-time"},
    "pendulum.DateTime": {"type": "string", "format": "date-time"},
    "datetime.date": {"type": "string", "format": "date"},
    "datetime.time": {"type": "string", "format": "time"},
    "decimal.Decimal": {"type": ["number", "string"]},
    "builtins.dict": {"type": "object"}, "builtins.list": {"type": "array"},
    "builtins.tuple": {"type": "array"}, "builtins.set": {"type": "array"},
    "builtins.frozenset": {"type": "array"}, "builtins.NoneType": {"type": "null"},
    "datetime.timedelta": {}, "builtins.object": {}, "builtins.complex": {}, "builtins.range": {},
    "dlt.TSecretValue": {"writeOnly": True}, "dlt.TSecretStrValue": {"type": "string", "writeOnly": True},
}  # fmt: skip
# the data type of a workspace class deriving from one of these (`py_type_to_sc_type`)
_BASE_SCHEMAS = [
    ("builtins.bool", {"type": "boolean"}), ("builtins.str", {"type": "string"}),
    ("builtins.int", {"type": "integer"}), ("builtins.float", {"type": "number"}),
    ("builtins.bytes", {"type": "string", "contentEncoding": "base64"}),
    ("datetime.datetime", {"type": "string", "format": "date-time"}),
    ("datetime.date", {"type": "string", "format": "date"}),
    ("datetime.time", {"type": "string", "format": "time"}),
    ("decimal.Decimal", {"type": ["number", "string"]}),
]  # fmt: skip
_ARRAYS = ("typing.List", "typing.Sequence", "typing.MutableSequence", "typing.Tuple", "typing.Set",
           "typing.FrozenSet", "typing.AbstractSet", "builtins.list", "builtins.tuple", "builtins.set",
           "builtins.frozenset")  # fmt: skip
_MAPPINGS = ("typing.Dict", "typing.Mapping", "typing.MutableMapping", "builtins.dict")
_ANYTHING = ("typing.Any", "typing.Callable", "typing.Type", "typing.Iterable", "typing.Iterator",
             "typing.Generator", "builtins.type")  # fmt: skip
_ENUMS = ("enum.Enum", "enum.IntEnum", "enum.StrEnum")
_OBJECTS = (Modeled, TypeForm, Class, Marker)


def is_none(hint: Any) -> bool:
    return hint is None or (isinstance(hint, Modeled) and hint.key == "builtins.NoneType")


def origin(hint: Any) -> Optional[str]:
    return hint.origin if isinstance(hint, TypeForm) else None


def unwrap(hint: Any) -> Any:
    """Through `Annotated`, `Final`, `ClassVar`."""
    while origin(hint) in ("typing.Annotated", "typing.Final", "typing.ClassVar") and hint.args:
        hint = hint.args[0]
    return hint


def is_optional(hint: Any) -> bool:
    """`is_optional_type`: a union with None (under Annotated/Final), or a NewType of one."""
    hint = unwrap(hint)
    if origin(hint) == "typing.Union":
        return any(is_none(a) for a in hint.args)
    if origin(hint) == "typing.NewType":
        return is_optional(hint.args[0])
    return False


def is_typeddict(hint: Any) -> bool:
    if not isinstance(hint, Class):
        return False
    return any(origin(b) == "typing.TypedDict" or (isinstance(b, Modeled) and b.key in ("dlt.TAgentOutput",))
               or is_typeddict(b) for b in hint.bases)  # fmt: skip


def derives(cls: Class, keys: tuple) -> bool:
    return any(isinstance(k, Modeled) and k.key in keys for k in cls.mro)


def is_configspec(hint: Any) -> bool:
    return isinstance(hint, Class) and (hint.is_configspec or derives(hint, ("dlt.BaseConfiguration",)))


class Builder:
    """`JsonSchemaBuilder`. `named(key)` gives the schema of a dlt-owned type as data
    (`TJobRunContext`, credentials) or raises Refused; `class_fields(cls)` the resolvable
    fields of a workspace configspec ([(name, hint, default)]); `class_hints(cls)` the
    type hints of a TypedDict (inherited first, strings resolved)."""

    def __init__(self, named: Callable, class_fields: Callable, class_hints: Callable):
        self.defs: dict = {}
        self._types: dict = {}
        self._named, self._class_fields, self._class_hints = named, class_fields, class_hints
        self._lift = ["description", "writeOnly"]

    def hint_schema(self, hint: Any) -> dict:
        kind = origin(hint)
        if kind in ("typing.NotRequired", "typing.Required"):
            return self.hint_schema(hint.args[0])
        if kind == "typing.Annotated":
            return self._annotated(hint)
        if kind == "typing.Union" and any(is_none(a) for a in hint.args):
            first = unwrap(hint.args[0])
            if origin(first) == "typing.NewType" or (isinstance(first, Modeled) and first.key == "dlt.TSecretValue"):
                raise Dropped("'Union' object has no attribute '__supertype__'")
            if origin(first) == "typing.Literal":
                raise Dropped(f"Provided object is not a `Literal`. Object: {hint}")
        if kind == "typing.NewType":
            return self.hint_schema(hint.args[0])
        if is_none(hint):
            return {"type": "null"}
        if kind == "typing.Literal":
            return self._enum(list(_literal_values(hint)))
        if isinstance(hint, Class) and derives(hint, _ENUMS):
            return self._enum([json_default(v) for v in enum_values(hint)])
        if kind == "typing.Union":
            return self._union(hint)
        if is_typeddict(hint):
            return {"$ref": self._define(hint, self.typed_dict_schema)}
        if is_configspec(hint):
            ref = {"$ref": self._define(hint, lambda cls: self.spec_schema(cls.name, self._class_fields(cls)))}
            return {"anyOf": [ref, {"type": "string"}]} if _parses_native(hint) else ref
        if isinstance(hint, Modeled) and hint.key.startswith("dlt.") and hint.key not in _SCALARS:
            return self._named(self, hint.key)
        if kind in _ARRAYS:
            items = [a for a in hint.args if a is not Ellipsis]
            return {"type": "array", "items": self.hint_schema(items[0])} if items else {"type": "array"}
        if kind in _MAPPINGS:
            values = self.hint_schema(hint.args[1]) if len(hint.args) == 2 else {}
            return {"type": "object", "additionalProperties": values or True}
        if kind in _ANYTHING or kind in ("typing.Final", "typing.ClassVar"):
            return {}
        if isinstance(hint, Modeled) and hint.key in _SCALARS:
            return dict(_SCALARS[hint.key])
        if isinstance(hint, Class):
            return _class_schema(hint)
        if isinstance(hint, str):
            return {}  # an unresolved forward reference: not a type
        raise Refused(f"the JSON Schema of {_shown(hint)} is not known statically")

    def typed_dict_schema(self, cls: Class) -> dict:
        hints, required_keys, doc = self._class_hints(cls)
        properties = {name: self.hint_schema(hint) for name, hint in hints.items()}
        schema = _object(cls.name, properties, [n for n in properties if n in required_keys])
        if doc:
            schema["description"] = inspect.cleandoc(doc)
        return schema

    def spec_schema(self, title: Optional[str], fields: list, exclude: tuple = ()) -> dict:
        """A configspec's object schema from its fields [(name, hint, default)]."""
        properties: dict = {}
        required: list = []
        for name, hint, default in fields:
            if name in exclude:
                continue
            prop = self.hint_schema(hint)
            if default is not None:
                value = json_default(default)
                if value is not None:
                    prop["default"] = value
            elif not is_optional(hint):
                required.append(name)
            properties[name] = prop
        return _object(title, properties, required)

    def root_schema(self, hint: Any) -> dict:
        schema = self.hint_schema(hint)
        ref = schema.get("$ref")
        key = ref.rpartition("/")[2] if isinstance(ref, str) else None
        if key and f'"{ref}"' not in json.dumps(self.defs):
            schema = self.defs.pop(key)
        return self.with_defs(schema)

    def with_defs(self, schema: dict) -> dict:
        if self.defs:
            schema["$defs"] = dict(self.defs)
        defs = schema.get("$defs")
        if not defs:
            return schema
        kept: dict = {}
        referenced = json.dumps({k: v for k, v in schema.items() if k != "$defs"})
        while found := {k: v for k, v in defs.items() if k not in kept and f'#/$defs/{k}"' in referenced}:
            kept.update(found)
            referenced = json.dumps(found)
        if kept:
            schema["$defs"] = kept
        else:
            schema.pop("$defs")
        return schema

    def define(self, key: str, identity: Any, build: Callable) -> str:
        """`_define` for a type known by `key`; `build()` fills the definition."""
        if self._types.get(key, identity) is not identity:
            raise Refused(f"two types named {key!r}: dlt names the second after its module or id()")
        if key not in self.defs:
            self.defs[key] = {}
            self._types[key] = identity
            self.defs[key].update(build())
        return f"#/$defs/{key}"

    def _define(self, cls: Class, build: Callable) -> str:
        return self.define(cls.name, cls, lambda: build(cls))

    def _annotated(self, hint: TypeForm) -> dict:
        inner, *metadata = hint.args
        schema = dict(self.hint_schema(inner))
        for item in metadata:
            if isinstance(item, str) or (isinstance(item, Marker) and item.kind == "doc"):
                schema["description"] = item if isinstance(item, str) else item.value
                break
            if not isinstance(item, (Marker, int, float, bool, type(None))):
                raise Refused(f"`Annotated` metadata {_shown(item)} is not known statically")
        if any(item is SECRET for item in metadata):
            schema["writeOnly"] = True
        for item in metadata:
            if isinstance(item, Marker) and item.kind == "entity":
                if "entity_type" not in self._lift:
                    self._lift.append("entity_type")
                schema["entity_type"] = item.value
        return schema

    def _union(self, hint: TypeForm) -> dict:
        variants = [self.hint_schema(a) for a in hint.args]
        schema: dict = {} if {} in variants else {"anyOf": variants}
        described = [v for v in variants if v.get("type") != "null"]
        if len(described) == 1:
            for key in self._lift:
                if key in described[0]:
                    schema[key] = described[0].pop(key)
        return schema

    def _enum(self, values: list) -> dict:
        schema: dict = {"enum": values}
        types = {_json_type(v) for v in values}
        if len(types) == 1 and isinstance(next(iter(types)), str):
            schema["type"] = types.pop()
        return schema


def _object(title: Optional[str], properties: dict, required: list) -> dict:
    schema = {"title": title} if title is not None else {}
    schema.update({"type": "object", "properties": properties})
    if required:
        schema["required"] = required
    return schema


def _json_type(value: Any) -> Optional[str]:
    if isinstance(value, bool):
        return "boolean"
    return {str: "string", int: "integer", float: "number", type(None): "null", list: "array",
            dict: "object"}.get(type(value))  # fmt: skip


def _literal_values(hint: TypeForm):
    for value in hint.args:
        if origin(value) == "typing.Literal":
            yield from _literal_values(value)
        elif isinstance(value, (str, int, float, bool, bytes, type(None))):
            yield json_default(value)
        else:
            raise Refused(f"a Literal of {_shown(value)} is not known statically")


def enum_values(cls: Class) -> list:
    """`[member for member in cls]`: the canonical members, in definition order (aliases
    left out), as CPython's enum built them."""
    if cls.special is None or cls.special[0] != "enum":
        raise Refused(f"the members of enum `{cls.name}` are not known statically")
    return list(cls.special[1])


def _class_schema(cls: Class) -> dict:
    """`DATA_TYPE_SCHEMAS[py_type_to_sc_type(cls)]` of a workspace class."""
    if any(not isinstance(k, (Class, Modeled)) for k in cls.mro):
        raise Refused(f"class `{cls.name}` derives from a class of an installed package")
    for key, schema in _BASE_SCHEMAS:
        if derives(cls, (key,)):
            return dict(schema)
    return {}


def _parses_native(cls: Class) -> bool:
    """The configspec overrides `parse_native_representation` (credentials do)."""
    for klass in [cls, *cls.mro]:
        if isinstance(klass, Class) and "parse_native_representation" in klass.namespace:
            return True
        if isinstance(klass, Modeled) and klass.key in NATIVE_CREDENTIALS:
            return True
    return False


NATIVE_CREDENTIALS = ("dlt.ConnectionStringCredentials", "dlt.CredentialsConfiguration")


def json_default(value: Any) -> Any:
    """`json_default`: the value as dlt 1.31's JSON encoder writes it, None when it has no
    JSON form; Refused when that is not known statically."""
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value if -(2**63) <= value < 2**64 else None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        items = [json_default(v) for v in value]
        return items if all(i is not None or v is None for i, v in zip(items, value)) else None
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, (str, int, float, bool)) or k is None:
                return None
            out[_key(k)] = json_default(v)
            if out[_key(k)] is None and v is not None:
                return None
        return out
    if isinstance(value, (set, frozenset)):
        return None
    raise Refused(f"the JSON form of the default {_shown(value)} is not known statically")


def _key(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return key if isinstance(key, str) else json.dumps(key)


def _shown(value: Any) -> str:
    if isinstance(value, Modeled):
        return f"`{value.key}`"
    if isinstance(value, TypeForm):
        return f"`{value.origin}`"
    if isinstance(value, Class):
        return f"class `{value.name}`"
    if isinstance(value, External):
        return f"`{value.qualname}`"
    return f"a `{type(value).__name__}` value"
