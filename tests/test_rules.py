"""Every rule's own examples: `fails` must raise the rule, `passes` must not. A rule
cannot exist without them (DM908 needs a symlink: tests/test_limits.py). The examples run
for the targets they declare (by default the newest release, dlt 1.31.0)."""

from __future__ import annotations

import pytest
from dlt_manifest.rules import ALL_RULES, BY_CODE
from workspace_util import analyze_files, codes

# DM908 needs a symlink (tests/test_limits.py); DM109 mirrors a dlt warning that its own
# decorators and detectors cannot trigger (every interactive job gets `http:`)
EXEMPT_FAILS = {"DM908", "DM109"}


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_fails_example(rule, tmp_path) -> None:
    if rule.code in EXEMPT_FAILS:
        pytest.skip("exercised in test_limits.py")
    assert rule.fails, f"{rule.code} has no failing example"
    result = analyze_files(tmp_path, rule.fails, dlt_version=None, python_version=None)
    assert rule.code in codes(result), [d.format() for d in result.diagnostics]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_passes_example(rule, tmp_path) -> None:
    result = analyze_files(tmp_path, rule.passes, dlt_version=None, python_version=None)
    assert rule.code not in codes(result), [d.format() for d in result.diagnostics]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_metadata(rule) -> None:
    assert rule.code.startswith("DM") and len(rule.code) == 5
    assert rule.name and rule.name == rule.name.lower() and " " not in rule.name
    assert rule.summary and "\n" not in rule.summary
    assert rule.__doc__ and len(rule.__doc__.strip()) > 40
    assert BY_CODE[rule.code] is rule


def test_generate_fails_exactly_on_errors(tmp_path) -> None:
    """Warnings never stop generation; any error does."""
    warning_only = BY_CODE["DM404"].fails
    result = analyze_files(tmp_path, warning_only)
    assert result.ok and result.manifest is not None and "DM404" in codes(result)
