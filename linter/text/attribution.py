"""Who does a sentence say each of its figures comes from?

`attribute_figures(sentence, spans, lexicon, …)` decides, for each figure of a sentence, whether
a party is named as its source (``named``), unnamed people are (``anonymous``), only a hedge
naming nobody is (``vague``) or nothing is (``none``), and which cue decided. `attribution_of`
is the same grammar read for a whole sentence (the first named cue wins), for rules that judge
a quote rather than a figure.

The grammar is small and its words are data (`rules/registries/attribution-cues.yaml`,
`CueLexicon`): reporting verbs by lemma with their forms generated, forecasters acting on their
own estimates, estimate nouns, source phrases, heads of source noun phrases, hedges, anonymous
cues. The positions are code:

* a sentence is cut into regions at semicolons and spaced dashes; inside a region, a
  parenthesis, a relative clause (", which …,"), an appositive after the first noun phrase
  (", the fund's chief economist,") and a fronted phrase ("With 1,200 stores in 14 countries,")
  are insertions: their own scopes.
* a cue covers the figures of its scope. A reporting verb whose subject opens the region or
  trails the content (", the ministry said") covers the whole region; one after "and", "but",
  "while" … covers from its subject on. A cue inside an insertion covers only the insertion,
  except a trailing attribution with no figure of its own (", the ministry said,") and a
  fronted source ("According to X,", "Citing …,"), which cover the region.
* a subject is found by walking back from the verb over auxiliaries and adverbs, then over a
  parenthesis or an insertion between it and the verb ("Acme (ACME) says", "Jane Doe, who
  chairs the panel, said").

Heuristic limits, by design: no part-of-speech tagger, so a noun spelled like a verb ("the
forecast") is recognised by the determiner before it; a pronoun is resolved only against the
same sentence or the previous one.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from linter.model import RegistryError
from linter.text.foldcase import regex_letters
from linter.text.quotes import quoted_spans

__all__ = [
    "KINDS",
    "Attribution",
    "CueLexicon",
    "FigureAttribution",
    "RegistryError",
    "attribute_figures",
    "attribution_of",
    "defined_acronyms",
    "opens_release",
]

KINDS = ("named", "anonymous", "vague", "none")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ------------------------------------------------------------------------- grammar (code)

_AUXILIARIES = _words(
    "has have had was were is are be been being also recently previously earlier later then "
    "would will did does do not separately too already first last alone now still again "
    "currently further initially originally today yesterday"
)
# Words that end a subject phrase when scanning backwards from a verb.
_BOUNDARIES = _words(
    "that which who whom whose where when because while if but so since although though "
    "than whether and or"
)
_PRONOUNS = _words("he she they it")
_FIRST_PERSON = _words("we our my i us ours")
_POSSESSIVE_PRONOUNS = _words("its their his her")
_DEFINITE = _words("the this that these those")
_INDEFINITE = _words("a an one some several many two three four five few another any")
# A verb match preceded by one of these is a noun: "the forecast", "its report".
_NOUN_MARKERS = _words(
    "the a an its their his her our this that these those of in on for with by to from at per "
    "new latest such any some every each own annual monthly quarterly weekly"
)
_RELATIVES = _words("which who whom whose where")
# Words after a verb that show it introduces reported content ("said that", "say it …").
_CONTENT_STARTS = _words("that he she they it we there this these i")
# "showed off", "shows up": a phrasal verb, not an attribution.
_PARTICLES = _words("off up out around")
# Words that open a clause coordinated with, or subordinate to, what comes before.
_COORDINATORS = _words("and but while whereas although though as because so yet")
# Prepositions and participles that open a fronted phrase ("With 1,200 stores, …").
_FRONTING = _words(
    "with after at despite following since before amid in on for of by from under among given "
    "taken combined compared unlike like during until through over within without beyond "
    "against besides excluding including put last earlier later separately meanwhile "
    "yesterday today overall still however instead"
)
# Prepositions that attach an agent or owner to a head noun ("a filing with the SEC").
_AGENT_PREPOSITIONS = _words("by from with of for at in")
# Words never taken as a one-word name even when capitalised and alone before a verb.
_GRAMMAR_WORDS = _words(
    "the a an this that these those it its he she they we i you his her their our my many "
    "some most several few other others both each all any one such there here none in on at "
    "for by with from to of as after before during since while when if but and or so yet "
    "however meanwhile moreover instead although though because also still now then today "
    "what which who how why where not no only just ever rather well sure according despite "
    "without under over among between more much taken combined together adding"
)
# Endings of adjectives that open a sentence before a head noun ("Preliminary estimates put").
_ADJECTIVE_ENDINGS = ("al", "ary", "ic", "ive", "ous", "ful", "less", "ent", "ant", "ible",
                      "able")
_QUOTES = frozenset("\"\u201c\u201d\u00ab\u00bb\u2018\u2019'")
_DASHES = frozenset(("—", "–", "--", "-"))
# Words allowed inside a multi-word name: "Ministry of Education", "Hoover Institution and …".
_CONNECTORS = _words("of and for the de & von van al")
_SUBJECT_LIMIT = 8  # tokens of subject phrase considered before a verb
_AFTER_VERB_LIMIT = 4  # descriptor words allowed between an inversion verb and its speaker
_AFTER_PHRASE_LIMIT = 6  # … and between "according to" and the name ("data released by the …")
_APPOSITIVE_LIMIT = 18  # tokens of an appositive after the first noun phrase
_HEAD_NP_LIMIT = 7  # tokens of a sentence's first noun phrase before an appositive
_ESTIMATE_REACH = 6  # words between a forecaster's verb and its estimate noun

_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # acronyms with dots: U.S., U.K.
    r"|(?:Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr)\.(?!\w)"  # titles keep their dot
    r"|\w(?:[\w'\u2019&.-]*\w)?"  # words, keeping internal apostrophes, hyphens and dots
    r"|--"
    r"|[\"\u201c\u201d\u00ab\u00bb\u2018\u2019']"  # quotation marks
    r"|[^\w\s]"  # any other punctuation, one character at a time
)
_POSSESSIVE_RE = re.compile(r"(?:['\u2019]s|['\u2019])\Z")
_ACRONYM_DEFINITION = re.compile(
    r"[A-Z][\w&.'\u2019-]*(?:\s+(?:of|for|and|the|on|[A-Z][\w&.'\u2019-]*))*\s+\(([A-Z]{2,8})\)")


class Attribution(NamedTuple):
    """The attribution found in a sentence.

    `cue` is the matched cue as written in the sentence and `span` its (start, end) offsets;
    `source` is the named party when `kind` is "named" and it could be located (it may come
    from the previous sentence when a pronoun borrowed it). All three are None for "none".
    `rule` says which part of the grammar decided (see `FigureAttribution`).
    """

    kind: str
    cue: str | None = None
    span: tuple[int, int] | None = None
    source: str | None = None
    rule: str = "none"


class FigureAttribution(NamedTuple):
    """The attribution of one figure: as `Attribution`, with the figure's span.

    `rule`: "verb" (a reporting verb with a source as subject), "inversion" ("…, said X"),
    "source-phrase" ("according to X"), "forecaster" ("lifted its target to"), "estimate"
    ("the agency's estimate of"), "participle" ("Citing …, the bank"), "pronoun" ("he said",
    resolved), "anonymous", "hedge", "vague-verb" (a verb with nobody named), or "none".
    """

    figure: tuple[int, int]
    kind: str
    cue: str | None = None
    span: tuple[int, int] | None = None
    source: str | None = None
    rule: str = "none"


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    lower: str
    is_word: bool


# ------------------------------------------------------------------------- the lexicon


def _capitals(text: str) -> bool:
    """An acronym in capitals ("WHO", "ONE"): never a function word."""
    return len(text) >= 2 and text.isupper() and text.isalpha()


def _phrase_regex(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One alternation of literal phrases, longest first, on word boundaries."""
    words = sorted({" ".join(p.split()).lower() for p in phrases}, key=lambda w: (-len(w), w))
    if not words:
        return None
    parts = []
    for phrase in words:
        escaped = [re.escape(w).replace("'", "['\u2019]") for w in phrase.split()]
        parts.append(r"\s+".join(escaped))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


