"""`run.agent` (dlt 1.31.0, SPEC D20): background agent jobs, as `AgentJobFactory` builds
them. Two forms are reproduced: a decorated function (its docstring the system prompt,
its signature the inputs, its `TAgentOutput` return type the output) and an inline agent
spec (a dict). An agent read from an `AGENT.md` or from an installed toolkit is refused:
the analyzer reads neither YAML nor installed packages.
"""

from __future__ import annotations

import copy
import inspect
from typing import Any, Optional

import attrs
from dlt_manifest.dlt import engine2, jobs, reflection
from dlt_manifest.dlt.jsonschema import Builder, Dropped, Refused, unwrap
from dlt_manifest.python.values import (
    Class,
    Function,
    Modeled,
    Raised,
    Unknown,
    deep_poison,
    is_poison,
)

LAUNCHER_AGENT = "dlt._workspace.deployment.launchers.agent"
INVALID_AGENT = "DM311"
BAD_CALL = "DM412"
DEFAULT_CONCURRENCY = 5
SIGNATURE = (
    "(func_or_ref=None, /, *, agent=None, instructions=None, access=None, tools=None, skills=None,"
    " rules=None, name=None, section=None, loop='pydantic-ai', model=None, identity=None, limits=None,"
    " loop_run_args=None, verbosity=None, emojis=None, inputs_validator=None, outputs_validator=None,"
    " trigger=None, execute=None, expose=None, require=None, spec=None)"
)
ACCESS_VERBS = {"local": ("read", "write", "execute", "network"), "data": ("read", "write"), "context": ("read",)}
_SPEC_KEYS = ("name", "description", "access", "inputs", "output", "system_prompt", "tools", "skills", "rules", "defaults")
_STATUS = {
    "enum": ["succeeded", "failed", "aborted"], "type": "string",
    "description": "Outcome of your task. `succeeded` and `failed` mean what your system prompt says they mean."
    " `aborted`: you hit something that prevents doing the task at all, and the runner raises an exception"
    " carrying `summary`.",
}  # fmt: skip
_SUMMARY = {
    "type": "string",
    "description": "Markdown. What you accomplished. When `status` is `aborted` this becomes the exception text,"
    " so say what blocked you.",
}
STANDARD_OUTPUT = {
    "title": "TAgentOutput", "type": "object", "properties": {"status": _STATUS, "summary": _SUMMARY},
    "required": ["status", "summary"],
    "description": "What an agent returns: `status`, `summary` and whatever its own output declares.",
}  # fmt: skip


