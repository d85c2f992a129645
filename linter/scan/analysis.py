"""`factlint scan`: lint raw article text, and draft claim stubs from it.

The engine behind `linter/cli_scan.py`. It turns an article (plain text, Markdown or HTML) into

* findings on the text: AI-provenance signals (the `ai-patterns` registry), figures stated as
  fact with no named source, figures resting on anonymous sourcing, relative dates that no
  publication date anchors; and
* claim stubs: one claim per sentence with a figure, the sentence verbatim as the evidence quote,
  the figure mapped back to the claim schema's `value` vocabulary, ready for an editor.

Positions always point into the file as the user has it: Markdown markup is blanked in place
(same offsets), HTML is converted with an offset map back to the source, so `file:line:col`
opens the right place in an editor whatever the format.

What counts as "a figure stated as fact" (documented in the FL405 rule file):

* a figure of `linter.text.extract.extract_figures` that is not a date: a year or a day says when,
  not how much; nor a vague magnitude ("billions of dollars": an order of magnitude, not a
  measurement); nor a duration that only frames a time span ("over the next five years"),
  which `linter.text.dates` reads as a relative date;
* in a sentence of prose: a line with no sentence-ending punctuation (a heading, a banner, a
  navigation list of headlines) states nothing on anyone's authority and is skipped.

A figure sentence is *attributed* when `attribution_of(sentence, previous)` is `named` (the
previous sentence resolves "he said", "they found"), or when the previous sentence names a
source and this one continues it: it opens with an anaphoric word from the FL405 rule's
`continuation_openers` ("That is up from 35 universities …") or all its figures sit inside a
quotation that continues the previous sentence's speaker. A named source in the previous
sentence does *not* carry over to a sentence that starts a new statement ("… Morgan Stanley
researchers forecast. China currently has about 2.5 times as much …"): that is FL405.
`anonymous` attribution is FL406; `vague` and `none` are FL405.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from linter.files.read import read_regular
from linter.model import RuleFileError
from linter.rulebook.kinds.scan import FINDINGS
from linter.scan.markdown import mask_markdown
from linter.sources.ai_patterns import AiPatternSet, AiSignal, find_ai_signals
from linter.sources.entities import EntityRegistry
from linter.text.attribution import (
    Attribution,
    CueLexicon,
    FigureAttribution,
    attribute_figures,
    attribution_of,
    defined_acronyms,
    opens_release,
)
from linter.text.dates import DateInterval, find_relative_dates, resolve
from linter.text.extract import extract_figures
from linter.text.quantity import UNITS, Quantity, from_value, matches
from linter.text.quotes import quoted_spans
from linter.text.sentences import split_sentences

if TYPE_CHECKING:
    from linter.model import Finding

__all__ = [
    "FINDINGS",
    "Article",
    "ArticleError",
    "FigureSentence",
    "RawFinding",
    "Resources",
    "SourceMeta",
    "analyse_figures",
    "claim_stubs",
    "read_article",
    "scan_text",
    "stubs_yaml",
]


_CLASS_FINDING = {
    "disclosed-unreviewed": "ai-generated",
    "leaked": "leaked-chatbot-text",
    "style": "ai-style-markers",
    "disclosed-reviewed": "ai-assisted",
    "disclosed-assisted": "ai-assisted-unreviewed",
}


class ArticleError(Exception):
    """An article that cannot be read (missing, binary, not UTF-8, too large)."""


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Article:
    """An article's analysed text and the way back to positions in the file.

    `text` is what the rules read. `offsets[i]` is the offset in `source` of `text[i]` (None
    when the two coincide, as for plain text and blanked Markdown). `title` is the HTML
    `<title>`, when there is one.
    """

    path: str
    source: str
    text: str
    format: str  # "text", "markdown" or "html"
    offsets: array | None = None
    title: str | None = None
    _line_starts: list[int] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        starts = [0] + [m.end() for m in re.finditer("\n", self.source)]
        object.__setattr__(self, "_line_starts", starts)

    def source_offset(self, offset: int) -> int:
        if self.offsets is None:
            return offset
        if not self.offsets:
            return 0
        return self.offsets[min(max(offset, 0), len(self.offsets) - 1)]

    def quote(self, start: int, end: int) -> str:
        """The analysed text from `start` to `end` as a reader sees it: Markdown markup left
        out (not blanked: "[U.S.](…)," reads "U.S.,"), white space folded to single spaces,
        as the quote matcher folds it."""
        chunk = self.text[start:end]
        if self.format == "markdown":
            chunk = "".join(c for c, o in zip(chunk, self.source[start:end], strict=True)
                            if c == o)
        return " ".join(chunk.split())

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the file of the analysed text's `offset`."""
        where = self.source_offset(offset)
        line = bisect.bisect_right(self._line_starts, where)
        return line, where - self._line_starts[line - 1] + 1


_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_HTML_SNIFF = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.I)


