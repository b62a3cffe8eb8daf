"""`config_keys`: the configuration fields dlt derives for a job.

Mirrors dlt 1.27.2: `with_config` -> `spec_from_signature` (parameters with defaults
whose hint `is_valid_hint` accepts), `configspec` (which rejects unsupported hints of
unannotated defaults and, through `dataclasses`, mutable defaults), and
`get_resolvable_fields` of a user `spec=` class (dataclass fields, bases first).
"""

from __future__ import annotations

import enum

from typing import Any, Optional

from dlt_manifest.dlt.objects import ConfigSentinel, PendulumDateTime
from dlt_manifest.python.calls import CALLS
from dlt_manifest.python.objects import signature_function
from dlt_manifest.source import screen
from dlt_manifest.source.limits import current
from dlt_manifest.python.values import (
    NO_ANNOTATION,
    NO_DEFAULT,
    Class,
    External,
    Function,
    LibraryObject,
    Modeled,
    ModuleObject,
    Raised,
    TypeForm,
    Unknown,
    is_poison,
)

CONFIG_SPEC = "DM305"

# is_valid_hint of classes from the stdlib / dlt, by their key in analyzer.api
_VALID_CLASS = {
    "builtins.str": True, "builtins.int": True, "builtins.float": True, "builtins.bool": True,
    "builtins.bytes": True, "builtins.dict": True, "builtins.list": True, "builtins.tuple": True,
    "builtins.range": True, "builtins.set": False, "builtins.frozenset": False,
    "builtins.complex": False, "builtins.object": False, "builtins.type": False,
    "datetime.datetime": True, "datetime.date": True, "datetime.time": True,
    "datetime.timedelta": False, "decimal.Decimal": True, "pendulum.DateTime": True,
    "typing.Sequence": True, "typing.Mapping": True, "typing.MutableMapping": True,
    "typing.MutableSequence": True, "typing.List": True, "typing.Dict": True,
    "typing.Tuple": True, "typing.Set": False, "typing.FrozenSet": False,
    "typing.Iterable": False, "typing.Iterator": False, "typing.Callable": False,
    "typing.Type": False, "typing.Generator": False,
    "dlt.Pipeline": False, "dlt.TJobRunContext": True, "dlt.TSecretValue": True,
    "dlt.TSecretStrValue": True, "dlt.BaseConfiguration": True,
    "dlt.CredentialsConfiguration": True, "dlt.incremental": True,
    "dlt.ConnectionStringCredentials": True, "enum.Enum": True,
}  # fmt: skip

# is_valid_hint of stdlib classes that are not modeled otherwise (installed packages'
# classes stay undecided: their bases are not read)
_STDLIB_CLASSES = {
    "logging.Logger": False, "logging.Handler": False, "pathlib.Path": False,
    "pathlib.PurePath": False, "uuid.UUID": False, "re.Pattern": False,
    "collections.OrderedDict": True, "collections.defaultdict": True,
    "collections.Counter": True, "collections.deque": True, "collections.ChainMap": True,
    "collections.UserDict": True, "collections.UserList": True, "collections.UserString": False,
    "io.StringIO": False, "io.BytesIO": False, "threading.Lock": False,
    "datetime.tzinfo": False, "datetime.timezone": False, "zoneinfo.ZoneInfo": False,
    "ipaddress.IPv4Address": False, "fractions.Fraction": False,
}  # fmt: skip

