"""The report as plain data: built once from a lint `Outcome`, rendered by every format.

Nothing here knows about HTML, Markdown or JSON. Strings copied from claim files stay exactly as
the user wrote them (they are untrusted: escaping is each renderer's job), and everything is
sorted so that two runs over the same corpus give byte-identical reports.

At scale the report shows a cut, chosen by `Limits`: the first N findings of each rule (errors
first) with the count of those left out, the sources that matter most, and the claims list only
when it is small or asked for. Positions are read only for the rows shown: a claim's line costs a
re-parse of its file, and on 10,000 files re-parsing every one was most of the report's time. The
JSON report is built without limits: it keeps every finding, claim and source.

Source reliability and AI provenance come from `linter.sources.reliability` and
`linter.sources.ai_patterns` when their registries load; if they do not, the report degrades
(reliability "unknown", only the declared provenance) and says why in `notes` rather than failing:
the report is not a gate.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from linter.load.corpus import Corpus, Entry
from linter.model import Finding, Related
from linter.run.runner import Outcome

CONFLICT_KIND = "conflicting-figures"
WEAK_STATUSES = frozenset({"generally-unreliable", "deprecated", "blacklisted"})
AI_PROVENANCE = frozenset({"generated", "leaked"})
VERDICTS = ("true", "mostly-true", "mixed", "mostly-false", "false", "unproven", "outdated")
SEVERITIES = ("error", "warning", "info")

# The defaults of the cut. Measured on the bench corpus (10,000 files, 50,000 claims, 10,000
# sources), the HTML costs about 800 bytes a claim, 650 a source and 650 a finding: 2,000 claims
# are about 1.6 MB and 500 sources 0.3 MB, so that with 50 findings a rule the whole report stays
# well under 5 MB, while a fact base of a few hundred files is still shown in full.
DEFAULT_MAX_PER_RULE = 50
CLAIMS_LIST_LIMIT = 2000
DEFAULT_MAX_SOURCES = 500


@dataclass(frozen=True)
class Limits:
    """What the report shows. None: no limit (`claims` None: listed up to CLAIMS_LIST_LIMIT)."""

    max_per_rule: int | None = DEFAULT_MAX_PER_RULE
    claims: bool | None = None
    max_sources: int | None = DEFAULT_MAX_SOURCES

    @classmethod
    def everything(cls) -> Limits:
        return cls(max_per_rule=None, claims=True, max_sources=None)

    def lists_claims(self, count: int) -> bool:
        return self.claims if self.claims is not None else count <= CLAIMS_LIST_LIMIT


@dataclass
class FindingRow:
    path: str
    line: int
    column: int
    code: str
    rule: str
    severity: str
    message: str
    subject: str | None
    anchor: str | None  # "claim-<id>" or "source-<id>" when the subject is known
    related: list[dict[str, Any]]
    suppressed: str | None


@dataclass
class SourceRow:
    id: str
    title: str
    publisher: str | None
    url: str | None  # only http(s) URLs survive: anything else could be `javascript:`
    published: str | None
    kind: str | None
    path: str
    line: int  # 0 until the row is shown (reading a position may re-parse the file)
    reliability: str  # a registry status, or "unknown"
    reliability_entry: str | None  # the registry entry's id
    reliability_via: str | None  # "domain" or "name"
    reliability_rationale: str | None
    # none | assisted-and-reviewed | assisted-unreviewed | generated | leaked | unknown
    provenance: str
    provenance_basis: str  # "declared", "detected", "registry" or "none"
    ai_signals: list[str]  # pattern ids found in the disclosure and boilerplate
    # What decided the detected provenance: its class ("label-line disclosure", "leaked text:
    # refusal") and what it covers ("the block", "the site"); None when nothing was detected.
    ai_detail: str | None
    weak: bool
    weak_reasons: list[str]
    citing_claims: int


@dataclass
class EvidenceRow:
    source: str
    quote: str
    source_known: bool
    publisher: str | None = None
    reliability: str = "unknown"
    provenance: str = "unknown"
    weak: bool = False


@dataclass
class ClaimRow:
    id: str
    text: str
    path: str
    line: int  # where the claim starts
    # Where its `value` is, the line a conflict finding names; the claim's line when it has none.
    value_line: int
    subject: str | None
    property: str | None
    value: str | None  # the figure as written, e.g. "about 82 percent (forecast, as of 2027)"
    attribution: str | None
    evidence: list[EvidenceRow]
    verdict: str | None  # review.verdict; None: not reviewed
    review_note: str | None
    reviewer: str | None
    review_date: str | None
    findings: int  # active findings about this claim
    weak_only: bool  # every source it cites is weak or AI-generated


@dataclass
class ConflictSide:
    claim: ClaimRow
    low: float | None  # the interval the figure's wording admits, in base units
    high: float | None  # (ordinal days for dates); None: not computable


@dataclass
class Conflict:
    code: str
    severity: str
    messages: list[str]  # every finding merged into this conflict
    suppressed: str | None  # the reason, when every one of those findings is suppressed
    dimension: str | None  # "date", "percent", "currency:USD", …
    sides: list[ConflictSide]
    figure: Any = None  # linter.report.svg.Figure, or None when no interval is drawable


@dataclass
class Group:
    key: str  # a rule code or a file path
    title: str
    findings: list[FindingRow]  # the ones shown: the first N, errors first
    severity: str = "info"  # the most severe of all its findings
    count: int = 0  # all its findings, shown or not
    left_out: int = 0  # count - len(findings)
    by_severity: dict[str, int] = field(default_factory=dict)


@dataclass
class Summary:
    files: int
    claims: int
    sources: int
    findings: int  # active
    suppressed: int
    by_severity: dict[str, int]
    by_rule: list[dict[str, Any]]  # [{"code", "name", "count"}], by code
    reviewed: int
    by_verdict: dict[str, int]
    weak_only_claims: int
    weak_only_share: float  # of all claims, 0..1
    weak_sources: int


@dataclass
class ReportModel:
    version: str
    files: list[str]
    summary: Summary
    conflicts: list[Conflict]
    sources: list[SourceRow]
    claims: list[ClaimRow]
    findings: list[FindingRow]  # every finding, suppressed ones included, sorted
    by_rule: list[Group]  # active findings, rules with errors first
    # Active findings by file, in path order; when a rule's findings were cut, the files with
    # most errors first, without their findings (the report shows counts).
    by_file: list[Group]
    suppressed: list[FindingRow]
    notes: list[str] = field(default_factory=list)
    max_per_rule: int | None = None  # the cut of the by-rule lists; None: every finding
    findings_cut: bool = False  # some rule's findings were left out of by_rule
    files_left_out: int = 0  # files with findings not in by_file
    suppressed_left_out: int = 0
    conflicts_left_out: int = 0
    sources_left_out: int = 0
    claims_listed: bool = True  # False: `claims` is empty, the list was left out (too many)

    @property
    def active(self) -> list[FindingRow]:
        return [f for f in self.findings if f.suppressed is None]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; the SVG geometry is a rendering detail and is left out."""
        data = asdict(self)
        for conflict in data["conflicts"]:
            conflict.pop("figure", None)
            for side in conflict["sides"]:
                for key in ("low", "high"):  # JSON has no infinity
                    if side[key] is not None and not math.isfinite(side[key]):
                        side[key] = None
        return data


