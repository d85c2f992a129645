"""The `agents` and `lexicon` of the ai-patterns registry, validated, and turned into patterns.

A lexicon list holds words and phrases, never regular expressions, so that a rule pack can add
next year's models or a newsroom's own words without writing one. Verbs are listed by their
base form ("generate"), and the regular forms are derived ("generates", "generated",
"generating"); an irregular verb lists its forms with "|" ("write|wrote|written|writing|writes").
Only lists named `*_verbs` are read as verbs.

`alternation(words)` is the one place a phrase becomes a pattern: escaped, white space matching
any run of white space, an apostrophe matching the typographic one too, longest first so that
"large language model" wins over "language model".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from linter.model import RegistryError

__all__ = ["Agent", "Lexicon", "alternation", "expand_slots", "verb_forms"]

_WORD_LIMIT = 2_000  # per list: a registry is read on every run and compiled into patterns
_PHRASE_LIMIT = 80
_SLOT = re.compile(r"\{@([a-z_]+)\}")


class Agent(NamedTuple):
    """A model or product a disclosure may name. `ambiguous`: also a person's or a thing's
    name, so matched only capitalised and not before another capitalised word."""

    name: str
    ambiguous: bool = False


class Lexicon(NamedTuple):
    agents: tuple[Agent, ...]
    words: Mapping[str, tuple[str, ...]]

    def get(self, name: str) -> tuple[str, ...]:
        return self.words.get(name, ())

    def forms(self, name: str) -> tuple[str, ...]:
        """Every form of every verb of list `name`."""
        return tuple(form for entry in self.get(name) for form in verb_forms(entry))


def verb_forms(entry: str) -> tuple[str, ...]:
    """The forms of a verb entry: listed with "|", or derived from a regular base form."""
    if "|" in entry:
        return tuple(dict.fromkeys(f.strip() for f in entry.split("|") if f.strip()))
    first, _, rest = entry.partition(" ")
    tail = f" {rest}" if rest else ""
    if first.endswith("e"):
        stem = first[:-1]
        derived = [first + "s", first + "d", stem + "ing"]
    elif first.endswith("y") and first[-2:-1] not in "aeiou":
        derived = [first + "s", first[:-1] + "ied", first + "ing"]
    else:
        derived = [first + "s", first + "ed", first + "ing"]
    return tuple(dict.fromkeys([entry, *(d + tail for d in derived)]))


def _phrase(word: str) -> str:
    parts = []
    for token in word.split():
        parts.append("".join("['’]" if ch in "'’" else re.escape(ch) for ch in token))
    return r"\s+".join(parts)


def alternation(words: Iterable[str]) -> str:
    """A pattern matching any of `words` (case as the caller's flags say), longest first."""
    unique = sorted({w.strip() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    return "|".join(_phrase(w) for w in unique) or r"\b\B"  # an empty list matches nothing


def expand_slots(pattern: str, lexicon: Lexicon, origin: str, label: str) -> str:
    """`pattern` with each `{@name}` replaced by the alternation of lexicon list `name`."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "agents":  # the model names, as the registry's `agents` lists them
            return alternation(a.name for a in lexicon.agents)
        if name not in lexicon.words:
            raise RegistryError(origin, f"pattern uses {{@{name}}}, which is not a lexicon list",
                                label)
        words = lexicon.forms(name) if name.endswith("_verbs") else lexicon.get(name)
        return alternation(words)

    return _SLOT.sub(replace, pattern)


def parse_lexicon(agents_data: Any, words_data: Any, origin: str) -> Lexicon:
    """Validate the registry's `agents` and `lexicon`; RegistryError names the bad entry."""
    agents: list[Agent] = []
    if agents_data is None:
        agents_data = []
    if not isinstance(agents_data, list) or len(agents_data) > _WORD_LIMIT:
        raise RegistryError(origin, f"`agents` must be a list of at most {_WORD_LIMIT:,} entries")
    for index, item in enumerate(agents_data):
        label = f"agents[{index}]"
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, Mapping) or set(map(str, item)) - {"name", "ambiguous"}:
            raise RegistryError(origin, "an agent is a mapping with `name` and optional "
                                        "`ambiguous`", label)
        name, ambiguous = item.get("name"), item.get("ambiguous", False)
        if not _good_phrase(name):
            raise RegistryError(origin, f"`name` must be a word or phrase of at most "
                                        f"{_PHRASE_LIMIT} characters", label)
        if not isinstance(ambiguous, bool):
            raise RegistryError(origin, "`ambiguous` must be true or false", label)
        agents.append(Agent(str(name).strip(), ambiguous))
    if words_data is None:
        words_data = {}
    if not isinstance(words_data, Mapping):
        raise RegistryError(origin, "`lexicon` must be a mapping of names to lists of words")
    words: dict[str, tuple[str, ...]] = {}
    for name, items in words_data.items():
        label = f"lexicon.{name}"
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z_]{0,40}", name):
            raise RegistryError(origin, "lexicon names are lowercase letters and _", label)
        if not isinstance(items, list) or len(items) > _WORD_LIMIT or not all(
                _good_phrase(w) for w in items):
            raise RegistryError(origin, f"must be a list of at most {_WORD_LIMIT:,} words or "
                                        f"phrases of at most {_PHRASE_LIMIT} characters", label)
        words[name] = tuple(str(w).strip() for w in items)
    return Lexicon(tuple(agents), words)


def _good_phrase(word: Any) -> bool:
    return (isinstance(word, str) and 0 < len(word.strip()) <= _PHRASE_LIMIT
            and "\n" not in word and word.isprintable())
