"""docs/rules.md is generated from the rule classes and kept in sync; SARIF links each
rule to its section there (issue 10)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from corpus_util import command
from dlt_manifest.rules import ALL_RULES

PAGE = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_the_committed_page_is_what_the_rules_generate() -> None:
    out = subprocess.run(command() + ["rules", "--output-format", "markdown"], capture_output=True, text=True)
    assert out.returncode == 0
    assert PAGE.read_text() == out.stdout, (
        "docs/rules.md is out of date: run `dlt-manifest rules --output-format markdown > docs/rules.md`"
    )


def test_every_rule_has_its_anchor_and_examples() -> None:
    page = PAGE.read_text()
    headings = re.findall(r"^## (DM\d{3})$", page, re.M)
    assert headings == [rule.code for rule in ALL_RULES]
    for rule in ALL_RULES:
        section = page.split(f"## {rule.code}\n", 1)[1].split("\n## ", 1)[0]
        assert f"`{rule.name}`" in section and rule.documentation() in section
        assert "Passes:" in section


def test_rule_command_prints_the_documentation_without_indentation() -> None:
    out = subprocess.run(command() + ["rule", "DM220"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.startswith("DM220 followup-cycle (warning, beyond dlt)\n")
    assert "\nWhy: once started, the jobs re-trigger each other for ever.\n" in out.stdout