_VOWELS = frozenset("aeiou")


def _third(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def _past(word: str) -> str:
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ied"
    return word + "ed"


def _ing(word: str) -> str:
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith("ee"):
        return word[:-1] + "ing"
    return word + "ing"


def inflections(lemma: str, extra: Sequence[str] = ()) -> dict[str, str]:
    """The forms of a verb lemma -> their tense ("base", "s", "past", "ing"). `extra` lists
    irregular or doubled forms: those ending in -ing are -ing forms, the others replace the
    generated past ("say" + [said]: say, says, saying, said). A phrasal lemma ("call for")
    inflects its first word."""
    first, *rest = lemma.split()
    tail = (" " + " ".join(rest)) if rest else ""
    forms: dict[str, str] = {first + tail: "base", _third(first) + tail: "s",
                             _ing(first) + tail: "ing"}
    pasts = [e for e in extra if not e.split()[0].endswith("ing")]
    for e in extra:
        if e.split()[0].endswith("ing"):
            forms[e if " " in e else e + tail] = "ing"
    for p in pasts or [_past(first) + tail]:
        key = p if " " in p or not tail else p + tail
        if forms.get(key) in (None, "base"):
            forms[key] = "past"  # "forecast", "put": a past as much as a base form
    return forms


class _Verb(NamedTuple):
    lemma: str
    tense: str
    strong: bool
    needs_at: bool
    inversion: bool
    noun_like: bool  # the form is also a noun: "reports", "estimate", "forecasts"
    content_only: bool = False  # reports only what follows: "added that …", not "added 9 million"


_LIST_KEYS = (
    "inversion_verbs", "estimate_nouns", "source_phrases", "example_markers",
    "release_nouns", "hedge_participles", "vague_hedges", "anonymous_cues",
    "anonymous_people", "anonymity_modifiers", "anonymous_heads", "not_names",
    "not_name_acronyms",
)
_VERB_TABLE_KEYS = ("forecast_actions", "release_verbs", "survey_verbs")
_HEAD_KEYS = ("institutions", "institution_suffixes", "documents", "weak_documents",
              "spokespeople", "roles", "bare_institutions", "people", "insiders")
_TOP_KEYS = frozenset({"version", "reporting_verbs", "source_heads", *_LIST_KEYS,
                       *_VERB_TABLE_KEYS})
_BE_FORMS = ("is", "are", "was", "were", "be", "been", "being", "has been", "have been",
             "had been", "will be", "would be", "it is", "it was")


def _string_list(origin: str, key: str, value: Any, allow_empty: bool = True) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RegistryError(origin, "must be a list of non-empty strings", key)
    if not value and not allow_empty:
        raise RegistryError(origin, "must not be empty", key)
    return tuple(" ".join(v.split()).lower() for v in value)


def _verb_table(origin: str, key: str, value: Any) -> dict[str, tuple[str, ...]]:
    """A table lemma -> irregular forms (a list, possibly empty)."""
    if not isinstance(value, Mapping) or not value:
        raise RegistryError(origin, "must be a mapping of verb lemmas to lists of forms", key)
    table = {}
    for lemma, forms in value.items():
        if not isinstance(lemma, str) or not lemma.strip():
            raise RegistryError(origin, f"not a verb lemma: {lemma!r}", key)
        table[" ".join(lemma.lower().split())] = _string_list(origin, f"{key}.{lemma}",
                                                             forms or [])
    return table


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """A validated attribution-cue lexicon (version 2), with its verb forms generated."""

    verbs: Mapping[str, _Verb]
    forecast_actions: frozenset[str]
    estimate_nouns: frozenset[str]
    source_phrases: tuple[str, ...]
    example_markers: tuple[tuple[str, ...], ...]
    release_verbs: frozenset[str]
    survey_verbs: frozenset[str]
    release_nouns: frozenset[str]
    heads: Mapping[str, frozenset[str]]
    vague_hedges: tuple[str, ...]
    hedge_participles: frozenset[str]
    anonymous_cues: tuple[str, ...]
    anonymous_people: tuple[str, ...]
    anonymity_modifiers: tuple[str, ...]
    anonymous_heads: frozenset[str]
    not_names: frozenset[str]
    not_name_acronyms: frozenset[str]
    institution_suffixes: tuple[str, ...] = ()
    origin: str = "<attribution-cues>"
    _compiled: dict[str, Any] = field(
        default_factory=dict, init=False, compare=False, repr=False)

    # -- construction

    @classmethod
    def from_data(cls, data: Any, origin: str) -> CueLexicon:
        """Validate parsed lexicon data; raise `RegistryError` naming `origin` and the key."""
        if not isinstance(data, Mapping):
            raise RegistryError(origin, "expected a mapping of cue lists")
        unknown = sorted(set(map(str, data)) - _TOP_KEYS)
        if unknown:
            raise RegistryError(origin, f"unknown top-level key(s): {', '.join(unknown)}")
        if data.get("version") != 2:
            raise RegistryError(origin, f"`version` must be 2, not {data.get('version')!r}")
        lists = {key: _string_list(origin, key, data.get(key, []),
                                   allow_empty=key not in ("source_phrases", "anonymous_cues"))
                 for key in _LIST_KEYS}
        reporting = data.get("reporting_verbs")
        if not isinstance(reporting, Mapping):
            raise RegistryError(origin, "must be a mapping with strong, weak and needs_at",
                                "reporting_verbs")
        stray = sorted(set(map(str, reporting)) - {"strong", "weak", "needs_at", "also_nouns",
                                                   "present_only", "content_only"})
        if stray:
            raise RegistryError(origin, f"unknown key(s): {', '.join(stray)}", "reporting_verbs")
        strong = _verb_table(origin, "reporting_verbs.strong", reporting.get("strong"))
        weak = _verb_table(origin, "reporting_verbs.weak", reporting.get("weak"))
        both = sorted(set(strong) & set(weak))
        if both:
            raise RegistryError(origin, f"both strong and weak: {', '.join(both)}",
                                "reporting_verbs")
        needs_at = set(_string_list(origin, "reporting_verbs.needs_at",
                                    reporting.get("needs_at", [])))
        also_nouns = set(_string_list(origin, "reporting_verbs.also_nouns",
                                      reporting.get("also_nouns", [])))
        present_only = set(_string_list(origin, "reporting_verbs.present_only",
                                        reporting.get("present_only", [])))
        content_only = set(_string_list(origin, "reporting_verbs.content_only",
                                        reporting.get("content_only", [])))
        inversion = set(lists["inversion_verbs"])
        unknown_lemmas = sorted((needs_at | inversion | also_nouns | present_only | content_only)
                                - set(strong) - set(weak))
        if unknown_lemmas:
            raise RegistryError(origin, f"not a reporting verb: {', '.join(unknown_lemmas)}",
                                "reporting_verbs")
        verbs: dict[str, _Verb] = {}
        for table, is_strong in ((strong, True), (weak, False)):
            for lemma, extra in table.items():
                for form, tense in inflections(lemma, extra).items():
                    if lemma in present_only and tense == "past":
                        continue
                    verbs.setdefault(form, _Verb(lemma, tense, is_strong, lemma in needs_at,
                                                 lemma in inversion,
                                                 lemma in also_nouns and tense in ("base", "s"),
                                                 lemma in content_only))
        tables = {key: _verb_table(origin, key, data.get(key)) for key in _VERB_TABLE_KEYS}

        def forms(table: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
            return frozenset(f for lemma, extra in table.items()
                             for f in inflections(lemma, extra))

        heads_data = data.get("source_heads")
        if not isinstance(heads_data, Mapping):
            raise RegistryError(origin, "must be a mapping of head lists", "source_heads")
        stray = sorted(set(map(str, heads_data)) - set(_HEAD_KEYS))
        if stray:
            raise RegistryError(origin, f"unknown key(s): {', '.join(stray)}", "source_heads")
        heads = {key: frozenset(_string_list(origin, f"source_heads.{key}",
                                             heads_data.get(key, [])))
                 for key in _HEAD_KEYS}
        hedges = (*lists["vague_hedges"],
                  *(f"{be} {p}" for be in _BE_FORMS for p in lists["hedge_participles"]))
        return cls(
            verbs=verbs,
            forecast_actions=forms(tables["forecast_actions"]),
            estimate_nouns=frozenset(lists["estimate_nouns"]),
            source_phrases=lists["source_phrases"],
            example_markers=tuple(tuple(m.split()) for m in lists["example_markers"]),
            release_verbs=forms(tables["release_verbs"]),
            survey_verbs=forms(tables["survey_verbs"]),
            release_nouns=frozenset(lists["release_nouns"]),
            heads=heads,
            vague_hedges=hedges,
            hedge_participles=frozenset(lists["hedge_participles"]),
            anonymous_cues=lists["anonymous_cues"],
            anonymous_people=lists["anonymous_people"],
            anonymity_modifiers=lists["anonymity_modifiers"],
            anonymous_heads=frozenset(lists["anonymous_heads"]),
            not_names=frozenset(lists["not_names"]),
            not_name_acronyms=frozenset(lists["not_name_acronyms"]),
            institution_suffixes=tuple(sorted(heads["institution_suffixes"])),
            origin=origin,
        )

    # -- compiled matchers

    def pattern(self, name: str) -> re.Pattern[str] | None:
        """The matcher of a phrase family: "source_phrases", "vague_hedges", "anonymous",
        "verbs" (every reporting-verb form), "forecast_actions", "release"."""
        if name not in self._compiled:
            self._compiled[name] = self._build(name)
        return self._compiled[name]

    def _build(self, name: str) -> re.Pattern[str] | None:
        if name == "anonymous":
            regex = _phrase_regex(self.anonymous_cues)
            people = "|".join(re.escape(p) for p in sorted(self.anonymous_people, key=len,
                                                            reverse=True))
            modifiers = "|".join(r"\s+".join(map(re.escape, m.split())) for m in sorted(
                self.anonymity_modifiers, key=len, reverse=True))
            combo = (rf"(?<!\w)(?:{people})\s+(?:[a-z]+ly\s+)?(?:{modifiers})(?!\w)"
                     if people and modifiers else None)
            parts = [p for p in ((regex.pattern if regex else None), combo) if p]
            return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE) if parts \
                else None
        if name == "verbs":
            return _phrase_regex(self.verbs)
        if name == "forecast_actions":
            return _phrase_regex(self.forecast_actions)
        if name == "release":
            return _phrase_regex(self.release_verbs | self.survey_verbs)
        return _phrase_regex(getattr(self, name))

    def head_kind(self, word: str) -> str | None:
        """Which `source_heads` list a (lower-case) word belongs to, in order of strength."""
        for key in ("spokespeople", "bare_institutions", "institutions", "roles", "documents",
                    "weak_documents", "people"):
            if word in self.heads[key]:
                return key
        if word.endswith(self.institution_suffixes) and word not in self.institution_suffixes:
            return "institutions"  # "chipmaker", "drugmaker"
        return None

    def may_be_anonymous(self, text: str) -> bool:
        """False when no sentence of `text` can be anonymous: no word any anonymous cue needs
        occurs in it (a cheap test before the analysis)."""
        lowered = text.lower()
        words = self._compiled.get("anonymous:words")
        if words is None:
            words = tuple({max(c.split(), key=len) for c in self.anonymous_cues}
                          | set(self.anonymous_heads)
                          | {max(m.split(), key=len) for m in self.anonymity_modifiers})
            self._compiled["anonymous:words"] = words
        return any(w in lowered for w in words)


# ------------------------------------------------------------------------- sentences


class _Sentence:
    """A tokenised sentence with its scopes and the helpers the grammar shares."""

    def __init__(self, text: str, lexicon: CueLexicon, names: frozenset[str] = frozenset()):
        # Letters the regex engine folds ("reportſ") made ASCII, so that every word a pattern
        # matched is found in the lexicon's tables; one character for one, so spans stay exact.
        self.text = regex_letters(text)
        self.lex = lexicon
        self.names = names
        self.tokens = [
            _Token(m.group(), m.start(), m.end(), m.group().lower(),
                   m.group()[0].isalnum() or m.group()[0] == "_")
            for m in _TOKEN_RE.finditer(text)
        ]
        self.starts = [t.start for t in self.tokens]
        self.quoted = quoted_spans(text)
        self._quote_starts = [s for s, _ in self.quoted]
        self.first_word = next((i for i, t in enumerate(self.tokens)
                                if t.is_word and not self.in_quotes(t.start)), 0)
        self.regions = self._regions()
        self.insertions = self._insertions()

    # -- positions

    def in_quotes(self, pos: int) -> bool:
        i = bisect.bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] < pos < self.quoted[i][1]

    def index_at(self, pos: int) -> int:
        """Index of the token starting at or containing offset `pos`."""
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)

    def region_of(self, i: int) -> tuple[int, int]:
        for a, b in self.regions:
            if a <= i < b:
                return a, b
        return 0, len(self.tokens)

    def insertion_of(self, i: int) -> tuple[int, int, str] | None:
        """The innermost insertion holding token `i`: (first, end, kind)."""
        best = None
        for a, b, kind in self.insertions:
            if a <= i < b and (best is None or b - a < best[1] - best[0]):
                best = (a, b, kind)
        return best

    # -- scopes

    def _regions(self) -> list[tuple[int, int]]:
        """Token ranges between semicolons and spaced dashes (outside quotations)."""
        cuts = [-1]
        for i, tok in enumerate(self.tokens):
            if self.in_quotes(tok.start):
                continue
            if tok.text == ";" or (tok.text in _DASHES and tok.start > 0
                                   and self.text[tok.start - 1].isspace()
                                   and self.text[tok.end:tok.end + 1].isspace()):
                cuts.append(i)
        cuts.append(len(self.tokens))
        return [(a + 1, b) for a, b in itertools.pairwise(cuts) if b > a + 1]

    def _insertions(self) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        toks = self.tokens
        # parentheses
        stack: list[int] = []
        for i, tok in enumerate(toks):
            if tok.text == "(":
                stack.append(i)
            elif tok.text == ")" and stack:
                found.append((stack.pop(), i + 1, "paren"))
        for first, end in self.regions:
            commas = [i for i in range(first, end) if toks[i].text == ","
                      and not self.in_quotes(toks[i].start) and not self._in_paren(i, found)]
            # relative clauses: ", which … ," (to the next comma or the region's end)
            for k, c in enumerate(commas):
                if c + 1 < end and toks[c + 1].lower in _RELATIVES:
                    stop = commas[k + 1] if k + 1 < len(commas) else end
                    found.append((c, stop + (1 if stop < end else 0), "relative"))
            if not commas:
                continue
            head = commas[0]
            lead = [t for t in toks[first:head] if t.is_word]
            if not lead:
                continue
            opener = lead[0].lower
            if opener in _FRONTING or opener.endswith("ing") or opener == "according" \
                    or self._is_participle(lead[0]):
                found.append((first, head + 1, "fronted"))
                continue
            # an appositive after the sentence's first noun phrase: "Jane Doe, the fund's
            # chief economist, estimated …" (the first stretch has no figure, no verb cue)
            if (len(lead) <= _HEAD_NP_LIMIT and len(commas) > 1
                    and commas[1] - head <= _APPOSITIVE_LIMIT
                    and self._predicate_at(commas[1] + 1, end)
                    and not any(t.text[0].isdigit() or "$" in t.text for t in toks[first:head])
                    and not self._has_verb(first, head)
                    and not (head + 1 < end and toks[head + 1].lower in _RELATIVES)):
                found.append((head, commas[1] + 1, "appositive"))
        return found

    def _predicate_at(self, k: int, end: int) -> bool:
        """Whether the words at token `k` can continue a subject's predicate ("…, said", "…,
        now projects"): a lower-case word that is no determiner or pronoun."""
        if k >= end or not self.tokens[k].is_word:
            return False
        tok = self.tokens[k]
        return tok.text.islower() and tok.lower not in (
            _DEFINITE | _INDEFINITE | _POSSESSIVE_PRONOUNS | _PRONOUNS | _FIRST_PERSON)

    def _in_paren(self, i: int, found: list[tuple[int, int, str]]) -> bool:
        return any(a < i < b - 1 for a, b, kind in found if kind == "paren")

    def _is_participle(self, tok: _Token) -> bool:
        return tok.lower.endswith(("ed", "ing")) and tok.text[0].isupper() and \
            tok.lower not in self.lex.verbs and tok.lower not in self.lex.forecast_actions

    def _has_verb(self, first: int, end: int) -> bool:
        return any(self.tokens[j].lower in self.lex.verbs
                   and not self.is_noun_use(j) for j in range(first, end))

    # -- words

    def is_name(self, i: int) -> bool:
        tok = self.tokens[i]
        if not tok.is_word or not tok.text[0].isalpha():
            return False
        base = _POSSESSIVE_RE.sub("", tok.text)
        folded = base.casefold()
        if base in self.names:
            return True  # an acronym the text defined: "Amnesty International (AI)"
        if len(base) >= 2 and base.isupper() and base.isalpha():
            return folded not in self.lex.not_name_acronyms
        if folded in self.lex.not_names or tok.lower in self.lex.not_names:
            return False
        if i == self.first_word and self.lex.head_kind(folded) is not None:
            return False  # "Residents say", "Figures show": a capital that opens the sentence
        adjective = folded.endswith(_ADJECTIVE_ENDINGS) or (
            "-" in folded and folded.endswith(("ed", "-run")))  # "State-owned", "State-run"
        if i == self.first_word and adjective and i + 1 < len(
                self.tokens) and self.tokens[i + 1].text.islower() and self.lex.head_kind(
                    self.base(i + 1)) is not None:
            return False  # "Preliminary estimates", "Federal officials": an adjective
        if base[0].isupper():
            return True
        return any(c.isupper() for c in base[1:])  # iFLYTEK, eBay

    def is_possessive(self, i: int) -> bool:
        return bool(_POSSESSIVE_RE.search(self.tokens[i].text)) and self.tokens[i].is_word

    def base(self, i: int) -> str:
        return _POSSESSIVE_RE.sub("", self.tokens[i].lower)

    def span_text(self, first: int, last: int) -> str:
        return self.text[self.tokens[first].start : self.tokens[last].end]

    def name_run(self, i: int) -> tuple[int, int]:
        """Extend a name starting at token `i` over further names and inner connectors."""
        last = i
        j = i + 1
        while j < len(self.tokens):
            if self.is_name(j):
                last = j
            elif not (self.tokens[j].lower in _CONNECTORS and self.tokens[j].is_word):
                break
            j += 1
        return i, last

    def marker_at(self, i: int) -> bool:
        for marker in self.lex.example_markers:
            words = [t.lower for t in self.tokens[i : i + len(marker)]]
            if tuple(words) == marker:
                return True
        return False

    def noun_phrase_after(self, i: int, limit: int) -> list[int]:
        """The words of the noun phrase from token `i` on, before punctuation or a clause."""
        phrase: list[int] = []
        j = i
        while j < len(self.tokens) and len(phrase) <= limit:
            tok = self.tokens[j]
            if not tok.is_word or (tok.lower in _BOUNDARIES and phrase) or self.marker_at(j):
                break
            if tok.lower in self.lex.verbs and phrase and not self.is_noun_use(j):
                break
            phrase.append(j)
            j += 1
        return phrase

    def name_after(self, i: int, limit: int) -> tuple[int, int] | None:
        """A name among the first few words from token `i` on, before any punctuation."""
        skipped = 0
        j = i
        while j < len(self.tokens) and skipped <= limit:
            tok = self.tokens[j]
            if not tok.is_word or self.marker_at(j):
                return None
            if self.is_name(j):
                return self.name_run(j)
            if tok.lower in _BOUNDARIES or tok.lower in _PRONOUNS:
                return None
            skipped += 1
            j += 1
        return None

    def before_verb(self, i: int) -> int:
        """Index of the first token before token `i` that is not an auxiliary or adverb."""
        j = i - 1
        while j >= 0 and self._skippable(j):
            j -= 1
        return j

    def _skippable(self, j: int) -> bool:
        tok = self.tokens[j]
        if not tok.is_word:
            return False
        return tok.lower in _AUXILIARIES or (tok.text.islower() and tok.lower.endswith("ly"))

    def subject_before(self, i: int) -> list[int]:
        """Token indexes of the subject phrase that ends right before token `i`, skipping a
        parenthesis or an insertion between subject and verb."""
        j = self.before_verb(i)
        for _ in range(3):
            if j < 0:
                return []
            tok = self.tokens[j]
            if tok.text == ")":
                depth = 0
                while j >= 0:
                    if self.tokens[j].text == ")":
                        depth += 1
                    elif self.tokens[j].text == "(":
                        depth -= 1
                        if depth == 0:
                            break
                    j -= 1
                j = self.before_verb(j)
                continue
            if tok.text == ",":
                closing = [ins for ins in self.insertions
                           if ins[1] - 1 == j and ins[2] in ("relative", "appositive")]
                if closing:
                    j = self.before_verb(min(a for a, _, _ in closing))
                    continue
                opening = self._comma_opening(j)
                if opening is None:
                    return []
                j = opening - 1
                continue
            break
        subject: list[int] = []
        while j >= 0 and len(subject) < _SUBJECT_LIMIT:
            tok = self.tokens[j]
            if not tok.is_word or (tok.lower in _BOUNDARIES and not _capitals(tok.text)):
                break
            subject.append(j)
            if self.opens_phrase(j):
                break
            j -= 1
        subject.reverse()
        return subject

    def opens_phrase(self, j: int) -> bool:
        """Whether token `j` is a determiner that opens its noun phrase: not one after a
        preposition ("analysts at the bank" goes on past "the")."""
        if self.tokens[j].lower not in _DEFINITE | _POSSESSIVE_PRONOUNS | {"a", "an"}:
            return False
        return j == 0 or self.tokens[j - 1].lower not in _AGENT_PREPOSITIONS | {"on", "to"}

    def _comma_opening(self, j: int) -> int | None:
        """The comma that opens the stretch ending at the comma `j` (an appositive or a
        relative clause the scopes did not mark)."""
        opening: int | None = None
        for k in range(j - 1, -1, -1):
            tok = self.tokens[k]
            if tok.text == ";" or (not tok.is_word and tok.text in _QUOTES):
                break
            if tok.text == ",":
                if opening is None:
                    opening = k
                if k + 1 < len(self.tokens) and self.tokens[k + 1].lower in _RELATIVES:
                    return k
        return opening

    def first_name_before(self, i: int) -> tuple[int, int] | None:
        """The first name of the sentence, if it comes before token `i` and is not quoted."""
        for j in range(i):
            if self.is_name(j) and not self.in_quotes(self.tokens[j].start):
                return self.name_run(j)
        return None

    def names_before(self, i: int) -> tuple[int, int] | None:
        """The nearest name before token `i` that is not inside quotation marks."""
        for j in range(i - 1, -1, -1):
            if self.is_name(j) and not self.in_quotes(self.tokens[j].start):
                start = j
                while start > 0 and self.is_name(start - 1):
                    start -= 1
                return self.name_run(start)
        return None

    def quote_adjacent(self, first: int, last: int) -> bool:
        """Whether tokens first..last sit right after or right before a quotation mark."""
        j = first - 1
        if j >= 0 and self.tokens[j].text == ",":
            j -= 1
        if j >= 0 and self.tokens[j].text in _QUOTES:
            return True
        k = last + 1
        if k < len(self.tokens) and self.tokens[k].text in {",", ":"}:
            k += 1
        return k < len(self.tokens) and self.tokens[k].text in _QUOTES

    def introduces_content(self, i: int) -> bool:
        """Whether the verb at token `i` is followed by what was said, not by a plain object."""
        k = i + 1
        if k >= len(self.tokens):
            return True
        tok = self.tokens[k]
        if not tok.is_word:
            return True
        base = re.split(r"['\u2019]", tok.lower)[0]
        return base in _CONTENT_STARTS or self.is_name(k) or tok.text[0].isdigit()

    def is_noun_use(self, i: int) -> bool:
        """A verb form used as a noun: after a determiner or possessive ("the forecast"), or
        before "of" ("estimates of")."""
        form = self.tokens[i].lower
        verb = self.lex.verbs.get(form)
        if i > 0:
            before = self.tokens[i - 1]
            if before.lower in _NOUN_MARKERS:
                return True
            possessive_pronoun = before.lower.rstrip("s'’") in _POSSESSIVE_PRONOUNS
            if self.is_possessive(i - 1) and (verb is None or verb.noun_like
                                              or possessive_pronoun):
                return True
        return i + 1 < len(self.tokens) and self.tokens[i + 1].lower == "of"


