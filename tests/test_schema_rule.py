"""FL101: every schema error at the line of the node it concerns, through the real CLI."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.conftest import VALID_SOURCE, write

BASE = """\
sources:
  - id: wsj-2025-07-30-china-ai
    title: China Is Fighting Back in the AI Race
    publisher: The Wall Street Journal
    url: https://www.wsj.com/tech/ai/china-ai-race
    published: "2025-07-30"
    kind: news
claims:
  - id: domestic-ai-chip-share-2027
    text: China will have 82% of its AI chips from domestic makers by 2027.
    value:
      amount: 82
      unit: percent
    attribution: Morgan Stanley analysts
    evidence:
      - source: wsj-2025-07-30-china-ai
        quote: "Morgan Stanley analysts forecast that China will have 82% of AI chips by 2027."
"""


def _mutate(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a wrong type: at the value
        (_mutate("amount: 82", 'amount: "82"'),
         [(12, 15, "claims[0].value.amount: expected a number, got a string '82'")]),
        # an unexpected key (a typo): at that key
        (_mutate('        quote: "', '        qoute: "'),
         [(16, 9, "claims[0].evidence[0]: missing required key 'quote'"),
          (17, 9, "claims[0].evidence[0]: unexpected key 'qoute'; did you mean 'quote'? "
                  "(allowed: locator, quote, source)")]),
        # a missing key: at the mapping that lacks it
        (_mutate("    title: China Is Fighting Back in the AI Race\n", ""),
         [(2, 5, "sources[0]: missing required key 'title'")]),
        # a value outside the enumeration
        (_mutate("kind: news", "kind: newspaper"),
         [(7, 11, "sources[0].kind: 'newspaper' is not one of: news, analysis, opinion, blog, "
                  "press-release, company, government, academic, reference, unknown")]),
        # an id that breaks the id pattern
        (_mutate("id: domestic-ai-chip-share-2027", "id: Domestic Share"),
         [(9, 9, "claims[0].id: 'Domestic Share' is not valid: A corpus-wide identifier: "
                 "lowercase letters, digits, '.', '_' and '-'.")]),
        # a date with an impossible month
        (_mutate("    kind: news\n", "    kind: news\n    published: \"2025-13\"\n"),
         [(8, 16, "sources[0].published: '2025-13' is not valid: A calendar date with its "
                  "precision: YYYY (a year), YYYY-MM (a month) or YYYY-MM-DD (a day).")]),
        # a figure with neither amount, range nor date
        (_mutate("      amount: 82\n", ""),
         [(12, 7, "claims[0].value: give one of amount, range, date or relative")]),
        # a YAML 1.1 boolean where a string belongs
        (_mutate("publisher: The Wall Street Journal", "publisher: no"),
         [(4, 16, "sources[0].publisher: expected a string, got a boolean False (YAML reads "
                  "yes/no/on/off as booleans: quote the value)")]),
        # a list where a mapping belongs
        (_mutate("    value:\n      amount: 82\n      unit: percent\n", "    value: [82]\n"),
         [(11, 12, "claims[0].value: expected a mapping, got a list [82]")]),
    ],
)
def test_schema_errors_are_located(tmp_path, factlint, text, expected):
    write(tmp_path, {"claims/a.yaml": text})
    result = factlint("check", "--select", "FL101", "--format", "json", cwd=tmp_path)
    found = [(f["line"], f["column"], f["message"]) for f in json.loads(result.out)["findings"]]
    assert found == expected
    assert result.code == 1


def test_valid_file_passes(tmp_path, factlint):
    write(tmp_path, {"claims/a.yaml": BASE})
    result = factlint("check", cwd=tmp_path)
    assert result.code == 0, result.out
    assert result.out == "All checks passed (1 file checked).\n"


def test_empty_file_is_a_finding(tmp_path, factlint):
    write(tmp_path, {"claims/empty.yaml": "# nothing yet\n", "claims/s.yaml": VALID_SOURCE})
    result = factlint("check", "-q", cwd=tmp_path)
    assert result.out == (
        "claims/empty.yaml:1:1: FL101 error: file is empty: a claim file holds `sources` "
        "and/or `claims`\n"
    )


def test_schema_command_prints_a_valid_2020_12_schema(tmp_path, factlint):
    result = factlint("schema", cwd=tmp_path)
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
