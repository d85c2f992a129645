"""Disclosures of AI use, read as a grammar: agent x production verb x degree x referent.

"This article was written entirely by GPT-4o" is an agent (GPT-4o, a model), a production verb
(written), a degree (entirely) and a referent (this article: the page). The registry's lexicon
(`linter.sources.ai_lexicon`) holds the words of each slot; this module finds them in a
sentence and decides:

- whether the sentence is a disclosure about *this* text (a referent: this page, its site, its
  series; a label line next to a block; a journal's "Statement on AI use:") rather than a news
  report about someone else's ("The essay, written by ChatGPT, won a prize");
- whether context takes it back: quotation, a reporting clause (", NewsGuard found"),
  negation ("not written by ChatGPT"), modality and policy ("must be reviewed"), a detector's
  verdict ("flagged as AI-generated"), a question, a list of sample wordings ("Example:");
- its class: `disclosed-reviewed` when a human review is stated (in the sentence or the next
  one), `disclosed-assisted` when the verb, a degree or a help marker says AI helped
  ("drafted", "partly", "with the help of"), else `disclosed-unreviewed`;
- its scope: the block a label stands by, the page, the site, the series.

Every decision keeps the words that made it (`Disclosure.cues`), so a finding can say which
cue decided. Only sentences that name an agent are read: one linear pass over the text finds
them, and most texts hold none.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from linter.sources.ai_lexicon import Lexicon, alternation
from linter.sources.linear_regex import LinearPattern, compile_linear
from linter.text.sentences import split_sentences

__all__ = ["Disclosure", "DisclosureGrammar"]

_AGENT_BUDGET = 600  # agent mentions read in one text (an AI news article holds about 20)
_REACH = 2_000  # characters either side of a leaked-text match that its context is read in
_HEADLINE = 300  # a headline is one short line
_LABEL_WORDS = 9  # a label line is short: "AI-generated summary, reviewed by an editor"
_NEAR = 70  # characters between an agent and its verb
_FINITE = re.compile(r"\b(?:is|was|were|are|has|have|had|will|we|i|our)\b", re.IGNORECASE)
_QUESTION = re.compile(r"\?[\"”’)\]]*\s*$")


class Disclosure(NamedTuple):
    """A disclosure found in a text. `cues`: (role, words) pairs, in the order they decided."""

    category: str  # disclosed-unreviewed | disclosed-assisted | disclosed-reviewed
    form: str  # model-named | generic-ai | label-line | first-person | site-level | ...
    scope: str  # block | page | site | series
    start: int
    end: int
    cues: tuple[tuple[str, str], ...]

    def explain(self) -> str:
        words = " × ".join(f"{role} “{text}”" for role, text in self.cues)
        return f"{words}; covers the {self.scope}"


class _Match(NamedTuple):
    start: int
    end: int
    text: str
    kind: str


def _finditer(pattern: LinearPattern, text: str, kind: str = "") -> Iterator[_Match]:
    for start, end, matched in pattern.finditer(text):
        if end > start:
            yield _Match(start, end, matched, kind)


class DisclosureGrammar:
    """The compiled grammar of one registry's lexicon. Patterns compile on first use."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._patterns: dict[str, LinearPattern] = {}
        self._alternations: dict[tuple[object, ...], str] = {}
        self._sources: dict[str, str] | None = None

    # --- the patterns, built from the lexicon ------------------------------------------------

    def _words(self, *names: str, verbs: bool = False) -> str:
        key = ("words", verbs, *names)
        if key not in self._alternations:
            self._alternations[key] = self._words_uncached(*names, verbs=verbs)
        return self._alternations[key]

    def _words_uncached(self, *names: str, verbs: bool = False) -> str:
        words: list[str] = []
        for name in names:
            words.extend(self.lexicon.forms(name) if verbs else self.lexicon.get(name))
        return alternation(words)

    def _forms(self, names: tuple[str, ...], keep: str) -> str:
        """The verb forms of lists `names`: "past" (past and participle and -s), "base"."""
        key = ("forms", keep, *names)
        if key not in self._alternations:
            self._alternations[key] = self._forms_uncached(names, keep)
        return self._alternations[key]

    def _forms_uncached(self, names: tuple[str, ...], keep: str) -> str:
        words: list[str] = []
        for name in names:
            for entry in self.lexicon.get(name):
                forms = _verb_forms(entry)
                words.extend(forms[0:1] if keep == "base" else forms[1:])
        return alternation(words)

    def pattern(self, name: str) -> LinearPattern:
        found = self._patterns.get(name)
        if found is None:
            found = self._patterns[name] = _compiled(self._source(name))
        return found

    def _source(self, name: str) -> str:
        if self._sources is None:
            self._sources = self._all_sources()
        return self._sources[name]

    def _all_sources(self) -> dict[str, str]:
        """Every pattern of the grammar, as text (compiled one by one when first used)."""
        lx = self.lexicon
        plain = [a.name for a in lx.agents if not a.ambiguous]
        ambiguous = [a.name for a in lx.agents if a.ambiguous]
        version = (r"(?:[ -](?:v?\d+(?:\.\d+)*[a-z]{0,2}|[a-z]\d+(?:\.\d+)*|"
                   rf"{self._words('tiers')})\b){{0,3}}")
        names = "|".join(p for p in (alternation(plain),
                                     f"(?-i:{alternation(ambiguous)})" if ambiguous else "") if p)
        model = (rf"\b(?:(?:{self._words('vendors')})(?:['’]s)?\s+)?(?:{names})\b{version}")
        generic_words = lx.get("generic_agents")
        capitals = [w for w in generic_words if w.replace(".", "").isupper()]
        lower = [w for w in generic_words if not w.replace(".", "").isupper()]
        core = "|".join(p for p in (alternation(lower),
                                    f"(?-i:{alternation(capitals)})" if capitals else "") if p)
        generic = (rf"\b(?:(?:an?|the)\s+)?(?:(?:automated|advanced|generative|an|the)\s+)?"
                   rf"(?:{core})(?:\s*\((?-i:AI|NLP|LLM|GenAI)\))?"
                   rf"(?:[ -](?:{self._words('agent_heads')}))?\b")
        participles = self._forms(("produce_verbs", "assist_verbs"), "past")
        compound = (rf"\b(?:(?-i:AI|A\.I\.)|machine|computer|auto|bot|{names})"
                    rf"[- ](?:{participles}|aided|supported|powered|assisted|enhanced)\b"
                    # No agent named, but a machine all the same: "generated automatically".
                    r"|\b(?:generated|written|produced|created|compiled)\s+automatically\b"
                    r"|\bautomatically\s+(?:generated|written|produced|created|compiled)\b")
        sources = {
            "model": model,
            "generic": generic,
            "compound": compound,
            "produce-past": rf"\b(?:{self._forms(('produce_verbs',), 'past')})\b",
            "assist-past": rf"\b(?:{self._forms(('assist_verbs',), 'past')})\b",
            # Base forms count only where a verb is expected: "used AI to write", "helped
            # draft", "had GPT-4 write".
            "produce-base": (r"\b(?:to|help|helps|helped|had\s+\S+(?:\s+\S+)?|let\s+\S+)\s+"
                             r"(?:(?:me|us|him|her|them)\s+)?(?:help\s+)?"
                             rf"(?:{self._forms(('produce_verbs',), 'base')})\b"),
            "assist-base": (r"\b(?:to|help|helps|helped|had\s+\S+(?:\s+\S+)?|let\s+\S+)\s+"
                            r"(?:(?:me|us|him|her|them)\s+)?(?:help\s+)?"
                            rf"(?:{self._forms(('assist_verbs',), 'base')})\b"),
            "any-verb": "|".join((
                rf"\b(?:{self._forms(('produce_verbs', 'assist_verbs'), 'past')})\b",
                rf"\b(?:{self._forms(('produce_verbs', 'assist_verbs'), 'base')})\b",
                rf"^\W{{0,3}}(?:(?:{self._words('label_nouns')})\s+)?(?:by|from)\s+",
                rf"\b(?:{self._words('help_markers', 'partial_degrees')})\b")),
            "use": r"\b(?:used|uses|use|using|employed|relied on|relies on|with|by)\b",
            "full": rf"(?:{self._words('full_degrees')})",
            "partial": rf"\b(?:{self._words('partial_degrees')})\b",
            "help": rf"\b(?:{self._words('help_markers')})\b",
            "series": (rf"\b(?:this|these|our|the|each|every|all)\s+(?:[\w'’-]+\s+){{0,3}}?"
                       rf"(?:{self._words('series_nouns')})\b"),
            "site": (rf"\b(?:this|our)\s+(?:{self._words('site_nouns')})\b"
                     rf"|\ball\s+(?:of\s+)?(?:its|our)\s+(?:[\w'’-]+\s+){{0,2}}?"
                     rf"(?:{self._words('page_nouns')})\b"
                     rf"|\bour\s+(?:[\w'’-]+\s+){{0,2}}?(?:{self._words('page_nouns')})\b"
                     r"|\b(?-i:we|We)\s+(?:publish|produce|run)\b"
                     r"|\b(?-i:[Ww]e)\s+use\b[^.;\n]{0,40}\bto\s+(?:help\s+)?"
                     rf"(?:{self._forms(('produce_verbs', 'assist_verbs'), 'base')})\b"
                     rf"|\b(?:every|all|each|the|some|most)\s+(?:[\w'’-]+\s+){{0,2}}?"
                     rf"(?:{self._words('page_nouns')})\s+on\s+(?-i:[A-Z])[\w'’-]+"),
            "page": (rf"\b(?:this|these|the following)\s+(?:[\w'’%-]+\s+){{0,3}}?"
                     rf"(?:{self._words('page_nouns')})\b"
                     rf"|\b(?:the\s+)?(?:{self._words('page_nouns')})\s+(?:below|above)\b"
                     rf"|\bthe\s+(?:[\w'’-]+\s+){{0,2}}?(?:{self._words('page_nouns')})\s+"
                     r"you(?:['’]re|\s+are)\s+(?:reading|viewing|watching|listening\s+to)\b"
                     r"|\b(?:everything|all|what follows|the content|the text)\s+"
                     r"(?:below|above|that follows|on this page)\b"
                     r"|\b(?:that|which)\s+(?:appears?|you\s+see|you\s+read)\s+"
                     r"(?:here|below|on\s+this\s+page)\b"),
            # Bare "this" right after a verb: "I wrote this with some help from Gemini".
            "page-bare": (rf"\b(?:{self._forms(('produce_verbs', 'assist_verbs'), 'past')}"
                          rf"|{self._forms(('produce_verbs', 'assist_verbs'), 'base')})"
                          r"\s+(?:all\s+of\s+)?this\b"),
            "header": rf"(?:^|\n)\s*(?:{self._words('statement_headers')})\s*:",
            "about": rf"(?:^|\n)\s*(?:{self._words('about_headers')})\s*(?:\n|$)",
            "proper-site": (r"^(?:[^:\n]{0,30}:\s+)?"
                            r"(?-i:[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})\s+"
                            rf"(?:{self._words('site_verbs')})\b"),
            "its-nouns": rf"\b(?:its|all of its|every one of its)\s+(?:[\w'’-]+\s+){{0,2}}?"
                         rf"(?:{self._words('page_nouns')})\b",
            "first-person": r"(?-i:\bI\b|\bWe\b|\bwe\b|\bme\b)",
            "academic": r"\bthe (?:authors?|researchers?|contributors?)\s+used\b",
            "label-by": (rf"^\W{{0,3}}(?:(?:{self._words('label_nouns')})\s+)?(?:by|from)\s+"
                         r"|^\W{0,3}(?:author|writer|byline|words|text|written by)\s*:\s*"),
            # A line that opens as a label does: "Article composed by Claude Sonnet 4 …".
            "label-start": (rf"^\W{{0,3}}(?:(?:{self._words('label_nouns')})\s+)?"
                            rf"(?:{self._forms(('produce_verbs', 'assist_verbs'), 'past')})\s+"
                            r"(?:entirely\s+|automatically\s+|partly\s+)?(?:by|with|using)\s+"),
            "negation": rf"\b(?:{self._words('negations')})\b|n['’]t\b",
            "modal": rf"\b(?:{self._words('modal_cues')})\b",
            "detector": rf"\b(?:{self._words('detector_cues')})\b",
            # A closing attribution: ", the senator said in a letter." (not ", but many fans
            # found the finale moving", a clause of the sentence's own).
            "reporting-end": (r",\s+(?:[\w'’.-]+\s+){0,4}?"
                              rf"(?:{self._words('reporting_verbs')})\b"
                              r"(?:\s+[\w'’.,-]+){0,7}\s*[.!?]?[\"”’)]*\s*\Z"),
            "reporting-start": (r"^(?:[\w'’.-]+\s+){1,4}?"
                                rf"(?:{self._reporting_only()})\s+"
                                r"(?:that|the|its|it|a|an|this|these|their|his|her|they|we|"
                                r"he|she)\b"),
            "according": r"\baccording to\b",
            "sample": rf"\b(?:{self._words('sample_cues', 'sample_list_cues')})(?:\s|:|,)",
            "placeholder": r"\[[A-Z][A-Za-z /]{2,30}\]",
            "sample-strong": rf"\b(?:{self._words('sample_cues')})(?:\s|:|,)",
            "docs": rf"\b(?:{self._words('docs_cues')})\b",
            "review": self._review_source(),
            "human-subject": (r"^\W*(?:our|the|a|an|my)\s+(?:[\w-]+\s+)?"
                              rf"(?:{self._words('reviewers')})\b"),
            # "The author used ChatGPT … and reviewed the output": the same (human) subject.
            "review-and": (r"(?:\band|,)\s+(?:then\s+)?"
                           rf"(?:{self._forms(('review_verbs',), 'past')})"
                           r"(?:\s+and\s+\w+)?\s+(?:the|it|them|each|every|all|everything|its|"
                           r"what|any)\b"),
            "denial": (rf"\b(?:{self._words('negations')})\b[^.;\n]{{0,24}}$"
                       r"|n['’]t\b[^.;\n]{0,24}$"),
        }
        # One search for the cues that take a sentence back, most sentences holding none.
        sources["takes-back"] = "|".join(f"(?:{sources[name]})" for name in (
            "modal", "detector", "according", "reporting-start"))
        return sources

    def _reporting_only(self) -> str:
        """Reporting verbs that are not also production verbs ("AI wrote this story")."""
        produce = {f.lower() for f in self.lexicon.forms("produce_verbs")}
        return alternation(w for w in self.lexicon.get("reporting_verbs")
                           if w.lower() not in produce and w.lower() != "shows")

    def _review_source(self) -> str:
        past = self._forms(("review_verbs",), "past")
        every = alternation(self.lexicon.forms("review_verbs"))
        reviewer = (r"(?:(?:one|two|three|several|all|each|a member|members)\s+of\s+)?"
                    r"(?:(?:our|an?|the|its|every|each|all|two|three|several|my|his|her|their)"
                    r"\s+)?(?:[\w-]+\s+){0,2}?"
                    rf"(?:{self._words('reviewers')}|(?-i:[a-z]+(?:er|or|ist|ian)s?))\b")
        person = r"(?-i:[A-Z][a-z]+(?:[ \t]+[A-Z]\.)?[ \t]+[A-Z][a-z'’-]+)"
        by = (rf"\b(?:{past})(?:(?:\s*,\s*|\s+and\s+)(?:{past})){{0,3}}\s+"
              rf"(?:[\w'’-]+\s+){{0,5}}?by\s+(?:{reviewer}|{person}|{self._words('reviewer_self')})")
        subject = (rf"(?:{reviewer}|(?-i:\bI\b|\bwe\b|\bWe\b))\s+"
                   r"(?:(?:then|later|also|carefully|personally|have|has|had|always|each|all|"
                   r"subsequently|afterwards|manually)\s+)?"
                   rf"(?:{every})\b")
        itself = (rf"\b(?:{every})\b(?:\s+[\w'’-]+){{0,4}}?\s+"
                  rf"(?:{self._words('reviewer_self')})\b")
        compound = (r"\bhuman[- ](?:reviewed|edited|checked|verified|fact-checked|vetted)\b"
                    r"|\bhuman (?:review|oversight|editing|fact-checking|verification)\b")
        return "|".join((by, subject, itself, compound))

    # --- reading a text -------------------------------------------------------------------------

    def agents(self, text: str) -> list[_Match]:
        """The agents named in `text`, left to right (ambiguous names that are people's
        names left out)."""
        found = [*_finditer(self.pattern("model"), text, "model"),
                 *_finditer(self.pattern("generic"), text, "generic"),
                 *_finditer(self.pattern("compound"), text, "compound")]
        ambiguous = {a.name for a in self.lexicon.agents if a.ambiguous}
        kept: list[_Match] = []
        for m in sorted(found, key=lambda m: (m.start, -m.end)):
            if kept and m.start < kept[-1].end and m.kind != "compound":
                continue
            if m.kind == "model" and m.text.split()[-1] in ambiguous and _person_after(
                    text, m.end):
                continue  # "Claude Monet", "Jasper Lee", "Gemini Theatre Company"
            kept.append(m)
        return kept

    def find(self, text: str, quoted: list[tuple[int, int]]) -> list[Disclosure]:
        """The disclosures of `text`. `quoted`: spans inside quotation marks (never read)."""
        agents = self.agents(text)
        if not agents:
            return []
        if len(agents) > _AGENT_BUDGET:
            # Bounded work on any text: the sentences around the first and the last mentions
            # are read, where a page puts its disclosure (a byline, an editor's note, a
            # footer); a report on AI that names it thousands of times is not read whole.
            agents = agents[:_AGENT_BUDGET * 3 // 4] + agents[-(_AGENT_BUDGET // 4):]
        starts = [s for s, _ in quoted]
        agent_starts = [a.start for a in agents]  # left to right: a unit's agents by bisection
        found: list[Disclosure] = []
        seen: set[tuple[int, int]] = set()
        line = (0, -1)  # the line of the agent before, split: agents are left to right
        split = _sentences("")
        for agent in agents:
            if _inside(quoted, starts, agent.start):
                continue
            if not line[0] <= agent.start < line[1]:
                line = _line(text, agent.start)
                split = _sentences(text[line[0]:line[1]])
            unit = _unit_in(agent.start, *line, split)
            if unit in seen:
                continue
            seen.add(unit)
            disclosure = self._read_unit(text, unit, agents[
                bisect.bisect_left(agent_starts, unit[0]):
                bisect.bisect_left(agent_starts, unit[1])])
            if disclosure is not None:
                found.append(disclosure)
        return found

    def _has(self, name: str, text: str) -> _Match | None:
        return next(_finditer(self.pattern(name), text, name), None)

    def _read_unit(self, text: str, unit: tuple[int, int],
                   agents: list[_Match]) -> Disclosure | None:
        us, ue = unit
        u = text[us:ue]
        local = [_Match(a.start - us, a.end - us, a.text, a.kind) for a in agents]
        compounds = [a for a in local if a.kind == "compound"]
        # Most sentences that name an agent are news about it: no verb of production, no
        # label, no marker of help. One search says so before the rest (its block, its line)
        # is read.
        if not compounds and not any(
                _gap(a, v) <= _NEAR for v in _finditer(self.pattern("any-verb"), u)
                for a in local):
            return None
        block_start, block_end = _block(text, us)
        if self._taken_back(text, u, block_start, ue, block_end):
            return None
        line_start = text.rfind("\n", 0, us) + 1
        line_end = text.find("\n", ue)
        line = text[line_start: len(text) if line_end < 0 else line_end].strip()
        short = line if len(line.split()) <= _LABEL_WORDS else u.strip()
        is_label = len(short.split()) <= _LABEL_WORDS and (
            not short.endswith((".", "!", "?")) or not _FINITE.search(short))
        verbs = [*_finditer(self.pattern("produce-past"), u, "produce"),
                 *_finditer(self.pattern("produce-base"), u, "produce"),
                 *_finditer(self.pattern("assist-past"), u, "assist"),
                 *_finditer(self.pattern("assist-base"), u, "assist")]
        review = self._review(text, u, us, block_end)
        if review is not None and review[0] in u:
            at = u.index(review[0])  # a verb of the review is not the machine's
            verbs = [v for v in verbs if not at <= v.start < at + len(review[0])]
        pairs = [(a, v) for a in local if a.kind != "compound" for v in verbs
                 if _gap(a, v) <= _NEAR and not (a.start <= v.start and v.end <= a.end)]
        label_by = self._has("label-by", u)
        if not pairs and not compounds:
            uses = list(_finditer(self.pattern("use"), u, "use"))
            if is_label and label_by and any(a.start <= label_by.end + 4 for a in local):
                pairs = [(min(local, key=lambda a: a.start), label_by)]
            elif uses and (self._has("help", u) or self._has("partial", u)):
                pairs = [(a, v) for a in local for v in uses if _gap(a, v) <= _NEAR]
            if not pairs and review is not None and self._has("page", u) is not None:
                pairs = [(local[0], local[0])]  # "… starts as a Copilot draft and is edited by …"
            if not pairs:
                return None
        if pairs:
            agent, verb = min(pairs, key=lambda p: (_gap(*p), p[1].start))
        else:
            agent = verb = compounds[0]
        core_start, core_end = min(agent.start, verb.start), max(agent.end, verb.end)

        # Context that takes the sentence back (the rest of it: `_taken_back`).
        masked = u[:core_end]
        clause = re.split(r"[,;:.]", u[agent.end:agent.end + 30], maxsplit=1)[0]
        if self._negated(masked) or self._negated(clause, after=True):
            return None  # "not written by ChatGPT"; "generative AI played no part"

        # What it is about.
        cues: list[tuple[str, str]] = [("agent", agent.text.strip())]
        if verb is not agent:
            cues.append(("verb", verb.text.strip()))
        header = self._has("header", text[line_start:ue])
        scope, form, referent = "", "", None
        for name, kind in (("series", "series"), ("site", "site"), ("page", "page"),
                           ("page-bare", "page")):
            referent = self._has(name, u)
            if referent is not None:
                scope = kind
                break
        if referent is None and header is not None:
            referent, scope, form = header, "page", "academic-statement"
        proper = self._has("proper-site", u)
        if referent is None and proper is not None and (
                self._has("its-nouns", u) or self._has("about", text[block_start:us + 1])
                or proper.text.rstrip().lower().endswith("publishes")):
            referent, scope, form = self._has("proper-site", u), "site", "site-level"
        if self._has("label-start", u) is not None and (
                u.lstrip(" \t—–-*·([").lower().find(verb.text.lower()) <= 40):
            is_label = True  # a label line, however long what follows it
        elif is_label and self._label_leftover(u, agent, verb, review) > 1:
            is_label = False  # "The essay, written by ChatGPT, won a prize": not a label
        if referent is None and is_label and (compounds or label_by or pairs):
            scope, form = "block", "label-line"
        elif referent is None and review is None:
            return None  # a sentence about some other text ("The essay, written by ChatGPT")
        if referent is not None and referent.end > core_end and self._negated(
                u[core_end:referent.end]):
            return None  # "Jasper wrote none of this article"
        if referent is not None:
            cues.append(("referent", referent.text.strip()))
        elif scope == "":
            scope = "page"

        # Its class.
        degree = self._has("partial", u) or self._has("help", u)
        full = self._has("full", u)
        if degree is not None:
            cues.append(("degree", degree.text.strip()))
        elif full is not None:
            cues.append(("degree", full.text.strip()))
        assisted = degree is not None or (
            verb.kind == "assist" and not any(v.kind == "produce" for _, v in pairs
                                              if v.start >= agent.start - _NEAR))
        if compounds and verb is agent:
            assisted = assisted or "assist" in agent.text.lower() or any(
                v in agent.text.lower() for v in ("aided", "supported", "drafted", "edited",
                                                  "translated"))
        denied = review is not None and review[1]
        if review is not None and not denied:
            category = "disclosed-reviewed"
            cues.append(("review", review[0]))
        else:
            category = "disclosed-assisted" if assisted else "disclosed-unreviewed"
            if denied and review is not None:
                cues.append(("no review", review[0]))
        if not form:
            if scope in ("site", "series"):
                form = f"{scope}-level"
            elif self._has("academic", u):
                form = "academic-statement"
            elif self._has("first-person", u[:max(core_end, 1)]):
                form = "first-person"
            elif denied:
                form = "review-denied"
            else:
                form = "model-named" if agent.kind == "model" or any(
                    a.kind == "model" for a in local) else "generic-ai"
        if referent is not None and referent.kind != "header":
            core_start, core_end = min(core_start, referent.start), max(core_end, referent.end)
        if review is not None and review[0] in u:  # the evidence quotes the review too
            at = u.index(review[0])
            core_start, core_end = min(core_start, at), max(core_end, at + len(review[0]))
        return Disclosure(category, form, scope, us + core_start, us + core_end, tuple(cues))

    def _taken_back(self, text: str, u: str, block_start: int, ue: int, block_end: int) -> bool:
        """Context that takes a sentence back whatever its agent and verb: a question, a modal
        or policy cue, a detector, "according to", a reporting clause, a list of sample
        wordings. Read before the verbs and the review: a sentence it takes back needs no more,
        and half the sentences with a verb near an agent are news the cues take back."""
        if self._has("takes-back", u):
            return True  # modal, policy, detector, "according to", "X said that …"
        if self._has("sample", text[block_start:ue]) or self._has(
                "placeholder", text[block_start:block_end]):
            return True
        return _QUESTION.search(u) is not None or self._attributed(u)

    def own_act_class(self, text: str, start: int, end: int) -> str | None:
        """The class of a disclosure worded as the writer's own act, read by a speech rule
        at text[start:end] ("I ran this letter through ChatGPT to fix my grammar"):
        `disclosed-reviewed` when a human review is stated, else `disclosed-assisted`; None
        when context takes it back (a headline, a question, negation, modality or policy, a
        detector, a reporting clause, a list of sample wordings)."""
        line_start, line_end = _near(text, start, end, "\n")
        line = text[line_start:line_end]
        if len(line) <= _HEADLINE and _title_case(line):
            return None
        us, ue = _unit_in(start, line_start, line_end, _sentences(line))
        u = text[us:ue]
        block_start, block_end = _near(text, start, end, "\n\n")
        if self._taken_back(text, u, block_start, ue, block_end) or self._negated(u):
            return None
        review = self._review(text, u, us, block_end)
        return "disclosed-reviewed" if review is not None and not review[1] else (
            "disclosed-assisted")

    # --- context for leaked text (the registry's patterns) ------------------------------------

    def leaked_context(self, text: str, start: int, end: int, act: str) -> str | None:
        """Why a leaked-text match at text[start:end] is not the page's own voice, or None:
        a title-case headline, a reporting clause closing its sentence, a sample wording, or
        (for template residue) documentation of template syntax."""
        # Read near the match only: a text of one huge line with thousands of matches costs
        # each of them the same bounded work.
        line_start, line_end = _near(text, start, end, "\n")
        line = text[line_start:line_end]
        if act != "template-residue" and len(line) <= _HEADLINE and _title_case(line):
            return "a title-case headline"  # a slot may stand in a title: "Title: {{title}}"
        us, ue = _unit_in(start, line_start, line_end, _sentences(line))
        sentence_end = max(ue, end)
        if act != "template-residue" and self._attributed(text[end:sentence_end]):
            return "a reporting clause"  # a slot left unfilled is nobody's reported words
        block_start, _ = _near(text, start, end, "\n\n")
        if self._has("sample-strong", text[block_start:start]):
            return "a list of sample wordings"
        if act == "template-residue":
            around = text[us:start] + " " + text[end:sentence_end]
            if self._has("docs", around):
                return "documentation of template syntax"
        return None

    def _label_leftover(self, u: str, agent: _Match, verb: _Match,
                        review: tuple[str, bool] | None) -> int:
        """How many words of a short line are neither its agent and verb, nor label nouns,
        help words, a review or small words: a label ("AI-generated summary, reviewed by an
        editor") leaves none; a headline ("The chatbot phrases that give away AI-written
        text") leaves several."""
        first, second = sorted((agent, verb), key=lambda m: m.start)
        head = u[:first.start]
        head = head[head.rfind(":") + 1:]  # "Today's weather summary: generated by …"
        rest = " ".join((head, u[first.end:second.start], u[max(first.end, second.end):]))
        if review is not None:
            rest = rest.replace(review[0], " ")
        known = {w.lower() for name in ("label_nouns", "help_markers", "full_degrees",
                                        "partial_degrees", "generic_agents", "agent_heads",
                                        "vendors") for phrase in self.lexicon.get(name)
                 for w in phrase.split()}
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", rest)
                 if w.lower() not in known and w.lower() not in _SMALL
                 and w.lower() not in ("using", "our", "we", "human", "assistance")]
        return len(words)

    def _attributed(self, text: str) -> bool:
        """Whether a closing attribution ends `text` (", NewsGuard found."), not a clause of
        the sentence's own (", but many fans found the finale moving")."""
        for m in _finditer(self.pattern("reporting-end"), text):
            first = m.text.lstrip(", \t").split(maxsplit=1)[0].lower()
            if first not in _CONJUNCTIONS:
                return True
        return False

    def _negated(self, text: str, after: bool = False) -> bool:
        """Whether `text` negates the disclosure. A negation of review is not one ("with no
        human involvement", "no editor checked it", "and are not reviewed by humans")."""
        for m in _finditer(self.pattern("negation"), text):
            tail = text[m.end: m.end + 40].lower().lstrip()
            if tail.startswith(("human", "editor", "one checked", "person", "staff")):
                continue
            if after and tail.startswith(("been ", "be ", *(
                    f.lower() for f in self.lexicon.forms("review_verbs")))):
                continue
            return True
        return False

    def _review(self, text: str, u: str, us: int, block_end: int) -> tuple[str, bool] | None:
        """The human review the sentence or the next one in its block states, and whether it
        is denied ("not reviewed by our editors")."""
        ue = us + len(u)
        nxt = _unit(text, ue + 1) if ue + 1 < block_end else None
        windows = [(us, u)]
        if nxt is not None and nxt[0] < block_end and nxt[0] >= ue:
            windows.append((nxt[0], text[nxt[0]:nxt[1]]))
        human = self._has("academic", u) or self._has("first-person", u) or self._has(
            "human-subject", u)
        for offset, window in windows:
            found = list(_finditer(self.pattern("review"), window))
            if human and offset == us:
                found += list(_finditer(self.pattern("review-and"), window))
            for m in found:
                head = window[max(0, m.start - 30): m.start]
                denied = self._has("denial", head) is not None or self._has(
                    "negation", m.text) is not None
                if not denied and offset != us and self._has("modal", window):
                    continue
                return (m.text.strip(), denied)
        return None