# ------------------------------------------------------------------------- sources


class _Source(NamedTuple):
    kind: str  # named, vague, anonymous, pronoun, writer, none
    text: str | None = None
    insider: bool = False  # vague people of the releasing party (officials, executives)


def _classify(s: _Sentence, phrase: Sequence[int], previous: str | None,
              after: bool = False) -> _Source:
    """Whether a noun phrase (token indexes) names a source. `after`: the phrase follows its
    cue ("according to …", "…, said …"), so its first words need no subject position."""
    if not phrase:
        return _Source("none")
    lex = s.lex
    words = [s.base(j) for j in phrase]
    if any(w in _FIRST_PERSON and s.tokens[j].text != "US" for w, j in zip(words, phrase,
                                                                           strict=True)):
        return _Source("writer")
    heads = [(n, j, lex.head_kind(w)) for n, (w, j) in enumerate(zip(words, phrase,
                                                                         strict=True))]
    for n, j, _ in heads:
        if words[n] in lex.anonymous_heads and not _followed_by_marker(s, j):
            return _Source("anonymous", s.span_text(phrase[0], phrase[-1]))
    names = [j for j in phrase if s.is_name(j) and not s.in_quotes(s.tokens[j].start)]
    if names:
        return _Source("named", _source_text(s, phrase))
    if len(phrase) == 1 and words[0] in _PRONOUNS:
        return _Source("pronoun")
    typed = [(n, j, kind) for n, j, kind in heads if kind is not None]
    if not typed:
        if (len(phrase) == 1 and phrase[0] == s.first_word and s.tokens[phrase[0]].text[0].isupper()
                and words[0] in lex.not_names and words[0] not in _GRAMMAR_WORDS):
            # "Next raised its profit forecast": a word of the list alone as the subject
            return _Source("named", s.tokens[phrase[0]].text)
        return _Source("none")
    # The head: the last head word before the first preposition ("the statistics office",
    # "the consensus forecast"), else the first head word ("Doctors at the hospital").
    cut = next((n for n, w in enumerate(words) if n and w in _AGENT_PREPOSITIONS), len(words))
    before_cut = [t for t in typed if t[0] < cut]
    n, j, kind = before_cut[-1] if before_cut else typed[0]
    # The determiner (or owner) of the first head: a possessive or "the" before it, or none.
    determiner = words[0] if n > 0 else None
    owned = any(s.is_possessive(phrase[m]) for m in range(n)) or (
        determiner in _POSSESSIVE_PRONOUNS)
    definite = determiner in _DEFINITE or owned
    indefinite = determiner in _INDEFINITE
    agent = _agent_after(s, phrase, n)
    text = s.span_text(phrase[0], phrase[-1])
    if kind == "spokespeople":
        return _Source("named", text)
    if kind == "bare_institutions":
        return _Source("named", text)
    if kind in ("institutions", "documents", "roles"):
        if definite or agent:
            return _Source("named", text)
        if indefinite:
            return _Source("vague", text)
        if kind == "institutions" and n == 0 and len(phrase) == 1 and not words[0].endswith("s"):
            return _Source("vague", text)
        # a modifier in front, no determiner: "government data", "industry estimates"
        return _Source("vague", text)
    if kind == "weak_documents":
        return _Source("named", text) if owned or agent else _Source("vague", text)
    # people
    insider = words[n] in lex.heads["insiders"]
    if owned or agent:
        return _Source("named", text)
    if determiner in _DEFINITE and previous and _names_someone(previous, lex):
        return _Source("named", text)
    return _Source("vague", text, insider)


