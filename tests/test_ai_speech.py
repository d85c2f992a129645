"""The speech-act grammar of leaked chatbot text (linter.sources.ai_speech): rules as data,
each hit naming the words of every slot, quotation and context respected, work bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.model import RegistryError
from linter.sources.ai_lexicon import parse_lexicon
from linter.sources.ai_patterns import ACTS
from linter.sources.ai_speech import SpeechGrammar, parse_speech

WORDS = {
    "speaker": ["I", "I'm", "I am"],
    "inability": ["can't", "cannot", "not able to"],
    "refusal_verbs": ["write", "describe"],
    "objects": ["description", "listing", "my guidelines"],
    "self_intro": ["as", "since I'm"],
    "articles": ["a", "an"],
    "self_nouns": ["AI", "chatbot", "AI system"],
    "interjections": ["sure", "great question"],
    "marks": ["!", "—"],
    "presentatives": ["here's", "below is"],
    "deliverables": ["itinerary", "bio"],
    "company": ["our", "we"],
    "your": ["your"],
    "heads": ["draft", "notes"],
    "advice": ["you might"],
}
RULES = [
    {"id": "refuses", "act": "refusal", "seq": ["speaker", "inability", "refusal_verbs"],
     "gap": 1, "with": ["objects"]},
    {"id": "is-an-ai", "act": "self-description", "seq": ["self_intro", "articles", "self_nouns"],
     "gap": 0, "ends_phrase": True, "with": ["speaker"]},
    {"id": "opening", "act": "preamble", "seq": ["interjections", "marks", "presentatives"],
     "gap": 0, "opens": True, "reach": 2, "with": ["deliverables"], "unless": ["company"]},
    {"id": "advises", "act": "commentary-on-input", "seq": ["your", "heads"],
     "with": ["advice"]},
]


def grammar(rules=RULES, words=WORDS) -> SpeechGrammar:
    lexicon = parse_lexicon([{"name": "ChatGPT"}], words, "test")
    return SpeechGrammar(lexicon, parse_speech(rules, lexicon, ACTS, "test"))


def found(text: str, skip=()) -> list[tuple[str, str, str]]:
    return [(h.rule.id, text[h.start:h.end], h.explain()) for h in grammar().find(text, skip)]


def test_a_refusal_names_every_slot_and_the_object_that_decided():
    text = "Oak table, 6 chairs I'm not able to write a description that says reclaimed."
    assert found(text) == [(
        "refuses", "I'm not able to write",
        "chatbot speech (refusal): speaker “i'm” × inability “not able to” × refusal verbs "
        "“write” × objects “description”")]


def test_without_the_object_a_first_person_sentence_is_human():
    assert found("I can't write about this summer without the floods.") == []


def test_a_gap_longer_than_the_rule_allows_breaks_the_sequence():
    assert found("I can't, to be honest with you all, write the description.") == []


def test_quoted_words_are_someone_elses():
    text = "The listing read “I cannot write a description” until Monday."
    start = text.index("“")
    end = text.index("”") + 1
    assert found(text, [(start, end)]) == []
    assert [f[0] for f in found(text)] == ["refuses"]


def test_the_last_slot_must_end_its_noun_phrase():
    assert [f[0] for f in found("Since I'm an AI system, I have no sense of smell.")] == [
        "is-an-ai"]
    assert found("As an AI researcher, I have watched these systems improve.") == []


def test_an_opening_reads_into_the_next_sentence_and_only_at_the_start():
    assert [f[0] for f in found("Great question! Below is a three-day itinerary for Porto.")
            ] == ["opening"]
    assert found("It was, sure! here's an itinerary.") == []


def test_unless_keeps_a_company_answering_its_own_question():
    assert found("Great question! Below is our itinerary for members.") == []


def test_a_chain_in_with_needs_its_lists_in_a_row():
    rules = [{"id": "advises", "act": "commentary-on-input", "seq": ["advice"],
              "with": ["your+heads"]}]
    g = grammar(rules)
    assert [h.rule.id for h in g.find("Your draft is strong; you might add a quote.")] == [
        "advises"]
    assert g.find("Your new draft is strong; you might add a quote.") == []


@pytest.mark.parametrize(("rules", "message"), [
    ([{"id": "x", "act": "refusal", "seq": ["nope"]}], "names 'nope', which is not a lexicon"),
    ([{"id": "x", "act": "shouting", "seq": ["speaker"]}], "`act` must be one of"),
    ([{"id": "x", "act": "refusal", "seq": []}], "must name at least one lexicon list"),
    ([{"id": "x", "act": "refusal", "seq": ["speaker"], "gap": 99}],
     "`gap` must be a whole number from 0 to 8"),
    ([{"id": "x", "act": "refusal", "seq": ["speaker"], "reach": 3}],
     "`reach` must be a whole number from 1 to 2"),
    ([{"id": "x", "act": "refusal", "seq": ["speaker"], "opens": "yes"}],
     "`opens` and `ends_phrase` are true or false"),
    ([{"id": "x", "act": "refusal", "seq": ["speaker"], "colour": 1}], "unknown key(s): colour"),
    ([{"id": "x", "act": "refusal", "seq": ["speaker"]},
      {"id": "x", "act": "refusal", "seq": ["speaker"]}], "must be a new lowercase id"),
    ("refuses", "`speech` must be a list"),
])
def test_bad_rules_are_located_registry_errors(rules, message):
    lexicon = parse_lexicon([], WORDS, "registry.yaml")
    with pytest.raises(RegistryError) as raised:
        parse_speech(rules, lexicon, ACTS, "registry.yaml")
    assert message in str(raised.value)
    assert "registry.yaml" in str(raised.value)


@pytest.mark.parametrize("text", [
    "I " * 200_000,
    "I can't write description " * 40_000,
    "Great question! " * 60_000,
    "I.\n" * 100_000,
])
def test_work_is_bounded_on_hostile_text(text):
    # At most 1,000 sentences are read, each of at most 1,000 characters: the hits are
    # bounded too, whatever the text.
    assert len(grammar().find(text)) <= 1_000


def test_a_footer_disclosure_is_read_after_thousands_of_mentions_of_ai():
    # The disclosure grammar reads a bounded number of agent mentions, the first and the
    # last: a page's byline and footer stay in reach whatever the body holds.
    import yaml

    from linter.sources.ai_patterns import AiPatternSet, find_ai_signals, provenance_of

    registry = Path(__file__).resolve().parents[1] / "rules" / "registries" / "ai-patterns.yaml"
    patterns = AiPatternSet.from_data(yaml.safe_load(registry.read_text("utf-8")),
                                      str(registry))
    body = "Regulators met AI makers. " * 5_000
    footer = "\n\nThis article was generated entirely by ChatGPT.\n"
    assert provenance_of(find_ai_signals(body, patterns)) == "none"
    assert provenance_of(find_ai_signals(body + footer, patterns)) == "generated"


def test_one_pattern_is_judged_a_bounded_number_of_times_in_one_text():
    from collections import Counter

    import yaml

    from linter.sources.ai_patterns import AiPatternSet, find_ai_signals

    registry = Path(__file__).resolve().parents[1] / "rules" / "registries" / "ai-patterns.yaml"
    patterns = AiPatternSet.from_data(yaml.safe_load(registry.read_text("utf-8")),
                                      str(registry))
    signals = find_ai_signals("As an AI language model, I cannot. " * 3_000, patterns)
    per_pattern = Counter(s.pattern_id for s in signals)
    assert per_pattern["as-an-ai-language-model"] == 1_000
    assert max(per_pattern.values()) <= 1_000


def test_an_anchor_must_be_one_of_the_rules_lists():
    lexicon = parse_lexicon([], WORDS, "registry.yaml")
    rule = {"id": "x", "act": "refusal", "seq": ["speaker", "inability"], "anchor": "objects"}
    with pytest.raises(RegistryError) as raised:
        parse_speech([rule], lexicon, ACTS, "registry.yaml")
    assert "`anchor` must be one of the rule's `seq` or `with` lists" in str(raised.value)
    rule["anchor"] = "inability"
    assert parse_speech([rule], lexicon, ACTS, "registry.yaml")[0].anchored == "inability"


def test_a_sentence_without_any_anchor_is_not_read():
    rules = [{"id": "refuses", "act": "refusal", "seq": ["speaker", "inability", "refusal_verbs"],
              "gap": 1, "with": ["objects"], "anchor": "objects"}]
    g = grammar(rules)
    assert [h.rule.id for h in g.find("I can't write a description of it.")] == ["refuses"]
    assert g.find("I can't write a word of it.") == []


@pytest.mark.parametrize(("text", "provenance"), [
    ("We used ChatGPT to help draft the captions for this gallery.", "assisted-unreviewed"),
    ("Our newsroom used an AI tool to transcribe the interview in this story, and a reporter "
     "checked every quote against the recording.", "assisted-and-reviewed"),
    ("Researchers used ChatGPT to generate 50 fake abstracts for the study.", "none"),
    ("We never used AI to write this article.", "none"),
    ("Should I use ChatGPT to draft this cover letter? Readers wrote in.", "none"),
])
def test_ai_help_disclosed_as_the_writers_own_act(text, provenance):
    import yaml

    from linter.sources.ai_patterns import AiPatternSet, find_ai_signals, provenance_of

    registry = Path(__file__).resolve().parents[1] / "rules" / "registries" / "ai-patterns.yaml"
    patterns = AiPatternSet.from_data(yaml.safe_load(registry.read_text("utf-8")),
                                      str(registry))
    signals = [s for s in find_ai_signals(text, patterns) if s.category != "style"]
    assert provenance_of(signals) == provenance
    own = [s for s in signals if s.pattern_id == "speech-used-ai-for-task"]
    if provenance != "none":
        assert own and own[0].explanation.startswith("first-person disclosure: own refs “")


def test_a_long_sequence_over_a_sentence_of_one_word_is_read_in_bounded_time():
    # Every slot matches every word, the last never: without memory of the dead ends the
    # search would try (gap + 1) ** slots paths from each word.
    words = {**WORDS, "one": ["a"], "never": ["zzz"]}
    rules = [{"id": "x", "act": "refusal", "seq": ["one"] * 7 + ["never"], "gap": 8}]
    g = grammar(rules, words)
    assert g.find("a " * 150 + ".") == []


def test_a_sequence_of_more_than_eight_lists_is_refused():
    lexicon = parse_lexicon([], WORDS, "registry.yaml")
    with pytest.raises(RegistryError) as raised:
        parse_speech([{"id": "x", "act": "refusal", "seq": ["speaker"] * 9}], lexicon, ACTS,
                     "registry.yaml")
    assert "a `seq` or a `with` chain has at most 8 lists" in str(raised.value)
