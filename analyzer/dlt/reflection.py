"""Engine 2's reflection of a job (dlt 1.31.0, SPEC D9-D12): `inputs`, the JSON Schema of
the job's configuration spec (the `spec=` class, or the fields dlt synthesizes from the
signature); `output`, the JSON Schema of a TypedDict return type; and `expose.object_input`
from the first input marked with `run.Entity`. The schemas themselves: `jsonschema`.
"""

from __future__ import annotations

from typing import Any, Optional

import libcst as cst
from dlt_manifest.dlt import config_spec
from dlt_manifest.dlt.jsonschema import SECRET, Builder, Dropped, Refused, is_typeddict, origin, unwrap
from dlt_manifest.dlt.objects import ConfigSentinel
from dlt_manifest.python.objects import signature_function, union
from dlt_manifest.python.scope import Scope
from dlt_manifest.python.values import (
    NO_ANNOTATION,
    Class,
    Function,
    Modeled,
    Raised,
    TypeForm,
    Unknown,
    is_poison,
)
from dlt_manifest.source.literals import docstring_of

NOT_STATIC = "DM901"
INVALID_SCHEMA = "DM310"
RUN_CONTEXT = "run_context"
ENTITY_TYPES = ("job-runs", "job", "workspace", "pipeline", "dataset")
ANY = TypeForm("typing.Any")
_OPT_STR = TypeForm("typing.Union", (Modeled("builtins.str"), None))

# dlt-owned types as 1.31.0 describes them (their schemas are not in the workspace)
_RUN_ARGS = {"title": "TRunArgs", "type": "object", "properties": {"port": {"type": "integer"}, "base_path": {"type": "string"}},
             "description": "Runtime-supplied arguments for launching a job.\n\nProvided by the runtime when invoking a launcher."}  # fmt: skip
_RUN_CONTEXT = {
    "title": "TJobRunContext", "type": "object",
    "properties": {"run_id": {"type": "string"}, "trigger": {"type": "string"}, "run_args": {"$ref": "#/$defs/TRunArgs"},
                   "interval_start": {"type": "string", "format": "date-time"},
                   "interval_end": {"type": "string", "format": "date-time"}, "refresh": {"type": "boolean"}, "ai_loop": {}},
    "required": ["run_id", "trigger", "refresh"],
    "description": "Job run context injected into job functions that declare a `run_context` argument.",
}  # fmt: skip
SPEC_FIELDS = {
    "dlt.ConnectionStringCredentials": [
        ("drivername", Modeled("builtins.str"), None), ("database", _OPT_STR, None),
        ("password", TypeForm("typing.Union", (TypeForm("typing.Annotated", (Modeled("builtins.str"), SECRET)), None)), None),
        ("username", _OPT_STR, None), ("host", _OPT_STR, None),
        ("port", TypeForm("typing.Union", (Modeled("builtins.int"), None)), None),
        ("query", TypeForm("typing.Union", (TypeForm("typing.Dict", (Modeled("builtins.str"), ANY)), None)), None),
    ],
}  # fmt: skip


def reflect(interp, factory, job: dict, sites: dict) -> None:
    """Adds `inputs`, `output` and the object input's `expose` to `job`, in place."""
    function = factory.function
    if not isinstance(function, Function):
        return
    site = factory.site_of("spec") if factory.user_spec is not None else factory.site
    inputs = _guard(lambda: _inputs(interp, factory, function), site, dropped=None)
    if is_poison(inputs) or (inputs and inputs["properties"]):
        job["inputs"] = inputs
        sites[("inputs",)] = site
    output = _guard(lambda: _output(interp, function, factory), factory.site, dropped=None)
    if isinstance(output, Raised):
        interp.fail(output)
    elif output:
        job["output"] = output
        sites[("output",)] = factory.site
    for schema in (output, inputs):
        entities = _entities(schema, factory)
        if isinstance(entities, Raised):
            interp.fail(entities)
            return
        if schema is inputs and entities:
            name, entity_type = next(iter(entities.items()))
            expose = job.get("expose")
            expose = dict(expose) if isinstance(expose, dict) else ({} if expose is None else expose)
            if isinstance(expose, dict):
                expose["object_input"] = {"entity_type": entity_type, "input": f"{job['job_ref']}.{name}"}
            job["expose"] = expose


def _guard(compute, site, dropped) -> Any:
    try:
        return compute()
    except Dropped:
        return dropped  # dlt logs it; the job keeps its config_keys
    except Refused as ex:
        return Unknown(f"{ex} (needed for the job's JSON Schema, dlt 1.31.0)", site, NOT_STATIC)


def _builder(interp) -> Builder:
    return Builder(_named, lambda cls: class_fields(interp, cls), lambda cls: typeddict_hints(interp, cls))


