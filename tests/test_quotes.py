"""Quote normalisation, alignment and quotation-span detection."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.text import quotes
from linter.text.quotes import (
    MAX_FUZZY_QUOTE,
    Haystack,
    QuoteMatch,
    SearchBudget,
    find_quote,
    normalise,
    quoted_spans,
)

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


# --- bounded search: one normalisation per snapshot, bounded work per quote ---------------------

# Characters each path of the fast normaliser meets: plain, white space of every kind, folded
# marks, one-to-many pieces, combining marks (alone, after white space, after a piece), pieces
# holding white space (¨), Hangul jamo (composed by whole-text NFKC, not cluster by cluster).
_TRICKY = ["a", "b", " ", "\n", "\t", "\u00a0", "\u2003", "\u3000", "\x1c", "\u2028", "\u0301",
           "\u0308", "\u0340", "\u0344", "\u2019", "\u2014", "\u2026", "\ufb01", "\u00a8", "\u1100",
           "\u1161", "\u00e9", "\uff0c", "\u4e2d", "\u00bd", "\u200b", "\ufeff", "\u00ad", "\u1fbd",
           "\ufdfa", "\u0131", "1", "."]


def _maps(hay: Haystack) -> tuple[str, list[int], list[int]]:
    indexes = range(len(hay.normal))
    return hay.normal, [hay.start(i) for i in indexes], [hay.end(i) for i in indexes]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TRICKY), max_size=60).map("".join))
def test_the_fast_normalisation_is_the_definition(text: str) -> None:
    assert _maps(Haystack(text)) == tuple(quotes._normalise_with_map(text))
    assert normalise(text) == quotes._normalise_with_map(text)[0]


def test_the_fast_normalisation_is_the_definition_across_blocks() -> None:
    # Offsets inside a long stretch are counted block by block: runs of white space that
    # cross a block's edge, one-to-many pieces in several blocks.
    rng = random.Random(7)
    text = "".join(rng.choice(["word ", "  ", "\n\n", "\u2026", "x", "\u00a0 "])
                   for _ in range(6000))
    assert len(text) > 2 * quotes._BLOCK
    assert _maps(Haystack(text)) == tuple(quotes._normalise_with_map(text))


def test_a_text_too_irregular_to_normalise_in_bounded_time_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(quotes, "MAX_CLUSTERS", 3)
    hay = Haystack("cafe\u0301 cafe\u0301 cafe\u0301 cafe\u0301")
    assert hay.refused == ("more than 3 characters that do not normalise one for one "
                           "(combining marks, compatibility characters)")
    assert find_quote("café", hay, 90) == QuoteMatch(False, 0.0, "", limit="irregular")
    assert Haystack("cafe\u0301 " * 3).refused == ""


def test_a_long_quote_is_compared_verbatim_only() -> None:
    text = "It said so. " + "word " * 400 + "The end."
    long_quote = "word " * 250  # 1,250 characters: over MAX_FUZZY_QUOTE
    assert len(normalise(long_quote)) > MAX_FUZZY_QUOTE
    found = find_quote(long_quote, text, 90)
    assert (found.found, found.exact, found.start) == (True, True, 12)
    missed = find_quote(long_quote.replace("word", "ward", 1), text, 90)
    assert missed == QuoteMatch(False, 0.0, "", limit="too-long")


def test_the_budget_is_spent_and_then_says_so() -> None:
    budget = SearchBudget(1000.0)
    assert budget.spend(600.0) and not budget.spend(600.0) and budget.left == 400.0
    # An exact search of a text costs a quarter of a nanosecond a character (estimated).
    assert find_quote("China", WSJ, 90, SearchBudget(1.0)) == QuoteMatch(False, 0.0, "",
                                                                         limit="budget")
    assert find_quote("China", WSJ, 90, SearchBudget(len(WSJ))).found


_WORDS = ("the of and to in a is that for on with as by at from its chips said company market "
          "government data model computing power capacity report analysts")


def _large_text() -> str:
    rng = random.Random(11)
    words = _WORDS.split()
    return " ".join(rng.choice(words) for _ in range(250_000))  # about 1.3 MB


def test_a_large_text_is_aligned_in_windows_where_the_quote_is() -> None:
    text = _large_text()
    start = text.index(" ", 900_000) + 1
    passage = text[start:start + 400].rsplit(" ", 1)[0]
    quote = passage.replace(" the ", " teh ", 1)
    assert quotes._fuzzy_cost(len(quote), len(text)) > quotes.FULL_FUZZY_NS  # windowed
    match = find_quote(quote, text, 90)
    # What aligning with the whole text finds (rapidfuzz over all of it, as before).
    from rapidfuzz import fuzz

    whole = fuzz.partial_ratio_alignment(normalise(quote), normalise(text))
    assert (match.found, match.start, match.score) == (True, start, round(whole.score, 2))
    assert match.snippet == passage


def test_a_quote_with_no_passage_like_it_in_a_large_text_has_no_snippet() -> None:
    quote = ("Ruritania sold five hundred pears to Zenda and Graustark in the spring of that "
             "year, said Rudolf")
    text = _large_text()
    assert quotes._fuzzy_cost(len(quote), len(text)) > quotes.FULL_FUZZY_NS  # windowed
    # No three words of it in a row are in the text: nothing to align with.
    assert find_quote(quote, text, 90) == QuoteMatch(False, 0.0, "")
