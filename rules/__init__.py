"""The rule registry: every check `generate` and `check` run, by stable code.

Families: DM0xx suppressions, DM1xx triggers, DM2xx job references and the job graph, DM3xx argument values
and specs, DM4xx discovery and imports, DM9xx static limits.
"""

from __future__ import annotations

from dlt_manifest.manifest.model import Deployment
from dlt_manifest.rules import discovery, graph, limits, specs, suppressions, triggers
from dlt_manifest.rules.base import Rule
from dlt_manifest.rules.diagnostics import Diagnostic, Related, Severity
from dlt_manifest.source.limits import current
from dlt_manifest.source.span import Span

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
    budget = current().diagnostics_per_rule
    out: dict = {}
    for rule_class in rules or ALL_RULES:
        rule = rule_class()
        count = 0
        try:
            for site, message, *more in rule.check(deployment):
                related = tuple(Related(_span(where, deployment), note) for where, note in (more[0] if more else ()))
                diagnostic = Diagnostic(rule.code, rule.severity, message, _span(site, deployment), related)
                key = (diagnostic.code, diagnostic.span, diagnostic.message)
                if key not in out:
                    count += 1
                    if count > budget:  # the budget of one rule: a refusal, not a flood
                        _refuse(out, diagnostic.span, f"more than {budget:,} findings of {rule.code}; the rest are not reported")
                        break
                    out[key] = diagnostic
        except RecursionError:  # values nested deeper than Python walks
            _refuse(out, _span(None, deployment), f"{rule.code} cannot check values nested this deeply (RecursionError)")
    return sorted(out.values(), key=Diagnostic.sort_key)


def _span(site, deployment: Deployment) -> Span:
    """Where a finding is; a finding without a place is reported on the deployment module."""
    if site is None:
        return Span("__deployment__.py", 1, 1, 1, 1)
    return site.span


def _refuse(out: dict, span: Span, message: str) -> None:
    refusal = Diagnostic("DM904", BY_CODE["DM904"].severity, message, span, ())
    out.setdefault((refusal.code, refusal.span, refusal.message), refusal)


__all__ = ["ALL_RULES", "BY_CODE", "Rule", "Severity", "run_rules"]