# --- building ---------------------------------------------------------------------------------


def build(outcome: Outcome, version: str, limits: Limits | None = None) -> ReportModel:
    """The report of `outcome`; without `limits`, everything (the JSON report)."""
    limits = limits or Limits.everything()
    corpus = outcome.corpus
    notes: list[str] = []
    reported = set(outcome.files)
    kinds = {code: rule.kind for code, rule in outcome.rulebook.rules.items()}
    names = {code: rule.name for code, rule in outcome.rulebook.rules.items()}

    claims_in_scope = [c for c in corpus.claims if c.document.path in reported]
    cited = {_source_id(e) for c in claims_in_scope for _, e in corpus.evidence(c)}
    classifier = _SourceClassifier(outcome, notes)
    citing = _citing_counts(corpus)
    # Every source is rated, not only those in scope: a claim in a named file may rest on a
    # source defined elsewhere, and conflicts show claims from any file.
    rated = {sid: classifier.row(e, citing.get(sid, 0)) for sid, e in corpus.sources.items()}
    in_scope = sorted(
        (rated[s.id] for s in corpus.sources.values()
         if s.document.path in reported or s.id in cited),
        key=lambda s: s.id,
    )
    sources = [replace(s, line=_line(corpus.sources[s.id]))
               for s in _first(in_scope, limits.max_sources, _source_rank)]

    claim_ids = {c.id for c in corpus.claims}
    source_ids = set(corpus.sources)
    rows = [_finding_row(f, claim_ids, source_ids) for f in outcome.findings]
    active_counts = Counter(f.subject for f in outcome.findings if f.suppressed is None)
    listed = limits.lists_claims(len(claims_in_scope))
    claims = sorted(
        (_claim_row(c, corpus, rated, active_counts.get(c.id, 0)) for c in claims_in_scope),
        key=lambda c: (c.path, c.line, c.id),
    ) if listed else []
    # The summary counts every claim in scope, listed or not.
    standing = [_standing(c, corpus, rated) for c in claims_in_scope]
    active = [r for r in rows if r.suppressed is None]
    conflicts = _conflicts(outcome, kinds, corpus, rated, active_counts)
    shown_conflicts = _first(conflicts, limits.max_per_rule)

    severity_counts = Counter(r.severity for r in active)
    rule_counts = Counter(r.code for r in active)
    verdicts = Counter(verdict for verdict, _ in standing if verdict)
    # Known verdicts in scale order, then anything else a (schema-invalid) file holds.
    order = [*VERDICTS, *sorted(set(verdicts) - set(VERDICTS))]
    weak_only = sum(weak for _, weak in standing)
    summary = Summary(
        files=len(outcome.files),
        claims=len(claims_in_scope),
        sources=len(in_scope),
        findings=len(active),
        suppressed=len(rows) - len(active),
        by_severity={s: severity_counts.get(s, 0) for s in SEVERITIES},
        by_rule=[
            {"code": code, "name": names.get(code, ""), "count": count}
            for code, count in sorted(rule_counts.items())
        ],
        reviewed=sum(verdicts.values()),
        by_verdict={v: verdicts[v] for v in order if verdicts.get(v)},
        weak_only_claims=weak_only,
        weak_only_share=(weak_only / len(claims_in_scope)) if claims_in_scope else 0.0,
        weak_sources=sum(s.weak for s in in_scope),
    )
    by_rule = _by_rule(active, names, limits.max_per_rule)
    cut = any(g.left_out for g in by_rule)
    by_file = _by_file(active, limits.max_per_rule if cut else None)
    suppressed = [r for r in rows if r.suppressed is not None]
    shown_suppressed = _first(suppressed, limits.max_per_rule)
    return ReportModel(
        version=version,
        files=list(outcome.files),
        summary=summary,
        conflicts=shown_conflicts,
        sources=sources,
        claims=claims,
        findings=rows,
        by_rule=by_rule,
        by_file=by_file,
        suppressed=shown_suppressed,
        notes=notes,
        max_per_rule=limits.max_per_rule,
        findings_cut=cut,
        files_left_out=len({r.path for r in active}) - len(by_file),
        suppressed_left_out=len(suppressed) - len(shown_suppressed),
        conflicts_left_out=len(conflicts) - len(shown_conflicts),
        sources_left_out=len(in_scope) - len(sources),
        claims_listed=listed,
    )