def _followed_by_marker(s: _Sentence, j: int) -> bool:
    return j + 1 < len(s.tokens) and s.marker_at(j + 1)


def _agent_after(s: _Sentence, phrase: Sequence[int], n: int) -> bool:
    """A source after the head, joined by a preposition: "a filing with the SEC", "data
    compiled by Bloomberg", "an internal memo from the finance department"."""
    for m in range(n + 1, len(phrase) - 1):
        if s.tokens[phrase[m]].lower in _AGENT_PREPOSITIONS:
            rest = list(phrase[m + 1:])
            if any(s.is_name(j) for j in rest):
                return True
            if rest and s.tokens[rest[0]].lower in _DEFINITE | _POSSESSIVE_PRONOUNS and any(
                    s.lex.head_kind(s.base(j)) in ("institutions", "bare_institutions")
                    for j in rest[1:]):
                return True
    return False


def _names_someone(text: str, lex: CueLexicon) -> bool:
    s = _Sentence(text, lex)
    return any(s.is_name(j) for j in range(len(s.tokens)) if j != s.first_word) or (
        bool(s.tokens) and s.is_name(s.first_word) and len(s.tokens) > 1
        and s.is_name(s.first_word + 1))


def _source_text(s: _Sentence, subject: Sequence[int]) -> str:
    first = subject[0]
    # Drop leading words that are not part of the party: "Now iFLYTEK", "The Wall Street …".
    while first < subject[-1] and not s.is_name(first) and (
            s.tokens[first].lower in _GRAMMAR_WORDS
            or (s.tokens[first].text[0].isupper() and s.tokens[first].lower in s.lex.not_names
                and s.lex.head_kind(s.tokens[first].lower) is None)):
        first += 1
    return s.span_text(first, subject[-1])


