"""AI-provenance signals in source text, driven by the `ai-patterns` registry.

The registry (`rules/registries/ai-patterns.yaml`) lists regular expressions in four classes:

- ``disclosed-unreviewed``: the source says a machine wrote it and says nothing of human
  review (the Beijing Post footer: "An advanced artificial intelligence (AI) system generated
  the content of this page on its own").
- ``disclosed-reviewed``: the source says AI helped and humans reviewed or edited the result.
- ``leaked``: chatbot output published as is ("As an AI language model", "Regenerate
  response", unfilled template slots, ``utm_source=chatgpt.com`` links).
- ``style``: stylistic markers of machine-written or sales copy (emoji section headings,
  money-back-guarantee banners, "delve into"). A weak signal: never decisive on its own.

Disclosures are read by the registry's grammar (`linter.sources.ai_grammar`: agent x verb x
degree x referent, from the registry's `agents` and `lexicon`), not by phrase patterns, into
three classes: ``disclosed-unreviewed`` (generated, no review stated), ``disclosed-assisted``
(AI helped, nobody said to have checked it) and ``disclosed-reviewed``.

`provenance_of` folds the signals into DESIGN.md's scale
``none | assisted-and-reviewed | assisted-unreviewed | generated | leaked``. Provenance is not
reliability: the rules decide what each level costs.

Patterns are run by RE2 (`linear_regex`), in time linear in the text whatever a registry or a
rule pack writes: a pattern RE2 cannot run that way is refused when the registry is loaded.

Precision matters more than recall here: calling a human newsroom's article "AI-generated" is
a serious accusation. Text that *reports on* a phrase therefore never fires: a phrase inside
quotation marks, or right after a reporting cue such as "the phrase" or "wrote", is someone
else's words being discussed, not the page's own voice.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from linter.model import RegistryError
from linter.sources.ai_grammar import DisclosureGrammar
from linter.sources.ai_lexicon import Lexicon, expand_slots, parse_lexicon
from linter.sources.ai_speech import SpeechGrammar, SpeechRule, parse_speech
from linter.sources.linear_regex import LinearPattern, LinearSet, PatternError, compile_linear
from linter.text.quotes import quoted_spans

__all__ = [
    "CLASSES",
    "PROVENANCE_LEVELS",
    "AiPattern",
    "AiPatternSet",
    "AiSignal",
    "RegistryError",
    "check_linear_safe",
    "find_ai_signals",
    "provenance_of",
]

CLASSES = ("disclosed-unreviewed", "disclosed-assisted", "disclosed-reviewed", "leaked", "style")
PROVENANCE_LEVELS = ("none", "assisted-and-reviewed", "assisted-unreviewed", "generated", "leaked")
# The chatbot speech acts a leaked pattern may name (`act`).
ACTS = ("refusal", "capability", "request-for-input", "offer", "cutoff", "commentary-on-input",
        "preamble", "template-residue", "self-description", "ui-text", "referral-link")

_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_PATTERN_KEYS = frozenset({"id", "class", "pattern", "explanation"})
_OPTIONAL_KEYS = frozenset({"act"})
_TOP_KEYS = frozenset({"version", "patterns", "reporting_cues", "agents", "lexicon", "speech"})
_FLAGS = re.IGNORECASE | re.MULTILINE
_MATCH_BUDGET = 1_000  # matches of one pattern judged in one text
_LEAD = re.compile(r"(?:[.!?:;,]+(?=\s))?\s*")  # the end of the sentence before, then space
# When every pattern is searched for in one pass (`AiPatternSet.searched`): in texts this long,
# once this many have been read. A title or a short snippet holds few of the literals a pattern
# needs and costs little to filter by them; compiling the set costs as much as filtering some
# tens of articles, which a run that reads a few articles would not win back.
_ONE_PASS_TEXT = 2_000
_ONE_PASS_AFTER = 8

# Used when a pattern set does not bring its own `reporting_cues`: words that introduce a
# phrase being talked about rather than said ("the phrase", "wrote", "included the text").
DEFAULT_REPORTING_CUES = (
    "the phrase",
    "the phrases",
    "the words",
    "the line",
    "the sentence",
    "the text",
    "the message",
    "the boilerplate",
    "phrases like",
    "phrases such as",
    "words like",
    "wrote",
    "writes",
    "that read",
    "which read",
    "reading",
    "included the text",
    "included the words",
    "included the phrase",
    "including the text",
    "contained the text",
    "contained the words",
    "containing the text",
    "containing the words",
)


class AiPattern(NamedTuple):
    """One registry pattern. `category` is the registry's `class` field.

    `required`: strings (lowercase) one of which every text the pattern matches holds, once
    lowercased (see `required_literals`); empty when none is known. A text holding none of them
    is not searched, and a pattern no text needs is never compiled: a run compiled all of the
    registry's patterns (7 ms, a thirtieth of a pre-commit run) to search a few titles."""

    id: str
    category: str
    pattern: str  # as compiled: the registry's `{@name}` slots filled from its lexicon
    explanation: str
    required: tuple[str, ...] = ()
    act: str = ""

    @property
    def regex(self) -> LinearPattern:
        return _compiled(self.pattern)


