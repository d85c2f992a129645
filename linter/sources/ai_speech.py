"""Leaked chatbot speech, read as a grammar of speech acts over lexicon slots.

A chatbot's reply published as a page keeps the assistant talking to its user: "I'm not able to
write a description stating that…", "If it helps, I can also convert these measurements…",
"Could you tell me the material…?", "My training data only runs to early 2023". What makes
them machine speech is not a phrase but a combination: a speaker (the assistant's "I") or an
addressee (its user's "you"), a speech act's verb, and what the act is about (a deliverable, the
user's input, a policy, live data). A human writer rarely puts all of them in one sentence.

The registry's `speech` list holds the acts as data. Each rule names:

- `seq`: lexicon lists whose words must appear in this order, each within `gap` words of the
  one before ("I" · "not able to" · "write"); a slot `a|b` takes a word of either list;
- `with`: lists of which at least one must appear in the same sentence (the deliverable, the
  policy, the user's condition); a name joined by `+` is a sequence of lists ("your+input_nouns");
- `unless`: lists none of whose words may be in the sentence (the people's side of an
  exchange: "the photos you sent us");
- `opens`: the sequence opens its sentence ("Great question! Below you'll find…");
- `reach`: how many sentences the rule reads, the first holding the sequence's start;
- `anchor`: the slot (of `seq` or `with`) whose words make a sentence worth reading at all,
  the rarest in news prose (default: the first of `seq`);
- `ends_phrase`: the last slot ends its noun phrase, so "as an AI system, I" is the assistant
  and "as an AI researcher, I" is not.

Slots are lexicon lists (verbs listed by base form get their forms, as everywhere in the
registry); `agents` is the registry's model names. Every hit keeps the words of each slot, so a
finding says which cue decided. Context (quotation, a reporting clause, a headline, a sample
wording) is judged by the caller, as for the registry's patterns.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from linter.model import RegistryError
from linter.sources.ai_lexicon import Lexicon, alternation
from linter.sources.linear_regex import compile_linear

__all__ = ["SpeechGrammar", "SpeechHit", "SpeechRule", "parse_speech"]

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[!?.,:;—–]")
_RULE_LIMIT = 200
_KEYS = frozenset({"id", "class", "act", "seq", "gap", "with", "unless", "anchor", "opens", "reach",
                   "ends_phrase"})
_ID = re.compile(r"[a-z][a-z0-9-]{0,60}\Z")
_MAX_GAP = 8
_MAX_SLOTS = 8
_MAX_REACH = 2
# Words that may follow a noun phrase's head: "as an AI system, I…", "as a chatbot with no
# memories", "an AI model developed by…". Any other word continues the phrase ("AI researcher").
_PHRASE_ENDERS = frozenset((
    "with", "and", "i", "so", "that", "who", "which", "developed", "trained", "created",
    "built", "made", "designed", "by", "without", "like", "named", "called", "from", "in",
    "here", "now", "myself", "rather", "not", "but", "or", "for", "i'm", "i've", "i'd", "i'll",
    "my", "me", "to"))
_PUNCTUATION = frozenset("!?.,:;—–")
_ENDERS = _PHRASE_ENDERS | _PUNCTUATION | {"\x00"}
_STOP = "\x00"
# A rule reads leaked chatbot speech, or a disclosure of AI help worded as the writer's own
# act ("I ran this letter through ChatGPT to fix my grammar"): its form names who disclosed.
_CLASSES = ("leaked", "disclosed-assisted")
_FORMS = ("first-person", "model-named", "generic-ai", "site-level", "academic-statement")
_END = ""  # the trie's mark of a phrase's end: no token is empty
_WINDOW = 1_000  # characters: longer than any sentence a chatbot writes
_NEXT_LINES = 3  # blank lines between a reply's opening and what follows it
_UNIT_BUDGET = 1_000  # sentences read in one text: more first-person lines than any page


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(word folded to lower case with a straight apostrophe, start, end) of `text`."""
    return [(m.group().lower().replace("’", "'"), m.start(), m.end())
            for m in _TOKEN.finditer(text)]