# ------------------------------------------------------------------------- cues


class _Cue(NamedTuple):
    kind: str  # named, anonymous, vague
    rule: str
    start: int  # offsets of the cue words
    end: int
    source: str | None
    first: int  # token range it covers: first <= i < end_token
    end_token: int
    insider: bool = False
    holes: tuple[tuple[int, int], ...] = ()  # insertions inside the range it does not cover


def _coverage(s: _Sentence, at: int, subject_first: int | None, forward_only: bool,
              whole_region: bool = False) -> tuple[int, int, tuple[tuple[int, int], ...]]:
    """The token range a cue at token `at` covers, and the insertions in it that it does not.

    Left out: fronted phrases and appositives (background the writer adds), and a relative
    clause or parenthesis that describes the subject: between the cue's subject and its verb,
    or right after the region's first noun phrase when the cue trails. Covered: insertions
    after the cue, inside what it reports ("reported that one such cluster, which connects
    384 chips, outperforms …") or describing its source ("according to researchers …, who
    evaluated more than 200 authors")."""
    a, b = s.region_of(at)
    inside = s.insertion_of(at)
    if inside is not None and not whole_region:
        x, y, kind = inside
        if kind == "fronted":
            # a fronted source covers the region ("According to X, …", "Citing …, the bank")
            return a, b, _holes(s, a, at, subject_first, exclude=(x, y))
        if kind in ("appositive", "paren") and not any(
                _figure_like(t.text) for t in s.tokens[x:y]):
            # a parenthetical attribution: "Prices, the ministry said, rose 5%"
            return a, b, _holes(s, a, at, subject_first, exclude=(x, y))
        return x, y, tuple((p, q) for p, q, _ in s.insertions if x <= p and q <= y
                           and (p, q) != (x, y))
    if whole_region:
        return a, b, ()
    first = subject_first if forward_only and subject_first is not None else a
    return first, b, _holes(s, a, at, subject_first)