def _first(rows: list[Any], limit: int | None, rank: Any = None) -> list[Any]:
    """The first `limit` rows (all when None), picked by `rank` when given, kept in order."""
    if limit is None or len(rows) <= limit:
        return list(rows)
    if rank is None:
        return rows[:limit]
    picked = {id(r) for r in sorted(rows, key=rank)[:limit]}
    return sorted((r for r in rows if id(r) in picked), key=rank)


def _source_rank(source: SourceRow) -> tuple[bool, int, str]:
    """When the sources table is cut: the weak sources first, then the most cited."""
    return (not source.weak, -source.citing_claims, source.id)


def _severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def _by_rule(active: list[FindingRow], names: dict[str, str],
             limit: int | None) -> list[Group]:
    """One group a rule, rules with errors first, then by code; in each, errors first."""
    grouped: dict[str, list[FindingRow]] = defaultdict(list)
    for row in active:
        grouped[row.code].append(row)
    groups = []
    for code, found in grouped.items():
        found.sort(key=lambda r: _severity_rank(r.severity))  # stable: path order within
        shown = _first(found, limit)
        counts = Counter(r.severity for r in found)
        groups.append(Group(
            key=code,
            title=f"{code} {names.get(code, '')}".strip(),
            findings=shown,
            severity=found[0].severity,
            count=len(found),
            left_out=len(found) - len(shown),
            by_severity={s: counts.get(s, 0) for s in SEVERITIES},
        ))
    groups.sort(key=lambda g: (_severity_rank(g.severity), g.key))
    return groups