# the classes a local class may derive from to be a valid hint (py_type_to_sc_type)
_VALID_BASES = {
    "builtins.str", "builtins.int", "builtins.float", "builtins.bytes", "builtins.dict",
    "builtins.list", "builtins.tuple", "decimal.Decimal", "datetime.datetime", "datetime.date",
    "datetime.time", "enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag", "typing.TypedDict",
    "typing.NamedTuple", "dlt.BaseConfiguration", "dlt.CredentialsConfiguration",
    "typing.Mapping", "typing.Sequence",
}  # fmt: skip
# resolvable fields of dlt's own spec classes (measured with dlt 1.27.2):
# `spec=` one of them, or a workspace spec class derived from one
SPEC_FIELDS = {
    "dlt.AwsCredentials": ["aws_access_key_id", "aws_secret_access_key", "aws_session_token", "profile_name", "region_name", "endpoint_url", "s3_url_style"],
    "dlt.AzureCredentials": ["azure_storage_account_name", "azure_account_host", "azure_storage_account_key", "azure_storage_sas_token", "azure_sas_token_permissions"],
    "dlt.AzureServicePrincipalCredentials": ["azure_storage_account_name", "azure_account_host", "azure_tenant_id", "azure_client_id", "azure_client_secret"],
    "dlt.BaseConfiguration": [],
    "dlt.ConnectionStringCredentials": ["drivername", "database", "password", "username", "host", "port", "query"],
    "dlt.CredentialsConfiguration": [],
    "dlt.GcpCredentials": ["token_uri", "auth_uri", "project_id"],
    "dlt.GcpOAuthCredentials": ["client_id", "client_secret", "refresh_token", "scopes", "token", "token_uri", "auth_uri", "project_id", "client_type"],
    "dlt.GcpServiceAccountCredentials": ["token_uri", "auth_uri", "project_id", "private_key", "private_key_id", "client_email", "type"],
    "dlt.OAuth2Credentials": ["client_id", "client_secret", "refresh_token", "scopes", "token"],
    "dlt.SFTPCredentials": ["sftp_port", "sftp_username", "sftp_password", "sftp_pkey", "sftp_key_filename", "sftp_key_passphrase", "sftp_timeout", "sftp_banner_timeout", "sftp_auth_timeout", "sftp_channel_timeout", "sftp_allow_agent", "sftp_look_for_keys", "sftp_compress", "sftp_sock", "sftp_gss_auth", "sftp_gss_kex", "sftp_gss_deleg_creds", "sftp_gss_host", "sftp_gss_trust_dns", "sftp_disabled_algorithms", "sftp_transport_factory", "sftp_auth_strategy"],
}
_NEUTRAL_BASES = {"builtins.object", "typing.Generic", "abc.ABC"}


def config_keys(interp, function: Function, user_spec: Any, factory) -> Any:
    """The job's config_keys (a list, possibly empty), or poison."""
    if user_spec is not None:
        return spec_class_fields(interp, user_spec, factory.site_of("spec"))
    return signature_fields(interp, function, factory.site)


def signature_fields(interp, function: Function, site) -> Any:
    """`spec_from_signature` + `configspec`: the names, and the failures dlt raises."""
    fields: list = []
    type_errors: list = []
    mutable_errors: list = []
    function = signature_function(function)  # `inspect.signature` follows `__wrapped__`
    if is_poison(function):
        return function
    for param in function.params:
        if param.kind in ("VAR_POSITIONAL", "VAR_KEYWORD") or param.name in ("self", "cls"):
            continue
        if param.default is NO_DEFAULT:
            continue
        if is_poison(param.default):
            return param.default
        annotated = param.annotation is not NO_ANNOTATION
        hint = resolve_annotation(interp, function, param.annotation) if annotated else ANY
        if isinstance(hint, Unknown) and hint.code == "DM904":
            return hint  # a refusal: the annotation is beyond the analyzer's budgets
        if is_poison(hint):  # whether it is a config key depends on what it is
            return Unknown(
                f"the annotation of `{param.name}` is not known statically: {_reason(hint)}",
                param.site or site,
            )
        if _is_classvar(hint):
            continue  # a class variable of the synthesized dataclass, not a field
        valid = is_valid_hint(hint)
        if valid is None:
            return Unknown(
                f"cannot tell statically whether the annotation of `{param.name}` is a"
                " configuration type (it decides whether the parameter is a config key)",
                param.site or site,
            )
        if not valid:
            continue
        fields.append(param.name)
        default = param.default
        if default is None or isinstance(default, ConfigSentinel):
            continue
        if not annotated:
            is_callable = callable_value(default)
            if is_callable is None:
                return Unknown(
                    f"the default of `{param.name}` is not known statically", param.site or site
                )
            if is_callable:
                continue  # configspec skips callables: no hint check, not mutable
            default_valid = is_valid_hint(type_of(default))
            if default_valid is None:
                return Unknown(
                    f"the default of `{param.name}` is not known statically", param.site or site
                )
            if not default_valid:
                type_errors.append(param)
                continue
        mutable = _mutable_type(default)
        if mutable:
            mutable_errors.append((param, mutable))
    failure = None
    if type_errors:
        param = type_errors[0]
        failure = Raised(
            "ConfigFieldTypeHintNotSupported",
            f"Field `{param.name}` has a default of unsupported type {_describe(param.default)};"
            " annotate the parameter or use a supported default",
            param.site or site,
            CONFIG_SPEC,
        )
    elif mutable_errors:
        param, mutable = mutable_errors[0]
        failure = Raised(
            "ValueError",
            f"mutable default <class {mutable!r}> for field {param.name} is not allowed:"
            " use default_factory",
            param.site or site,
            CONFIG_SPEC,
        )
    if failure is not None:
        interp.fail(failure)
    return fields