def _figure_like(text: str) -> bool:
    return any(c.isdigit() for c in text) or text in ("$", "€", "£", "¥")


def _holes(s: _Sentence, region_first: int, at: int, subject_first: int | None,
           exclude: tuple[int, int] | None = None) -> tuple[tuple[int, int], ...]:
    holes = []
    for x, y, kind in s.insertions:
        if (x, y) == exclude or x <= at < y:
            continue
        if kind in ("fronted", "appositive") or (y <= at and (
                (subject_first is not None and subject_first <= x)
                or _after_first_phrase(s, region_first, x))):
            holes.append((x, y))
    return tuple(holes)


def _after_first_phrase(s: _Sentence, region_first: int, x: int) -> bool:
    """Whether an insertion at token `x` follows the region's first noun phrase directly:
    nothing between the region's start and it but words with no figure ("The plant, which …")."""
    stretch = s.tokens[region_first:x]
    return bool(stretch) and len(stretch) <= _HEAD_NP_LIMIT and all(
        t.is_word and not _figure_like(t.text) for t in stretch)


def _covers(cue: _Cue, i: int) -> bool:
    return cue.first <= i < cue.end_token and not any(x <= i < y for x, y in cue.holes)


def _cues(s: _Sentence, previous: str | None) -> list[_Cue]:
    lex = s.lex
    found: list[_Cue] = []

    def add(kind: str, rule: str, m_start: int, m_end: int, source: str | None,
            at: int, subject_first: int | None = None, forward_only: bool = False,
            insider: bool = False, whole_region: bool = False) -> None:
        first, end, holes = _coverage(s, at, subject_first, forward_only, whole_region)
        found.append(_Cue(kind, rule, m_start, m_end, source, first, end, insider, holes))

    def outside(m: re.Match[str]) -> bool:
        return not s.in_quotes(m.start())

    # anonymous phrases
    regex = lex.pattern("anonymous")
    if regex is not None:
        for m in regex.finditer(s.text):
            if outside(m):
                i = s.index_at(m.start())
                add("anonymous", "anonymous", m.start(), m.end(), None, i, whole_region=True)
    # hedges
    regex = lex.pattern("vague_hedges")
    if regex is not None:
        for m in regex.finditer(s.text):
            if outside(m):
                i = s.index_at(m.start())
                passive = m.group().split()[-1].lower() in lex.hedge_participles
                agent = _passive_agent(s, s.index_at(m.end() - 1)) if passive else None
                if agent is not None:
                    add("named", "passive", m.start(), m.end(), agent, i)
                else:
                    add("vague", "hedge", m.start(), m.end(), None, i)
    # source phrases
    regex = lex.pattern("source_phrases")
    if regex is not None:
        for m in regex.finditer(s.text):
            if not outside(m):
                continue
            i, last = s.index_at(m.start()), s.index_at(m.end() - 1)
            run = s.name_after(last + 1, _AFTER_PHRASE_LIMIT)
            phrase = s.noun_phrase_after(last + 1, _AFTER_PHRASE_LIMIT)
            source = _classify(s, phrase, previous, after=True)
            if source.kind == "anonymous":
                add("anonymous", "anonymous", m.start(), m.end(), None, i)
            elif run is not None:
                add("named", "source-phrase", m.start(), m.end(), s.span_text(*run), i)
            elif source.kind == "named":
                add("named", "source-phrase", m.start(), m.end(), source.text, i)
            elif not (m.group().lower().startswith(("citing", "quoting"))):
                add("vague", "source-phrase", m.start(), m.end(), None, i)
    # reporting verbs and forecasters
    regex = lex.pattern("verbs")
    if regex is not None:
        for m in regex.finditer(s.text):
            if outside(m):
                _verb_cue(s, m, previous, add)
    regex = lex.pattern("forecast_actions")
    if regex is not None:
        for m in regex.finditer(s.text):
            if outside(m):
                _forecaster_cue(s, m, previous, add)
    _estimate_cues(s, previous, add)
    return found


def _passive_agent(s: _Sentence, last: int) -> str | None:
    """"was estimated by the IMF": the source after a passive hedge's "by"."""
    j = last + 1
    if j < len(s.tokens) and s.tokens[j].lower == "at":
        return None
    for k in range(j, min(j + 3, len(s.tokens))):
        if s.tokens[k].lower == "by":
            phrase = s.noun_phrase_after(k + 1, _AFTER_PHRASE_LIMIT)
            source = _classify(s, phrase, None, after=True)
            return source.text if source.kind == "named" else None
    return None