def _by_file(active: list[FindingRow], limit: int | None) -> list[Group]:
    """Every file's findings in path order; with a limit, only counts, for the `limit` files
    with most errors (then warnings, then findings)."""
    grouped: dict[str, list[FindingRow]] = defaultdict(list)
    for row in active:
        grouped[row.path].append(row)
    groups = []
    for path in sorted(grouped):
        found = grouped[path]
        counts = Counter(r.severity for r in found)
        groups.append(Group(
            key=path, title=path, findings=found if limit is None else [],
            severity=min((r.severity for r in found), key=_severity_rank),
            count=len(found), left_out=0 if limit is None else len(found),
            by_severity={s: counts.get(s, 0) for s in SEVERITIES},
        ))
    if limit is None:
        return groups
    groups.sort(key=lambda g: (-g.by_severity["error"], -g.by_severity["warning"], -g.count,
                               g.key))
    return groups[:limit]


def _line(entry: Entry, *path: str | int) -> int:
    return entry.document.position((*entry.path, *path)).line


def _text(value: Any) -> str | None:
    """A scalar from a claim file as display text; None for missing or structured values."""
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def safe_url(value: Any) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (never a `javascript:` link)."""
    text = _text(value)
    if text and text.lower().startswith(("http://", "https://")) and not any(
        c.isspace() or ord(c) < 32 for c in text
    ):
        return text
    return None


def _finding_row(f: Finding, claim_ids: set[str], source_ids: set[str]) -> FindingRow:
    anchor = None
    if f.subject in claim_ids:
        anchor = f"claim-{f.subject}"
    elif f.subject in source_ids:
        anchor = f"source-{f.subject}"
    return FindingRow(
        path=f.path,
        line=f.line,
        column=f.col,
        code=f.code,
        rule=f.rule,
        severity=str(f.severity),
        message=f.message,
        subject=f.subject or None,
        anchor=anchor,
        related=[
            {"path": r.path, "line": r.line, "column": r.col, "message": r.message}
            for r in f.related
        ],
        suppressed=f.suppressed,
    )


def _source_id(evidence: dict[str, Any]) -> str | None:
    """The source id an evidence item cites; None when it is not a string (an invalid file
    may hold a list or a mapping there, which could not even be a dict key)."""
    value = evidence.get("source")
    return value if isinstance(value, str) else None


def _citing_counts(corpus: Corpus) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for claim in corpus.claims:
        ids = {_source_id(e) for _, e in corpus.evidence(claim)}
        counts.update(i for i in ids if i is not None)
    return dict(counts)


def _standing(claim: Entry, corpus: Corpus,
              rated: dict[str, SourceRow]) -> tuple[str | None, bool]:
    """What the summary counts of a claim: its verdict, and whether it rests on weak sources
    only (as `_claim_row` says, without building the row or reading a position)."""
    review = claim.get("review")
    verdict = _text(review.get("verdict")) if isinstance(review, dict) else None
    known = [rated[sid] for _, item in corpus.evidence(claim)
             if (sid := _source_id(item)) is not None and sid in rated]
    return verdict, bool(known) and all(s.weak for s in known)


def _claim_row(
    claim: Entry, corpus: Corpus, rated: dict[str, SourceRow], findings: int
) -> ClaimRow:
    evidence = []
    for _, item in corpus.evidence(claim):
        sid = _source_id(item)
        source = rated.get(sid) if sid is not None else None
        evidence.append(EvidenceRow(
            source=str(item.get("source", "")),
            quote=str(item.get("quote", "")),
            source_known=source is not None,
            publisher=source.publisher if source else None,
            reliability=source.reliability if source else "unknown",
            provenance=source.provenance if source else "unknown",
            weak=source.weak if source else False,
        ))
    known = [e for e in evidence if e.source_known]
    review = claim.get("review") if isinstance(claim.get("review"), dict) else {}
    verdict = _text(review.get("verdict"))
    line = _line(claim)
    has_value = isinstance(claim.get("value"), dict)
    return ClaimRow(
        id=claim.id,
        text=_text(claim.get("text")) or "",
        path=claim.document.path,
        line=line,
        value_line=_line(claim, "value") if has_value else line,
        subject=_text(claim.get("subject")),
        property=_text(claim.get("property")),
        value=value_text(claim.get("value")),
        attribution=_text(claim.get("attribution")),
        evidence=evidence,
        verdict=verdict,
        review_note=_text(review.get("note")),
        reviewer=_text(review.get("reviewer")),
        review_date=_text(review.get("date")),
        findings=findings,
        weak_only=bool(known) and all(e.weak for e in known),
    )


_UNIT_WORDS = {"percent": "%", "percentage-point": " percentage points", "count": ""}


def value_text(value: Any) -> str | None:
    """A claim's `value` as a reader would say it: "about 82% (forecast, as of 2027)"."""
    if not isinstance(value, dict):
        return None
    qualifier = value.get("qualifier")
    words = {"about": "about", "nearly": "nearly", "more-than": "more than",
             "at-least": "at least", "less-than": "less than", "up-to": "up to"}
    prefix = words.get(qualifier, "") if isinstance(qualifier, str) else ""
    if "date" in value:
        body = str(value["date"])
    elif "amount" in value or "range" in value:
        raw = value.get("amount", value.get("range"))
        numbers = raw if isinstance(raw, list) else [raw]
        body = "–".join(_number(n) for n in numbers)
        if isinstance(value.get("scale"), str):
            body += f" {value['scale']}"
        unit = value.get("unit")
        if isinstance(unit, str):
            body += _UNIT_WORDS.get(unit, f" {unit}")
        if isinstance(value.get("counted"), str):
            body += f" {value['counted']}"
    else:
        return None
    extras = [str(value["kind"])] if isinstance(value.get("kind"), str) else []
    if value.get("as_of") is not None:
        extras.append(f"as of {value['as_of']}")
    text = f"{prefix} {body}".strip()
    return f"{text} ({', '.join(extras)})" if extras else text


