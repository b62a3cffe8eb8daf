"""The objects dlt and the detected frameworks make while the workspace is imported, as
library objects of the python layer: each says how it behaves under attribute access,
assignment and calls. (Jobs and job decorators are in `jobs`.)"""

from __future__ import annotations

import datetime
from typing import Any, Optional

import attrs
from dlt_manifest.python.values import LibraryObject, Modeled, Raised, Unknown
from dlt_manifest.source.span import Site

RUNTIME_ERROR = "DM411"
DELIVER = "DM304"


@attrs.frozen
class ConfigSentinel(LibraryObject):
    """`dlt.config.value` / `dlt.secrets.value`."""

    secret: bool

    def describe(self) -> str:
        return "`dlt.secrets.value`" if self.secret else "`dlt.config.value`"


@attrs.frozen
class Pipeline(LibraryObject):
    """The result of `dlt.pipeline(...)`."""

    pipeline_name: Any  # str or poison

    def describe(self) -> str:
        return "a pipeline"

    def attribute(self, ev, name: str, site) -> Any:
        if name == "pipeline_name":
            return self.pipeline_name
        return super().attribute(ev, name, site)


@attrs.define(eq=False)
class SourceFactory(LibraryObject):
    """A function decorated with `@dlt.source` (kind "source") or a standalone
    `@dlt.resource` (kind "resource"): its reference is `sources.<section>.<name>`."""

    kind: str
    name: Any
    section: Any
    function: Any
    site: Optional[Site]

    callable = True

    def describe(self) -> str:
        return f"a dlt {self.kind}"

    def attribute(self, ev, name: str, site) -> Any:
        if self.kind == "source" and name in ("with_args", "clone"):
            return Modeled("dlt.source.clone", self)
        return super().attribute(ev, name, site)

    def call(self, ev, args: list, kwargs: dict, call) -> Any:
        if self.kind == "source":
            return Raised(
                "PipelineIsRunning",
                "calling a @dlt.source while the deployment is imported fails: the runtime"
                " blocks pipeline execution during import (pass the source itself to deliver=)",
                call.site,
                DELIVER,
            )
        return SourceFactory("resource-instance", self.name, self.section, None, call.site)


class PendulumDateTime(datetime.datetime):
    """A pendulum DateTime: equal to a datetime, but serialized with `isoformat()`
    (`+00:00`, where orjson writes a stdlib UTC datetime with `Z`)."""


@attrs.define(eq=False)
class FrameworkObject(LibraryObject):
    """An instance of a framework class the detectors look for (`marimo.App`,
    `fastmcp.FastMCP`): `kind` is "marimo" or "fastmcp", `title` the app title or
    server name (possibly poison)."""

    kind: str
    title: Any
    site: Optional[Site]

    def describe(self) -> str:
        return f"a {self.kind} object"

    def attribute(self, ev, name: str, site) -> Any:
        if self.kind == "fastmcp" and name == "name":
            return self.title
        return Modeled("framework-decorator", (self, name))

    def set_attribute(self, ev, name: str, value: Any, site) -> Optional[Any]:
        if self.kind == "fastmcp" and name == "name":
            return Raised(
                "AttributeError", "property 'name' of 'FastMCP' object has no setter", site,
                RUNTIME_ERROR,
            )
        self.changed(site)
        return None

    def changed(self, site) -> None:
        self.title = Unknown(f"the {self.kind} object is changed after it is created", site)
