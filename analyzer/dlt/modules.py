"""dlt's modules as the runtime generator of dlt 1.27.2 sees them, registered into the python
layer: the deployment API (`dlt.hub.run`, its `trigger` and `freshness` modules), `dlt`
itself, dlt's configuration specs, pendulum (which dlt re-exports), the frameworks the
detectors look for, and what is already imported when dlt imports the workspace.
"""

from __future__ import annotations

import datetime
from typing import Optional

from dlt_manifest.python import builtins, modules, objects, values
from dlt_manifest.python.values import ExternalModule, Modeled, Raised, TypeForm

TRIGGER_MODULE = "dlt._workspace.deployment.trigger"
FRESHNESS_MODULE = "dlt._workspace.deployment.freshness"
RUN_MODULE = "dlt.hub.run"


def _trigger_module() -> dict:
    return {name: Modeled(f"trigger.{name}") for name in triggers_all()}


def triggers_all() -> list:
    return ["schedule", "every", "once", "http", "deployment", "webhook", "tag", "manual",
            "pipeline_name", "job_success", "job_fail"]  # fmt: skip


# `dlt.hub.run` of engine 2 (1.31.0) only (D21): earlier releases raise AttributeError
ENGINE2_RUN_NAMES = {
    "agent": Modeled("run.agent"),
    "Entity": Modeled("run.Entity"),
    "Doc": Modeled("typing.Doc"),
    "result": Modeled("run.result"),
    "THubEntity": Modeled("dlt.THubEntity"),
    "THubEntityType": Modeled("dlt.THubEntityType"),
    "TAgentSpec": Modeled("dlt.TAgentSpec"),
    "TAgentOutput": Modeled("dlt.TAgentOutput"),
    "TAgentJobResult": Modeled("dlt.TAgentJobResult"),
    "JobAbortedException": Modeled("dlt.JobAbortedException"),
}

_CLOSED: dict = {
    RUN_MODULE: {
        "job": Modeled("run.job"),
        "pipeline": Modeled("run.pipeline"),
        "interactive": Modeled("run.interactive"),
        "TJobRunContext": Modeled("dlt.TJobRunContext"),
        "trigger": ExternalModule(TRIGGER_MODULE),
        **ENGINE2_RUN_NAMES,
    },
    TRIGGER_MODULE: _trigger_module(),
    FRESHNESS_MODULE: {
        "is_fresh": Modeled("freshness.is_fresh"),
        "is_matching_interval_fresh": Modeled("freshness.is_matching_interval_fresh"),
    },
}

# dlt's credential spec classes (their fields: SPEC_FIELDS in analyzer/config_spec.py)
_CREDENTIALS = {
    "AwsCredentials": Modeled("dlt.AwsCredentials"),
    "AzureCredentials": Modeled("dlt.AzureCredentials"),
    "AzureServicePrincipalCredentials": Modeled("dlt.AzureServicePrincipalCredentials"),
    "ConnectionStringCredentials": Modeled("dlt.ConnectionStringCredentials"),
    "CredentialsConfiguration": Modeled("dlt.CredentialsConfiguration"),
    "GcpCredentials": Modeled("dlt.GcpCredentials"),
    "GcpOAuthCredentials": Modeled("dlt.GcpOAuthCredentials"),
    "GcpServiceAccountCredentials": Modeled("dlt.GcpServiceAccountCredentials"),
    "OAuth2Credentials": Modeled("dlt.OAuth2Credentials"),
    "SFTPCredentials": Modeled("dlt.SFTPCredentials"),
}