def read_article(path: str, max_bytes: int, data: bytes | None = None) -> Article:
    """Read an article file (or `data` read elsewhere, e.g. standard input) and prepare it.

    The format follows the suffix (.html/.htm, .md/.markdown), else a sniff for an HTML
    document; anything else is plain text. Raises `ArticleError` with a one-line reason.
    """
    if data is None:
        try:
            size = Path(path).stat().st_size
            if size > max_bytes:
                raise ArticleError(f"{path}: {size} bytes, above the limit of {max_bytes} "
                                   "(limits.max-bytes)")
            data = read_regular(Path(path), max_bytes)  # never block on a FIFO or read /dev/zero
        except IsADirectoryError:
            raise ArticleError(f"{path}: is a directory, not an article") from None
        except FileNotFoundError:
            raise ArticleError(f"{path}: no such file") from None
        except OSError as exc:
            raise ArticleError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ArticleError(f"{path}: {len(data)} bytes, above the limit of {max_bytes} "
                           "(limits.max-bytes)")
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{path}: looks like a binary file, not article text")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not UTF-8 (byte {exc.start}); convert it first") from None
    source = raw.replace("\r\n", "\n").replace("\r", "\n")
    lower = path.lower()
    if lower.endswith(_HTML_SUFFIXES) or _HTML_SNIFF.match(source):
        text, offsets, title = html_to_text(source)
        return Article(path, source, text, "html", offsets, title)
    if lower.endswith(_MARKDOWN_SUFFIXES):
        return Article(path, source, mask_markdown(source), "markdown")
    return Article(path, source, source, "text")


# Elements whose content is not article text, and elements that end a line of text.
_SKIP_ELEMENTS = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
_BLOCK_ELEMENTS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "body",
})


class _TextExtractor(HTMLParser):
    """HTML → text with, for every character, its offset in the HTML source.

    Character references are unescaped one by one (convert_charrefs=False) so that each
    output character still knows where it came from.
    """

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.parts: list[str] = []
        self.offsets = array("l")
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []

    def _here(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _emit(self, text: str, start: int, one_place: bool = False) -> None:
        if self.in_title:
            self.title.append(text)
        if self.skip or not text:
            return
        self.parts.append(text)
        if one_place:
            self.offsets.extend([start] * len(text))
        else:
            self.offsets.extend(range(start, start + len(text)))

    def _newline(self) -> None:
        if self.skip:
            return
        if self.parts and not self.parts[-1].endswith("\n"):
            self._emit("\n", self._here(), one_place=True)

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIP_ELEMENTS:
            self.skip += 1
        elif tag in _BLOCK_ELEMENTS:
            self._newline()

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        if tag in _BLOCK_ELEMENTS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP_ELEMENTS:
            self.skip = max(self.skip - 1, 0)
        elif tag in _BLOCK_ELEMENTS:
            self._newline()

    def handle_data(self, data: str) -> None:
        self._emit(data, self._here())

    def handle_entityref(self, name: str) -> None:
        import html

        text = html.unescape(f"&{name};")
        self._emit(text, self._here(), one_place=True)

    def handle_charref(self, name: str) -> None:
        import html

        text = html.unescape(f"&#{name};")
        self._emit(text, self._here(), one_place=True)


def html_to_text(source: str) -> tuple[str, array, str | None]:
    """Text of an HTML document (scripts, styles and the head dropped), its offset map and
    its `<title>`. Block elements end a line, so paragraphs stay paragraphs."""
    parser = _TextExtractor(source)
    try:
        parser.feed(source)
        parser.close()
    except Exception:
        # html.parser is lenient; what it still rejects (a broken marked section) ends the
        # text there rather than the run: the text read so far is kept.
        pass
    text = "".join(parser.parts)
    title = " ".join("".join(parser.title).split()) or None
    return text, parser.offsets, title


# --------------------------------------------------------------------------- sentences


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    prose: bool  # False for a heading, banner or navigation line: no sentence punctuation


_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]*]*\Z")
# A line break is a paragraph break in "one paragraph per line" text; in hard-wrapped text
# (every line short) only blank lines and lines that start a list item or heading are.
_WRAP_WIDTH = 100
_WRAP_HEADING_WORDS = 12
_NEW_ITEM = re.compile(r"[ \t]*(?:[-*+•][ \t]|\d{1,3}[.)][ \t]|#)")


