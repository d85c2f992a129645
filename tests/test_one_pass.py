"""The one-pass search of many patterns (linear_regex.LinearSet, AiPatternSet.searched): a
filter that keeps every pattern with a match, so the findings never change."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from linter.sources import ai_patterns
from linter.sources.ai_patterns import AiPatternSet, find_ai_signals
from linter.sources.linear_regex import (
    LinearSet,
    PatternError,
    _parse,
    _top_level,
    _trailing_lookahead,
    compile_linear,
)

REGISTRY = Path(__file__).resolve().parent.parent / "rules" / "registries" / "ai-patterns.yaml"
DEVSET = Path(__file__).resolve().parent / "data" / "ai_devset.yaml"

PATTERNS = [
    r"\bdelve into\b",
    r"\bregenerate response\b(?!\s+button)",  # a final lookahead: its rest is what the set reads
    r"(?-i:\bAI\b)",
    r"ſtar",  # Python takes "ſ" for "s": so does the set
    r"\bnothing matches this\b",
]


@pytest.mark.parametrize("text", [
    "Let us delve into it.",
    "Regenerate response button",
    "Regenerate response",
    "ai and AI",
    "a STAR is born",
    "",
    "x" * 5000,
])
def test_the_set_keeps_exactly_the_patterns_whose_part_before_a_lookahead_matches(
        text: str) -> None:
    one_pass = LinearSet(PATTERNS)
    expected = set()
    for index, pattern in enumerate(PATTERNS):
        tree = _parse(pattern)
        split = _trailing_lookahead(pattern, tree)
        main = pattern if split is None else split[0]
        if compile_linear(main).search(text) is not None:
            expected.add(index)
    assert one_pass.possible(text) == frozenset(expected)


def test_a_lookahead_the_rest_matched_is_still_judged_by_the_pattern() -> None:
    # The set keeps the pattern ("Regenerate response" matched); its search then rejects it.
    assert LinearSet(PATTERNS).possible("Regenerate response button") == frozenset({1})
    assert compile_linear(PATTERNS[1]).search("Regenerate response button") is None


def test_a_pattern_the_set_cannot_take_is_a_pattern_error() -> None:
    with pytest.raises(PatternError):
        LinearSet([r"(a)\1"])


def test_top_level_reads_bars_and_the_last_group_outside_classes_and_escapes() -> None:
    assert _top_level(r"a(?:b|c)") == (False, 1)
    assert _top_level(r"ab|c") == (True, -1)
    assert _top_level(r"[(|]x\(|y") == (True, -1)
    assert _top_level(r"a(b)(?!c)") == (False, 4)
    assert _trailing_lookahead(r"a(b)(?!c)", _parse(r"a(b)(?!c)")) == ("a(b)", "c", True)
    assert _trailing_lookahead(r"a|b(?!c)", _parse(r"a|b(?!c)")) is None


def test_long_texts_searched_in_one_pass_give_the_same_signals(
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = yaml.safe_load(REGISTRY.read_text("utf-8"))
    snippets = [s["text"] for s in yaml.safe_load(DEVSET.read_text("utf-8"))["snippets"]]
    body = "The council met on Tuesday. " * 80  # long enough for the one-pass search
    texts = [f"{body}\n\n{snippet}\n" for snippet in snippets]
    assert all(len(t) >= ai_patterns._ONE_PASS_TEXT for t in texts)
    patterns = AiPatternSet.from_data(data, str(REGISTRY))
    with monkeypatch.context() as patch:
        patch.setattr(ai_patterns, "_ONE_PASS_TEXT", 10**9)  # every pattern its own search
        expected = [find_ai_signals(text, patterns) for text in texts]
    monkeypatch.setattr(ai_patterns, "_ONE_PASS_AFTER", 1)
    narrowed = 0
    for text, signals in zip(texts, expected, strict=True):
        narrowed += len(patterns.searched(text)) < len(patterns.candidates(text))
        assert find_ai_signals(text, patterns) == signals, text
    assert narrowed == len(texts)  # the one-pass search did run, and left patterns out
    assert sum(any(s.category == "leaked" for s in found) for found in expected) >= 50