_OPEN: dict = {
    "dlt": {
        "hub": ExternalModule("dlt.hub"),
        "config": Modeled("dlt.config"),
        "secrets": Modeled("dlt.secrets"),
        "source": Modeled("dlt.source"),
        "resource": Modeled("dlt.resource"),
        "transformer": Modeled("dlt.transformer"),
        "pipeline": Modeled("dlt.pipeline"),
        "Pipeline": Modeled("dlt.Pipeline"),
        "TSecretValue": Modeled("dlt.TSecretValue"),
        "TSecretStrValue": Modeled("dlt.TSecretStrValue"),
    },
    "dlt.hub": {},
    "dlt._workspace.deployment": {
        "job": Modeled("run.job"),
        "interactive": Modeled("run.interactive"),
        "pipeline_run": Modeled("run.pipeline"),
        "trigger": ExternalModule(TRIGGER_MODULE),
        "freshness": ExternalModule(FRESHNESS_MODULE),
        "TJobRunContext": Modeled("dlt.TJobRunContext"),
    },
    "dlt._workspace.deployment.decorators": {
        "job": Modeled("run.job"),
        "interactive": Modeled("run.interactive"),
        "pipeline_run": Modeled("run.pipeline"),
    },
    "dlt.common.configuration": {"configspec": Modeled("dlt.configspec")},
    "dlt.common.configuration.specs": {
        "configspec": Modeled("dlt.configspec"),
        "BaseConfiguration": Modeled("dlt.BaseConfiguration"),
        **_CREDENTIALS,
    },
    "dlt.sources.credentials": {"configspec": Modeled("dlt.configspec"), **_CREDENTIALS},
    "dlt.common.typing": {
        "TSecretValue": Modeled("dlt.TSecretValue"),
        "TSecretStrValue": Modeled("dlt.TSecretStrValue"),
    },
    "dlt.sources": {"incremental": Modeled("dlt.incremental")},
    # `dlt.common.pendulum` re-exports the pendulum package itself
    "dlt.common": {"pendulum": ExternalModule("pendulum")},
    "dlt.common.pendulum": {"pendulum": ExternalModule("pendulum")},
    "pendulum": {
        "datetime": Modeled("pendulum.datetime"),
        "DateTime": Modeled("pendulum.DateTime"),
        "parse": Modeled("pendulum.parse"),
        "date": Modeled("pendulum.date"),
        "now": Modeled("clock.now"),
        "today": Modeled("clock.now"),
        "yesterday": Modeled("clock.now"),
        "tomorrow": Modeled("clock.now"),
        "UTC": datetime.timezone.utc,
        "timezone": Modeled("zoneinfo.ZoneInfo"),
    },
    "marimo": {"App": Modeled("marimo.App")},
    "fastmcp": {"FastMCP": Modeled("fastmcp.FastMCP")},
}

# dlt 1.27.2's built-in destinations (`DestinationReference.DESTINATIONS`)
BUILTIN_DESTINATIONS = frozenset(
    "athena bigquery clickhouse databricks delta destination dremio duckdb ducklake dummy"
    " fabric filesystem iceberg lance lancedb motherduck mssql postgres qdrant redshift"
    " snowflake snowflake_plus sqlalchemy synapse weaviate".split()
)

# Top-level modules already imported when dlt 1.27.2 imports the workspace (measured on
# Python 3.11 with the oracle): a workspace file of one of these names is never imported.
_LOADED_AT_IMPORT = frozenset(
    (
    '__future__ _abc _ast _asyncio _bisect _blake2 _bz2 _cffi_backend _codecs _collections '
    '_collections_abc _compat_pickle _compression _contextvars _csv _ctypes _cython_3_3_0 '
    '_cython_3_3_1 _datetime _decimal _distutils_hack _frozen_importlib '
    '_frozen_importlib_external _functools _hashlib _heapq _imp _io _json _locale _lzma '
    '_multiprocessing _opcode _openssl _operator _pickle _posixsubprocess _queue _random _sha512 '
    '_signal _sitebuiltins _socket _sre _ssl _stat _string _struct '
    '_sysconfigdata__linux_x86_64-linux-gnu _thread _typing _uuid _warnings _weakref _weakrefset '
    '_zoneinfo abc argparse array ast asyncio atexit base64 binascii bisect builtins bz2 calendar '
    'click codecs collections concurrent configparser contextlib contextvars copy copyreg '
    'cryptography csv ctypes cython_runtime dataclasses datetime dateutil decimal difflib dis dlt '
    'dlthub email encodings enum errno fcntl fnmatch fsspec functools gc genericpath gettext '
    'giturlparse glob grp gzip hashlib heapq hmac http humanize importlib inspect io ipaddress '
    'itertools jose json jsonpath_ng keyword linecache locale logging lzma marshal math mimetypes '
    'multiprocessing ntpath numbers numpy opcode operator orjson os packaging pathlib '
    'pathvalidate pendulum pickle pkgutil platform pluggy ply posix posixpath pprint pwd pyarrow '
    'pydoc queue quopri random re reprlib secrets select selectors semver shutil signal '
    'simplejson site socket sqlglot ssl stat string struct subprocess sys sysconfig tarfile '
    'tempfile tenacity textwrap threading time token tokenize tomlkit traceback types typing '
    'typing_extensions unittest urllib uuid warnings weakref yaml zipfile zipimport zlib zoneinfo '
    ).split()
)

