"""The Markdown report: the same content as the HTML report, for a wiki, a pull request or a
terminal. Conflicts are described in words where the HTML draws them.

Every string from a claim file is untrusted: Markdown punctuation is backslash-escaped so that
a claim cannot inject links, emphasis or headings, `no_autolinks` keeps GitHub from turning bare
URLs, `www.` names, e-mail addresses and @mentions into links, and `cell` (shared with `check
--format markdown`) escapes HTML, table pipes and newlines. Only a source's http(s) `url`
becomes a link, and only as the link of its title.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from linter.output import no_commands
from linter.output.markdown import cell, no_autolinks
from linter.report.model import ClaimRow, FindingRow, ReportModel
from linter.report.svg import mark

_SPECIAL = re.compile(r"([\\`*_\[\]~])")


def md(text: object) -> str:
    """Untrusted text as inert Markdown, safe inside a table cell."""
    return cell(_SPECIAL.sub(r"\\\1", no_autolinks(str(text))))


def _anchor(anchor: str | None, label: str) -> str:
    if not anchor:
        return md(label)
    return f"[{md(label)}](#{quote(anchor, safe='')})"


def _anchor_id(anchor: str) -> str:
    """The `id` an anchor link points at, spelled as the link spells it (percent-encoded): an
    id from a claim file may hold a line break, which would end the HTML block and let the rest
    of the id render as Markdown."""
    return html.escape(quote(anchor, safe=""), quote=True)


def _url(url: str) -> str:
    """An http(s) URL for `[text](<url>)` inside a table: nothing in it may close the
    brackets or split the cell."""
    for char, code in (("<", "%3C"), (">", "%3E"), ("|", "%7C"), ("\\", "%5C")):
        url = url.replace(char, code)
    return url


def _location(path: str, line: int, column: int | None = None) -> str:
    return md(f"{path}:{line}" + (f":{column}" if column else ""))


def _findings_table(rows: list[FindingRow], anchors: set[str]) -> list[str]:
    lines = ["| Location | Severity | Rule | Message | About |", "|---|---|---|---|---|"]
    for f in rows:
        message = md(f.message)
        for r in f.related:
            message += f"<br>↳ {_location(r['path'], r['line'], r['column'])} {md(r['message'])}"
        about = _anchor(_existing(f.anchor, anchors), f.subject) if f.subject else ""
        lines.append(
            f"| {_location(f.path, f.line, f.column)} | {f.severity} | {md(f.code)} | "
            f"{message} | {about} |"
        )
    return lines


JSON_HINT = "every one is in the JSON report (`factlint report --format json`)"


def _left_out(count: int, what: str) -> list[str]:
    return [f"_{count} more {what} not shown here: {JSON_HINT}._", ""] if count else []


def _existing(anchor: str | None, anchors: set[str]) -> str | None:
    """The anchor if this report holds its target (a cut may have left it out)."""
    return anchor if anchor in anchors else None


def _anchors(model: ReportModel) -> set[str]:
    return {*(f"claim-{c.id}" for c in model.claims), *(f"source-{s.id}" for s in model.sources)}


def _evidence(claim: ClaimRow, anchors: set[str]) -> str:
    parts = []
    for e in claim.evidence:
        source = _anchor(_existing(f"source-{e.source}", anchors) if e.source_known else None,
                         e.source)
        parts.append(f"“{md(e.quote)}” — {source}")
    return "<br>".join(parts) or "no evidence"


def render_model(model: ReportModel) -> str:
    s = model.summary
    anchors = _anchors(model)
    out: list[str] = [
        "# factlint report",
        "",
        f"factlint {md(model.version)} · {s.files} file{'s' if s.files != 1 else ''} checked",
        "",
        "## Summary",
        "",
        f"- Files: {s.files}",
        f"- Claims: {s.claims}",
        f"- Sources: {s.sources} ({s.weak_sources} weak or AI-generated)",
        f"- Findings: {s.findings} ({s.by_severity['error']} "
        f"error{'' if s.by_severity['error'] == 1 else 's'}, {s.by_severity['warning']} "
        f"warning{'' if s.by_severity['warning'] == 1 else 's'}, {s.by_severity['info']} info)",
        f"- Suppressed findings: {s.suppressed}",
        f"- Conflicts: {len(model.conflicts)}",
        f"- Claims resting only on weak or AI-generated sources: {s.weak_only_claims} of "
        f"{s.claims} ({s.weak_only_share * 100:.0f}%)",
        f"- Claims reviewed by a human: {s.reviewed} of {s.claims}"
        + (" (" + ", ".join(f"{v}: {n}" for v, n in s.by_verdict.items()) + ")"
           if s.by_verdict else ""),
        "",
    ]
    for note in model.notes:
        out += [f"> {md(note)}", ""]
    if model.by_rule:
        out += ["| Rule | Severity | Findings |", "|---|---|---:|"]
        out += [f"| {md(g.title)} | {g.severity} | {g.count} |" for g in model.by_rule]
        out.append("")

    out += ["## Conflicting figures", ""]
    if not model.conflicts:
        out += ["No conflicting figures found.", ""]
    out += _left_out(model.conflicts_left_out, "conflicts")
    for number, conflict in enumerate(model.conflicts, 1):
        out += [
            f"### Conflict {number}: {md(conflict.code)} ({conflict.severity})",
            "",
        ]
        out += [f"- {md(message)}" for message in conflict.messages] + [""]
        if conflict.suppressed:
            out += [f"Suppressed: {md(conflict.suppressed)}", ""]
        if conflict.figure is not None:
            out += [md(conflict.figure.description), ""]
        out += ["| Side | Claim | Text | Value | Review | Evidence | Location |",
                "|---|---|---|---|---|---|---|"]
        for index, side in enumerate(conflict.sides):
            c = side.claim
            claim = _anchor(_existing(f"claim-{c.id}", anchors), c.id)
            out.append(
                f"| {mark(index).letter} | {claim} | {md(c.text)} | {md(c.value or '')} | "
                f"{md(c.verdict or 'unreviewed')} | {_evidence(c, anchors)} | "
                f"{_location(c.path, c.value_line)} |"
            )
        out.append("")

    out += ["## Sources", ""]
    if model.sources_left_out:
        out += [f"_The {len(model.sources)} sources shown are the weak ones first, then the most "
                f"cited; {model.sources_left_out} more are in the JSON report._", ""]
    if model.sources:
        out += ["| Source | Publisher | Published | Kind | Reliability | AI provenance | Claims |",
                "|---|---|---|---|---|---|---:|"]
        for src in model.sources:
            title = f"[{md(src.title)}](<{_url(src.url)}>)" if src.url else md(src.title)
            weak = " **weak**" if src.weak else ""
            provenance = md(src.provenance)
            if src.provenance_basis != "none":
                provenance += f" ({src.provenance_basis})"
            if src.ai_detail:
                provenance += f"<br>{md(src.ai_detail)}"
            out.append(
                f"| <a id=\"{_anchor_id(f'source-{src.id}')}\"></a>{title}<br>"
                f"{md(src.id)}{weak} | {md(src.publisher or '—')} | {md(src.published or '—')} | "
                f"{md(src.kind or '—')} | {md(src.reliability)} | {provenance} | "
                f"{src.citing_claims} |"
            )
        out.append("")
    else:
        out += ["No sources.", ""]

    out += ["## Findings by rule", ""]
    if model.findings_cut:
        out += [f"_Each rule shows its first {model.max_per_rule} findings, errors first; "
                f"{JSON_HINT}, or `factlint check --format json`._", ""]
    if not model.by_rule:
        out += ["No active findings.", ""]
    for group in model.by_rule:
        shown = f", first {len(group.findings)} shown" if group.left_out else ""
        out += [f"### {md(group.title)} ({group.count}{shown})", ""]
        out += [*_findings_table(group.findings, anchors), ""]
        out += _left_out(group.left_out, f"{group.key} findings")
    out += ["## Findings by file", ""]
    if not model.by_file:
        out += ["No active findings.", ""]
    if model.findings_cut:
        out += ["| File | Errors | Warnings | Info | Findings |", "|---|---:|---:|---:|---:|"]
        out += [f"| {md(g.key)} | {g.by_severity['error']} | {g.by_severity['warning']} | "
                f"{g.by_severity['info']} | {g.count} |" for g in model.by_file]
        out.append("")
        out += _left_out(model.files_left_out, "files with findings")
    else:
        for group in model.by_file:
            out += [f"### {md(group.title)} ({len(group.findings)})", ""]
            out += [*_findings_table(group.findings, anchors), ""]

    if model.suppressed:
        out += ["## Suppressed findings", "",
                "| Location | Rule | Message | Reason | About |", "|---|---|---|---|---|"]
        for f in model.suppressed:
            about = _anchor(_existing(f.anchor, anchors), f.subject) if f.subject else ""
            out.append(
                f"| {_location(f.path, f.line, f.column)} | {md(f.code)} | {md(f.message)} | "
                f"{md(f.suppressed or '')} | {about} |"
            )
        out.append("")
        out += _left_out(model.suppressed_left_out, "suppressed findings")

    out += ["## Claims", ""]
    if not model.claims_listed:
        out += [f"_The {s.claims} claims are not listed (too many to read here): {JSON_HINT}. "
                "List them with `--claims`._", ""]
    elif not model.claims:
        out += ["No claims.", ""]
    for c in model.claims:
        flags = []
        if c.findings:
            flags.append(f"{c.findings} finding{'s' if c.findings != 1 else ''}")
        if c.weak_only:
            flags.append("weak sources only")
        review = c.verdict or "unreviewed"
        if c.verdict and c.review_date:
            review += f", {c.review_date}"
        if c.verdict and c.review_note:
            review += f": {c.review_note}"
        out += [
            f"<a id=\"{_anchor_id(f'claim-{c.id}')}\"></a>",
            f"**{md(c.id)}** · {md(review)} · {_location(c.path, c.line)}"
            + (f" · {md(', '.join(flags))}" if flags else ""),
            "",
            md(c.text) + (f" — value: {md(c.value)}" if c.value else ""),
            "",
        ]
        for e in c.evidence:
            known = f"source-{e.source}" if e.source_known else None
            source = _anchor(_existing(known, anchors), e.source)
            out.append(f"> {md(e.quote)} — {source}")
        if c.evidence:
            out.append("")
    # Printed to standard output in CI, a line starting with "::" would be a workflow command;
    # "\:" renders as ":" in Markdown.
    return no_commands("\n".join(out).rstrip("\n") + "\n", "\\")
