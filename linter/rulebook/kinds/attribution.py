"""Kind `attribution`: who the evidence says a figure comes from.

`report: unattributed` — the claim has a figure (dates of events are exempt unless
`exempt_dates` is false) and names no `attribution`, and no evidence
sentence that states a figure (or the sentence before it) names who measured, reported,
estimated or forecast it. Vague hedges ("reportedly", "data showed") name nobody.
`report: anonymous` — every evidence quote rests on anonymous sourcing ("people familiar with
the matter") and none names a party.
The cue lexicon is `registries/attribution-cues.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from linter.load.corpus import Entry
from linter.model import Finding

if TYPE_CHECKING:
    from linter.load.corpus import Corpus
    from linter.rulebook.context import Context
    from linter.text.attribution import CueLexicon
    from linter.text.quantity import Quantity

PARAMS: dict[str, object] = {"report": "", "registry": "attribution-cues",
                             "exempt_dates": True,
                             "primary_kinds": ["company", "government", "press-release",
                                               "academic"]}


def validate(params: dict[str, object]) -> None:
    if params["report"] not in ("unattributed", "anonymous"):
        raise ValueError("`report` must be unattributed or anonymous")


def lexicon(ctx: Context) -> CueLexicon:
    from linter.text.attribution import CueLexicon

    key = f"lexicon:{ctx.params['registry']}"
    if key not in ctx.corpus.memo:
        data, origin = ctx.rulebook.registry(str(ctx.params["registry"]))
        ctx.corpus.memo[key] = CueLexicon.from_data(data, origin)
    return ctx.corpus.memo[key]


class SentenceAttribution(NamedTuple):
    """One sentence of a quote: its attribution read as a whole (`kind`, `cue`), the kind of
    each of its figures (`figures`: (figure, kind) pairs, dates left out), and the sentence
    when it states a figure (only those are ever quoted back)."""

    kind: str
    cue: str | None
    has_figure: bool
    sentence: str
    figures: tuple[tuple[Quantity, str], ...] = ()


def quote_attributions(quote: str, cues: CueLexicon,
                       corpus: Corpus | None = None) -> list[SentenceAttribution]:
    """Each sentence of a quote, read for attribution sentence by sentence and figure by
    figure. It depends on the text and the lexicon alone, so the run computes it once per quote
    text (`Corpus.derive`)."""
    # Imported here: their patterns compile on import, and a run whose files are all served by
    # the cache analyses no text at all.
    from linter.load.figures import extracted
    from linter.text.attribution import attribute_figures, attribution_of
    from linter.text.sentences import sentences

    result = []
    previous: str | None = None
    for sentence in sentences(quote):
        found = attribution_of(sentence, previous, cues)
        # Through the run's memo: a one-sentence quote is the text unsourced-figure reads.
        figures = extracted(corpus, sentence)
        measured = [q for q in figures if q.dimension != "date" and q.span is not None]
        kinds: tuple[tuple[Quantity, str], ...] = ()
        if measured:
            read = attribute_figures(sentence, [q.span or (0, 0) for q in measured], cues,
                                     previous)
            kinds = tuple((q, a.kind) for q, a in zip(measured, read, strict=True))
        # Only a sentence with a figure is ever quoted back in a message: keep the memo small.
        result.append(SentenceAttribution(found.kind, found.cue, bool(figures),
                                          sentence if figures else "", kinds))
        previous = sentence
    return result


def _quotes(ctx: Context, claim: Entry) -> list[str]:
    return [item["quote"] for _, item in ctx.corpus.evidence(claim)
            if isinstance(item.get("quote"), str)]


def check(ctx: Context) -> Iterator[Finding]:
    cues = lexicon(ctx)
    mode = ctx.params["report"]
    corpus = ctx.corpus

    def analyse(quotes: list[str]) -> list[list[SentenceAttribution]]:
        return [corpus.derive("attribution", q, lambda t: quote_attributions(t, cues, corpus))
                for q in quotes]

    # Each mode first rules out, cheaply, the claims it cannot report, and analyses only the
    # quotes of the rest: sentence splitting and attribution are most of this kind's cost.
    for claim in corpus.focus_claims():
        quotes = _quotes(ctx, claim)
        if not quotes:
            continue
        if mode == "anonymous":
            # A quote with no anonymous cue anywhere has no anonymous sentence.
            if not all(cues.may_be_anonymous(q) for q in quotes):
                continue
            analysed = analyse(quotes)
            kinds = [{s.kind for s in sentences_} for sentences_ in analysed]
            if all("anonymous" in k and "named" not in k for k in kinds):
                cue = next(s.cue for group in analysed for s in group if s.kind == "anonymous")
                yield ctx.at_entry(
                    claim,
                    f"claim {claim.id!r} rests only on anonymous sourcing (“{cue}”): name a "
                    "source that can be checked, or say why anonymity is justified",
                    ("evidence",),
                )
            continue
        value = claim.get("value")
        if not isinstance(value, dict) or claim.get("attribution"):
            continue
        if ctx.params["exempt_dates"] and "date" in value:
            continue  # when an event happened is reported, not measured: no producer to name
        if _cites_primary(ctx, claim):
            continue  # the source speaks for itself: it is the producer of its own figures
        # Attributed when the claim's figure in a figure sentence (any figure of it when the
        # claim's is not found there) is attributed, or the sentence before names a party.
        from linter.load.figures import claim_figure
        from linter.text.quantity import matches

        wanted = claim_figure(corpus, claim)
        attributed = False
        figure_sentences = []
        for sentences_ in analyse(quotes):
            for index, read in enumerate(sentences_):
                if not read.has_figure:
                    continue
                figure_sentences.append(read.sentence)
                before = sentences_[index - 1].kind if index else None
                if before == "named" or _figure_named(read, wanted, matches):
                    attributed = True
        if attributed or not figure_sentences:
            continue
        yield ctx.at_entry(
            claim,
            f"claim {claim.id!r}: the evidence states the figure without saying who measured or "
            f"estimated it (“{_short(figure_sentences[0])}”); add `attribution:` if the source "
            "names one elsewhere, or find a source that does",
            ("value",),
        )


def _figure_named(read: SentenceAttribution, wanted: Quantity | None, matches: Any) -> bool:
    """Whether the claim's figure, as the sentence states it, has a named source: the kinds
    of the figures that match it, else of all the sentence's figures, else the sentence's."""
    if not read.figures:
        return read.kind == "named"
    kinds = [kind for q, kind in read.figures if wanted is not None and _safe(matches, wanted, q)]
    return "named" in (kinds or [kind for _, kind in read.figures])


def _safe(matches: Any, a: Quantity, b: Quantity) -> bool:
    try:
        return bool(matches(a, b))
    except (ValueError, TypeError):
        return False


def _cites_primary(ctx: Context, claim: Entry) -> bool:
    kinds = set(ctx.params["primary_kinds"])
    for _, item in ctx.corpus.evidence(claim):
        source = ctx.corpus.sources.get(str(item.get("source")))
        kind = source.get("kind") if source is not None else None
        if isinstance(kind, str) and kind in kinds:  # a list or mapping is FL101's to report
            return True
    return False


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
