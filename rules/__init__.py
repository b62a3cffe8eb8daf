"""The rule registry: every check `generate` and `check` run, by stable code.

Families: DM0xx suppressions, DM1xx triggers, DM2xx job references and the job graph, DM3xx argument values
and specs, DM4xx discovery and imports, DM9xx static limits.
"""

from __future__ import annotations

from dlt_manifest.manifest.model import Deployment
from dlt_manifest.rules import discovery, graph, limits, specs, suppressions, triggers
from dlt_manifest.rules.base import Rule
from dlt_manifest.rules.diagnostics import Diagnostic, Related, Severity

ALL_RULES: list = sorted(
    [*suppressions.RULES, *triggers.RULES, *graph.RULES, *specs.RULES, *discovery.RULES, *limits.RULES],
    key=lambda rule: rule.code,
)
BY_CODE: dict = {rule.code: rule for rule in ALL_RULES}
assert len(BY_CODE) == len(ALL_RULES), "rule codes must be unique"


def run_rules(deployment: Deployment, rules=None) -> list:
    """Every diagnostic of `rules` (default: all), sorted by place, without repeats. A
    rule's finding is `(site, message)`, or `(site, message, [(site, note), ...])` with
    related places."""
    out: dict = {}
    for rule_class in rules or ALL_RULES:
        rule = rule_class()
        for site, message, *more in rule.check(deployment):
            related = tuple(Related(where.span, note) for where, note in (more[0] if more else ()))
            diagnostic = Diagnostic(rule.code, rule.severity, message, site.span, related)
            out.setdefault((diagnostic.code, diagnostic.span, diagnostic.message), diagnostic)
    return sorted(out.values(), key=Diagnostic.sort_key)


__all__ = ["ALL_RULES", "BY_CODE", "Rule", "Severity", "run_rules"]
