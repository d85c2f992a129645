"""Every shipped rule file loads, documents itself, and its examples do what they say."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.project.config import Config
from linter.rulebook.book import builtin_rules_dir, load_rulebook
from linter.run.runner import Options, lint

RULEBOOK = load_rulebook()
# These rules describe inputs a single YAML example cannot carry (bytes that are not UTF-8, a
# document nested a hundred levels deep, a snapshot file beside the claims); tests/test_yamlload.py
# and tests/test_provenance_rules.py cover them directly.
ILLUSTRATIVE_ONLY = {"FL004", "FL005", "FL330"}
# Rules of kind `scan` lint article text, not claim files: tests/test_scan.py runs their examples
# through `factlint scan`.
ARTICLE_RULES = {code for code, rule in RULEBOOK.rules.items() if rule.kind == "scan"}
# A rule judged on other rules' findings runs its examples with the rule its example suppresses.
ALSO_SELECTED = {"FL106": ("FL202",)}


def test_rule_files_are_named_after_their_code():
    for path in sorted(builtin_rules_dir().glob("*.yaml")):
        code = path.name.split("-", 1)[0]
        assert code in RULEBOOK.rules, path
        assert RULEBOOK.rules[code].origin == str(path)


@pytest.mark.parametrize("code", sorted(set(RULEBOOK.rules) - ILLUSTRATIVE_ONLY - ARTICLE_RULES))
def test_failing_example_fails_and_passing_example_passes(tmp_path: Path, code: str):
    rule = RULEBOOK.rules[code]
    for name, example, should_fire in (("fail", rule.doc.fail, True),
                                       ("pass", rule.doc.passing, False)):
        folder = tmp_path / name
        (folder / "claims").mkdir(parents=True)
        (folder / "claims" / "example.yaml").write_text(example + "\n", encoding="utf-8")
        outcome = lint(Config(root=folder),
                       Options(select=(code, *ALSO_SELECTED.get(code, ()))), folder)
        fired = [f for f in outcome.findings if f.code == code]
        assert bool(fired) is should_fire, (name, [f.message for f in outcome.findings])