def _number(n: Any) -> str:
    if isinstance(n, bool) or not isinstance(n, int | float):
        return str(n)
    if isinstance(n, float) and not math.isfinite(n):
        return str(n)
    return f"{n:,}" if isinstance(n, int) or n != int(n) else f"{int(n):,}"


# --- sources: reliability and provenance ------------------------------------------------------


class _SourceClassifier:
    """Rows for the sources table, from the same assessment the source rules use
    (`linter.sources.assessment`), so the report and `factlint check` never judge a source
    differently."""

    def __init__(self, outcome: Outcome, notes: list[str]) -> None:
        from linter.sources.assessment import AiPatternSet, Assessments, ReliabilityRegistry

        rulebook = outcome.rulebook
        self.table = Assessments(
            outcome.corpus,
            AiPatternSet.from_data(*rulebook.registry("ai-patterns"),
                                   rulebook.verified_patterns),
            ReliabilityRegistry.from_data(*rulebook.registry("reliability")),
        )

    def row(self, entry: Entry, citing: int) -> SourceRow:
        found = self.table[entry.id]
        status = found.status
        provenance = found.provenance if found.provenance != "none" else "unknown"
        reasons = []
        if status in WEAK_STATUSES:
            reasons.append(f"reliability: {status}")
        if provenance in AI_PROVENANCE:
            reasons.append(f"AI provenance: {provenance}")
        return SourceRow(
            id=entry.id,
            title=_text(entry.get("title")) or entry.id,
            publisher=_text(entry.get("publisher")),
            url=safe_url(entry.get("url")),
            published=_text(entry.get("published")),
            kind=_text(entry.get("kind")),
            path=entry.document.path,
            line=0,  # read for the rows shown only
            reliability=status,
            reliability_entry=found.publisher.id if found.publisher else None,
            reliability_via=found.via,
            reliability_rationale=found.publisher.rationale if found.publisher else None,
            provenance=provenance,
            provenance_basis=found.basis,
            ai_signals=sorted({s.signal.pattern_id for s in found.signals
                               if s.signal.category != "style"}),
            ai_detail=_ai_detail(found),
            weak=bool(reasons),
            weak_reasons=reasons,
            citing_claims=citing,
        )


# --- conflicts --------------------------------------------------------------------------------