def _named(builder: Builder, key: str) -> dict:
    if key == "dlt.TJobRunContext":
        def build() -> dict:
            builder.define("TRunArgs", key, lambda: dict(_RUN_ARGS))
            return dict(_RUN_CONTEXT)

        return {"$ref": builder.define("TJobRunContext", key, build)}
    if key in SPEC_FIELDS:
        name = key.rsplit(".", 1)[1]
        ref = {"$ref": builder.define(name, key, lambda: builder.spec_schema(name, SPEC_FIELDS[key]))}
        return {"anyOf": [ref, {"type": "string"}]}
    raise Refused(f"the JSON Schema of `{key}` is not known statically")


# --- inputs -------------------------------------------------------------------------------------


def _inputs(interp, factory, function: Function) -> Any:
    keys = factory.config_keys
    if is_poison(keys):
        return keys
    spec = factory.user_spec
    if spec is not None:
        fields = SPEC_FIELDS.get(spec.key) if isinstance(spec, Modeled) else None
        if fields is None:
            if not isinstance(spec, Class):
                raise Refused("the `spec=` class is not known statically")
            fields = class_fields(interp, spec)
    else:
        fields = signature_fields(interp, function, keys)
    builder = _builder(interp)
    schema = builder.spec_schema(None, fields, exclude=(RUN_CONTEXT,))
    schema["additionalProperties"] = False
    return builder.with_defs(schema)


def signature_fields(interp, function: Function, keys: list) -> list:
    """The (name, hint, default) of each field `spec_from_signature` makes (D10)."""
    fields = []
    function = signature_function(function)  # `inspect.signature` follows `__wrapped__`
    if is_poison(function):
        raise Refused("the signature `__wrapped__` leads to is not known statically")
    for param in function.params:
        if param.name not in keys:
            continue
        annotated = param.annotation is not NO_ANNOTATION
        hint = config_spec.resolve_annotation(interp, function, param.annotation) if annotated else ANY
        default = param.default
        if is_poison(hint) or is_poison(default):
            raise Refused(f"the annotation or default of `{param.name}` is not known statically")
        if default is None:
            hint = union(hint, None)
        elif isinstance(default, ConfigSentinel):
            if default.secret and not _is_secret(hint):
                hint = Modeled("dlt.TSecretValue") if hint == ANY else TypeForm("typing.Annotated", (hint, SECRET))
            default = None
        elif hint == ANY:
            hint = config_spec.type_of(default)
        fields.append((param.name, hint, default))
    return fields


def _is_secret(hint: Any) -> bool:
    for _ in range(20):
        if origin(hint) == "typing.Annotated" and SECRET in hint.args[1:]:
            return True
        if isinstance(hint, Modeled) and (hint.key in ("dlt.TSecretValue", "dlt.TSecretStrValue") or hint.key.endswith("Credentials")):
            return True
        if isinstance(hint, Class) and any(isinstance(k, Modeled) and k.key.endswith("Credentials") for k in hint.mro):
            return True
        if origin(hint) in ("typing.Annotated", "typing.Final", "typing.ClassVar", "typing.NewType") and hint.args:
            hint = hint.args[0]
        elif origin(hint) == "typing.Union" and any(a is None for a in hint.args):
            hint = hint.args[0]
        else:
            return False
    return False


def class_fields(interp, cls: Class) -> list:
    """`get_resolvable_fields()` of a workspace configspec with each field's default."""
    fields: dict = {}
    for klass in reversed([cls, *cls.mro]):
        if isinstance(klass, Class):
            if not klass.is_configspec:
                continue
            for name, annotation in klass.annotations.items():
                hint = _resolve(interp, klass.module, annotation)
                if name.startswith("__") or origin(hint) == "typing.ClassVar":
                    continue
                default = klass.namespace.get(name)
                if isinstance(default, ConfigSentinel):
                    default = None
                if is_poison(default) or is_poison(hint):
                    raise Refused(f"field `{name}` of `{klass.name}` is not known statically")
                fields[name] = (name, hint, default)
        elif isinstance(klass, Modeled) and klass.key in SPEC_FIELDS:
            fields.update({f[0]: f for f in SPEC_FIELDS[klass.key]})
        elif not (isinstance(klass, Modeled) and klass.key in ("builtins.object", "dlt.BaseConfiguration")):
            raise Refused(f"the fields of `{cls.name}`'s base are not known statically")
    return list(fields.values())


def typeddict_hints(interp, cls: Class) -> tuple:
    """`get_type_hints(td, include_extras=True)`, `__required_keys__` and `__doc__`."""
    hints: dict = {}
    required: set = set()
    for klass in reversed([cls, *cls.mro]):
        if not isinstance(klass, Class) or not is_typeddict(klass):
            continue
        total = _total(klass)
        for name, annotation in klass.annotations.items():
            hint = _resolve(interp, klass.module, annotation, strict=True)
            hints[name] = hint
            wrapper = origin(hint)
            if wrapper == "typing.Required" or (total and wrapper != "typing.NotRequired"):
                required.add(name)
            else:
                required.discard(name)
    return hints, required, _class_doc(cls)