def spec_class_fields(interp, spec: Any, site) -> Any:
    """`spec.get_resolvable_fields()` of a `@configspec` class defined in the workspace."""
    if is_poison(spec):
        return spec
    if isinstance(spec, Modeled) and spec.key in SPEC_FIELDS:
        return list(SPEC_FIELDS[spec.key])
    if not isinstance(spec, Class):
        return interp.not_static(spec, site, "the fields of spec")
    fields: dict = {}
    for cls in reversed(_mro(spec)):
        if isinstance(cls, Class):
            if not cls.is_configspec:
                continue
            for name, annotation in cls.annotations.items():
                if name.startswith("__") or _is_classvar(annotation):
                    continue
                fields[name] = True
        elif isinstance(cls, Modeled) and cls.key in SPEC_FIELDS:
            fields.update(dict.fromkeys(SPEC_FIELDS[cls.key], True))
        elif isinstance(cls, Modeled) and cls.key == "builtins.object":
            continue
        else:
            return interp.not_static(cls, site, "the fields of the spec base")
    return list(fields)


def _mro(cls: Class) -> list:
    return [cls, *cls.mro]


def _is_classvar(annotation: Any) -> bool:
    if isinstance(annotation, TypeForm):
        return annotation.origin == "typing.ClassVar"
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return False


# --- hints -------------------------------------------------------------------------------

ANY = TypeForm("typing.Any")


def resolve_annotation(interp, function: Function, annotation: Any) -> Any:
    """A string annotation (`from __future__ import annotations`) is evaluated in the
    function's module, as it is at decoration time; if that fails it stays a string."""
    if isinstance(annotation, str):
        # screened first: LibCST crashes on deep nesting and chokes on huge text
        limits = current()
        problem = screen.expression_problem(annotation, 10_000, limits.nesting)
        if problem is None:
            return interp.eval_annotation_string(annotation, function)
        if "not a Python expression" in problem:
            return annotation  # the runtime cannot evaluate it either: it stays a string
        return Unknown(f"the string annotation is not evaluated: {problem}", function.site, "DM904")
    return annotation


def type_of(value: Any) -> Any:
    """The hint dlt infers from an unannotated default: `type(default)`."""
    if isinstance(value, bool):
        return Modeled("builtins.bool")
    if isinstance(value, PendulumDateTime):
        return Modeled("pendulum.DateTime")
    if isinstance(value, enum.Enum):
        return Modeled("enum.Enum")  # an enum is coerced to text or bigint: a valid hint
    for py_type, key in _PY_TYPES:
        if type(value) is py_type:
            return Modeled(key)
    if isinstance(value, External):
        return None
    return Modeled("builtins.object")  # functions, jobs, modules...: not a valid hint


def _type_keys():
    import datetime
    import decimal

    return [
        (str, "builtins.str"), (int, "builtins.int"), (float, "builtins.float"),
        (bytes, "builtins.bytes"), (dict, "builtins.dict"), (list, "builtins.list"),
        (tuple, "builtins.tuple"), (set, "builtins.set"), (frozenset, "builtins.frozenset"),
        (complex, "builtins.complex"), (range, "builtins.range"),
        (datetime.datetime, "datetime.datetime"), (datetime.date, "datetime.date"),
        (datetime.time, "datetime.time"), (datetime.timedelta, "datetime.timedelta"),
        (decimal.Decimal, "decimal.Decimal"), (type(None), "builtins.object"),
    ]  # fmt: skip


_PY_TYPES = _type_keys()


