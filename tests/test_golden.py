"""Golden test: the exact findings factlint reports on the shipped fact base in claims/.

Any change in a rule, a registry or a claim file that changes what `factlint check` says about
the bundled corpus fails here, so it shows up as a reviewed diff of tests/golden/claims.json.
After checking the new findings are right, regenerate with:

    FACTLINT_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os

from tests.conftest import REPO

GOLDEN = REPO / "tests" / "golden" / "claims.json"


def _current(factlint) -> list[list[str]]:
    result = factlint("check", "--format", "json", cwd=REPO, env={"FACTLINT_TODAY": "2025-11-23"})
    assert result.code == 1, result.err  # the corpus holds real errors (the DeepSeek conflict)
    return [[f["code"], f["path"], f["subject"] or "", str(f["line"]),
             "suppressed" if f["suppressed"] else f["severity"]]
            for f in json.loads(result.out)["findings"]]


def test_findings_on_the_bundled_claims_match_the_golden_file(factlint):
    current = _current(factlint)
    if os.environ.get("FACTLINT_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n")
    assert current == json.loads(GOLDEN.read_text())


def test_the_findings_the_fact_base_exists_to_show(factlint):
    found = {(code, subject) for code, _, subject, _, _ in _current(factlint)}
    # The DeepSeek "In 2024" claim conflicts with the reference dates for DeepSeek-R1 …
    assert ("FL203", "seed002.deepseek-chatgpt-competitor-launch-year") in found
    assert ("FL203", "ref.turing.deepseek-r1-release-date") in found
    # … and no claim about DeepSeek-V3, the app or the company is drawn into it.
    assert not {s for c, s in found if c == "FL203"} - {
        "seed002.deepseek-chatgpt-competitor-launch-year", "ref.turing.deepseek-r1-release-date",
        "ref.wikipedia.deepseek-r1-release-date"}
    # The Beijing Post: its source discloses AI generation, its claim rests on nothing else.
    assert ("FL301", "beijing-post-2025-10-13-ai-race") in found
    assert ("FL305", "beijing-post.waic-alliances-unveiled") in found
    # The i10x page: style markers, a warning.
    assert ("FL303", "i10x-china-ai-surge") in found
    # The article with no publisher or date: missing metadata, unanchored "Last month".
    assert ("FL312", "unknown-china-chip-push") in found
    assert ("FL204", "seed002.huang-nanoseconds-remark-date") in found
    # Unattributed figures in the WSJ and Newsweek articles.
    assert ("FL320", "wsj.china-power-capacity-vs-us") in found
    assert any(c == "FL320" and s.startswith("newsweek.") for c, s in found)