def _conflicts(
    outcome: Outcome,
    kinds: dict[str, str],
    corpus: Corpus,
    rated: dict[str, SourceRow],
    active_counts: Counter[str],
) -> list[Conflict]:
    """One conflict per group of claims that conflict with each other.

    The rule reports every side ("A conflicts with B" and "B conflicts with A and C"): findings
    that share a claim are merged, so that a reader sees the three DeepSeek-R1 dates on one
    timeline instead of the same pair twice.
    """
    by_id = {c.id: c for c in corpus.claims}
    claims_in = _ClaimsByFile(corpus)
    groups: list[tuple[list[str], list[Finding]]] = []  # (claim ids, findings), by first seen
    for finding in outcome.findings:
        if kinds.get(finding.code) != CONFLICT_KIND:
            continue
        ids = [finding.subject] if finding.subject in by_id else []
        for related in finding.related:
            other = _claim_at(related, claims_in, by_id)
            if other is not None and other not in ids:
                ids.append(other)
        if not ids:
            continue
        touching = [g for g in groups if g[1][0].code == finding.code and set(g[0]) & set(ids)]
        merged_ids: list[str] = []
        merged_findings: list[Finding] = []
        for group in touching:
            groups.remove(group)
            merged_ids += [i for i in group[0] if i not in merged_ids]
            merged_findings += group[1]
        merged_ids += [i for i in ids if i not in merged_ids]
        groups.append((merged_ids, [*merged_findings, finding]))

    from linter.report.svg import Span, number_line

    conflicts: list[Conflict] = []
    for ids, findings in groups:
        sides = []
        dimensions = set()
        for claim_id in ids:
            entry = by_id[claim_id]
            row = _claim_row(entry, corpus, rated, active_counts.get(claim_id, 0))
            low, high, dimension = figure_interval(entry.get("value"))
            if dimension:
                dimensions.add(dimension)
            sides.append(ConflictSide(row, low, high))
        # Chronological / ascending: the order of the picture, neutral about who is right.
        sides.sort(key=lambda s: (s.low is None, s.low if s.low is not None else 0.0,
                                  s.claim.id))
        active = [f for f in findings if f.suppressed is None]
        conflict = Conflict(
            code=findings[0].code,
            severity=str(max(f.severity for f in findings)),
            messages=sorted({f.message for f in findings}),
            suppressed=None if active else findings[0].suppressed,
            dimension=dimensions.pop() if len(dimensions) == 1 else None,
            sides=sides,
        )
        conflict.figure = number_line(conflict.dimension, [
            Span(s.claim.id, s.claim.value, s.low, s.high) for s in sides])
        conflicts.append(conflict)
    conflicts.sort(key=lambda c: (c.sides[0].claim.path, c.sides[0].claim.line, c.code))
    return conflicts


class _ClaimsByFile:
    """The claims of each file with where they start, read only for the files asked about:
    reading a position may re-parse the file."""

    def __init__(self, corpus: Corpus) -> None:
        self.entries: dict[str, list[Entry]] = defaultdict(list)
        for claim in corpus.claims:
            self.entries[claim.document.path].append(claim)
        self.starts: dict[str, list[tuple[tuple[int, int], str]]] = {}

    def __getitem__(self, path: str) -> list[tuple[tuple[int, int], str]]:
        if path not in self.starts:
            found = []
            for claim in self.entries.get(path, ()):
                position = claim.document.position(claim.path)
                found.append(((position.line, position.col), claim.id))
            self.starts[path] = found
        return self.starts[path]


def _claim_at(related: Related, claims_in: _ClaimsByFile,
              by_id: dict[str, Entry]) -> str | None:
    """The claim a related location points at: the last claim in that file that starts at or
    before the location; failing that, a claim id quoted in the related message."""
    best: tuple[tuple[int, int], str] | None = None
    where = (related.line, related.col)
    for start, claim_id in claims_in[related.path]:
        if start <= where and (best is None or start > best[0]):
            best = (start, claim_id)
    if best is not None:
        return best[1]
    for claim_id in by_id:
        if f"'{claim_id}'" in related.message or f'"{claim_id}"' in related.message:
            return claim_id
    return None


def figure_interval(value: Any) -> tuple[float | None, float | None, str | None]:
    """The interval a claim's figure admits, in base units (ordinal days for dates), with the
    same units, magnitudes and qualifier tolerances as the conflicting-figures rule."""
    if not isinstance(value, dict):
        return None, None, None
    from linter.text.quantity import from_value, interval

    try:
        quantity = from_value(value)
        low, high = interval(quantity)
    except (ValueError, TypeError, ArithmeticError, LookupError, AttributeError):
        # A figure the schema rejects (FL101 reports it): nothing to draw, no crash.
        return None, None, None
    return low, high, quantity.dimension


def _ai_detail(found: Any) -> str | None:
    """The class and scope of the strongest non-style signal of a source, in words."""
    rank = {"leaked": 0, "disclosed-reviewed": 1, "disclosed-unreviewed": 2,
            "disclosed-assisted": 3}
    signals = sorted((s.signal for s in found.signals if s.signal.category in rank),
                     key=lambda s: (rank[s.category], s.start))
    if not signals:
        return None
    first = signals[0]
    if first.category == "leaked":
        return f"leaked text: {first.kind}" if first.kind else "leaked text"
    form = first.kind or "disclosure"
    return f"{form} disclosure, covers the {first.scope}"