@functools.lru_cache(maxsize=1024)
def _compiled(pattern: str) -> LinearPattern:
    """The pattern compiled for RE2, once per process (PatternError if it cannot be)."""
    return compile_linear(pattern)


class AiSignal(NamedTuple):
    """A pattern match in a text. `start`/`end` are offsets; `line`/`column` are 1-based."""

    pattern_id: str
    category: str
    matched: str
    start: int
    end: int
    line: int
    column: int
    explanation: str = ""
    scope: str = "page"  # what it covers: block | page | site | series
    kind: str = ""  # the speech act of leaked text, the form of a disclosure

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


# --- linear-time safety -------------------------------------------------------------------

try:  # The regex parser is private; fall back to the deprecated public alias if it moves.
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11 or a future reshuffle
    import sre_parse as _sre_parse

_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


@functools.lru_cache(maxsize=1024)
def check_linear_safe(pattern: str) -> str | None:
    """Why `pattern` cannot be run in time linear in the text, or None when it can.

    Not a guess from the pattern's shape (a structural check passed `x[^y]*x[^y]*x[^y]*y`,
    40 s on 600 characters): the pattern is compiled for RE2, which matches without
    backtracking and refuses what would need it (lookaround, backreferences), and counted
    repeats over 1,000 are refused before RE2 sizes its program by them."""
    try:
        _compiled(pattern)
    except PatternError as exc:
        return str(exc)
    return None


# --- required literals ----------------------------------------------------------------------

# Characters a literal may hold and still be looked for in `text.lower()`: ASCII, except the
# letters Python's case-insensitive matching pairs with other characters ("i" with "ı" and
# "İ", "s" with "ſ", "k" with the Kelvin sign K). For every other ASCII character, a text the
# pattern matches holds the character itself in one of its ASCII cases, which `lower()` maps
# to its lowercase, and no other character lowers to an ASCII one.
_SAFE = frozenset(chr(c) for c in range(128)) - frozenset("iIsSkK")
_MIN_LITERAL = 3  # shorter ones are in nearly every text: looking costs more than it saves


# The same pattern is read again by every rule that loads the registry in a run without the
# compiled rulebook (--no-cache): its literals are read once.
@functools.lru_cache(maxsize=1024)
def required_literals(pattern: str) -> tuple[str, ...]:
    """Lowercase strings one of which is in `text.lower()` for every `text` the pattern
    (compiled with the registry's flags) matches; () when no useful such set is known.

    Read from the parsed pattern: a run of literal characters is required where it stands
    outside any optional part; an alternation requires one of what each branch requires; a
    sequence requires what its most selective part requires."""
    try:
        found = _required(_sre_parse.parse(pattern, _FLAGS))
    except re.error:
        return ()
    if not found or min(map(len, found)) < _MIN_LITERAL:
        return ()
    return tuple(sorted(found))


