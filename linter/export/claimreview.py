"""schema.org ClaimReview (JSON-LD) for the claims a human has reviewed.

Only a claim with `review.verdict` is exported: a ClaimReview states a fact-checker's verdict,
and factlint's own findings are not one. Fields follow schema.org and Google's fact-check
structured-data guidelines:

- `url` (required by Google): the page that publishes the fact check, with an anchor per claim:
  `PAGE_URL#claim-<id>`, the same anchor the HTML report uses.
- `claimReviewed` (required): the claim's `text`, never truncated. Google asks to *try* to keep
  it under 75 characters to avoid wrapping on phones; that is advice, not a requirement, and
  cutting a claim can change what it says ("... will reach 82% by 2027" → "... will reach
  82%"). Longer texts are exported as they are and listed as warnings, so the team can shorten
  the claim's `text` itself, where a reviewer sees the change.
- `reviewRating` (required): `alternateName` is the verdict as words (Google shows only this),
  and a documented numeric scale, `worstRating` 1 to `bestRating` 5:

      false 1 · mostly-false 2 · mixed 3 · mostly-true 4 · true 5

  `unproven` and `outdated` say nothing about how true a claim is, so they get no
  `ratingValue` (placing them on the scale would publish a truth score nobody gave); they keep
  `alternateName` and the scale bounds. `review.note` becomes `ratingExplanation`.
- `itemReviewed`: a `Claim` whose `appearance` is the first evidence source with an http(s) URL
  (required here: a fact check must show where the claim was made), `datePublished` that
  source's date, and `author` the organisation that published it.
- `author` (recommended): the fact-checking organisation (`--organisation`).
- `datePublished` (recommended): `review.date`, required here: an undated verdict cannot be
  told apart from a stale one.

A reviewed claim missing a required piece is an `IncompleteReview` naming the claim.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from linter.load.corpus import Corpus, Entry

SCALE: dict[str, int | None] = {
    "false": 1,
    "mostly-false": 2,
    "mixed": 3,
    "mostly-true": 4,
    "true": 5,
    "unproven": None,
    "outdated": None,
}
WORST, BEST = 1, 5
LABELS = {
    "true": "True",
    "mostly-true": "Mostly true",
    "mixed": "Mixed",
    "mostly-false": "Mostly false",
    "false": "False",
    "unproven": "Unproven",
    "outdated": "Outdated",
}
CLAIM_REVIEWED_ADVISED = 75  # Google: "try to keep this less than 75 characters"


@dataclass(frozen=True)
class IncompleteReview:
    """A reviewed claim that lacks data ClaimReview needs."""

    claim: str
    path: str
    line: int
    missing: tuple[str, ...]

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}: claim {self.claim!r} is reviewed but cannot be "
                f"exported as ClaimReview: {'; '.join(self.missing)}")


@dataclass
class Export:
    reviews: list[dict[str, Any]]
    incomplete: list[IncompleteReview]
    warnings: list[str]


def to_json(reviews: list[dict[str, Any]]) -> str:
    """JSON-LD text that is also safe to paste inside `<script type="application/ld+json">`:
    `<`, `>` and `&` are written as \\u escapes, so a claim containing `</script>` cannot
    close the script element. The JSON value is unchanged."""
    text = json.dumps(reviews, indent=2, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text + "\n"


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list | bool):
        return None
    text = " ".join(str(value).split())
    return text or None


def _http_url(value: Any) -> str | None:
    text = _text(value)
    if text and text.lower().startswith(("http://", "https://")) and " " not in text:
        return text
    return None


def anchor_url(page_url: str, claim_id: str) -> str:
    from urllib.parse import quote

    base = page_url.split("#", 1)[0]
    return f"{base}#claim-{quote(claim_id, safe='._-')}"


def rating(verdict: str, note: str | None) -> dict[str, Any]:
    value = SCALE[verdict]
    result: dict[str, Any] = {"@type": "Rating"}
    if value is not None:
        result["ratingValue"] = value
    result.update(bestRating=BEST, worstRating=WORST, alternateName=LABELS[verdict])
    if note:
        result["ratingExplanation"] = note
    return result


def review_of(
    claim: Entry, corpus: Corpus, organisation: str, page_url: str
) -> dict[str, Any] | IncompleteReview | None:
    """The ClaimReview of one claim; None when it is not reviewed."""
    review = claim.get("review")
    if not isinstance(review, dict) or review.get("verdict") is None:
        return None
    where = claim.document.position(claim.path).line
    missing: list[str] = []
    verdict = review.get("verdict")
    if not isinstance(verdict, str) or verdict not in SCALE:
        missing.append(f"unknown verdict {verdict!r} (expected one of {', '.join(SCALE)})")
    text = _text(claim.get("text"))
    if text is None:
        missing.append("no `text`")
    date = _text(review.get("date"))
    if date is None:
        missing.append("no `review.date` (datePublished of the review)")
    appearance = None
    for _, evidence in corpus.evidence(claim):
        sid = evidence.get("source")
        source = corpus.sources.get(sid) if isinstance(sid, str) else None
        if source is not None and _http_url(source.get("url")):
            appearance = source
            break
    if appearance is None:
        missing.append("no evidence source with an http(s) `url` (itemReviewed.appearance)")
    if missing:
        return IncompleteReview(claim.id, claim.document.path, where, tuple(missing))
    assert appearance is not None and text is not None and isinstance(verdict, str)

    item: dict[str, Any] = {"@type": "Claim"}
    publisher = _text(appearance.get("publisher"))
    if publisher:
        item["author"] = {"@type": "Organization", "name": publisher}
    published = _text(appearance.get("published"))
    if published:
        item["datePublished"] = published
    work: dict[str, Any] = {"@type": "CreativeWork", "url": _http_url(appearance.get("url"))}
    title = _text(appearance.get("title"))
    # Descriptive titles are bracketed in claim files ("[Newsweek report …]"): not a headline.
    if title and not title.startswith("["):
        work["headline"] = title
    item["appearance"] = work
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": anchor_url(page_url, claim.id),
        "claimReviewed": text,
        "datePublished": date,
        "author": {"@type": "Organization", "name": organisation},
        "reviewRating": rating(verdict, _text(review.get("note"))),
        "itemReviewed": item,
    }


def export(
    corpus: Corpus, files: set[str] | None, organisation: str, page_url: str
) -> Export:
    """ClaimReviews for the reviewed claims in `files` (None: every file), sorted by claim id."""
    reviews: list[tuple[str, dict[str, Any]]] = []
    incomplete: list[IncompleteReview] = []
    warnings: list[str] = []
    for claim in corpus.claims:
        if files is not None and claim.document.path not in files:
            continue
        result = review_of(claim, corpus, organisation, page_url)
        if result is None:
            continue
        if isinstance(result, IncompleteReview):
            incomplete.append(result)
            continue
        length = len(result["claimReviewed"])
        if length >= CLAIM_REVIEWED_ADVISED:
            line = claim.document.position(claim.path).line
            warnings.append(
                f"{claim.document.path}:{line}: claim {claim.id!r}: claimReviewed is {length} "
                f"characters; Google advises under {CLAIM_REVIEWED_ADVISED} (exported unshortened)"
            )
        reviews.append((claim.id, result))
    reviews.sort(key=lambda pair: pair[0])
    incomplete.sort(key=lambda r: (r.path, r.line, r.claim))
    return Export([r for _, r in reviews], incomplete, sorted(warnings))
