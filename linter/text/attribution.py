"""Who does a sentence say its information comes from?

`attribution_of` classifies a sentence as ``named`` (a party with a name is the source),
``anonymous`` (unnamed people presented as sources), ``vague`` (a hedge that names nobody) or
``none``, using the cue lexicon in `rules/registries/attribution-cues.yaml` plus a
capitalised-name heuristic next to the cue. It is deliberately general: no rule knows a
particular sentence, and the lexicon carries every word list so a team can extend it.

The subject doing the thing is not its source: "China Mobile plans to deploy 100,000 GPUs"
has no attribution cue and is ``none``. "Huawei said it plans …" is ``named``: a named party
vouches for its own statement.

Heuristic limits, by design: no part-of-speech tagger, so a noun spelled like a verb ("the
forecast") is recognised only by the determiner before it; a pronoun is resolved only against
the same sentence or the previous one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from linter.model import RegistryError
from linter.text.quotes import quoted_spans

__all__ = ["KINDS", "Attribution", "CueLexicon", "RegistryError", "attribution_of"]

KINDS = ("named", "anonymous", "vague", "none")

_LIST_KEYS = (
    "attribution_verbs",
    "inversion_verbs",
    "weak_verbs",
    "source_phrases",
    "example_markers",
    "vague_hedges",
    "anonymous_cues",
    "not_names",
)
_TOP_KEYS = frozenset({"version", *_LIST_KEYS})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Grammar, not vocabulary: these stay in code.
_AUXILIARIES = _words(
    "has have had was were is are be been being also recently previously earlier later then "
    "would will did does do not separately too already first last alone"
)
# Words that end a subject phrase when scanning backwards from a verb.
_BOUNDARIES = _words(
    "that which who whom whose where when because while if but so since although though "
    "than whether"
)
_PRONOUNS = _words("he she they it we")
# A verb match preceded by one of these is a noun: "the forecast", "its report".
_NOUN_MARKERS = _words(
    "the a an its their his her our this that these those of in on for with by to from at per "
    "new latest such any some every each"
)
_RELATIVES = _words("which who whom whose where")
# Words after a verb that show it introduces reported content ("said that", "say it …").
_CONTENT_STARTS = _words("that he she they it we there this these i")
# "showed off", "shows up": a phrasal verb, not an attribution.
_PARTICLES = _words("off up out around")
_QUOTES = frozenset("\"\u201c\u201d\u00ab\u00bb\u2018\u2019'")
# Words allowed inside a multi-word name: "Ministry of Education", "Hoover Institution and …".
_CONNECTORS = _words("of and for the de & von van al")
_SUBJECT_LIMIT = 8  # tokens of subject phrase considered before a verb
_AFTER_VERB_LIMIT = 4  # descriptor words allowed between an inversion verb and its speaker
_AFTER_PHRASE_LIMIT = 6  # … and between "according to" and the name ("data released by the …")

_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # acronyms with dots: U.S., U.K.
    r"|(?:Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr)\.(?!\w)"  # titles keep their dot
    r"|\w(?:[\w'\u2019&.-]*\w)?"  # words, keeping internal apostrophes, hyphens and dots
    r"|[\"\u201c\u201d\u00ab\u00bb\u2018\u2019']"  # quotation marks
    r"|[^\w\s]"  # any other punctuation, one character at a time
)
_POSSESSIVE_RE = re.compile(r"(?:['\u2019]s|['\u2019])\Z")


class Attribution(NamedTuple):
    """The attribution found in a sentence.

    `cue` is the matched cue as written in the sentence and `span` its (start, end) offsets;
    `source` is the named party when `kind` is "named" and it could be located (it may come
    from the previous sentence when a pronoun borrowed it). All three are None for "none".
    """

    kind: str
    cue: str | None = None
    span: tuple[int, int] | None = None
    source: str | None = None


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    lower: str
    is_word: bool


def _phrase_regex(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """One alternation of literal phrases, longest first, on word boundaries."""
    words = sorted({" ".join(p.split()).lower() for p in phrases}, key=lambda w: (-len(w), w))
    if not words:
        return None
    parts = []
    for phrase in words:
        escaped = [re.escape(w).replace("'", "['\u2019]") for w in phrase.split()]
        parts.append(r"\s+".join(escaped))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """A validated attribution-cue lexicon with its phrase matchers compiled."""

    attribution_verbs: tuple[str, ...]
    inversion_verbs: frozenset[str]
    weak_verbs: tuple[str, ...]
    source_phrases: tuple[str, ...]
    example_markers: tuple[tuple[str, ...], ...]
    vague_hedges: tuple[str, ...]
    anonymous_cues: tuple[str, ...]
    not_names: frozenset[str]
    origin: str = "<attribution-cues>"
    # A matcher per phrase list, compiled when first needed (`pattern`): several milliseconds
    # in all, and a run whose claims all name their attribution needs only the anonymous cues.
    _compiled: dict[str, Any] = field(
        default_factory=dict, init=False, compare=False, repr=False)

    def pattern(self, name: str) -> re.Pattern[str] | None:
        """The matcher of the phrase list `name` ("attribution_verbs", "anonymous_cues", …)."""
        if name not in self._compiled:
            self._compiled[name] = _phrase_regex(getattr(self, name))
        return self._compiled[name]


    @classmethod
    def from_data(cls, data: Any, origin: str) -> CueLexicon:
        """Validate parsed lexicon data; raise `RegistryError` naming `origin` and the key."""
        if not isinstance(data, Mapping):
            raise RegistryError(origin, "expected a mapping of cue lists")
        unknown = sorted(set(map(str, data)) - _TOP_KEYS)
        if unknown:
            raise RegistryError(origin, f"unknown top-level key(s): {', '.join(unknown)}")
        if data.get("version") != 1:
            raise RegistryError(origin, f"`version` must be 1, not {data.get('version')!r}")
        lists: dict[str, tuple[str, ...]] = {}
        for key in _LIST_KEYS:
            value = data.get(key, [])
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value
            ):
                raise RegistryError(origin, "must be a list of non-empty strings", key)
            lists[key] = tuple(" ".join(v.split()).lower() for v in value)
        for key in ("attribution_verbs", "source_phrases", "anonymous_cues"):
            if not lists[key]:
                raise RegistryError(origin, "must not be empty", key)
        stray = sorted(set(lists["inversion_verbs"]) - set(lists["attribution_verbs"]))
        if stray:
            raise RegistryError(
                origin, f"not in attribution_verbs: {', '.join(stray)}", "inversion_verbs"
            )
        overlap = sorted(set(lists["attribution_verbs"]) & set(lists["weak_verbs"]))
        if overlap:
            raise RegistryError(
                origin, f"also in attribution_verbs: {', '.join(overlap)}", "weak_verbs"
            )
        return cls(
            attribution_verbs=lists["attribution_verbs"],
            inversion_verbs=frozenset(lists["inversion_verbs"]),
            weak_verbs=lists["weak_verbs"],
            source_phrases=lists["source_phrases"],
            example_markers=tuple(tuple(m.split()) for m in lists["example_markers"]),
            vague_hedges=lists["vague_hedges"],
            anonymous_cues=lists["anonymous_cues"],
            not_names=frozenset(lists["not_names"]),
            origin=origin,
        )

    def may_be_anonymous(self, text: str) -> bool:
        """False when no sentence of `text` can be anonymous: no anonymous cue occurs in it.
        (A cue in a sentence is a cue at the same place in the whole text: sentences are cut
        at white space, where the cue pattern's word boundaries hold either way.)"""
        if text.isascii():
            # Each cue needs its longest word, as written: substring tests on the lowered text
            # rule most quotes out faster than the pattern's scan. (Only in ASCII: there
            # lowering is what the pattern's case folding does.)
            lowered = text.lower()
            if not any(word in lowered for word in self._longest_words()):
                return False
        anonymous = self.pattern("anonymous_cues")
        return anonymous is not None and anonymous.search(text) is not None

    def _longest_words(self) -> tuple[str, ...]:
        words = self._compiled.get("anonymous_cues:words")
        if words is None:
            words = tuple({max(cue.split(), key=len) for cue in self.anonymous_cues})
            self._compiled["anonymous_cues:words"] = words
        return words


class _Sentence:
    """A tokenised sentence with the helpers the heuristics share."""

    def __init__(self, text: str, lexicon: CueLexicon) -> None:
        self.text = text
        self.lex = lexicon
        self.tokens = [
            _Token(
                m.group(),
                m.start(),
                m.end(),
                m.group().lower(),
                m.group()[0].isalnum() or m.group()[0] == "_",
            )
            for m in _TOKEN_RE.finditer(text)
        ]
        self.starts = [t.start for t in self.tokens]
        self.quoted = quoted_spans(text)
        self._quote_starts = [s for s, _ in self.quoted]

    def in_quotes(self, pos: int) -> bool:
        i = bisect.bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] < pos < self.quoted[i][1]

    def index_at(self, pos: int) -> int:
        """Index of the token starting at or containing offset `pos`."""
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)

    def is_name(self, i: int) -> bool:
        tok = self.tokens[i]
        if not tok.is_word or not tok.text[0].isalpha():
            return False
        base = _POSSESSIVE_RE.sub("", tok.text)
        if base.casefold() in self.lex.not_names or tok.lower in self.lex.not_names:
            return False
        if base[0].isupper():
            return True
        return any(c.isupper() for c in base[1:])  # iFLYTEK, eBay

    def is_possessive(self, i: int) -> bool:
        return bool(_POSSESSIVE_RE.search(self.tokens[i].text)) and self.tokens[i].is_word

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

    def subject_before(self, i: int) -> list[int]:
        """Token indexes of the subject phrase that ends right before token `i`."""
        j = self.before_verb(i)
        if j >= 0 and self.tokens[j].text == ",":
            # An appositive or relative clause sits between subject and verb: "Chen, iFLYTEK's
            # general manager …, said"; "Allen Ni of Tencent, whose WeChat …, … users, said".
            # Skip back to the comma opening a relative clause, else to the nearest comma.
            opening: int | None = None
            for k in range(j - 1, -1, -1):
                tok = self.tokens[k]
                if tok.text == ";" or (not tok.is_word and tok.text in _QUOTES):
                    break
                if tok.text == ",":
                    if opening is None:
                        opening = k
                    if k + 1 < len(self.tokens) and self.tokens[k + 1].lower in _RELATIVES:
                        opening = k
                        break
            if opening is None:
                return []
            j = opening - 1
        subject: list[int] = []
        while j >= 0 and len(subject) < _SUBJECT_LIMIT:
            tok = self.tokens[j]
            if not tok.is_word or tok.lower in _BOUNDARIES:
                break
            subject.append(j)
            j -= 1
        subject.reverse()
        return subject

    def first_name_before(self, i: int) -> tuple[int, int] | None:
        """The first name of the sentence, if it comes before token `i` and is not quoted."""
        for j in range(i):
            if self.is_name(j) and not self.in_quotes(self.tokens[j].start):
                return self.name_run(j)
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
        """Whether the verb at token `i` is followed by what was said, not by a plain object.

        "reported that …", "say it showed …", "said: “…”" introduce content; "has added
        urgency" does not. Used before calling an unnamed verb a vague attribution.
        """
        k = i + 1
        if k >= len(self.tokens):
            return True
        tok = self.tokens[k]
        if not tok.is_word:
            return True
        base = re.split(r"['\u2019]", tok.lower)[0]
        return base in _CONTENT_STARTS or self.is_name(k)

    def _skippable(self, j: int) -> bool:
        tok = self.tokens[j]
        if not tok.is_word:
            return False
        # Lowercase -ly words are adverbs ("recently reported"); capitalised ones (Italy) are not.
        return tok.lower in _AUXILIARIES or (tok.text.islower() and tok.lower.endswith("ly"))

    def names_before(self, i: int) -> tuple[int, int] | None:
        """The nearest name before token `i` that is not inside quotation marks."""
        for j in range(i - 1, -1, -1):
            if self.is_name(j) and not self.in_quotes(self.tokens[j].start):
                start = j
                while start > 0 and self.is_name(start - 1):
                    start -= 1
                return self.name_run(start)
        return None

    def is_noun_use(self, i: int) -> bool:
        if i > 0:
            before = self.tokens[i - 1]
            if before.lower in _NOUN_MARKERS or self.is_possessive(i - 1):
                return True
        return i + 1 < len(self.tokens) and self.tokens[i + 1].lower == "of"