def _total(cls: Class) -> bool:
    node = _class_node(cls)
    for keyword in node.keywords if node is not None else ():
        if keyword.keyword is not None and keyword.keyword.value == "total":
            if isinstance(keyword.value, cst.Name) and keyword.value.value in ("True", "False"):
                return keyword.value.value == "True"
            raise Refused(f"`total=` of TypedDict `{cls.name}` is not a literal")
    if node is None and cls.bases:
        raise Refused(f"TypedDict `{cls.name}` is not defined at module level")
    return True


def _class_node(cls: Class) -> Optional[cst.ClassDef]:
    statement = cls.site.statement
    return statement if isinstance(statement, cst.ClassDef) and statement.name is cls.site.node else None


def _class_doc(cls: Class) -> Optional[str]:
    node = _class_node(cls)
    body = node.body.body if node is not None and isinstance(node.body, cst.IndentedBlock) else None
    return docstring_of(body) if body else None


def _resolve(interp, module, annotation: Any, strict: bool = False) -> Any:
    """A string annotation evaluated in `module` (as `get_type_hints` does); `strict`: an
    undefined name raises NameError (dlt's builder raises) rather than staying a string."""
    if isinstance(annotation, TypeForm) and annotation.args:
        return _resolve_args(interp, module, annotation, strict)
    if not isinstance(annotation, str):
        return annotation
    try:
        expression = cst.parse_expression(annotation)
    except cst.ParserSyntaxError:
        raise Refused(f"annotation {annotation!r} is not an expression")
    value = interp.eval(expression, Scope(module))
    if isinstance(value, Raised) and value.exc == "NameError":
        if strict:
            raise Dropped(value.message)
        return annotation
    if is_poison(value):
        raise Refused(f"annotation {annotation!r} is not known statically")
    return _resolve(interp, module, value, strict)


def _resolve_args(interp, module, hint: TypeForm, strict: bool) -> TypeForm:
    """Forward references inside a generic (`List["Tree"]`), as `get_type_hints` resolves
    them (Literal values and Annotated metadata are not references)."""
    if hint.origin == "typing.Literal":
        return hint
    if hint.origin == "typing.Annotated":
        return TypeForm(hint.origin, (_resolve(interp, module, hint.args[0], strict), *hint.args[1:]))
    args = tuple(_resolve(interp, module, a, strict) for a in hint.args)
    return union(*args) if hint.origin == "typing.Union" else TypeForm(hint.origin, args)


# --- output and entities ----------------------------------------------------------------


def return_hint(interp, function: Function) -> Any:
    """The function's return annotation, strings resolved in its module (None without one)."""
    returns = getattr(function.node, "returns", None)
    if returns is None:
        return None
    annotation = returns.annotation
    if isinstance(annotation, cst.SimpleString) or function.module.future_annotations:
        text = annotation.evaluated_value if isinstance(annotation, cst.SimpleString) else cst.Module([]).code_for_node(annotation)
        return _resolve(interp, function.module, text)
    hint = function.returns  # what it was when the `def` ran, as `__annotations__` keeps it
    if is_poison(hint):
        raise Refused("the return annotation is not known statically")
    return hint


def _output(interp, function: Function, factory) -> Any:
    hint = return_hint(interp, function)
    if hint is None or not is_typeddict(unwrap(hint)):
        return None
    try:
        return _builder(interp).root_schema(hint)
    except Dropped as ex:
        return Raised(
            "InvalidJobSchema",
            f"Cannot read the schema of {factory.job_ref!r}: output cannot be read from"
            f" <class '{function.module.name}.{unwrap(hint).name}'>: {ex}",
            factory.site, INVALID_SCHEMA,
        )  # fmt: skip


def _entities(schema: Any, factory) -> Any:
    """`entity_properties`: top-level property -> entity_type; Raised for an unknown type."""
    if not isinstance(schema, dict):
        return {}
    out = {}
    for name, prop in (schema.get("properties") or {}).items():
        value = prop.get("entity_type") if isinstance(prop, dict) else None
        if value is None:
            continue
        if value not in ENTITY_TYPES and value != "job-run":
            return Raised(
                "InvalidJobSchema",
                f"Cannot read the schema of {factory.job_ref!r}: {name}: entity_type {value!r} is not"
                f" one of {', '.join(ENTITY_TYPES)}", factory.site, INVALID_SCHEMA,
            )  # fmt: skip
        out[name] = value
    return out
