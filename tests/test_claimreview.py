"""`factlint export claimreview` through the installed console script: schema.org ClaimReview
JSON-LD for reviewed claims only, with every field Google's fact-check markup needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import write

PAGE = "https://facts.example.org/china-ai"
ORG = "Example Fact Desk"

SOURCES = """
sources:
  - id: wsj
    title: China Is Fighting Back in the AI Race
    publisher: The Wall Street Journal
    url: https://www.wsj.com/tech/ai/china-ai-race
    published: "2025-07-30"
    kind: news
  - id: undated-no-url
    title: "[untitled article]"
    kind: news
"""

CLAIMS = """
claims:
  - id: chip-share-2027
    text: China will have 82% of its AI chips from domestic makers by 2027.
    value: {amount: 82, unit: percent, as_of: "2027", kind: forecast}
    attribution: Morgan Stanley analysts
    evidence:
      - source: wsj
        quote: "Morgan Stanley analysts forecast that China will have 82% of AI chips from domestic makers by 2027, up from 34% in 2024."
    review:
      verdict: mostly-true
      note: A forecast, correctly attributed.
      reviewer: A. Editor
      date: "2025-08-02"
  - id: unreviewed-claim
    text: China's chip imports fell in 2024.
    evidence:
      - source: wsj
        quote: "Morgan Stanley analysts forecast that China will have 82% of AI chips from domestic makers by 2027, up from 34% in 2024."
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write(tmp_path, {"claims/sources.yaml": SOURCES, "claims/claims.yaml": CLAIMS})


def export(factlint, cwd: Path, *args: str):
    return factlint("export", "claimreview", "--organisation", ORG, "--page-url", PAGE, *args,
                    cwd=cwd)


def test_reviewed_claim_has_every_required_field(corpus, factlint):
    result = export(factlint, corpus)
    assert result.code == 0, result.err
    reviews = json.loads(result.out)
    assert len(reviews) == 1  # the unreviewed claim is not exported
    review = reviews[0]
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["url"] == f"{PAGE}#claim-chip-share-2027"
    assert review["claimReviewed"] == (
        "China will have 82% of its AI chips from domestic makers by 2027.")
    assert review["datePublished"] == "2025-08-02"
    assert review["author"] == {"@type": "Organization", "name": ORG}
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly true",
        "ratingExplanation": "A forecast, correctly attributed.",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "The Wall Street Journal"}
    assert item["datePublished"] == "2025-07-30"
    assert item["appearance"] == {
        "@type": "CreativeWork",
        "url": "https://www.wsj.com/tech/ai/china-ai-race",
        "headline": "China Is Fighting Back in the AI Race",
    }
    assert "unreviewed-claim" not in result.out


def test_no_reviewed_claims_exports_an_empty_list(tmp_path, factlint):
    write(tmp_path, {"claims/sources.yaml": SOURCES, "claims/claims.yaml": """
        claims:
          - id: plain
            text: Something happened.
            evidence:
              - source: wsj
                quote: "Morgan Stanley analysts forecast."
        """})
    result = export(factlint, tmp_path)
    assert (result.code, json.loads(result.out)) == (0, [])


@pytest.mark.parametrize("verdict, value, name", [
    ("false", 1, "False"),
    ("mostly-false", 2, "Mostly false"),
    ("mixed", 3, "Mixed"),
    ("mostly-true", 4, "Mostly true"),
    ("true", 5, "True"),
    ("unproven", None, "Unproven"),
    ("outdated", None, "Outdated"),
])
def test_rating_scale(verdict, value, name):
    from linter.export.claimreview import rating

    result = rating(verdict, None)
    assert result["alternateName"] == name
    assert (result["worstRating"], result["bestRating"]) == (1, 5)
    # unproven/outdated are not degrees of truth: no number is published for them.
    assert result.get("ratingValue") == value


def test_every_verdict_exports(tmp_path, factlint):
    claims = "\n".join(f"""
  - id: claim-{verdict}
    text: Claim rated {verdict}.
    evidence:
      - source: wsj
        quote: "A quote."
    review: {{verdict: "{verdict}", date: "2025-08-0{i + 1}"}}""" for i, verdict in enumerate(
        ("true", "mostly-true", "mixed", "mostly-false", "false", "unproven", "outdated")))
    write(tmp_path, {"claims/sources.yaml": SOURCES, "claims/c.yaml": "claims:" + claims + "\n"})
    result = export(factlint, tmp_path)
    assert result.code == 0, result.err
    reviews = json.loads(result.out)
    assert [r["url"].rsplit("#claim-", 1)[1] for r in reviews] == sorted(
        f"claim-{v}" for v in ("true", "mostly-true", "mixed", "mostly-false", "false",
                               "unproven", "outdated"))
    for review in reviews:
        for key in ("url", "claimReviewed", "reviewRating", "author", "datePublished",
                    "itemReviewed"):
            assert key in review