class SpeechRule(NamedTuple):
    id: str
    act: str
    seq: tuple[str, ...]
    gap: int = 2
    with_: tuple[tuple[str, ...], ...] = ()  # each a sequence of list names
    unless: tuple[str, ...] = ()
    opens: bool = False
    reach: int = 1
    ends_phrase: bool = False
    anchor: str = ""  # the slot whose words make a sentence worth reading ("": seq's first)
    category: str = "leaked"  # or disclosed-assisted: a disclosure of AI help in its own words

    @property
    def anchored(self) -> str:
        return self.anchor or self.seq[0]


class SpeechHit(NamedTuple):
    rule: SpeechRule
    start: int
    end: int
    cues: tuple[tuple[str, str], ...]  # (list name, words) in the order they decided

    def explain(self) -> str:
        words = " × ".join(f"{name.replace('_', ' ')} “{text}”" for name, text in self.cues)
        if self.rule.category != "leaked":
            return f"{self.rule.act} disclosure: {words}"
        return f"chatbot speech ({self.rule.act}): {words}"


class _Phrases:
    """The phrases of one lexicon list, as token tuples indexed by their first token."""

    def __init__(self, phrases: Sequence[str]) -> None:
        by_first: dict[str, set[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(w for w, _, _ in tokens(phrase))
            if words:
                by_first.setdefault(words[0], set()).add(words)
        self.by_first = {k: sorted(v, key=len, reverse=True) for k, v in by_first.items()}

    def at(self, words: Sequence[str], i: int) -> Iterator[int]:
        """The end index of every phrase starting at token `i`, longest first."""
        for phrase in self.by_first.get(words[i], ()):
            n = len(phrase)
            if tuple(words[i:i + n]) == phrase:
                yield i + n


def parse_speech(data: Any, lexicon: Lexicon, acts: Sequence[str],
                 origin: str) -> tuple[SpeechRule, ...]:
    """Validate the registry's `speech` list; RegistryError names the bad entry."""
    if data is None:
        return ()
    if not isinstance(data, list) or len(data) > _RULE_LIMIT:
        raise RegistryError(origin, f"`speech` must be a list of at most {_RULE_LIMIT} rules")
    rules: list[SpeechRule] = []
    seen: set[str] = set()
    for index, item in enumerate(data):
        label = f"speech[{index}]"
        if not isinstance(item, Mapping):
            raise RegistryError(origin, "a speech rule is a mapping", label)
        unknown = sorted(set(map(str, item)) - _KEYS)
        if unknown:
            raise RegistryError(origin, f"unknown key(s): {', '.join(unknown)}", label)
        rid = item.get("id")
        if not isinstance(rid, str) or not _ID.match(rid) or rid in seen:
            raise RegistryError(origin, "`id` must be a new lowercase id (letters, digits, -)",
                                label)
        seen.add(rid)
        label = f"speech rule {rid!r}"
        category = item.get("class", "leaked")
        if category not in _CLASSES:
            raise RegistryError(origin, f"`class` must be one of {', '.join(_CLASSES)}", label)
        act = item.get("act")
        allowed = acts if category == "leaked" else _FORMS
        if act not in allowed:
            raise RegistryError(origin, f"`act` must be one of {', '.join(allowed)}", label)
        seq = _names(item.get("seq"), lexicon, origin, label, "seq")
        if len(seq) > _MAX_SLOTS or any(len(n.split("+")) > _MAX_SLOTS
                                        for n in item.get("with", []) if isinstance(n, str)):
            raise RegistryError(origin, f"a `seq` or a `with` chain has at most {_MAX_SLOTS} "
                                        "lists", label)
        with_ = tuple(tuple(_names(name.split("+"), lexicon, origin, label, "with"))
                      for name in _strings(item.get("with", []), origin, label, "with"))
        unless = tuple(_names(item["unless"], lexicon, origin, label, "unless")
                       ) if "unless" in item else ()
        gap = _integer(item.get("gap", 2), 0, _MAX_GAP, origin, label, "gap")
        reach = _integer(item.get("reach", 1), 1, _MAX_REACH, origin, label, "reach")
        flags = [item.get(k, False) for k in ("opens", "ends_phrase")]
        if not all(isinstance(f, bool) for f in flags):
            raise RegistryError(origin, "`opens` and `ends_phrase` are true or false", label)
        anchor = item.get("anchor", "")
        if anchor and anchor not in {*seq, *(n for names in with_ for n in names)}:
            raise RegistryError(origin, "`anchor` must be one of the rule's `seq` or `with` "
                                        "lists", label)
        rules.append(SpeechRule(rid, str(act), tuple(seq), gap, with_, unless, flags[0],
                                reach, flags[1], str(anchor), str(category)))
    return tuple(rules)


def _strings(value: Any, origin: str, label: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RegistryError(origin, f"`{key}` must be a list of lexicon list names", label)
    return value


def _names(value: Any, lexicon: Lexicon, origin: str, label: str, key: str) -> list[str]:
    names = _strings(value, origin, label, key)
    if not names:
        raise RegistryError(origin, f"`{key}` must name at least one lexicon list", label)
    for part in (part for name in names for part in name.split("|")):
        if part != "agents" and part not in lexicon.words:
            raise RegistryError(origin, f"`{key}` names {part!r}, which is not a lexicon list",
                                label)
    return names


def _integer(value: Any, low: int, high: int, origin: str, label: str, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RegistryError(origin, f"`{key}` must be a whole number from {low} to {high}",
                            label)
    return value


class SpeechGrammar:
    """The compiled speech rules of one registry."""

    def __init__(self, lexicon: Lexicon, rules: Sequence[SpeechRule]) -> None:
        self.rules = tuple(rules)
        names = {n for r in self.rules
                 for n in (*r.seq, *r.unless, *(n for w in r.with_ for n in w))}
        # One trie of every list's phrases, word by word: reading a window costs a walk per
        # word, as deep as the longest phrase that starts there, whatever the lists hold.
        trie: dict[str, Any] = {}
        for name in sorted(names):
            for phrases in _Phrases(self._words(lexicon, name)).by_first.values():
                for phrase in phrases:
                    node = trie
                    for word in phrase:
                        node = node.setdefault(word, {})
                    node.setdefault(_END, []).append(name)
        self._trie = trie
        # A sentence is read only when it holds a phrase of some rule's anchor: a slot every
        # hit of the rule needs, chosen rare ("would you like", "knowledge cutoff"), so that
        # news prose full of "as", "you" and "data" is passed over in one RE2 pass.
        anchors = {w for r in self.rules for w in self._words(lexicon, r.anchored)}
        self._trigger = compile_linear(
            r"\b(?:" + alternation(anchors) + r")(?![A-Za-z0-9])") if anchors else None

    @staticmethod
    def _words(lexicon: Lexicon, name: str) -> tuple[str, ...]:
        if "|" in name:  # a slot any of several lists fills
            return tuple(w for part in name.split("|")
                         for w in SpeechGrammar._words(lexicon, part))
        if name == "agents":
            return tuple(a.name for a in lexicon.agents)
        return lexicon.forms(name) if name.endswith("_verbs") else lexicon.get(name)

    def find(self, text: str, skip: Sequence[tuple[int, int]] = ()) -> list[SpeechHit]:
        """Every rule's first hit in each sentence of `text` that holds a trigger word
        outside `skip` (quoted spans, sorted). At most `_UNIT_BUDGET` sentences are read."""
        if self._trigger is None:
            return []
        reader = _Reader(self, text, skip)
        hits: list[SpeechHit] = []
        read = 0
        done_until = -1
        for start, _, _ in self._trigger.finditer(text):
            if start < done_until or reader.quoted(start):
                continue
            if read >= _UNIT_BUDGET:
                break
            unit = reader.unit_at(start)
            read += 1
            done_until = unit[1]
            hits.extend(self._read(reader, unit))
        return hits

    def _read(self, reader: _Reader, unit: tuple[int, int]) -> Iterator[SpeechHit]:
        first = reader.window(unit)
        after = reader.next_unit(unit)
        both: tuple[list[str], dict[str, dict[int, list[int]]]] | None = None
        for rule in self.rules:
            if rule.anchored not in first[1] and (rule.reach == 1 or after is None
                                                   or rule.opens):
                continue  # its anchor is not in this sentence: nothing to read for it
            if rule.reach == 1 or after is None:
                words, occ = first
            else:
                if both is None:
                    both = reader.pair(unit, after)
                words, occ = both
            spans = reader.offsets(unit, after if rule.reach > 1 else None)
            hit = self._match(rule, words, occ, len(first[0]), spans)
            if hit is not None:
                yield hit

    def index(self, words: list[str]) -> dict[str, dict[int, list[int]]]:
        """list name -> {start token: [end tokens, longest first]} of the phrases in `words`."""
        occ: dict[str, dict[int, list[int]]] = {}
        trie = self._trie
        n = len(words)
        for i in range(n):
            node = trie.get(words[i])
            j = i + 1
            while node is not None:
                for name in node.get(_END, ()):
                    occ.setdefault(name, {}).setdefault(i, []).insert(0, j)
                if j >= n:
                    break
                node = node.get(words[j])
                j += 1
        return occ

    def _match(self, rule: SpeechRule, words: list[str], occ: dict[str, dict[int, list[int]]],
               first_len: int, spans: list[tuple[int, int]]) -> SpeechHit | None:
        if not all(name in occ for name in rule.seq) or any(n in occ for n in rule.unless):
            return None
        if rule.with_ and not any(all(n in occ for n in names) for names in rule.with_):
            return None
        starts = [0] if rule.opens else sorted(i for i in occ[rule.seq[0]] if i < first_len)
        failed: set[tuple[int, int]] = set()
        for i in starts:
            path = self._seq(rule, words, occ, i, 0, failed)
            if path is None:
                continue
            found = self._with(rule, words, occ, path)
            if found is None:
                continue
            cues = [(name, " ".join(words[a:b])) for name, (a, b) in
                    zip(rule.seq, path, strict=True)]
            cues.extend(found)
            return SpeechHit(rule, spans[path[0][0]][0], spans[path[-1][1] - 1][1], tuple(cues))
        return None

    def _seq(self, rule: SpeechRule, words: list[str], occ: dict[str, dict[int, list[int]]],
             i: int, k: int, failed: set[tuple[int, int]] | None = None
             ) -> list[tuple[int, int]] | None:
        """Slots k.. of `rule.seq` from token `i` on: [(start, end)] per slot, or None.
        `failed` remembers (slot, token) pairs that led nowhere, so that a rule pack's long
        sequence over a sentence that matches every slot everywhere is read in time linear
        in the sentence, not exponential in the sequence."""
        if failed is None:
            failed = set()
        if (k, i) in failed:
            return None
        for end in occ[rule.seq[k]].get(i, ()):
            if k + 1 == len(rule.seq):
                if rule.ends_phrase and end < len(words) and words[end] not in _ENDERS:
                    continue  # the phrase goes on: "an AI researcher"
                return [(i, end)]
            following = occ[rule.seq[k + 1]]
            for j in range(end, min(len(words), end + rule.gap + 1)):
                if j > end and words[j - 1] == _STOP:
                    break
                if j in following:
                    rest = self._seq(rule, words, occ, j, k + 1, failed)
                    if rest is not None:
                        return [(i, end), *rest]
        failed.add((k, i))
        return None

    @staticmethod
    def _with(rule: SpeechRule, words: list[str], occ: dict[str, dict[int, list[int]]],
              path: list[tuple[int, int]]) -> list[tuple[str, str]] | None:
        """The first `with` alternative found outside the sequence's own words, as cues;
        [] when the rule needs none; None when it needs one and none is there."""
        if not rule.with_:
            return []
        used = {t for a, b in path for t in range(a, b)}
        for names in rule.with_:
            if not all(n in occ for n in names):
                continue
            for i in sorted(occ[names[0]]):
                end = _chain(names, occ, i)
                if end is not None and not used.intersection(range(i, end)):
                    return [("+".join(names), " ".join(words[i:end]))]
        return None


class _Reader:
    """The sentences of one text around its trigger words, found, tokenised and indexed once
    each, as rules ask for them: a long text is split only where it is read."""

    def __init__(self, grammar: SpeechGrammar, text: str,
                 skip: Sequence[tuple[int, int]]) -> None:
        self.grammar, self.text, self.skip = grammar, text, skip
        self.skip_starts = [s for s, _ in skip]
        self._lines: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}
        self._tokens: dict[tuple[int, int], tuple[list[str], list[tuple[int, int]]]] = {}
        self._index: dict[tuple[int, int], dict[str, dict[int, list[int]]]] = {}

    def quoted(self, pos: int) -> bool:
        return bool(self.skip) and _inside(self.skip, self.skip_starts, pos)

    def _line_units(self, line_start: int) -> tuple[list[tuple[int, int]], list[int]]:
        """The sentences of the line starting at `line_start`, and their starts."""
        found = self._lines.get(line_start)
        if found is None:
            end = self.text.find("\n", line_start)
            units = _line_units(self.text, line_start, len(self.text) if end < 0 else end)
            found = self._lines[line_start] = (units, [s for s, _ in units])
        return found

    def unit_at(self, pos: int) -> tuple[int, int]:
        line_start = self.text.rfind("\n", 0, pos) + 1
        units, starts = self._line_units(line_start)
        i = bisect.bisect_right(starts, pos) - 1
        return units[max(0, i)] if units else (pos, pos)

    def next_unit(self, unit: tuple[int, int]) -> tuple[int, int] | None:
        """The sentence after `unit`: in its line, else the first of the next lines that
        holds one (a heading's next line), within a few lines."""
        line_start = self.text.rfind("\n", 0, unit[0]) + 1
        units, starts = self._line_units(line_start)
        i = bisect.bisect_left(starts, unit[0])
        if i + 1 < len(units):
            return units[i + 1]
        for _ in range(_NEXT_LINES):
            end = self.text.find("\n", line_start)
            if end < 0:
                return None
            line_start = end + 1
            following = self._line_units(line_start)[0]
            if following:
                return following[0]
        return None

    def tokens(self, unit: tuple[int, int]) -> tuple[list[str], list[tuple[int, int]]]:
        found = self._tokens.get(unit)
        if found is None:
            start, end = unit
            words: list[str] = []
            spans: list[tuple[int, int]] = []
            for word, s, e in tokens(self.text[start:end]):
                # Quoted words are someone else's: each becomes a stop no slot crosses.
                words.append(_STOP if self.quoted(start + s) else word)
                spans.append((start + s, start + e))
            found = self._tokens[unit] = (words, spans)
        return found

    def window(self, unit: tuple[int, int]) -> tuple[list[str], dict[str, dict[int, list[int]]]]:
        words = self.tokens(unit)[0]
        if unit not in self._index:
            self._index[unit] = self.grammar.index(words)
        return words, self._index[unit]

    def pair(self, unit: tuple[int, int], after: tuple[int, int]
             ) -> tuple[list[str], dict[str, dict[int, list[int]]]]:
        """A sentence and the next, as one window (no phrase crosses their boundary)."""
        words, occ = self.window(unit)
        more, more_occ = self.window(after)
        merged = {name: dict(starts) for name, starts in occ.items()}
        shift = len(words)
        for name, starts in more_occ.items():
            target = merged.setdefault(name, {})
            for i, ends in starts.items():
                target[i + shift] = [e + shift for e in ends]
        return words + more, merged

    def offsets(self, unit: tuple[int, int],
                after: tuple[int, int] | None) -> list[tuple[int, int]]:
        spans = list(self.tokens(unit)[1])
        if after is not None:
            spans += self.tokens(after)[1]
        return spans


def _chain(names: tuple[str, ...], occ: dict[str, dict[int, list[int]]], i: int) -> int | None:
    """The end of lists `names` found one after another from token `i`, or None."""
    if not names:
        return i
    for end in occ[names[0]].get(i, ()):
        found = _chain(names[1:], occ, end)
        if found is not None:
            return found
    return None


def _inside(spans: Sequence[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _line_units(text: str, line_start: int, line_end: int) -> list[tuple[int, int]]:
    """The sentences of one line: a line break always ends a sentence (a heading, a list
    item, a product name glued to the copy below it). A run longer than any sentence is read
    in windows, so that the work on one unit is bounded whatever the text."""
    from linter.text.sentences import split_sentences

    out: list[tuple[int, int]] = []
    for s, e in split_sentences(text[line_start:line_end]):
        start, end = line_start + s, line_start + e
        while end - start > _WINDOW:
            cut = text.rfind(" ", start + _WINDOW // 2, start + _WINDOW)
            cut = start + _WINDOW if cut < 0 else cut
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out
