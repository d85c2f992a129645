"""Quote normalisation, alignment and quotation-span detection."""

from __future__ import annotations

import pytest

from linter.text.quotes import QuoteMatch, find_quote, normalise, quoted_spans

# Seed 004 (WSJ), verbatim, as a short source passage.
WSJ = (
    "Morgan Stanley analysts forecast that China will have 82% of AI chips from domestic makers "
    "by 2027, up from 34% in 2024.\n\nChina’s government has played an important role, funding "
    "new chip initiatives and other projects."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China’s “hard tech” push", 'China\'s "hard tech" push'),
        ("‘quoted’ «cité» „low”", '\'quoted\' "cité" "low"'),
        ("self-reliance—and scale – 80–85", "self-reliance-and scale - 80-85"),
        ("  line one\nline\ttwo\u00a0\u00a0three  ", "line one line two three"),
        ("ﬁnal １２３ percent", "final 123 percent"),  # NFKC: ligature, full-width digits
        ("cafe\u0301", "café"),  # combining accent composed
        ("wait…", "wait..."),
        ("", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("quote", "threshold", "expected"),
    [
        pytest.param(
            "Morgan Stanley analysts forecast that China will have 82% of AI chips from domestic "
            "makers by 2027",
            90,
            QuoteMatch(
                True,
                100.0,
                "Morgan Stanley analysts forecast that China will have 82% of AI chips from "
                "domestic makers by 2027",
                0,
                98,
                exact=True,
            ),
            id="exact",
        ),
        pytest.param(
            "China's government has played an important role,",
            90,
            QuoteMatch(
                True, 100.0, "China’s government has played an important role,", 122, 170, True
            ),
            id="exact-after-normalising-apostrophe-snippet-keeps-original",
        ),
        pytest.param(
            "Morgan Stanley analysts predicted that China will have 82% of AI chips from domestic "
            "makers by 2027",
            90,
            QuoteMatch(
                True,
                95.43,
                "Morgan Stanley analysts forecast that China will have 82% of AI chips from "
                "domestic makers by 2027",
                0,
                98,
            ),
            id="fuzzy-paraphrased-verb",
        ),
        pytest.param(
            "Morgan Stanley analysts forecast that China will have 85% of AI chips",
            90,
            QuoteMatch(
                False,
                98.55,
                "Morgan Stanley analysts forecast that China will have 82% of AI chips",
                0,
                69,
                numbers_differ=True,
            ),
            id="changed-figure-is-never-found",
        ),
        pytest.param(
            "The gap is shrinking fast",
            90,
            QuoteMatch(False, 40.0, "China’s government has played", 122, 151),
            id="absent",
        ),
    ],
)
def test_find_quote(quote: str, threshold: float, expected: QuoteMatch) -> None:
    assert find_quote(quote, WSJ, threshold) == expected


def test_find_quote_snippet_is_original_text() -> None:
    match = find_quote("China's government has played", WSJ, 90)
    assert match.start is not None and match.end is not None
    assert WSJ[match.start : match.end] == match.snippet == "China’s government has played"


@pytest.mark.parametrize(
    ("quote", "haystack"),
    [("", WSJ), ("   ", WSJ), ("anything", ""), ("anything", " \n ")],
)
def test_find_quote_empty_inputs(quote: str, haystack: str) -> None:
    assert find_quote(quote, haystack, 90) == QuoteMatch(False, 0.0, "")


@pytest.mark.parametrize("threshold", [-1, 100.5])
def test_find_quote_rejects_bad_threshold(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        find_quote("x", "x", threshold)


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said “yes, sir” and left.", ["“yes, sir”"]),
        ('He said "yes" and "no".', ['"yes"', '"no"']),
        ("«bonjour» said", ["«bonjour»"]),
        ("it's 'quoted words' here", ["'quoted words'"]),
        ("China’s students’ ‘views’ matter", ["‘views’"]),  # apostrophes open nothing
        ("‘I can’t,’ she said", ["‘I can’t,’"]),  # an inner apostrophe does not close
        ('“hard tech" sectors', ['“hard tech"']),  # curly open, straight close (seed 004)
        ("“open\nnext line", ["“open"]),  # never runs past the line
        ('<a href="x?utm_source=chatgpt.com">link</a> "real"', ['"real"']),
        ("no quotes at all", []),
    ],
)
def test_quoted_spans(text: str, quoted: list[str]) -> None:
    assert [text[a:b] for a, b in quoted_spans(text)] == quoted