@pytest.mark.parametrize("claim, missing", [
    ("""
  - id: no-url
    text: Something was claimed.
    evidence:
      - source: undated-no-url
        quote: "Something was claimed."
    review: {verdict: "false", date: "2025-08-01"}
""", "url"),
    ("""
  - id: no-date
    text: Something was claimed.
    evidence:
      - source: wsj
        quote: "Something was claimed."
    review: {verdict: "false"}
""", "review.date"),
    ("""
  - id: no-evidence
    text: Something was claimed.
    review: {verdict: "true", date: "2025-08-01"}
""", "url"),
])
def test_missing_required_data_names_the_claim(tmp_path, factlint, claim, missing):
    claim_id = claim.split("id: ", 1)[1].split("\n", 1)[0]
    write(tmp_path, {"claims/sources.yaml": SOURCES,
                     "claims/c.yaml": CLAIMS + claim})
    result = export(factlint, tmp_path, "-o", "reviews.json")
    assert result.code == 2
    assert result.err.startswith("factlint: error: claims/c.yaml:")
    assert f"claim '{claim_id}'" in result.err and missing in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "reviews.json").exists()  # nothing half-written

    skipped = export(factlint, tmp_path, "-o", "reviews.json", "--skip-incomplete")
    assert skipped.code == 0, skipped.err
    assert "factlint: skipped: claims/c.yaml:" in skipped.err and claim_id in skipped.err
    reviews = json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8"))
    assert [r["url"] for r in reviews] == [f"{PAGE}#claim-chip-share-2027"]


def test_every_incomplete_claim_is_listed(tmp_path, factlint):
    write(tmp_path, {"claims/sources.yaml": SOURCES, "claims/c.yaml": """
        claims:
          - id: first-bad
            text: One.
            review: {verdict: "true"}
          - id: second-bad
            text: Two.
            review: {verdict: "false", date: "2025-01-01"}
        """})
    result = export(factlint, tmp_path)
    assert result.code == 2 and result.out == ""
    assert "'first-bad'" in result.err and "'second-bad'" in result.err


def test_long_claims_are_kept_whole_with_a_warning(tmp_path, factlint):
    text = ("China will have 82% of its AI chips from domestic makers by 2027, up from 34% in "
            "2024, according to Morgan Stanley analysts.")
    write(tmp_path, {"claims/sources.yaml": SOURCES, "claims/c.yaml": f"""
        claims:
          - id: long-claim
            text: {text}
            evidence:
              - source: wsj
                quote: "Morgan Stanley analysts forecast."
            review: {{verdict: "true", date: "2025-08-01"}}
        """})
    result = export(factlint, tmp_path)
    assert result.code == 0
    assert json.loads(result.out)[0]["claimReviewed"] == text  # never truncated
    assert "factlint: warning:" in result.err and "'long-claim'" in result.err
    assert "75" in result.err


def test_output_is_safe_to_embed_in_a_script_element(tmp_path, factlint):
    write(tmp_path, {"claims/sources.yaml": SOURCES, "claims/c.yaml": """
        claims:
          - id: sneaky
            text: "A </script><script>alert(1)</script> claim & more"
            evidence:
              - source: wsj
                quote: "Morgan Stanley analysts forecast."
            review: {verdict: "false", date: "2025-08-01", note: "<b>bold</b>"}
        """})
    result = export(factlint, tmp_path)
    assert result.code == 0
    assert "<" not in result.out and ">" not in result.out and "&" not in result.out
    review = json.loads(result.out)[0]
    assert review["claimReviewed"] == "A </script><script>alert(1)</script> claim & more"


def test_options_are_checked(corpus, factlint):
    bad_url = factlint("export", "claimreview", "--organisation", ORG, "--page-url",
                       "javascript:alert(1)", cwd=corpus)
    assert bad_url.code == 2 and "--page-url" in bad_url.err
    no_org = factlint("export", "claimreview", "--page-url", PAGE, cwd=corpus)
    assert no_org.code == 2 and "--organisation" in no_org.err
    empty_org = factlint("export", "claimreview", "--organisation", " ", "--page-url", PAGE,
                         cwd=corpus)
    assert empty_org.code == 2
    missing_path = export(factlint, corpus, "nope.yaml")
    assert missing_path.code == 2 and "Traceback" not in missing_path.err


def test_named_files_and_output_file(corpus, factlint):
    result = export(factlint, corpus, "claims/sources.yaml", "-o", "out.json")
    assert result.code == 0
    assert json.loads((corpus / "out.json").read_text(encoding="utf-8")) == []
    result = export(factlint, corpus, "claims/claims.yaml", "-o", "out.json")
    assert result.code == 0 and "Wrote 1 ClaimReview to out.json." in result.err
    assert len(json.loads((corpus / "out.json").read_text(encoding="utf-8"))) == 1