def is_valid_hint(hint: Any) -> Optional[bool]:
    """dlt's `is_valid_hint`; None when it cannot be decided statically."""
    if hint is None:
        return None
    if isinstance(hint, TypeForm) and hint.origin == "typing.ClassVar":
        return True
    if isinstance(hint, TypeForm) and hint.origin == "typing.Final":
        return True  # is_hint_not_resolvable
    hint = _extract_inner(hint)
    if hint is None:
        return None
    if isinstance(hint, TypeForm):
        if hint.origin == "typing.Any":
            return True
        if hint.origin == "typing.Union":
            if any(_is_config_class(arg) for arg in hint.args):
                return True
            return False
        return _VALID_CLASS.get(hint.origin, None)
    if isinstance(hint, Modeled):
        if hint.key in SPEC_FIELDS:
            return True  # BaseConfiguration subclasses
        return _VALID_CLASS.get(hint.key)
    if isinstance(hint, Class):
        return _class_is_valid(hint)
    if isinstance(hint, str):
        return False  # an unresolved forward reference
    if isinstance(hint, External):
        return _STDLIB_CLASSES.get(hint.qualname)
    if hint is type(None) or hint is None:
        return False
    return False


def _extract_inner(hint: Any) -> Any:
    """`extract_inner_type`: through Annotated/Final/ClassVar, Optional (its first
    argument), Literal (the type of its first value) and NewType."""
    for _ in range(50):
        if isinstance(hint, TypeForm):
            if hint.origin in ("typing.Annotated", "typing.Final", "typing.ClassVar") and hint.args:
                hint = hint.args[0]
                continue
            if hint.origin == "typing.Union" and any(_is_none(a) for a in hint.args):
                hint = hint.args[0]
                continue
            if hint.origin == "typing.Literal" and hint.args:
                return type_of(hint.args[0])
            if hint.origin == "typing.NewType" and hint.args:
                hint = hint.args[0]
                continue
        if _is_none(hint):
            return Modeled("builtins.object")
        return hint
    return None


def _is_none(value: Any) -> bool:
    return value is None or (isinstance(value, Modeled) and value.key == "builtins.NoneType")


def _is_config_class(hint: Any) -> bool:
    if isinstance(hint, Modeled):
        return hint.key in SPEC_FIELDS
    if isinstance(hint, Class):
        return _derives(hint, {"dlt.BaseConfiguration", "dlt.CredentialsConfiguration"}) is True
    return False


def _class_is_valid(cls: Class) -> Optional[bool]:
    if cls.is_configspec or any(_decorator_key(d) == "dataclasses.dataclass" for d in cls.decorators):
        return True
    return _derives(cls, _VALID_BASES)


def _derives(cls: Class, targets: set) -> Optional[bool]:
    """Whether a base of `cls` (transitively) is one of `targets`; None when a base is
    not known (a class of an installed package)."""
    unknown = False
    for base in cls.bases:
        if isinstance(base, Class):
            if base.is_configspec and "dlt.BaseConfiguration" in targets:
                return True
            result = _derives(base, targets)
        elif isinstance(base, Modeled):
            known = base.key in _NEUTRAL_BASES or base.key in _VALID_CLASS
            result = True if base.key in targets else (False if known else None)
        elif isinstance(base, TypeForm):
            result = True if base.origin in targets else None
        else:
            result = None
        if result:
            return True
        unknown = unknown or result is None
    return None if unknown else False


def _decorator_key(decorator: Any) -> Optional[str]:
    return decorator.key if isinstance(decorator, Modeled) else None


def callable_value(value: Any) -> Optional[bool]:
    """`callable(value)` for the analyzer's values; None when not known."""
    if is_poison(value) or isinstance(value, External):
        return None
    if isinstance(value, (Function, Class)):
        return True
    if isinstance(value, LibraryObject):
        return value.callable
    if isinstance(value, Modeled):
        return value.key in CALLS or value.key.startswith("builtins.")
    if isinstance(value, TypeForm):
        return True  # typing constructs are callable objects
    if isinstance(value, ModuleObject):
        return False
    return False  # plain data (and framework instances) are not callable


def _mutable_type(value: Any) -> Optional[str]:
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mappingproxy"
    if isinstance(value, set):
        return "set"
    return None


def _describe(value: Any) -> str:
    return f"`{type(value).__name__}`" if not isinstance(value, (Function, Class)) else "a function"


def _reason(value: Any) -> str:
    return getattr(value, "reason", None) or getattr(value, "message", None) or "unknown"