@functools.lru_cache(maxsize=256)
def _compiled(source: str) -> LinearPattern:
    """A grammar pattern compiled once per process: each rule that loads the registry builds a
    grammar of its own, from the same lexicon."""
    return compile_linear(source)


def _verb_forms(entry: str) -> tuple[str, ...]:
    from linter.sources.ai_lexicon import verb_forms

    return verb_forms(entry)


_CONJUNCTIONS = frozenset(("but", "and", "so", "yet", "because", "while", "although", "though",
                          "as", "since", "or", "if", "when", "where", "whereas"))
_SMALL = frozenset(("a", "an", "the", "and", "but", "or", "for", "of", "to", "in", "on", "at",
                    "by", "with", "as", "is", "if", "nor", "so", "yet", "from", "into", "vs",
                    "via", "per", "than"))


def _title_case(line: str) -> bool:
    """A headline: at least three words that are not small words, all but one capitalised
    ("I'm Sorry, but I Can't Write Your Wedding Speech for You")."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if w.lower() not in _SMALL]
    if len(words) < 3:
        return False
    lower = sum(1 for w in words if not w[0].isupper())
    return lower <= max(0, len(words) // 8)


def _person_after(text: str, end: int) -> bool:
    return re.match(r"[ \t]+(?:[A-Z][a-z]|[A-Z]\.)", text[end: end + 4]) is not None


def _gap(a: _Match, b: _Match) -> int:
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def _overlaps(a: _Match, b: _Match) -> bool:
    return a.start < b.end and b.start < a.end


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1]


@functools.lru_cache(maxsize=64)
def _sentences(line: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    # A line with several agents is split once, not once for each of them.
    spans = tuple(split_sentences(line))
    return spans, tuple(end for _, end in spans)


def _near(text: str, start: int, end: int, mark: str) -> tuple[int, int]:
    """The stretch around text[start:end] between two `mark`s (lines, paragraphs), cut at
    `_REACH` characters either side: the context a match is judged in."""
    low = max(0, start - _REACH)
    before = text.rfind(mark, low, start)
    after = text.find(mark, end, end + _REACH)
    first = before + len(mark) if before >= 0 else (0 if low == 0 else low)
    last = after if after >= 0 else min(len(text), end + _REACH)
    return first, last


def _block(text: str, pos: int) -> tuple[int, int]:
    """The paragraph around `pos`: between blank lines."""
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return (0 if start < 0 else start + 2, len(text) if end < 0 else end)


def _line(text: str, pos: int) -> tuple[int, int]:
    """The line around `pos`: (its start, the offset of the newline ending it or len(text))."""
    line_end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if line_end < 0 else line_end


def _unit(text: str, pos: int) -> tuple[int, int]:
    """The sentence around `pos`, within its line."""
    line_start, line_end = _line(text, pos)
    return _unit_in(pos, line_start, line_end, _sentences(text[line_start:line_end]))


def _unit_in(pos: int, line_start: int, line_end: int,
             split: tuple[tuple[tuple[int, int], ...], tuple[int, ...]]) -> tuple[int, int]:
    """The sentence around `pos` (or the next one, if `pos` is in the space between two) in
    the line from `line_start` to `line_end`, split by `_sentences`. Found by bisection: a
    line of a million characters with thousands of agents is read once, not once for each."""
    spans, ends = split
    at = bisect.bisect_right(ends, pos - line_start)  # the first sentence ending after pos
    if at < len(spans):
        start, end = spans[at]
        return (line_start + start, line_start + end)
    return (line_start, line_end)
