"""Trigger and freshness arguments as dlt's `normalize_triggers` /
`normalize_freshness_constraints` read them: flattened as dlt flattens them, each item
normalized, with the site of the expression each came from (an element of a list display
when the argument is written as one)."""

from __future__ import annotations

import functools
from typing import Any

import attrs
import libcst as cst
from dlt_manifest.dlt import releases, triggers
from dlt_manifest.dlt.triggers import Failure
from dlt_manifest.python import flow
from dlt_manifest.python.budget import TOO_LARGE, meter
from dlt_manifest.python.plain import NotPlain
from dlt_manifest.python.values import External, GeneratorValue, Raised, Unknown, deep_poison, is_poison
from dlt_manifest.source.limits import current
from dlt_manifest.source.span import Site


@attrs.define(eq=False)
class Located:
    """A normalized item (trigger, freshness constraint) and the expression it came from."""

    value: Any
    site: Site


def item_sites(site: Site, count: int, value: Any) -> list:
    """The site of each item of a list/tuple argument: the element expressions when the
    argument is written as a display (a tuple flattened one level shares its site)."""
    node = site.node
    elements = None
    if isinstance(node, (cst.List, cst.Tuple)) and not any(
        isinstance(e, cst.StarredElement) for e in node.elements
    ):
        elements = [site.at(e.value) for e in node.elements]
    if elements is None or not isinstance(value, (list, tuple)) or len(elements) != len(value):
        return [site] * count
    out = []
    for element_site, item in zip(elements, value):
        if isinstance(value, tuple) and isinstance(item, tuple):
            out.extend([element_site] * len(item))
        else:
            out.append(element_site)
    return out if len(out) == count else [site] * count


def trigger_list(interp, trigger: Any, site: Site) -> Any:
    """`normalize_triggers(trigger)`: a list of `Located` triggers, or poison."""
    return _normalize_list(
        interp, trigger, site, triggers.flatten_trigger_input,
        functools.partial(triggers.normalize_trigger, engine2=releases.of(interp).engine2),
        "InvalidTrigger", triggers.INVALID_TRIGGER, "trigger",
    )


def freshness_list(interp, constraints: Any, site: Site) -> Any:
    """`normalize_freshness_constraints(constraints)`: `Located` constraints, or poison."""
    return _normalize_list(
        interp, constraints, site, triggers.flatten_freshness_input,
        triggers.normalize_freshness, "InvalidFreshnessConstraint", triggers.INVALID_FRESHNESS,
        "freshness constraint",
    )


def _normalize_list(interp, value, site, flatten, normalize, exc, code, what) -> Any:
    """Flattens a trigger/freshness argument as dlt does and normalizes each item; where
    dlt raises, the failure is reported and the item becomes Unknown."""
    if is_poison(value):
        return value
    if isinstance(value, External):
        return value.unknown()
    if isinstance(value, GeneratorValue):  # iterated as it is: its tuples are not flattened
        value = interp.iterate(value, site)
        if is_poison(value):
            return value
    try:
        items = flatten(value)
    except Failure as ex:
        interp.fail(Raised(ex.exc, ex.message, site, ex.code))
        return Unknown(f"the {what} argument is invalid", site, ex.code)
    except NotPlain:
        return Unknown(f"the order of a set of {what}s depends on the interpreter's hash seed", site)
    try:
        meter().step(site, len(items))  # each item is parsed and validated
    except flow.Budget as ex:
        return ex.unknown
    out = []
    failures, cap = 0, current().diagnostics_per_rule
    for item, item_site in zip(items, item_sites(site, len(items), value)):
        if failures >= cap:  # dlt raises at the first: the run fails whatever the rest holds
            out.append(Located(Unknown(f"more than {cap:,} invalid or unknown {what}s in one argument:"
                                       " the rest are not checked", item_site, TOO_LARGE), item_site))
            break
        out.append(Located(_normalize_item(interp, item, item_site, normalize, exc, code, what), item_site))
        failures += is_poison(out[-1].value)
    return out


def _normalize_item(interp, item, item_site, normalize, exc, code, what) -> Any:
    poison = deep_poison(item)
    if poison is not None:
        if isinstance(poison, Unknown) and poison.site is None:  # a refusal: at the item
            poison = attrs.evolve(poison, site=item_site)
        return poison
    try:
        return normalize(item)
    except Failure as ex:
        interp.fail(Raised(ex.exc, ex.message, item_site, ex.code))
        return Unknown(ex.message, item_site, ex.code)
    except NotPlain:
        message = f"{interp.describe(item)} is not a {what} (cannot normalize)"
        interp.fail(Raised(exc, message, item_site, code))
        return Unknown(message, item_site, code)
