"""The rule registry: every check `generate` and `check` run, by stable code.

Families: DM1xx triggers, DM2xx job references and the job graph, DM3xx argument values
and specs, DM4xx discovery and imports, DM9xx static limits.
"""

from __future__ import annotations

from dlt_manifest.manifest.model import Deployment
from dlt_manifest.rules import discovery, graph, limits, specs, triggers
from dlt_manifest.rules.base import Rule
from dlt_manifest.rules.diagnostics import Diagnostic, Severity

ALL_RULES: list = [
    *triggers.RULES, *graph.RULES, *specs.RULES, *discovery.RULES, *limits.RULES,
]  # fmt: skip
BY_CODE: dict = {rule.code: rule for rule in ALL_RULES}
assert len(BY_CODE) == len(ALL_RULES), "rule codes must be unique"


def run_rules(deployment: Deployment, rules=None) -> list:
    """Every diagnostic of `rules` (default: all), sorted by place, without repeats."""
    out: dict = {}
    for rule_class in rules or ALL_RULES:
        rule = rule_class()
        for site, message in rule.check(deployment):
            diagnostic = Diagnostic(rule.code, rule.severity, message, site.span)
            out.setdefault((diagnostic.code, diagnostic.span, diagnostic.message), diagnostic)
    return sorted(out.values(), key=Diagnostic.sort_key)


__all__ = ["ALL_RULES", "BY_CODE", "Rule", "Severity", "run_rules"]