def _required(tree: Any) -> frozenset[str] | None:
    """What the sequence `tree` requires, or None (nothing known)."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    for op, arg in tree:
        name = str(op)
        if name == "LITERAL" and chr(arg) in _SAFE:
            run.append(chr(arg).lower())
            continue
        consider(frozenset({"".join(run)}) if run else None)
        run = []
        if name == "SUBPATTERN":
            consider(_required(arg[-1]))
        elif name in _REPEATS and arg[0] >= 1:  # at least once: what the body requires
            consider(_required(arg[2]))
        elif name == "BRANCH":
            branches = [_required(branch) for branch in arg[1]]
            if all(branches):
                consider(frozenset().union(*branches))  # type: ignore[arg-type]
        # anything else (a class, a lookaround, an optional part) requires nothing known
    consider(frozenset({"".join(run)}) if run else None)
    return best


# --- the pattern set ----------------------------------------------------------------------


def _cue_regex(cues: Sequence[str]) -> re.Pattern[str]:
    # Longest first so that "the phrases" wins over "the phrase"; literal words only, so the
    # alternation is linear. The cue must end right before the match, allowing a colon, dash
    # or an opening quotation mark in between.
    words = sorted({c.strip().lower() for c in cues if c.strip()}, key=lambda w: (-len(w), w))
    body = "|".join(r"\s+".join(re.escape(w) for w in cue.split()) for cue in words)
    return re.compile(
        rf"\b(?:{body})\s*[:,\-\u2013\u2014]?\s*[\"'\u201c\u2018\u00ab]?\s*\Z", _FLAGS
    )


@dataclass(frozen=True, slots=True)
class AiPatternSet:
    """A validated, compiled `ai-patterns` registry."""

    patterns: tuple[AiPattern, ...]
    origin: str = "<ai-patterns>"
    reporting_cues: tuple[str, ...] = DEFAULT_REPORTING_CUES
    cue_regex: re.Pattern[str] = field(
        default_factory=lambda: _cue_regex(DEFAULT_REPORTING_CUES), compare=False, repr=False
    )
    lexicon: Lexicon = field(default_factory=lambda: Lexicon((), {}), compare=False,
                             repr=False)
    speech_rules: tuple[SpeechRule, ...] = field(default=(), compare=False, repr=False)

    # Which patterns a text may match: the patterns that require one of a literal's
    # (registry order), tested once per distinct literal instead of once per pattern and
    # literal; and the patterns with no known literal, searched in every text.
    by_literal: tuple[tuple[str, tuple[int, ...]], ...] = field(
        init=False, compare=False, repr=False)
    unfiltered: frozenset[int] = field(init=False, compare=False, repr=False)
    grammar: DisclosureGrammar = field(init=False, compare=False, repr=False)
    # [long texts read so far, the one-pass set (False: it could not be built)]
    _one_pass: list[Any] = field(init=False, compare=False, repr=False)
    speech: SpeechGrammar = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        by_literal: dict[str, list[int]] = {}
        unfiltered = set()
        for index, pattern in enumerate(self.patterns):
            if not pattern.required:
                unfiltered.add(index)
            for literal in pattern.required:
                by_literal.setdefault(literal, []).append(index)
        object.__setattr__(self, "by_literal",
                           tuple((k, tuple(v)) for k, v in sorted(by_literal.items())))
        object.__setattr__(self, "unfiltered", frozenset(unfiltered))
        object.__setattr__(self, "grammar", DisclosureGrammar(self.lexicon))
        object.__setattr__(self, "_one_pass", [0, None])
        object.__setattr__(self, "speech", SpeechGrammar(self.lexicon, self.speech_rules))

    def candidates(self, text: str) -> list[AiPattern]:
        """The patterns that may match `text`, in registry order: a pattern none of whose
        required literals `text.lower()` holds cannot match, and is neither compiled nor run."""
        lowered = text.lower()
        chosen = set(self.unfiltered)
        for literal, indices in self.by_literal:
            if literal in lowered:
                chosen.update(indices)
        return [self.patterns[index] for index in sorted(chosen)]

    def searched(self, text: str) -> list[AiPattern]:
        """The patterns to search `text` with, in registry order: `candidates`, or in a run that
        reads many long texts (articles: nearly every pattern's literals are in each), only the
        patterns one pass over the text finds matching somewhere. Either way every pattern
        with a match in `text` is among them, so the findings are the same."""
        if len(text) >= _ONE_PASS_TEXT:
            one_pass = self._one_pass_set()
            possible = None if one_pass is None else one_pass.possible(text)
            if possible is not None:
                return [self.patterns[index] for index in sorted(possible)]
        return self.candidates(text)

    def _one_pass_set(self) -> LinearSet | None:
        state = self._one_pass
        if state[1] is None:
            state[0] += 1
            if state[0] < _ONE_PASS_AFTER:
                return None
            try:
                state[1] = LinearSet([p.pattern for p in self.patterns])
            except PatternError:  # too large for RE2 as one set: search pattern by pattern
                state[1] = False
        return state[1] or None

    def __iter__(self) -> Iterator[AiPattern]:
        return iter(self.patterns)

    def __len__(self) -> int:
        return len(self.patterns)


    @classmethod
    def from_data(cls, data: Any, origin: str,
                  verified: Mapping[str, Sequence[str]] | None = None) -> AiPatternSet:
        """Validate parsed registry data; raise `RegistryError` naming `origin` and the entry.

        `verified`: patterns this code has already found to compile, not to match the empty
        text and to be linear-safe, with their required literals (the compiled rulebook keeps
        the built-in registry's: checking parses and compiles every pattern in Python). They
        are compiled only when a text needs them."""
        if not isinstance(data, Mapping):
            raise RegistryError(origin, "expected a mapping with `version` and `patterns`")
        unknown = sorted(set(map(str, data)) - _TOP_KEYS)
        if unknown:
            raise RegistryError(origin, f"unknown top-level key(s): {', '.join(unknown)}")
        if data.get("version") != 1:
            raise RegistryError(origin, f"`version` must be 1, not {data.get('version')!r}")
        items = data.get("patterns")
        if not isinstance(items, list) or not items:
            raise RegistryError(origin, "`patterns` must be a non-empty list")

        cues_data = data.get("reporting_cues", list(DEFAULT_REPORTING_CUES))
        if not isinstance(cues_data, list) or not all(
            isinstance(c, str) and c.strip() for c in cues_data
        ):
            raise RegistryError(origin, "`reporting_cues` must be a list of non-empty strings")

        lexicon = parse_lexicon(data.get("agents"), data.get("lexicon"), origin)
        patterns: list[AiPattern] = []
        seen: set[str] = set()
        for index, item in enumerate(items):
            patterns.append(_parse_pattern(item, index, origin, seen, verified or {}, lexicon))
        cues = tuple(cues_data)
        speech = parse_speech(data.get("speech"), lexicon, ACTS, origin)
        return cls(tuple(patterns), origin, cues, _cue_regex(cues), lexicon, speech)


def _parse_pattern(item: Any, index: int, origin: str, seen: set[str],
                   verified: Mapping[str, Sequence[str]], lexicon: Lexicon) -> AiPattern:
    label = f"patterns[{index}]"
    if not isinstance(item, Mapping):
        raise RegistryError(origin, "expected a mapping", label)
    pid = item.get("id")
    if isinstance(pid, str) and _ID_RE.match(pid):
        label = f"pattern {pid!r}"
    else:
        raise RegistryError(origin, "`id` must be lowercase letters, digits and hyphens", label)
    unknown = sorted(set(map(str, item)) - _PATTERN_KEYS - _OPTIONAL_KEYS)
    if unknown:
        raise RegistryError(origin, f"unknown key(s): {', '.join(unknown)}", label)
    missing = sorted(_PATTERN_KEYS - set(item))
    if missing:
        raise RegistryError(origin, f"missing key(s): {', '.join(missing)}", label)
    if pid in seen:
        raise RegistryError(origin, "duplicate id", label)
    seen.add(pid)
    category = item["class"]
    if category not in CLASSES:
        raise RegistryError(origin, f"`class` must be one of {', '.join(CLASSES)}", label)
    for key in ("pattern", "explanation"):
        if not isinstance(item[key], str) or not item[key].strip():
            raise RegistryError(origin, f"`{key}` must be a non-empty string", label)
    act = item.get("act", "")
    if act and (category != "leaked" or act not in ACTS):
        raise RegistryError(origin, f"`act` is for leaked patterns, one of {', '.join(ACTS)}",
                            label)
    written = item["pattern"]
    source = expand_slots(written, lexicon, origin, label)
    explanation = item["explanation"].strip()
    known = verified.get(source)
    if known is not None:
        return AiPattern(pid, category, source, explanation, tuple(known), act)
    problem = pattern_problem(source)
    if problem:
        raise RegistryError(origin, f"{problem}: {written!r}", label)
    # Reading the literals costs about 0.1 ms a pattern; a run that assesses many sources
    # (a --no-cache one, with no compiled rulebook to keep them) saves far more.
    return AiPattern(pid, category, source, explanation, required_literals(source), act)


def pattern_problem(source: str) -> str | None:
    """Why a registry pattern is refused, or None."""
    problem = check_linear_safe(source)
    if problem:
        return problem
    if _compiled(source).search("") is not None:
        # A pattern that matches nothing at all would fire on every text.
        return "pattern matches the empty string"
    return None


# --- matching ------------------------------------------------------------------------------


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1]


def find_ai_signals(text: str, patterns: AiPatternSet | Iterable[AiPattern]) -> list[AiSignal]:
    """Find AI-provenance signals in `text`: the registry's patterns (leaked text, style
    markers, a pack's own disclosure patterns) and the disclosures its grammar reads, skipping
    what is quoted, reported on, a headline or a sample wording.

    The result is sorted by position, then pattern id, so output is stable across runs.
    """
    if isinstance(patterns, AiPatternSet):
        cue_regex = patterns.cue_regex
        searched: Iterable[AiPattern] = patterns.searched(text)
        grammar: DisclosureGrammar | None = patterns.grammar
        speech: SpeechGrammar | None = patterns.speech
    else:
        cue_regex = _cue_regex(DEFAULT_REPORTING_CUES)
        lowered = text.lower()
        searched = [p for p in patterns
                    if not p.required or any(literal in lowered for literal in p.required)]
        grammar = speech = None
    # Quoted spans and line starts are wanted only for a match, which most texts hold none of.
    spans: list[tuple[int, int]] | None = None
    span_starts: list[int] = []
    line_starts: list[int] = []
    signals: list[AiSignal] = []

    def place(start: int) -> tuple[int, int]:
        nonlocal spans, span_starts, line_starts
        if not line_starts:
            line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        line = bisect.bisect_right(line_starts, start)
        return line, start - line_starts[line - 1] + 1

    def quoted() -> tuple[list[tuple[int, int]], list[int]]:
        nonlocal spans, span_starts
        if spans is None:
            spans = quoted_spans(text)
            span_starts = [s for s, _ in spans]
        return spans, span_starts

    for pat in searched:
        for seen, (start, end, matched) in enumerate(pat.regex.finditer(text)):
            if seen == _MATCH_BUDGET:
                break  # a text that says it this often has said it: the rest adds nothing
            # A pattern anchored on the sentence before ("(?:^|[.!?]\s+)Sure!") reports the
            # words, not the punctuation and white space it stood on.
            lead = _LEAD.match(matched).end()  # type: ignore[union-attr]
            start, matched = start + lead, matched[lead:]
            if start >= end:
                continue
            if _inside(*quoted(), start):
                continue  # quoted: reported speech, not the page's own voice
            line_start = text.rfind("\n", 0, start) + 1
            if cue_regex.search(text, max(line_start, start - 80), start):
                continue  # "the phrase …", "wrote …": the text is talking about the words
            if grammar is not None and pat.category == "leaked" and (
                    grammar.leaked_context(text, start, end, pat.act)):
                continue  # a headline, a reported sentence, a sample wording
            line, column = place(start)
            signals.append(AiSignal(pat.id, pat.category, matched, start, end, line, column,
                                    pat.explanation, "page", pat.act))
    if speech is not None and speech.rules and grammar is not None:
        leaked = [(s.start, s.end) for s in signals if s.category == "leaked"]
        for hit in speech.find(text, quoted()[0]):
            if hit.rule.category == "leaked" and any(a < hit.end and hit.start < b
                                                     for a, b in leaked):
                continue  # a registry pattern already reported these words
            line_start = text.rfind("\n", 0, hit.start) + 1
            if cue_regex.search(text, max(line_start, hit.start - 80), hit.start):
                continue
            category = "leaked"
            if hit.rule.category != "leaked":
                own = grammar.own_act_class(text, hit.start, hit.end)
                if own is None:
                    continue
                category = own
            elif grammar.leaked_context(text, hit.start, hit.end, hit.rule.act):
                continue
            if category == "leaked":
                leaked.append((hit.start, hit.end))
            line, column = place(hit.start)
            signals.append(AiSignal(f"speech-{hit.rule.id}", category, text[hit.start:hit.end],
                                    hit.start, hit.end, line, column, hit.explain(), "page",
                                    hit.rule.act))
    if grammar is not None and grammar.lexicon.agents:
        for found in grammar.find(text, quoted()[0]):
            line, column = place(found.start)
            signals.append(AiSignal(
                f"disclosure-{found.form}", found.category, text[found.start:found.end],
                found.start, found.end, line, column, found.explain(), found.scope,
                found.form))
    signals.sort(key=lambda s: (s.start, s.end, s.pattern_id))
    return signals


def provenance_of(signals: Iterable[AiSignal]) -> str:
    """Map signals to ``none | assisted-and-reviewed | assisted-unreviewed | generated |
    leaked``.

    Leaked chatbot text outranks everything: it shows that whatever review a page claims did
    not happen. A stated human review outranks a bare disclosure elsewhere on the page ("This
    article was generated by AI." and, below it, "Reviewed by our editors."); a disclosure of
    generation outranks one of help. Style markers never change provenance on their own.
    """
    categories = {s.category for s in signals}
    if "leaked" in categories:
        return "leaked"
    if "disclosed-reviewed" in categories:
        return "assisted-and-reviewed"
    if "disclosed-unreviewed" in categories:
        return "generated"
    if "disclosed-assisted" in categories:
        return "assisted-unreviewed"
    return "none"