def _segments(text: str) -> list[tuple[int, int]]:
    """(start, end) stretches of text that no sentence crosses: paragraphs and lines."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    non_empty = [(a, b) for a, b in lines if text[a:b].strip()]
    wrapped = bool(non_empty) and max(b - a for a, b in non_empty) <= _WRAP_WIDTH and any(
        text[a:b].strip() and text[c:d].strip() for (a, b), (c, d) in pairwise(lines)
    )
    segments: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for a, b in lines:
        line = text[a:b]
        if not line.strip():
            if current:
                segments.append(current)
            current = None
            continue
        if current is None:
            current = (a, b)
            continue
        previous = text[current[0]:current[1]].rstrip()
        last_line = previous.rsplit("\n", 1)[-1]
        joins = (
            wrapped
            and not _TERMINAL.search(last_line)
            and len(last_line.split()) > _WRAP_HEADING_WORDS // 2
            and not _NEW_ITEM.match(line)
        )
        if joins:
            current = (current[0], b)
        else:
            segments.append(current)
            current = (a, b)
    if current:
        segments.append(current)
    return segments


def article_sentences(text: str) -> list[Sentence]:
    """The sentences of an article, in order, with their offsets and whether they are prose."""
    found: list[Sentence] = []
    for seg_start, seg_end in _segments(text):
        chunk = text[seg_start:seg_end]
        spans = split_sentences(chunk)
        for index, (a, b) in enumerate(spans):
            body = chunk[a:b]
            last = index == len(spans) - 1
            prose = not last or bool(_TERMINAL.search(body.rstrip()))
            found.append(Sentence(seg_start + a, seg_start + b, body, prose))
    return found


# --------------------------------------------------------------------------- resources


@dataclass(frozen=True)
class Resources:
    """The registries and rule parameters a scan reads."""

    patterns: AiPatternSet
    lexicon: CueLexicon
    entities: EntityRegistry | None = None
    continuation_openers: tuple[str, ...] = ()

    @classmethod
    def from_rulebook(cls, rulebook: Any, rules: Iterable[Any] = ()) -> Resources:
        """Load the registries from a `Rulebook`; `rules` are the scan rules whose parameters
        (such as FL405's `continuation_openers`) shape the analysis."""
        data, origin = rulebook.registry("ai-patterns")
        patterns = AiPatternSet.from_data(data, origin, rulebook.verified_patterns)
        lexicon = CueLexicon.from_data(*rulebook.registry("attribution-cues"))
        try:
            entities: EntityRegistry | None = EntityRegistry.from_data(
                *rulebook.registry("entities"))
        except RuleFileError:
            entities = None  # subjects are only suggestions; FL104 reports a broken registry
        openers: list[str] = []
        for rule in rules:
            for opener in rule.params.get("continuation_openers") or ():
                if opener not in openers:
                    openers.append(opener)
        return cls(patterns, lexicon, entities, tuple(openers))


# --------------------------------------------------------------------------- figures


class Verdict(NamedTuple):
    """What the scan concluded about one figure: `status` "attributed", "unattributed" or
    "anonymous"; `attribution` the cue that decided (`FigureAttribution.rule` says which part
    of the grammar); `via` how an attributed figure got its source: "sentence" (a cue of its
    own sentence), "release" (the previous sentence opens a release or report this one
    continues), "continuation" (the sentence opens by referring back to the previous one) or
    "quotation" (a quotation continuing the previous sentence's speaker)."""

    figure: Quantity
    status: str
    attribution: FigureAttribution
    via: str = "sentence"
    source: str | None = None


@dataclass(frozen=True)
class FigureSentence:
    """A sentence of prose with figures, and what the scan concluded about their sourcing.

    `figures` are the measured figures (spans relative to the sentence), `verdicts` one per
    figure; `dates` the dates. `status` sums the verdicts up: "unattributed" when any figure
    is, else "anonymous" when any is, else "attributed"; "date-only" when the sentence states
    only dates. `attribution` is the sentence's attribution read as a whole; `via` and
    `source` are those of its first measured figure's verdict.
    """

    sentence: Sentence
    figures: tuple[Quantity, ...]
    dates: tuple[Quantity, ...]
    attribution: Attribution
    status: str
    via: str = "sentence"
    source: str | None = None
    verdicts: tuple[Verdict, ...] = ()

    def verdict(self, q: Quantity) -> Verdict | None:
        """The verdict of one of the sentence's figures."""
        return next((v for v in self.verdicts if v.figure is q), None)


def _is_vague(q: Quantity) -> bool:
    # "billions of dollars": the extractor gives an order-of-magnitude range with no written
    # digits to round (step 0); nobody measured it.
    return q.dimension != "date" and q.step == 0 and q.round_step == 0


def _time_frames(text: str) -> list[tuple[int, int]]:
    return [r.span for r in find_relative_dates(text) if r.kind == "span"]


def _measured(sentence: str) -> tuple[list[Quantity], list[Quantity]]:
    """(measured figures, dates) of a sentence, by the definition in the module docstring."""
    figures, dates = [], []
    frames: list[tuple[int, int]] | None = None
    for q in extract_figures(sentence):
        if q.dimension == "date":
            dates.append(q)
            continue
        if _is_vague(q):
            continue
        if q.dimension == "duration":
            if frames is None:
                frames = _time_frames(sentence)
            start, end = q.span or (0, 0)
            if any(a <= start and end <= b for a, b in frames):
                continue  # "over the next five years": when, not how much
        figures.append(q)
    return figures, dates


def _opener_regex(openers: Sequence[str]) -> re.Pattern[str] | None:
    words = sorted({" ".join(o.lower().split()) for o in openers if o.strip()}, key=len,
                   reverse=True)
    if not words:
        return None
    body = "|".join(r"\s+".join(re.escape(w).replace("'", "['\u2019]") for w in o.split())
                    for o in words)
    return re.compile(rf"\A[\"“‘'(\s]*(?:{body})(?!\w)", re.IGNORECASE)


def _all_quoted(text: str, figures: Sequence[Quantity]) -> bool:
    spans = quoted_spans(text)
    return bool(figures) and all(
        any(a < (q.span or (0, 0))[0] and (q.span or (0, 0))[1] <= b for a, b in spans)
        for q in figures
    )


_STATUS = {"named": "attributed", "anonymous": "anonymous"}


def analyse_figures(text: str, resources: Resources) -> list[FigureSentence]:
    """Every sentence of prose in `text` that states a figure or a date, classified figure by
    figure (see the module docstring and `linter.text.attribution`)."""
    lexicon = resources.lexicon
    openers = _opener_regex(resources.continuation_openers)
    result: list[FigureSentence] = []
    previous: Sentence | None = None
    before_previous: Sentence | None = None
    names: frozenset[str] = frozenset()
    for sentence in article_sentences(text):
        if not sentence.prose:
            continue  # headings and navigation: not stated on anyone's authority
        if "(" in sentence.text:
            names = names | defined_acronyms(sentence.text)
        figures, dates = _measured(sentence.text)
        if figures or dates:
            prev_text = previous.text if previous else None
            found = attribution_of(sentence.text, prev_text, lexicon, names)
            if not figures:
                result.append(FigureSentence(sentence, (), tuple(dates), found, "date-only",
                                             source=found.source))
            else:
                verdicts = _verdicts(sentence, figures, previous, before_previous, lexicon,
                                     names, openers)
                statuses = {v.status for v in verdicts}
                status = ("unattributed" if "unattributed" in statuses else
                          "anonymous" if "anonymous" in statuses else "attributed")
                first = next((v for v in verdicts if v.figure.dimension != "duration"),
                             verdicts[0])
                result.append(FigureSentence(sentence, tuple(figures), tuple(dates), found,
                                             status, first.via, first.source, verdicts))
        before_previous, previous = previous, sentence
    return result


def _verdicts(sentence: Sentence, figures: Sequence[Quantity], previous: Sentence | None,
              before_previous: Sentence | None, lexicon: CueLexicon, names: frozenset[str],
              openers: re.Pattern[str] | None) -> tuple[Verdict, ...]:
    """One verdict per figure: its own sentence's cue, else what the previous sentence lends."""
    prev_text = previous.text if previous else None
    read = attribute_figures(sentence.text, [q.span or (0, 0) for q in figures], lexicon,
                             prev_text, names)
    release: str | None = None
    earlier: Attribution | None = None
    checked = False
    out = []
    for q, a in zip(figures, read, strict=True):
        status = _STATUS.get(a.kind, "unattributed")
        # A hedge of its own ("reportedly", "is estimated") says nobody is named for the
        # figure: no source of the sentence before is lent to it.
        if status != "unattributed" or previous is None or a.rule == "hedge":
            out.append(Verdict(q, status, a, "sentence", a.source))
            continue
        if not checked:
            checked = True
            release = opens_release(previous.text, lexicon, names)
            earlier = attribution_of(previous.text,
                                     before_previous.text if before_previous else None,
                                     lexicon, names)
        assert earlier is not None
        if release is not None and a.rule != "vague-subject":
            # "The bureau released its quarterly figures on Tuesday. Output grew 4.1% …" (not
            # when other people are named for it: "… Analysts expect growth to slow …")
            out.append(Verdict(q, "attributed", a, "release", release))
        elif earlier.kind == "named" and openers is not None and openers.match(sentence.text):
            out.append(Verdict(q, "attributed", a, "continuation", earlier.source))
        elif earlier.kind == "named" and _all_quoted(sentence.text, [q]):
            out.append(Verdict(q, "attributed", a, "quotation", earlier.source))
        else:
            out.append(Verdict(q, "unattributed", a, "sentence"))
    return tuple(out)


# --------------------------------------------------------------------------- findings


@dataclass(frozen=True, slots=True)
class RawFinding:
    """A finding before it meets its rule: which finding, where (offsets in the analysed
    text), what to say, and for style markers the pattern id (counted against `min_markers`)."""

    finding: str
    start: int
    end: int
    message: str
    pattern: str = ""


_CUE_TAIL = re.compile(r"(?:\s+(?:the|a|an|this|that|its|their|[a-z][a-z-]*)){1,4}")
_CUE_OPEN_ENDS = ("with", "of", "to", "in", "on", "about", "by")


def cue_phrase(sentence: str, attribution: Attribution) -> str:
    """The attribution cue as the sentence has it, completed when the lexicon entry stops at a
    preposition: "people familiar with" → "people familiar with the meeting"."""
    cue = " ".join((attribution.cue or "").split())
    if attribution.span is None or not cue.lower().endswith(_CUE_OPEN_ENDS):
        return cue
    tail = _CUE_TAIL.match(sentence, attribution.span[1])
    return cue + (" " + " ".join(tail.group().split()) if tail else "")


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _merge_signals(signals: list[AiSignal]) -> list[list[AiSignal]]:
    """Overlapping signals of one class are one finding ("AI system generated the content"
    and "generated the content of this page on its own" are the same footer)."""
    groups: list[list[AiSignal]] = []
    for signal in sorted(signals, key=lambda s: (s.category, s.start, s.end)):
        last = groups[-1] if groups else None
        if last and last[0].category == signal.category and signal.start < max(
                s.end for s in last):
            last.append(signal)
        else:
            groups.append([signal])
    return groups


_AI_MESSAGES = {
    "ai-generated": "the text says an AI system generated it, with no human review",
    "leaked-chatbot-text": "chatbot text published as is",
    "ai-style-markers": "style marker",
    "ai-assisted": "the text says AI assisted and humans reviewed it",
    "ai-assisted-unreviewed": "the text says AI helped write it, and no one is said to have "
                              "checked the result",
}


def _ai_findings(text: str, patterns: AiPatternSet) -> list[RawFinding]:
    signals = find_ai_signals(text, patterns)
    reviewed = any(s.category == "disclosed-reviewed" for s in signals)
    found = []
    for group in _merge_signals(signals):
        category = group[0].category
        if category in ("disclosed-unreviewed", "disclosed-assisted") and reviewed:
            continue  # a stated human review outranks a bare disclosure (provenance_of)
        finding = _CLASS_FINDING[category]
        start, end = min(s.start for s in group), max(s.end for s in group)
        first = group[0]
        ids = ", ".join(sorted({s.pattern_id for s in group}))
        quoted = f"“{_short(text[start:end])}”"
        if finding == "ai-style-markers":
            message = f"{_AI_MESSAGES[finding]} {quoted} ({ids}: {first.explanation})"
        elif first.pattern_id.startswith("disclosure-"):
            # The grammar's reading: which words decided, and what the disclosure covers.
            message = (f"{_AI_MESSAGES[finding]}: {quoted} ({first.kind} disclosure: "
                       f"{first.explanation})")
        elif first.kind:
            message = (f"{_AI_MESSAGES[finding]}: {quoted} ({first.kind}, pattern {ids}: "
                       f"{first.explanation})")
        else:
            message = (f"{_AI_MESSAGES[finding]}: {quoted} (pattern {ids}: "
                       f"{first.explanation})")
        found.append(RawFinding(finding, start, end, message, first.pattern_id))
    return found


_RULE_WORDS = {
    "hedge": "a hedge naming nobody",
    "vague-verb": "a reporting verb with nobody named",
    "vague-subject": "its subject names nobody in particular",
    "vague-insider": "its subject names nobody in particular",
    "source-phrase": "a source phrase with nobody named",
}


def explain(verdict: Verdict) -> str:
    """Which cue decided a figure's verdict, in words (findings and `scan --explain`)."""
    a = verdict.attribution
    if verdict.status == "attributed":
        if verdict.via == "sentence":
            how = f"cue “{a.cue}”, {a.rule}"
        else:
            how = {"release": "continuing the release the sentence before opens",
                   "continuation": "continuing the sentence before",
                   "quotation": "a quotation continuing the speaker before"}[verdict.via]
        return f"attributed to {verdict.source or 'a speaker named before'} ({how})"
    if verdict.status == "anonymous":
        return f"anonymous sourcing (cue “{a.cue}”)"
    if a.kind == "vague" and a.cue:
        return f"only a vague attribution (“{a.cue}”), {_RULE_WORDS.get(a.rule, a.rule)}"
    return "no attribution (no source cue reaches it)"


def explain_figures(article: Article, resources: Resources) -> list[str]:
    """One line per measured figure of `article`, findings or not, saying what decided its
    sourcing: "path:line:col: “$2 billion” attributed to the ministry (cue “said”, verb)".
    For `factlint scan --explain`: why a figure was, or was not, flagged."""
    lines = []
    for item in analyse_figures(article.text, resources):
        for v in item.verdicts:
            first = v.figure.span or (0, 0)
            line, col = article.position(item.sentence.start + first[0])
            lines.append((line, col, f"{article.path}:{line}:{col}: "
                                     f"“{_short(v.figure.text, 40)}”: {v.status}: {explain(v)}"))
    return [text for _, _, text in sorted(lines)]


def _figure_findings(analysed: list[FigureSentence]) -> list[RawFinding]:
    found = []
    for item in analysed:
        if item.status not in ("unattributed", "anonymous"):
            continue
        s = item.sentence
        for v in item.verdicts:
            if v.status == "attributed":
                continue
            first = v.figure.span or (0, 0)
            start, end = s.start + first[0], s.start + first[1]
            figure = f"“{_short(v.figure.text, 40)}”"
            if v.status == "anonymous":
                cue = cue_phrase(s.text, Attribution("anonymous", v.attribution.cue,
                                                     v.attribution.span))
                message = (f"figure {figure} rests on anonymous sourcing (“{cue}”) in "
                           f"“{_short(s.text)}”: name a source that can be checked, or find "
                           "one that does")
                found.append(RawFinding("anonymous-sourcing", start, end, message))
                continue
            message = (f"figure {figure} stated as fact with {explain(v)}: “{_short(s.text)}”; "
                       "name who measured, reported, estimated or forecast it")
            found.append(RawFinding("unattributed-figure", start, end, message))
    return found


def _date_findings(text: str, published: DateInterval | None) -> list[RawFinding]:
    found = []
    for sentence in article_sentences(text):
        if not sentence.prose:
            continue  # "… in December" in a headline list is another article's date
        for rel in find_relative_dates(sentence.text):
            if not (rel.resolvable and rel.needs_anchor):
                continue
            start, end = sentence.start + rel.span[0], sentence.start + rel.span[1]
            if published is None:
                found.append(RawFinding(
                    "unanchored-relative-date", start, end,
                    f"relative date “{rel.phrase}” cannot be resolved: the article's "
                    "publication date is unknown; pass --published YYYY[-MM[-DD]] or write "
                    "the date out",
                ))
                continue
            interval = resolve(rel, published)
            if interval is not None:
                found.append(RawFinding(
                    "resolved-relative-date", start, end,
                    f"relative date “{rel.phrase}” = {interval.isoformat()} (published "
                    f"{published.isoformat()})",
                ))
    return found


def scan_text(text: str, resources: Resources,
              published: DateInterval | None = None) -> list[RawFinding]:
    """Every raw finding on an article's analysed text, in text order."""
    found = _ai_findings(text, resources.patterns)
    found += _figure_findings(analyse_figures(text, resources))
    found += _date_findings(text, published)
    found.sort(key=lambda f: (f.start, f.finding))
    return found


def to_findings(article: Article, raw: Iterable[RawFinding], rules: Iterable[Any]) -> list[Finding]:
    """Raw findings located in the article's file, each under every selected scan rule that
    asks for its kind of finding (`params.finding`), with that rule's code and severity."""
    from linter.model import Finding

    raw = list(raw)
    by_finding: dict[str, list[Any]] = {}
    for rule in rules:
        if rule.kind == "scan":
            by_finding.setdefault(rule.params.get("finding", ""), []).append(rule)
    markers = len({f.pattern for f in raw if f.finding == "ai-style-markers"})
    findings = []
    for item in raw:
        for rule in by_finding.get(item.finding, ()):
            message = item.message
            if item.finding == "ai-style-markers":
                if markers < int(rule.params.get("min_markers") or 1):
                    continue  # one stock phrase is how people write too; a cluster is a signal
                message += (f"; {markers} different markers in the text: a weak signal, check "
                            "who wrote it")
            line, col = article.position(item.start)
            findings.append(Finding(article.path, line, col, rule.code, message, rule.severity,
                                    rule.name))
    return findings


# --------------------------------------------------------------------------- claim stubs

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*\Z")  # \Z: `$` would accept a final "\n"
_ID_MAX = 120
SOURCE_KINDS = ("news", "analysis", "opinion", "blog", "press-release", "company", "government",
                "academic", "reference", "unknown")
URL_PATTERN = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
TODO_PROPERTY = "TODO: property"
TODO_SUBJECT = "TODO: subject"
TODO_TITLE = "TODO: title as printed"


@dataclass(frozen=True)
class SourceMeta:
    """The source entry of drafted stubs (`--source-id`, `--title`, `--publisher`, …)."""

    id: str
    title: str
    kind: str = "unknown"
    publisher: str | None = None
    url: str | None = None
    published: str | None = None

    def as_yaml(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"id": self.id, "title": self.title}
        if self.publisher:
            entry["publisher"] = self.publisher
        if self.url:
            entry["url"] = self.url
        if self.published:
            entry["published"] = self.published
        entry["kind"] = self.kind
        return entry


def slug(text: str, limit: int = 60) -> str:
    """Lowercase id words: "$564 billion" -> "564-billion", "Beijing Post" -> "beijing-post"."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:limit].rstrip("-")


def default_source_id(path: str) -> str:
    stem = Path(path).stem if path != "-" else "stdin"
    return slug(stem) or "article"


_INVERSE_BOUNDS = {
    "approximate": "about",
    "approximate-not-above": "nearly",
    "lower": "more-than",
    "lower-inclusive": "at-least",
    "upper": "less-than",
    "upper-inclusive": "up-to",
}
# Which schema unit a figure's wording names, per dimension (first match wins); the base
# unit when none does. Case matters for abbreviations: "MW" is not "mW".
_UNIT_WORDS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "length": (
        ("ft", re.compile(r"\b(?:ft|feet|foot)\b", re.I)),
        ("mi", re.compile(r"\b(?:mi|miles?)\b", re.I)),
        ("km", re.compile(r"\b(?:km|kilomet(?:re|er)s?)\b", re.I)),
        ("cm", re.compile(r"\b(?:cm|centimet(?:re|er)s?)\b", re.I)),
        ("mm", re.compile(r"\b(?:mm|millimet(?:re|er)s?)\b", re.I)),
        ("m", re.compile(r"\b(?:m|met(?:re|er)s?)\b", re.I)),
    ),
    "power": (
        ("TW", re.compile(r"\bTW\b|terawatt", re.I)),
        ("GW", re.compile(r"\bGW\b|gigawatt", re.I)),
        ("MW", re.compile(r"\bMW\b|megawatt", re.I)),
        ("kW", re.compile(r"\bkW\b|kilowatt", re.I)),
        ("W", re.compile(r"\bW\b|watt", re.I)),
    ),
    "energy": (
        ("TWh", re.compile(r"\bTWh\b|terawatt-hour", re.I)),
        ("GWh", re.compile(r"\bGWh\b|gigawatt-hour", re.I)),
        ("MWh", re.compile(r"\bMWh\b|megawatt-hour", re.I)),
        ("kWh", re.compile(r"\bkWh\b|kilowatt-hour", re.I)),
        ("Wh", re.compile(r"\bWh\b|watt-hour", re.I)),
    ),
    "duration": (
        ("minutes", re.compile(r"\bmin(?:ute)?s?\b|\bsec(?:ond)?s?\b", re.I)),
        ("hours", re.compile(r"\b(?:hours?|hrs?)\b", re.I)),
        ("days", re.compile(r"\bdays?\b", re.I)),
        ("weeks", re.compile(r"\bweeks?\b", re.I)),
        ("months", re.compile(r"\bmonths?\b", re.I)),
        ("years", re.compile(r"\b(?:years?|yrs?|decades?|century|centuries)\b", re.I)),
    ),
}
_BASE_UNIT = {"length": "m", "power": "W", "energy": "Wh", "duration": "days", "percent": "percent",
              "percentage-point": "percentage-point", "count": "count", "times": "times",
              "rank": "rank"}
_SCALE_WORDS = re.compile(
    r"(?i:\b(?P<word>trillion|billion|million|thousand)s?\b|(?<=\d)\s?(?P<abbr>tn|trn|bn|mn|mln)\b)"
    r"|(?<=\d)(?P<letter>[kmbKMB])\b"
)
_SCALE_OF = {"tn": "trillion", "trn": "trillion", "bn": "billion", "mn": "million",
             "mln": "million", "k": "thousand", "m": "million", "b": "billion"}
_SCALE_FACTOR = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def _number(x: float, digits: int = 12) -> int | float:
    # Significant digits, not decimals: they drop binary noise from unit factors (0.3048,
    # 365.25 / 12) without flattening small values ("3 nm" is 3e-09 m, not 0).
    x = float(f"{x:.{digits}g}")
    return int(x) if x == int(x) and abs(x) < 1e15 else x


def _date_span(q: Quantity) -> bool:
    """True when a date figure covers several periods of its precision ("2019-2024")."""
    start, end = date.fromordinal(int(q.low)), date.fromordinal(int(q.high))
    if q.precision == "year":
        return start.year != end.year
    if q.precision == "month":
        return (start.year, start.month) != (end.year, end.month)
    return start != end


def _date_text(q: Quantity) -> str:
    start = date.fromordinal(int(q.low))
    if q.precision == "year":
        return f"{start.year:04d}"
    if q.precision == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return start.isoformat()


def figure_value(q: Quantity) -> dict[str, Any]:
    """A figure as the claim schema's `value` (`$defs/figure`): amount or range, unit, scale,
    qualifier; dates as `date`. Checked by reading it back: when the mapping would not state the
    same figure (`linter.text.quantity.matches`), the figure is written in its base unit instead."""
    value: dict[str, Any]
    qualifier = _INVERSE_BOUNDS.get(q.bound)
    if q.dimension == "date":
        value = {"date": _date_text(q)}
        if qualifier:
            value["qualifier"] = qualifier
        return value
    if q.dimension.startswith("currency:"):
        unit = q.dimension.split(":", 1)[1]
    else:
        unit = next((u for u, regex in _UNIT_WORDS.get(q.dimension, ()) if regex.search(q.text)),
                    _BASE_UNIT.get(q.dimension, "count"))
    scale = None
    m = _SCALE_WORDS.search(q.text)
    if m is not None:
        word = m.group("word") or m.group("abbr") or m.group("letter")
        if m.group("letter") is None or q.dimension.startswith("currency:"):
            scale = _SCALE_OF.get(word.lower(), word.lower())
    candidates = [(unit, scale), (unit, None), (_BASE_UNIT.get(q.dimension, unit), None)]
    # The shortest number within a millionth of the figure: "two-thirds" is 66.6667 percent,
    # while "1,234,567" keeps every digit.
    for unit_name, scale_name in candidates:
        factor = UNITS.get(unit_name, (q.dimension, 1.0))[1]
        factor *= _SCALE_FACTOR.get(scale_name or "", 1)
        exact_low, exact_high = q.low / factor, q.high / factor
        for digits in (4, 6, 12):
            low, high = _number(exact_low, digits), _number(exact_high, digits)
            if digits < 12 and (abs(low - exact_low) > 1e-6 * abs(exact_low)
                                or abs(high - exact_high) > 1e-6 * abs(exact_high)):
                continue
            value = {"amount": low} if low == high else {"range": [low, high]}
            if scale_name:
                value["scale"] = scale_name
            value["unit"] = unit_name
            if qualifier:
                value["qualifier"] = qualifier
            try:
                if matches(from_value(value), q):
                    return value
            except (ValueError, KeyError):
                continue
    return value


def _find_entities(text: str, registry: EntityRegistry | None) -> list[str]:
    """Entity ids whose name or alias the text mentions, in order of first mention. Short or
    all-capital aliases ("US", "R1") must match case; longer names match any case."""
    if registry is None:
        return []
    hits: list[tuple[int, int, str]] = []
    for entity in registry.entities.values():
        for name in {entity.name, *entity.aliases}:
            if not name.strip():
                continue
            flags = 0 if (len(name) <= 3 or name.isupper()) else re.IGNORECASE
            pattern = r"(?<![\w-])" + re.escape(name).replace(r"\ ", r"\s+") + r"(?![\w-])"
            m = re.search(pattern, text, flags)
            if m:
                hits.append((m.start(), -(m.end() - m.start()), entity.id))
    seen: list[str] = []
    for _, _, entity_id in sorted(hits):
        if entity_id not in seen:
            seen.append(entity_id)
    return seen


_FORECAST_CUES = ("forecast", "forecasted", "projected", "predicted", "predicts", "expected")
_ESTIMATE_CUES = ("estimated", "estimates")
# Adjectives that may sit between a count and its noun ("2,000 other enterprises").
_COUNTED_SKIP = frozenset(("other", "more", "new", "additional", "extra"))


def _counted(sentence: str, q: Quantity) -> str | None:
    """What a count counts: the plural noun after it ("240 million people" -> people)."""
    end = (q.span or (0, 0))[1]
    for word in re.findall(r"[A-Za-z][A-Za-z-]*", sentence[end:end + 40])[:3]:
        if word.lower() in _COUNTED_SKIP:
            continue
        if word.islower() and word.endswith("s") and len(word) > 3:
            return word
        return None
    return None


def _primary(item: FigureSentence) -> Quantity:
    """The figure a stub is about: the first measured figure that is not a duration (those
    are often adjectives: "a three-minute alternative"), else the first one, else the date."""
    for q in item.figures:
        if q.dimension != "duration":
            return q
    return item.figures[0] if item.figures else item.dates[0]


def _as_of(item: FigureSentence, primary: Quantity) -> Quantity | None:
    """The date right after the primary figure, when one follows closely ("82% … by 2027")."""
    end = (primary.span or (0, 0))[1]
    for q in item.dates:
        start = (q.span or (0, 0))[0]
        if start >= end and start - end <= 80 and q.bound in ("exact", "upper-inclusive"):
            return q
    return None


def _kind_of(item: FigureSentence) -> str | None:
    # Only a named party's verb says what kind of figure it is: a vague "is projected" often
    # projects something else in the sentence ("2.5 times …, a disparity that is projected to
    # grow"), and a target date alone ("by 2027") is a goal as often as a forecast.
    if item.attribution.kind != "named":
        return None
    cue = (item.attribution.cue or "").lower().split()
    if any(c in _FORECAST_CUES for c in cue):
        return "forecast"
    if any(c in _ESTIMATE_CUES for c in cue):
        return "estimate"
    return None


def claim_stubs(article: Article, resources: Resources, meta: SourceMeta) -> dict[str, Any]:
    """A claim file ({sources, claims}) with one stub per sentence of prose with a figure or a
    date: the sentence as the evidence quote, the figure as `value`, the attribution found.
    Every stub passes the claim schema as it is; TODO markers show what an editor must set."""
    claims: list[dict[str, Any]] = []
    used: set[str] = {meta.id}
    anchor = None
    if meta.published:
        from linter.text.dates import parse_date

        anchor = parse_date(meta.published)
    for item in analyse_figures(article.text, resources):
        sentence = item.sentence
        if item.status == "date-only" and anchor is not None and all(
                q.low == anchor.start.toordinal() and q.high == anchor.end.toordinal()
                for q in item.dates):
            continue  # the dateline: the publication date is the source's, not a claim
        primary = _primary(item)
        item = _for_figure(item, primary)
        line, _ = article.position(sentence.start + (primary.span or (0, 0))[0])
        value = figure_value(primary)
        as_of = _as_of(item, primary) if primary.dimension != "date" else None
        if as_of is not None:
            value["as_of"] = _date_text(as_of)
        kind = _kind_of(item) if primary.dimension != "date" else None
        if kind:
            value["kind"] = kind
        if primary.dimension == "count":
            counted = _counted(sentence.text, primary)
            if counted:
                value["counted"] = counted
        entities = _find_entities(sentence.text, resources.entities)
        base = f"{meta.id}-{slug(primary.text, 40) or 'figure'}"[:_ID_MAX].rstrip("-.")
        claim_id, number = base, 2
        while claim_id in used:
            suffix = f"-{number}"
            claim_id = base[: _ID_MAX - len(suffix)] + suffix
            number += 1
        used.add(claim_id)
        claim: dict[str, Any] = {
            "id": claim_id,
            "text": article.quote(sentence.start, sentence.end),
            "subject": entities[0] if entities else TODO_SUBJECT,
            "property": TODO_PROPERTY,
            "value": value,
        }
        attribution = _attribution_text(item)
        if attribution:
            claim["attribution"] = attribution
        quote = article.quote(sentence.start, sentence.end)
        claim["evidence"] = [{"source": meta.id, "quote": quote, "locator": f"line {line}"}]
        claim["notes"] = _stub_note(article, item, primary, entities, line)
        claims.append(claim)
    return {"sources": [meta.as_yaml()], "claims": claims}


def _for_figure(item: FigureSentence, q: Quantity) -> FigureSentence:
    """The sentence as its figure `q` reads: that figure's verdict as the sentence's."""
    v = item.verdict(q)
    if v is None:
        return item
    a = v.attribution
    return dataclasses.replace(item, status=v.status, via=v.via, source=v.source,
                               attribution=Attribution(a.kind, a.cue, a.span, a.source, a.rule))


def _attribution_text(item: FigureSentence) -> str | None:
    if item.status == "attributed" and item.source and item.source.strip():
        return " ".join(item.source.split())
    if item.status == "anonymous" and item.attribution.cue:
        return cue_phrase(item.sentence.text, item.attribution)
    return None


def _stub_note(article: Article, item: FigureSentence, primary: Quantity, entities: list[str],
               line: int) -> str:
    attribution = item.attribution
    if item.status == "attributed":
        how = {"sentence": "named in the sentence", "continuation": "named in the sentence "
               "before, which this one continues", "quotation": "the speaker of the quotation, "
               "named in the sentence before", "release": "named in the sentence before, "
               "which opens the release this one continues"}[item.via]
        said = f"attribution {how}" + (f" ({item.source})" if item.source else
                                       f" (“{attribution.cue}”: resolve the speaker)")
    elif item.status == "anonymous":
        said = f"anonymous sourcing (“{cue_phrase(item.sentence.text, attribution)}”)"
    elif item.status == "date-only":
        said = "a dated event"
    elif attribution.kind == "vague":
        said = f"no named source, only “{attribution.cue}”"
    else:
        said = "no named source"
    others = [q.text for q in (*item.figures, *item.dates) if q is not primary]
    parts = [f"Drafted by factlint scan from {article.path} line {line}: {said}."]
    spans = [q.text for q in (primary, *item.dates) if q.dimension == "date" and _date_span(q)]
    if spans:
        parts.append(f"“{spans[0]}” is a span of dates; the value holds its first one.")
    if others:
        parts.append("Other figures in the sentence: " + "; ".join(others) + ".")
    if len(entities) > 1:
        parts.append("Entities mentioned: " + ", ".join(entities) + ".")
    parts.append("Set subject and property, check value and attribution, then delete this note.")
    return " ".join(parts)


def stubs_yaml(document: dict[str, Any], schema_ref: str, article_path: str) -> str:
    """The stubs as YAML, with the schema comment editors use to validate as you type."""
    import yaml

    count = len(document.get("claims", []))
    header = (
        f"# yaml-language-server: $schema={schema_ref}\n"
        "#\n"
        f"# {count} claim stub{'s' if count != 1 else ''} drafted by `factlint scan --claims` "
        f"from {article_path}.\n"
        "# Each quote is the article's sentence verbatim; subjects come from the entity registry,\n"
        "# properties are left as TODO. Edit, then move the file into claims/.\n"
    )
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=10_000,
                          default_flow_style=False)
    return header + body