def _cue(m: re.Match[str], kind: str, source: str | None) -> Attribution:
    return Attribution(kind, m.group(), m.span(), source)


def _matches(sentence: _Sentence, regex: re.Pattern[str] | None) -> list[re.Match[str]]:
    if regex is None:
        return []
    return [m for m in regex.finditer(sentence.text) if not sentence.in_quotes(m.start())]


def _named_subject(s: _Sentence, subject: list[int]) -> str | None:
    if not any(s.is_name(j) for j in subject):
        return None
    first = subject[0]
    # Drop leading words that are not part of the party: "Now iFLYTEK", "The Wall Street …".
    while first < subject[-1] and not s.is_name(first) and s.tokens[first].lower in s.lex.not_names:
        first += 1
    return s.span_text(first, subject[-1])


def _pronoun_source(
    s: _Sentence, pronoun: int, verb: int, previous: str | None, allow_quote: bool
) -> tuple[bool, str | None]:
    """Resolve a pronoun subject: previous attribution, same sentence, then a quotation.

    The previous sentence's *attribution* comes first because a bare name earlier in the same
    sentence is more often an object ("… never left China …, they found") than the speaker.
    """
    if previous:
        before = attribution_of(previous, None, s.lex)
        if before.kind == "named":
            return True, before.source
    run = s.names_before(pronoun)
    if run is not None:
        return True, s.span_text(*run)
    if allow_quote and s.quote_adjacent(pronoun, verb):
        # "“…,” he said": a quoted speaker is a specific person, named elsewhere in the text.
        return True, None
    return False, None