def _verb_cue(s: _Sentence, m: re.Match[str], previous: str | None, add: Any) -> None:
    lex = s.lex
    verb = lex.verbs[" ".join(m.group().lower().split())]
    i = s.index_at(m.start())
    last = s.index_at(m.end() - 1)
    tok = s.tokens[i]
    if tok.text[0].isupper() and i != s.first_word:
        return  # "the Said Business School": a name, not a verb
    if s.is_noun_use(i):
        return
    if verb.noun_like and verb.tense == "base" and not _base_verb_position(s, i):
        return  # "its R1 model for …", "a large language model": the noun
    if verb.noun_like and last + 1 < len(s.tokens) and (
            s.tokens[last + 1].lower in s.lex.verbs or s.tokens[last + 1].lower in _BE):
        return  # "Unofficial tallies put …", "Estimates suggest …": the noun before a verb
    if last + 1 < len(s.tokens) and s.tokens[last + 1].lower in _PARTICLES \
            and " " not in verb.lemma:
        return
    if verb.needs_at and not _at_follows(s, last):
        return
    if verb.content_only and last + 1 < len(s.tokens) and s.tokens[last + 1].is_word and \
            s.tokens[last + 1].lower not in _CONTENT_STARTS:
        return  # "Netflix added 9 million subscribers": an object, not what was said
    if verb.tense == "past" and _after_be(s, i):
        return  # "are believed to total": a passive, the hedges' to read
    inside = s.insertion_of(i)
    if verb.tense == "ing" and inside is not None and inside[0] in (i, i - 1):
        # "Fitch, pointing to a 40% jump, cut …", "Noting that …, the ministry blamed …"
        source = _participle_subject(s, inside)
        if source.kind == "named":
            add("named", "participle", m.start(), m.end(), source.text, i)
        return
    before = s.before_verb(i)
    if before >= 0 and s.tokens[before].lower in {"but", "and"}:
        run = s.first_name_before(before)
        if run is not None:
            add("named", "verb", m.start(), m.end(), s.span_text(*run), i,
                subject_first=before, forward_only=True)
            return
    subject = s.subject_before(i)
    if subject:
        source = _classify(s, subject, previous)
        if source.kind in ("vague", "none"):
            source = _agent_in_insertion(s, subject[-1], i) or source
        forward = subject[0] > 0 and s.tokens[subject[0] - 1].lower in _COORDINATORS
        if source.kind == "pronoun":
            ok, text = _pronoun_source(s, subject[-1], last, previous, allow_quote=verb.strong)
            if ok:
                add("named", "pronoun", m.start(), m.end(), text, i,
                    subject_first=subject[0], forward_only=forward)
                return
        elif source.kind == "named":
            add("named", "verb", m.start(), m.end(), source.text, i,
                subject_first=subject[0], forward_only=forward)
            return
        elif source.kind == "anonymous":
            add("anonymous", "anonymous", m.start(), m.end(), None, i, whole_region=True)
            return
        elif source.kind == "writer":
            return
        elif source.kind == "vague" and (verb.strong or source.insider or
                                         s.tokens[subject[-1]].lower in lex.heads["people"]):
            add("vague", "vague-subject", m.start(), m.end(), source.text, i,
                subject_first=subject[0], forward_only=forward, insider=source.insider)
            return
    before_tok = s.tokens[before].text if before >= 0 else ","
    if verb.inversion and before_tok in _QUOTES | {",", ":"}:
        run = s.name_after(last + 1, _AFTER_VERB_LIMIT)
        phrase = s.noun_phrase_after(last + 1, _AFTER_VERB_LIMIT + 2)
        after = _classify(s, phrase, previous, after=True) if run is None else None
        if run is not None or (after is not None and after.kind == "named"):
            text = s.span_text(*run) if run is not None else after.text if after else None
            add("named", "inversion", m.start(), m.end(), text, i)
            return
        if after is not None and after.kind == "anonymous":
            add("anonymous", "anonymous", m.start(), m.end(), None, i, whole_region=True)
            return
    if verb.strong and s.introduces_content(last):
        add("vague", "vague-verb", m.start(), m.end(), None, i)


_BE = _words("is are was were be been being am")
_MODALS = _words("to will would could should may might must can do does did not")


def _base_verb_position(s: _Sentence, i: int) -> bool:
    """Whether a base form ("forecast", "estimate") can be a verb here: after "to", a modal,
    or a plural subject ("Analysts forecast", "Police say")."""
    j = i - 1
    while j >= 0 and s.tokens[j].is_word and s.tokens[j].text.islower() \
            and s.tokens[j].lower.endswith("ly"):
        j -= 1
    if j < 0:
        return False
    if s.tokens[j].lower in _MODALS:
        return True
    subject = s.subject_before(i)
    if not subject:
        return False
    words = [s.base(k) for k in subject]
    if any(w in ("they", "we", "i", "you") for w in words):
        return True
    cut = next((n for n, w in enumerate(words) if n and w in _AGENT_PREPOSITIONS), len(words))
    typed = [w for w in words[:cut] if s.lex.head_kind(w)]
    head = typed[-1] if typed else words[cut - 1]
    return head.endswith("s") or s.lex.head_kind(head) == "bare_institutions"


def _after_be(s: _Sentence, i: int) -> bool:
    j = i - 1
    while j >= 0 and s.tokens[j].is_word and s.tokens[j].text.islower() \
            and s.tokens[j].lower.endswith("ly"):
        j -= 1
    return j >= 0 and s.tokens[j].lower in _BE


def _agent_in_insertion(s: _Sentence, last: int, verb: int) -> _Source | None:
    """"The data, released by the Commerce Department on Thursday, showed …": the source in
    the insertion between a subject and its verb."""
    for x, y, kind in s.insertions:
        if kind in ("appositive", "relative", "paren") and last < x and y <= verb:
            for k in range(x, y):
                if s.tokens[k].lower in ("by", "from"):
                    agent = _classify(s, s.noun_phrase_after(k + 1, _AFTER_PHRASE_LIMIT), None,
                                      True)
                    if agent.kind == "named":
                        return agent
    return None


def _at_follows(s: _Sentence, last: int) -> bool:
    """"puts the cost at …": an "at" in the verb's clause, before any comma."""
    for j in range(last + 1, min(last + 12, len(s.tokens))):
        tok = s.tokens[j]
        if tok.lower == "at":
            return True
        if tok.text in {",", ";", "."}:
            return False
    return False


def _participle_subject(s: _Sentence, inside: tuple[int, int, str]) -> _Source:
    first, end, kind = inside
    if kind == "fronted":
        phrase = s.noun_phrase_after(end, _SUBJECT_LIMIT)
    else:
        phrase = s.subject_before(first + 1) if first > 0 else []
        phrase = [j for j in phrase if j < first] or _np_ending(s, first)
    return _classify(s, phrase, None)


def _np_ending(s: _Sentence, j: int) -> list[int]:
    """The noun phrase that ends right before token `j`."""
    phrase: list[int] = []
    k = j - 1
    while k >= 0 and s.tokens[k].is_word and len(phrase) < _SUBJECT_LIMIT \
            and s.tokens[k].lower not in _BOUNDARIES:
        phrase.append(k)
        if s.opens_phrase(k):
            break
        k -= 1
    return phrase[::-1]


def _forecaster_cue(s: _Sentence, m: re.Match[str], previous: str | None, add: Any) -> None:
    """"Morgan Stanley lifted its price target to $150": an action on the actor's own estimate."""
    i = s.index_at(m.start())
    last = s.index_at(m.end() - 1)
    if s.is_noun_use(i) or (s.tokens[i].text[0].isupper() and i != s.first_word):
        return
    j = last + 1
    while j < len(s.tokens) and s.tokens[j].lower in ("up", "down", "back", "again", "sharply"):
        j += 1
    if j >= len(s.tokens) or s.tokens[j].lower not in (
            _POSSESSIVE_PRONOUNS | _DEFINITE | {"a", "an"}):
        return
    if not any(_estimate_at(s, k) for k in range(j + 1, min(j + 1 + _ESTIMATE_REACH,
                                                             len(s.tokens)))):
        return
    subject = s.subject_before(i)
    source = _classify(s, subject, previous)
    if source.kind == "pronoun":
        ok, text = _pronoun_source(s, subject[-1], last, previous, allow_quote=False)
        if ok:
            add("named", "forecaster", m.start(), m.end(), text, i, subject_first=subject[0])
    elif source.kind == "named":
        add("named", "forecaster", m.start(), m.end(), source.text, i,
            subject_first=subject[0] if subject else None)