@attrs.define(eq=False)
class AgentJob(jobs.JobFactory):
    """An `AgentJobFactory`: a job factory with its agent."""

    launcher = LAUNCHER_AGENT
    inline: Any = None  # the inline agent spec (a dict), when there is no function
    loop: Any = "pydantic-ai"
    model: Any = None
    instructions: Any = None
    declared: dict = attrs.field(factory=dict)  # decorator arguments of the agent spec
    attribute_of: Optional[tuple] = None  # (module, attribute) holding an inline agent
    agent_file: Optional[str] = None  # `<module file>:<job name>` of a function's agent

    def bind_attribute(self, module_name: str, name: str, section: str) -> None:
        if self.attribute_of is None:
            self.attribute_of = (module_name, name)
            if not self.section:
                self.section = section

    def definition(self, interp) -> tuple:
        spec = self._spec(interp)
        if self.inline is not None:
            self.bound = True
        job, sites = super().definition(interp)
        if is_poison(spec):
            job["agent"] = spec
            return job, sites
        if self.inline is not None:
            module, attribute = self.attribute_of or (None, None)
            job["entry_point"] = {"module": module, "function": attribute, "job_type": "batch", "launcher": LAUNCHER_AGENT}
            if spec.get("description"):
                job["description"] = spec["description"]
            keys = [k for k in (spec["inputs"].get("properties") or {}) if k != reflection.RUN_CONTEXT]
            if keys:
                job["config_keys"] = keys
            if spec["inputs"].get("properties"):
                job["inputs"] = spec["inputs"]
        agent_execute = (spec.get("defaults") or {}).get("execute") or {}
        execute = job["execute"]
        if isinstance(execute, dict):
            execute = {"concurrency": DEFAULT_CONCURRENCY, **agent_execute, **execute}
        expose = job.get("expose")
        expose = dict(expose) if isinstance(expose, dict) else ({} if expose is None else expose)
        if isinstance(expose, dict):
            expose["category"] = "background_agent"
        require = job.get("require")
        require = dict(require) if isinstance(require, dict) else ({} if require is None else require)
        if isinstance(require, dict):
            groups = require.get("dependency_groups") or []
            groups = list(groups) if isinstance(groups, (list, tuple)) else groups
            if isinstance(groups, list) and f"agent-loop-{self.loop}" not in groups:
                groups.append(f"agent-loop-{self.loop}")
            require["dependency_groups"] = groups
        out = {k: job[k] for k in ("engine_version", "job_ref", "entry_point", "triggers") if k in job}
        out["execute"] = execute
        out.update({k: job[k] for k in ("description",) if k in job})
        out["access"] = spec.get("access") or {}
        out.update({k: v for k, v in job.items() if k not in out and k not in ("expose", "require", "output")})
        out["output"] = spec["output"]
        out["expose"] = expose
        out["agent"] = self._agent_definition(spec)
        out["require"] = require
        sites[("agent",)] = self.site
        return out, sites

    def _spec(self, interp) -> Any:
        """`resolve_agent_spec` + `validate_agent_spec`."""
        fn = self.function
        if self.inline is not None:
            source = self.inline.get("name") if isinstance(self.inline, dict) else None
            return _validated(interp, dict(self.inline), source, self.site)
        if not isinstance(fn, Function):
            return fn if is_poison(fn) else Unknown("the agent's function is not known statically", self.site)
        spec: dict = {"name": self.declared.get("name") or fn.name}
        doc = inspect.cleandoc(fn.doc or "")
        if doc:
            spec["description"] = doc.split("\n", 1)[0]
            spec["system_prompt"] = doc
        for key in ("access", "tools", "skills", "rules"):
            if self.declared.get(key) is not None:
                spec[key] = self.declared[key]
        output = _function_output(interp, fn, self)
        if is_poison(output):
            return output
        spec["output"] = output
        self.agent_file = f"{fn.module.source.relpath}:{self.name}" if fn.module.source is not None else None
        return _validated(interp, spec, f"{self.agent_file}", self.site)

    def _agent_definition(self, spec: dict) -> dict:
        definition = {"engine_version": 1, "name": spec["name"]}
        if spec.get("description"):
            definition["description"] = spec["description"]
        if self.inline is None and self.agent_file:
            definition["agent_file"] = self.agent_file
        for key in ("tools", "skills", "rules"):
            if spec.get(key):
                definition[key] = list(spec[key])
        if self.instructions:
            definition["instructions"] = self.instructions
        if self.model:
            definition["model"] = self.model
        return definition


def make_agent(interp, call, bound: dict) -> Any:
    """`run.agent(...)`: a decorator, a bound agent job, or an inline agent's job."""
    target = bound.pop("func_or_ref")
    is_ref = isinstance(target, (str, dict))
    if not is_ref:
        for name in ("inputs_validator", "outputs_validator"):
            if bound[name] is not None:
                return Raised("TypeError", f"run.agent on a function does not accept {name!r}. Pass it to"
                              " `loop.run()`, or name an agent: run.agent('<toolkit>:<agent>').", call.site, BAD_CALL)
    else:
        if bound["agent"] is not None:
            return Raised("TypeError", "run.agent takes the agent positionally here. Drop the 'agent' argument.", call.site, BAD_CALL)
        for name in ("access", "tools", "skills", "rules"):
            if bound[name] is not None:
                return Raised("TypeError", f"run.agent with a named or inline agent does not accept {name!r}. Declare"
                              " it in the agent definition, or decorate a function with `agent=`.", call.site, BAD_CALL)
    if bound["agent"] is not None or isinstance(target, str):
        return Unknown("an agent read from an AGENT.md file or an installed toolkit is not read statically", call.site)
    args = {k: bound[k] for k in ("name", "section", "trigger", "execute", "expose", "require", "spec")}
    args["kwargs"] = {}
    decorator = jobs.make_decorator(interp, "agent", call, args, factory_class=AgentJob)
    if is_poison(decorator):
        return decorator
    factory = decorator.factory
    factory.loop, factory.model, factory.instructions = bound["loop"], bound["model"], bound["instructions"]
    factory.declared = {k: bound[k] for k in ("name", "access", "tools", "skills", "rules")}
    poison = deep_poison([factory.loop, factory.model, factory.instructions, factory.declared])
    if poison is not None:
        return poison
    if target is None:
        return decorator
    if not is_ref:
        return jobs.bind(interp, factory, target, call.arg_site(0))
    poison = deep_poison(target)
    if poison is not None:
        return poison
    if not target.get("name"):
        return Raised("ValueError", "Agent definition has no 'name'.", call.arg_site(0), INVALID_AGENT)
    factory.inline = target
    if not factory.name:
        factory.name = str(target["name"]).rpartition(":")[2].replace("-", "_")
        jobs.check_name(interp, factory.name, call.site)
    return factory