def _verb_attribution(
    s: _Sentence, m: re.Match[str], previous: str | None, weak: bool
) -> Attribution | None:
    i = s.index_at(m.start())
    last = s.index_at(m.end() - 1)
    if s.is_noun_use(i):
        return None
    if last + 1 < len(s.tokens) and s.tokens[last + 1].lower in _PARTICLES:
        return None
    before = s.before_verb(i)
    if before >= 0 and s.tokens[before].lower in {"but", "and"}:
        # Elided subject: "iFLYTEK would have been happy …, but says it's now doing fine".
        run = s.first_name_before(before)
        if run is not None:
            return _cue(m, "named", s.span_text(*run))
    subject = s.subject_before(i)
    if subject:
        head = subject[-1]
        if s.tokens[head].lower in _PRONOUNS and not any(s.is_name(j) for j in subject):
            ok, source = _pronoun_source(s, head, last, previous, allow_quote=not weak)
            if ok:
                return _cue(m, "named", source)
        else:
            source = _named_subject(s, subject)
            if source:
                return _cue(m, "named", source)
    if not weak and m.group().lower() in s.lex.inversion_verbs:
        run = s.name_after(last + 1, _AFTER_VERB_LIMIT)
        if run is not None:
            return _cue(m, "named", s.span_text(*run))
    return None