# Submodules that `import dlt` / the oracle's own imports have already loaded: reachable
# as attributes of their parents without an import of their own.
_PRELOADED_MODULES = frozenset(
    ["dlt", "dlt.hub", "dlt.hub.current", "dlt.common", "dlt.common.configuration",
     "dlt.common.configuration.specs", "dlt.common.typing", "dlt.sources", "dlt._workspace",
     "dlt._workspace.deployment", "dlt._workspace.deployment.trigger",
     "dlt._workspace.deployment.freshness", "dlt._workspace.deployment.decorators",
     "os", "os.path", "datetime", "typing", "pendulum", "zoneinfo", "decimal", "enum",
     "dataclasses", "collections", "collections.abc", "abc", "json", "sys", "re", "logging",
     "croniter", "orjson", "requests", "functools", "itertools", "pathlib", "inspect",
     "contextlib", "threading", "types", "warnings", "copy", "io", "time", "uuid", "base64",
     "hashlib", "math", "random", "string", "textwrap", "traceback", "tempfile", "shutil",
     "subprocess", "socket", "ast", "importlib", "pickle", "platform", "argparse",
     "urllib", "http", "email", "concurrent", "asyncio", "queue", "signal", "weakref"]
)  # fmt: skip

# dlt modules that are plain modules (not packages): `import dlt.hub.run.x` fails
_NOT_PACKAGES = frozenset(["dlt.hub.run", TRIGGER_MODULE, FRESHNESS_MODULE])
# submodules of installed packages a `from package import name` loads
_KNOWN_SUBMODULES = frozenset(
    ["dlt.hub.run", "dlt.hub.current", "dlt.hub.data_quality", TRIGGER_MODULE, FRESHNESS_MODULE]
)
# the exceptions dlt raises while the workspace is imported, for `except` clauses
_EXCEPTION_BASES = {
    "InvalidTrigger": "ValueError", "InvalidJobName": "ValueError", "InvalidJobSection": "ValueError",
    "InvalidJobRef": "ValueError", "InvalidFreshnessConstraint": "ValueError",
    "ConfigFieldTypeHintNotSupported": "Exception", "PipelineIsRunning": "Exception",
}  # fmt: skip


def _run_attribute(name: str, site, target) -> Optional[Raised]:
    """The names `dlt.hub.run` has only from engine 2 on."""
    if name in ENGINE2_RUN_NAMES and target is not None and not target.release.engine2:
        return Raised(
            "AttributeError", f"module 'dlt.hub.run' has no attribute {name!r} (new in dlt 1.31.0;"
            f" the target is dlt {target.release.name})", site, "DM411",
        )
    return None


def _dlt_hub_attribute(name: str, site, target=None) -> Optional[Raised]:
    """`dlt.hub` loads its submodules lazily: other attributes do not exist."""
    if name in ("current", "transformation", "runner"):
        return None
    return Raised(
        "AttributeError",
        f"module 'dlt.hub' has no attribute {name!r}"
        + (" (import `dlt.hub.run` first: `from dlt.hub import run`)" if name == "run" else ""),
        site,
        "DM411",
    )


def register() -> None:
    for name, table in _CLOSED.items():
        modules.register_module(name, table, closed=True)
    for name, table in _OPEN.items():
        modules.register_module(name, table)
    modules.LOADED_AT_IMPORT.update(_LOADED_AT_IMPORT)
    modules.PRELOADED_MODULES.update(_PRELOADED_MODULES)
    modules.NOT_PACKAGES.update(_NOT_PACKAGES)
    modules.KNOWN_SUBMODULES.update(_KNOWN_SUBMODULES)
    modules.MISSING_ATTRIBUTES["dlt.hub"] = _dlt_hub_attribute
    modules.MISSING_ATTRIBUTES[RUN_MODULE] = _run_attribute
    # `Doc` of PEP 727 (dlt 1.31's `run.Doc` is typing_extensions' own) and TypedDict keys
    # qualifiers, which dlt 1.31's JSON Schema reads
    qualifiers = {"NotRequired": TypeForm("typing.NotRequired"), "Required": TypeForm("typing.Required")}
    modules.register_module("typing", {**modules.OPEN_MODULES["typing"], **qualifiers})
    modules.register_module(
        "typing_extensions", {**modules.OPEN_MODULES["typing_extensions"], **qualifiers, "Doc": Modeled("typing.Doc")}
    )
    builtins.EXCEPTION_BASES.update(_EXCEPTION_BASES)
    values.LIBRARY_KEYS.update(["dlt", "run", "freshness", "trigger", "fastmcp", "marimo", "pendulum"])
    objects.TYPE_PREFIXES.extend(["dlt.", "pendulum.DateTime"])


register()
