"""docs/rules/: the rendered rule pages SARIF's `helpUri` links to are those the rule files give.

After changing a rule's docs, rewrite them with `python scripts/render_rule_pages.py`.
"""

from __future__ import annotations

import subprocess
import sys

from linter.rulebook.book import builtin_rules_dir, load_rule_file
from linter.rulebook.docs import render_rule_markdown, rule_pages
from tests.conftest import REPO

PAGES = REPO / "docs" / "rules"


def _expected() -> dict[str, str]:
    return rule_pages(load_rule_file(path) for path in sorted(builtin_rules_dir().glob("*.yaml")))


def test_every_rule_page_is_up_to_date():
    expected = _expected()
    present = {path.name: path.read_text(encoding="utf-8") for path in PAGES.glob("*.md")}
    assert sorted(present) == sorted(expected), "run python scripts/render_rule_pages.py"
    stale = [name for name in expected if present[name] != expected[name]]
    assert stale == [], "run python scripts/render_rule_pages.py"


def test_the_script_checks_what_the_test_checks():
    result = subprocess.run([sys.executable, "scripts/render_rule_pages.py", "--check"],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_page_has_the_rule_docs_sections(tmp_path):
    page = (PAGES / "FL203.md").read_text(encoding="utf-8")
    assert page.startswith("# FL203 conflicting-figures\n\n**Severity:** error · **Kind:** "
                           "`conflicting-figures`\n\n")
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Parameters",
                    "## Notes"):
        assert f"\n{heading}\n" in page
    assert page.endswith("Defined in `rules/FL203-conflicting-figures.yaml`. `factlint rule FL203` "
                         "prints this page in the terminal; `factlint rules` lists every rule.\n")
    index = (PAGES / "README.md").read_text(encoding="utf-8")
    assert "| [FL203](FL203.md) | conflicting-figures | error | " in index


def test_factlint_rule_prints_the_page_as_markdown(tmp_path, factlint):
    result = factlint("rule", "fl203", "--format", "markdown", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out == (PAGES / "FL203.md").read_text(encoding="utf-8")


def test_a_fence_outgrows_the_backticks_in_an_example():
    from linter.model import Rule, RuleDoc, Severity

    rule = Rule("XY101", "x", Severity.WARNING, "duplicate-id", "s",
                RuleDoc("what", "why", "a: ```b```", "c: d"), origin="pack/XY101.yaml")
    page = render_rule_markdown(rule)
    assert "Fails:\n\n````yaml\na: ```b```\n````\n" in page
    assert "Passes:\n\n```yaml\nc: d\n```\n" in page
    assert page.endswith("Defined in `pack/XY101.yaml`. `factlint rule XY101` prints this page "
                         "in the terminal; `factlint rules` lists every rule.\n")