def _function_output(interp, fn: Function, factory) -> Any:
    """`output_from_return`: the standard output, or a TypedDict deriving from TAgentOutput."""
    try:
        hint = reflection.return_hint(interp, fn)
    except Refused as ex:
        return Unknown(str(ex), factory.site)
    if hint is None or (isinstance(hint, Modeled) and hint.key in ("dlt.TAgentOutput", "builtins.NoneType")) or (
        getattr(hint, "origin", None) == "typing.Any"
    ):
        return copy.deepcopy(STANDARD_OUTPUT)
    if isinstance(hint, str):
        return _invalid(factory, f"return type {hint!r} could not be resolved. Define or import it in the module")
    cls = unwrap(hint)
    if not (isinstance(cls, Class) and any(isinstance(k, Modeled) and k.key == "dlt.TAgentOutput" for k in cls.mro)):
        return _invalid(factory, f"must return TAgentOutput or a TypedDict deriving from it, got {getattr(cls, 'name', '?')!r}")
    try:
        declared = Builder(reflection._named, lambda c: reflection.class_fields(interp, c),
                           lambda c: reflection.typeddict_hints(interp, c)).root_schema(hint)  # fmt: skip
    except Dropped as ex:
        return _invalid(factory, str(ex))
    except Refused as ex:
        return Unknown(str(ex), factory.site)
    declared["properties"] = {"status": _STATUS, "summary": _SUMMARY, **declared.get("properties", {})}
    declared.setdefault("required", [])
    declared["required"] = ["status", "summary", *declared["required"]]
    return declared


def _invalid(factory, reason: str) -> Raised:
    return Raised("InvalidAgentSpec", f"Invalid agent file {factory.name!r}: {reason}", factory.site, INVALID_AGENT)


def _validated(interp, spec: dict, source: Any, site) -> Any:
    """`validate_agent_spec`, on a copy."""
    def invalid(reason: str) -> Raised:
        raised = Raised("InvalidAgentSpec", f"Invalid agent file {source!r}: {reason}", site, INVALID_AGENT)
        interp.fail(raised)
        return raised

    for key in ("name", "system_prompt"):
        if not spec.get(key):
            return invalid(f"must declare {key!r}")
    unknown = [k for k in spec if k not in _SPEC_KEYS]
    if unknown:
        return invalid(f"received unexpected fields {set(unknown)!r}")
    if not spec.get("description"):
        spec.pop("description", None)
    spec["output"] = _with_standard_output(spec.get("output"))
    spec["inputs"] = spec.get("inputs") or {}
    if "prompt" in spec["inputs"]:
        return invalid("inputs must not declare 'prompt'. Put the task in the body")
    access = spec.get("access") or {}
    if not isinstance(access, dict) or any(k not in ACCESS_VERBS for k in access):
        return invalid(f"access takes {', '.join(ACCESS_VERBS)}")
    access = dict(access)
    for axis, verbs in ACCESS_VERBS.items():
        if isinstance(access.get(axis), str):
            access[axis] = [access[axis]]
        if any(v not in verbs + ("all",) for v in access.get(axis) or []):
            return invalid(f"access.{axis} takes {', '.join(verbs + ('all',))}")
    if access:
        spec["access"] = access
    for key in ("tools", "skills", "rules"):
        if isinstance(spec.get(key), str):
            spec[key] = [spec[key]]
        if key in spec and not (isinstance(spec[key], list) and all(isinstance(x, str) for x in spec[key])):
            return invalid(f"field `{key}` must be a list of strings")
    defaults = spec.get("defaults")
    if isinstance(defaults, dict) and isinstance(defaults.get("execute"), dict):
        execute = engine2.normalize_execute(interp, defaults["execute"], site, jobs.timeout)
        if is_poison(execute):
            return execute
        spec["defaults"] = {**defaults, "execute": execute}
        concurrency = execute.get("concurrency")
        if concurrency is not None and (isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1):
            return invalid("defaults.execute.concurrency must be a positive integer, or null for no limit.")
    return spec


def _with_standard_output(declared: Any) -> dict:
    standard = copy.deepcopy(STANDARD_OUTPUT)
    if not declared:
        return standard
    schema = copy.deepcopy(dict(declared))
    schema["type"] = "object"
    schema["properties"] = {**(schema.get("properties") or {}), **standard["properties"]}
    required = schema.get("required")
    declared_required = sorted(required) if isinstance(required, dict) else list(required or [])
    schema["required"] = sorted({*declared_required, *standard["required"]})
    return schema