def attribution_of(sentence: str, previous: str | None, lexicon: CueLexicon) -> Attribution:
    """Classify the attribution of `sentence`; `previous` resolves "he said", "they found"."""
    s = _Sentence(sentence, lexicon)

    anonymous = _matches(s, lexicon.pattern("anonymous_cues"))
    if anonymous:
        return _cue(anonymous[0], "anonymous", None)

    named: list[Attribution] = []
    phrases = _matches(s, lexicon.pattern("source_phrases"))
    for m in phrases:
        last = s.index_at(m.end() - 1)
        run = s.name_after(last + 1, _AFTER_PHRASE_LIMIT)
        if run is not None:
            named.append(_cue(m, "named", s.span_text(*run)))
    verbs = _matches(s, lexicon.pattern("attribution_verbs"))
    for m in verbs:
        found = _verb_attribution(s, m, previous, weak=False)
        if found is not None:
            named.append(found)
    for m in _matches(s, lexicon.pattern("weak_verbs")):
        found = _verb_attribution(s, m, previous, weak=True)
        if found is not None:
            named.append(found)
    if named:
        return min(named, key=lambda a: a.span or (0, 0))

    hedges = _matches(s, lexicon.pattern("vague_hedges"))
    if hedges:
        return _cue(hedges[0], "vague", None)

    # An attribution verb or source phrase with nobody named: somebody is said to say it.
    unnamed = list(phrases)
    for m in verbs:
        i, last = s.index_at(m.start()), s.index_at(m.end() - 1)
        if not s.is_noun_use(i) and s.introduces_content(last):
            unnamed.append(m)
    if unnamed:
        return _cue(min(unnamed, key=lambda m: m.start()), "vague", None)
    return Attribution("none")