def _estimate_at(s: _Sentence, k: int) -> bool:
    tok = s.tokens[k]
    if not tok.is_word:
        return False
    word = s.base(k)
    if word in s.lex.estimate_nouns:
        return True
    return k + 1 < len(s.tokens) and f"{word} {s.base(k + 1)}" in s.lex.estimate_nouns


def _estimate_cues(s: _Sentence, previous: str | None, add: Any) -> None:
    """"the agency's estimate of 3.4 million", "the consensus forecast stands at 2.1%": an
    estimate noun whose owner is a source covers what follows it in its scope."""
    lex = s.lex
    for k, tok in enumerate(s.tokens):
        if not tok.is_word or s.base(k) not in lex.estimate_nouns or s.in_quotes(tok.start):
            continue
        if k + 1 < len(s.tokens) and (s.base(k + 1) in lex.estimate_nouns
                                      or lex.head_kind(s.base(k + 1)) is not None):
            continue  # the head is the next word: "consensus forecast", "index fund"
        phrase = _np_ending(s, k + 1)
        if not phrase:
            continue
        words = [s.base(j) for j in phrase]
        owner = any(s.is_possessive(j) for j in phrase[:-1]) or words[0] in _POSSESSIVE_PRONOUNS
        consensus = "consensus" in words and words[0] in _DEFINITE
        named = any(s.is_name(j) for j in phrase)
        after = s.noun_phrase_after(k + 1, _AFTER_PHRASE_LIMIT)
        agent = bool(after) and s.tokens[after[0]].lower in ("in", "by", "from") and any(
            s.is_name(j) for j in after)
        if any(w in _FIRST_PERSON for w in words):
            continue
        if not (owner or consensus or (named and words[0] not in ("a", "an")) or agent):
            continue
        if tok.text[0].isupper():
            continue  # part of a name: "the Stanford AI Index", "the Consumer Price Index"
        if owner and words[0] in _POSSESSIVE_PRONOUNS and not (named or agent or any(
                s.is_possessive(j) for j in phrase[1:-1])):
            # "their price targets": the owner is the clause's subject, which the verb's own
            # cue reads; at the start of a clause it is the previous sentence's party
            region = s.region_of(k)[0]
            if phrase[0] != region or not previous or not _names_someone(previous, lex):
                continue
        if words[0] in ("a", "an") and not (named or agent):
            continue
        text = s.span_text(phrase[0], k)
        add("named", "estimate", tok.start, tok.end, text, k, subject_first=phrase[0],
            forward_only=True)


def _pronoun_source(
    s: _Sentence, pronoun: int, verb: int, previous: str | None, allow_quote: bool
) -> tuple[bool, str | None]:
    """Resolve a pronoun subject: previous attribution, same sentence, a quotation, then the
    first name of the previous sentence."""
    if previous:
        before = attribution_of(previous, None, s.lex)
        if before.kind == "named":
            return True, before.source
    run = s.names_before(pronoun)
    if run is not None:
        return True, s.span_text(*run)
    if allow_quote and s.quote_adjacent(pronoun, verb):
        return True, None  # "“…,” he said": a quoted speaker, named elsewhere in the text
    if previous:
        p = _Sentence(previous, s.lex)
        for j in range(len(p.tokens)):
            if p.is_name(j) and not p.in_quotes(p.tokens[j].start):
                return True, p.span_text(*p.name_run(j))
    return False, None


# ------------------------------------------------------------------------- entry points

_ORDER = {"anonymous": 0, "named": 1, "vague": 2}


def attribute_figures(sentence: str, figures: Sequence[tuple[int, int]], lexicon: CueLexicon,
                      previous: str | None = None,
                      names: frozenset[str] = frozenset()) -> list[FigureAttribution]:
    """The attribution of each figure (its (start, end) offsets in `sentence`), in order.

    `previous` is the sentence before (it resolves "he said", "the researchers"); `names` are
    acronyms the text defined earlier (`defined_acronyms`). A figure no cue covers is "none":
    whether the previous sentence opens a release it continues is the caller's to decide
    (`opens_release`), as is any continuation through FL405's openers."""
    s = _Sentence(sentence, lexicon, names)
    cues = _cues(s, previous)
    out = []
    for start, end in figures:
        i = s.index_at(start)
        covering = [c for c in cues if _covers(c, i)]
        if not covering:
            out.append(FigureAttribution((start, end), "none"))
            continue
        best = min(covering, key=lambda c: (_ORDER[c.kind], abs(c.start - start)))
        out.append(FigureAttribution((start, end), best.kind, sentence[best.start:best.end],
                                     (best.start, best.end),
                                     best.source if best.kind == "named" else None,
                                     best.rule if not best.insider else "vague-insider"))
    return out


def attribution_of(sentence: str, previous: str | None, lexicon: CueLexicon,
                   names: frozenset[str] = frozenset()) -> Attribution:
    """The attribution of `sentence` as a whole: an anonymous cue, else the first named cue,
    else a hedge, else a reporting verb naming nobody, else none."""
    s = _Sentence(sentence, lexicon, names)
    cues = _cues(s, previous)
    if not cues:
        return Attribution("none")
    hedges = [c for c in cues if c.kind == "vague" and c.rule == "hedge"]
    for group in ([c for c in cues if c.kind == "anonymous"],
                  [c for c in cues if c.kind == "named"], hedges,
                  [c for c in cues if c.kind == "vague"]):
        if group:
            best = min(group, key=lambda c: c.start)
            return Attribution(best.kind, sentence[best.start:best.end], (best.start, best.end),
                               best.source if best.kind == "named" else None, best.rule)
    return Attribution("none")  # pragma: no cover - every cue has a kind


def opens_release(sentence: str, lexicon: CueLexicon,
                  names: frozenset[str] = frozenset()) -> str | None:
    """The source when `sentence` opens a release or report the next sentence may continue:
    a source with a release verb and a release noun ("The bureau released its quarterly
    figures on Tuesday"), or with a survey verb ("Pew surveyed 5,100 adults"). Else None."""
    regex = lexicon.pattern("release")
    if regex is None:
        return None
    lowered = sentence.lower()
    if not regex.search(lowered):
        return None
    s = _Sentence(sentence, lexicon, names)
    for m in regex.finditer(sentence):
        if s.in_quotes(m.start()):
            continue
        form = " ".join(m.group().lower().split())
        i = s.index_at(m.start())
        if s.is_noun_use(i) and form not in lexicon.survey_verbs - lexicon.release_nouns:
            continue
        last = s.index_at(m.end() - 1)
        has_noun = any(s.base(j) in lexicon.release_nouns and not (i <= j <= last)
                       for j in range(len(s.tokens)))
        if form not in lexicon.survey_verbs and not has_noun:
            continue
        subject = s.subject_before(i)
        source = _classify(s, subject, None)
        if source.kind == "named":
            return source.text
        by = [k for k in range(i, len(s.tokens)) if s.tokens[k].lower == "by"]
        for k in by:
            agent = _classify(s, s.noun_phrase_after(k + 1, _AFTER_PHRASE_LIMIT), None, True)
            if agent.kind == "named":
                return agent.text
    return None


def defined_acronyms(text: str) -> frozenset[str]:
    """Acronyms `text` defines after a name: "Amnesty International (AI)" -> {"AI"}."""
    return frozenset(m.group(1) for m in _ACRONYM_DEFINITION.finditer(text))
