"""What manifest engine 2 (dlt 1.31.0) does differently while building a job, by name:
the decorator keyword arguments `_make_job_factory` takes (and the deprecated ones it
converts: `refresh` -> `refresh_propagation`, `allow_external_schedulers` ->
`incremental_mode`, `require.machine` -> `require.instance`), and `normalize_execute`
(SPEC D4, D7, D8, D18, D19). Reflection of `inputs` / `output` is in `reflection`.
"""

from __future__ import annotations

from typing import Any

from dlt_manifest.python.values import Raised, Unknown, is_poison

BAD_CALL = "DM412"
# `_make_job_factory`'s own keyword parameters that `interactive(**kwargs)` forwards
FORWARDED = ("deliver", "interval", "freshness", "incremental_mode", "refresh_propagation",
             "auto_refresh_pipeline_mode")  # fmt: skip
# parameters `interactive()` passes itself: passing one again is a TypeError in `_job`
_SET_BY_INTERACTIVE = ("name", "section", "job_type", "deco_name", "trigger", "execute", "expose",
                       "require", "spec")  # fmt: skip
# internal parameters of `_make_job_factory`: reachable through `**kwargs`, not modeled
_INTERNAL = ("factory_cls", "job_type", "deco_name", "default_concurrency")
_DECO_NAMES = {"job": "job", "interactive": "interactive", "pipeline": "pipeline_run", "agent": "agent"}


def factory_arguments(interp, kind: str, args: dict, site) -> Any:
    """`args` (bound to the engine-2 signature, `kwargs` included) as `_make_job_factory`
    sees them: forwarded keywords moved in, deprecated ones converted, precedence applied.
    Returns the arguments, or a Raised / Unknown the call evaluates to."""
    args = dict(args)
    kwargs = dict(args.pop("kwargs", None) or {})
    deco = _DECO_NAMES[kind]
    for name in kwargs:
        if kind == "interactive" and name in _SET_BY_INTERACTIVE:
            return Raised("TypeError", f"_job() got multiple values for keyword argument {name!r}", site, BAD_CALL)
        if name in _INTERNAL:
            return Unknown(f"`{name}=` is an internal argument of dlt's job factory; not modeled", site)
    if kind == "interactive":
        for name in FORWARDED:
            if name in kwargs:
                args[name] = kwargs.pop(name)
    converted: dict = {}
    if "refresh" in kwargs:
        converted["refresh_propagation"] = kwargs.pop("refresh")
    if "allow_external_schedulers" in kwargs:
        value = kwargs.pop("allow_external_schedulers")
        truth = interp.truth(value, site)
        converted["incremental_mode"] = truth if is_poison(truth) else ("interval" if truth else "pipeline")
    if kwargs:
        name = next(iter(kwargs))
        return Raised("TypeError", f"{deco}() got an unexpected keyword argument {name!r}", site, BAD_CALL)
    for name in ("incremental_mode", "refresh_propagation"):
        if args.get(name) is None:
            args[name] = converted.get(name)
    refresh = args.get("refresh_propagation")
    truth = interp.truth(refresh, site) if refresh is not None else False
    args["refresh_propagation"] = truth if is_poison(truth) else (refresh if truth else "auto")
    if args.get("require") is not None:
        args["require"] = convert_require(interp, args["require"], site)
    return args


def convert_require(interp, require: Any, site) -> Any:
    """`dict(require)` with the deprecated `machine` turned into `instance: {"size": ...}`
    (appended; dropped when `instance` is given too)."""
    if is_poison(require):
        return require
    if not isinstance(require, dict):
        return interp.not_static(require, site, "a require spec made from")
    require = dict(require)
    if "machine" in require:
        if "instance" not in require:
            require["instance"] = {"size": require["machine"]}
        del require["machine"]
    return require


def normalize_execute(interp, execute: Any, site, timeout) -> Any:
    """`normalize_execute`: `dict(execute or {})`, the timeout normalized unless None.
    `timeout` is the caller's timeout normalization."""
    if is_poison(execute):
        return execute
    truth = interp.truth(execute, site) if execute is not None else False
    if is_poison(truth):
        return truth
    if not truth:
        return {}
    if not isinstance(execute, dict):
        return interp.not_static(execute, site, "an execute spec made from")
    spec = dict(execute)
    if spec.get("timeout") is not None:
        spec["timeout"] = timeout(interp, spec["timeout"], site)
    return spec
