"""Hostile strings in claim files against every output format.

Claim ids, texts, quotes, source titles, publishers, review notes, suppression reasons and file
names carry markup, XML terminators, workflow commands, newlines, table pipes, control characters
and very long runs. Each format must keep its structure: the HTML report parses with no script
but its own, JUnit parses with the right counts, SARIF validates against the OASIS schema, GitHub
output has one annotation a line and no forged command, Markdown rows keep their column count.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import REPO, run_factlint

CONTROLS = "".join(chr(c) for c in (*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85))
HOSTILE = [
    "<script>alert(1)</script>",
    "]]><!-- <![CDATA[ x ]]>",
    "%0A::error file=forged.yaml,line=1::forged",
    "\n::warning::forged on a line of its own\r\n::notice::and another",
    "a | b || c \\| d",
    "[click](javascript:alert(1)) ![img](https://evil.example/x.png) <https://evil.example>",
    "**bold** _em_ `code` # heading ~~strike~~",
    "\" onmouseover=\"alert(1)\" x='",
    "&lt;already &amp; escaped&gt;",
    "ESC \x1b[2J\x1b]0;title\x07 controls " + CONTROLS,
    "\u2028line separator\u2029paragraph\u202eRTL override",
    "{{ 7*7 }} {% raw %} ${7*7}",
]
LONG = "very long " * 9_000  # 90,000 characters: within the string limit


def _hostile_corpus(root: Path) -> None:
    text = " ".join(HOSTILE)
    sources = [
        {"id": h, "title": h + " " + LONG, "publisher": h, "url": "javascript:alert(1)",
         "published": "2025-07-30", "kind": "news", "disclosure": h}
        for h in HOSTILE[:4]
    ] + [{"id": "good-source", "title": text, "publisher": text, "kind": "news",
          "url": "https://example.com/a?q=<script>&x=\"y\"", "published": "2025-07-30",
          "boilerplate": HOSTILE}]
    claims = [
        {"id": h, "text": f"{h} rose 82% in 2024.", "subject": h, "property": h,
         "value": {"amount": 82, "unit": "percent", "as_of": "2024"},
         "evidence": [{"source": h, "quote": h + " 82%"},
                      {"source": "good-source", "quote": text}],
         "review": {"verdict": "false", "note": h, "date": "2025-08-01"},
         "suppress": [{"rule": "FL202", "reason": h}]}
        for h in HOSTILE
    ] + [
        {"id": "dup", "text": "China added 429 GW in 2024.", "subject": "china",
         "property": "capacity", "value": {"amount": 429, "unit": "GW", "as_of": "2024"}},
        {"id": "dup", "text": "China added 300 GW in 2024.", "subject": "china",
         "property": "capacity", "value": {"amount": 300, "unit": "GW", "as_of": "2024"}},
    ]
    folder = root / "claims"
    folder.mkdir()
    dump = yaml.safe_dump({"sources": sources, "claims": claims}, allow_unicode=True, width=80)
    # A printable but hostile file name: property separators, markup, percent, pipe.
    (folder / "a,b:c %0A <x> | y.yaml").write_text(dump, encoding="utf-8")
    (folder / "plain.yaml").write_text(dump.replace("id: dup", "id: dup2"), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    _hostile_corpus(root)
    return root


@pytest.fixture(scope="module")
def findings(hostile: Path) -> list[dict[str, object]]:
    result = run_factlint("check", "--no-cache", "--format", "json", cwd=hostile)
    assert result.code == 1, result.err
    document = json.loads(result.out)
    assert document["summary"]["findings"] > 20
    return document["findings"]


def _active(findings: list[dict[str, object]]) -> list[dict[str, object]]:
    return [f for f in findings if f["suppressed"] is None]


def _no_raw_controls(text: str) -> None:
    raw = sorted({c for c in text if c in CONTROLS or c in "\u2028\u2029"})
    assert raw == [], [hex(ord(c)) for c in raw]


def test_text_is_one_finding_a_line(hostile, findings):
    result = run_factlint("check", "--no-cache", cwd=hostile)
    _no_raw_controls(result.out)
    lines = result.out.splitlines()
    located = [line for line in lines if re.match(r"claims/.*?:\d+:\d+: FL\d{3} ", line)]
    related = [line for line in lines if line.startswith("    claims/")]
    expected_related = sum(len(f["related"]) for f in _active(findings))  # type: ignore[arg-type]
    assert len(located) == len(_active(findings))
    assert len(related) == expected_related
    assert len(lines) == len(located) + len(related) + 2  # a blank line and the summary


def test_github_annotations_cannot_be_forged(hostile, findings):
    result = run_factlint("check", "--no-cache", "--format", "github", cwd=hostile)
    _no_raw_controls(result.out)
    lines = result.out.splitlines()
    annotation = re.compile(
        r"::(error|warning|notice) file=(?P<file>[^,:]*),line=\d+,col=\d+,title=[^,:]*::"
        r"(?P<message>.*)"
    )
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(_active(findings)) == len(lines) - 1
    for line in commands:
        match = annotation.fullmatch(line)
        assert match, line
        assert match["file"].startswith("claims/")
        assert "\r" not in line
    assert "file=claims/a%2Cb%3Ac %250A <x> | y.yaml," in result.out
    assert "forged.yaml" not in "".join(annotation.fullmatch(c)["file"] for c in commands)  # type: ignore[index]
    assert not lines[-1].startswith("::")


def test_junit_parses_with_the_right_counts(hostile, findings):
    result = run_factlint("check", "--no-cache", "--format", "junit", cwd=hostile)
    root = ET.fromstring(result.out)
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase[@classname='factlint']")
    files = {"claims/a,b:c %0A <x> | y.yaml", "claims/plain.yaml"}
    assert {c.get("name") for c in cases} == files
    failures = [f for c in cases for f in c.findall("failure")]
    errors = [f for f in _active(findings) if f["severity"] == "error"]
    below = [f for f in _active(findings) if f["severity"] != "error"]
    assert len(failures) == len(errors)
    # One passing case a finding below --fail-on, beside one a file.
    assert len(suite.findall("testcase")) == len(files) + len(below)
    assert suite.get("tests") == str(len(files) + len(below))
    assert suite.get("failures") == str(len(errors))
    for failure in failures:
        _no_raw_controls(failure.get("message", "") + (failure.text or ""))


def test_sarif_validates_against_the_oasis_schema(hostile, findings):
    result = run_factlint("check", "--no-cache", "--format", "sarif", cwd=hostile)
    sarif = json.loads(result.out)
    schema = json.loads((REPO / "tests/data/sarif-schema-2.1.0-errata01.json").read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert len(results) == len(findings)
    messages = {r["message"]["text"] for r in results}
    assert messages == {f["message"] for f in findings}


def _cells(row: str) -> int:
    """Unescaped pipes in a Markdown table row (a backslash escapes the next character)."""
    count, escaped = 0, False
    for char in row:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            count += 1
    return count


def _tables_keep_their_columns(markdown: str) -> int:
    rows = 0
    width = None
    for line in markdown.splitlines():
        if not line.startswith("|"):
            width = None
            continue
        if width is None:
            width = _cells(line)  # the header row
        assert _cells(line) == width, line
        rows += 1
    return rows


def _no_live_markdown(markdown: str) -> None:
    # Links factlint writes: anchors (#claim-…) and a source's http(s) URL in angle brackets.
    assert not re.search(r"(?<!\\)\]\((?!#|<https?://)", markdown), "a link from the input survived"
    assert "<script" not in markdown and "<https://evil" not in markdown
    assert not re.search(r"^#+ .*(heading|alert)", markdown, re.MULTILINE)


def test_markdown_check_rows_keep_their_columns(hostile, findings):
    result = run_factlint("check", "--no-cache", "--format", "markdown", cwd=hostile)
    _no_raw_controls(result.out)
    assert _tables_keep_their_columns(result.out) > len(_active(findings))
    _no_live_markdown(result.out)


def test_markdown_report_tables_keep_their_columns(hostile):
    result = run_factlint("report", "--format", "markdown", cwd=hostile)
    assert result.code == 0, result.err
    _no_raw_controls(result.out)
    assert _tables_keep_their_columns(result.out) > 20
    _no_live_markdown(result.out)
    # Outside tables too: a claim's text never starts a heading, a list or a quote of its own.
    for line in result.out.splitlines():
        assert not line.startswith(("::", "<script", "## heading")), line


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def test_html_has_no_foreign_markup_or_script(hostile, tmp_path):
    from linter.report.html import FILTER_SCRIPT

    result = run_factlint("report", "-o", str(tmp_path / "r.html"), cwd=hostile)
    assert result.code == 0, result.err
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    _no_raw_controls(html)
    parser = _Elements()
    parser.feed(html)
    parser.close()
    assert parser.scripts == [FILTER_SCRIPT]
    allowed = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3",
               "p", "nav", "a", "section", "div", "span", "strong", "table", "caption", "thead",
               "tbody", "tr", "th", "td", "ul", "li", "code", "blockquote", "footer", "dl",
               "dt", "dd", "details", "summary", "small", "input", "select", "option", "label",
               "script", "svg", "desc", "line", "text", "rect", "circle", "polygon",
               "figure", "figcaption", "em", "br", "main", "abbr", "ol", "time", "b", "i",
               "form", "button", "article", "aside", "sup", "sub", "hr"}
    tags = {tag for tag, _ in parser.tags}
    assert tags <= allowed, tags - allowed
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            if name in ("href", "src", "action", "xlink:href"):
                assert value is not None
                assert value.startswith(("#", "https://", "http://")), (tag, name, value)
    assert "q=<script>" not in html and "<script>alert" not in html


def test_json_report_round_trips_the_hostile_strings(hostile):
    result = run_factlint("report", "--format", "json", cwd=hostile)
    document = json.loads(result.out)
    texts = json.dumps(document, ensure_ascii=False)
    for hostile_text in HOSTILE[:3]:
        assert hostile_text in texts  # kept verbatim: escaping is each renderer's job


def test_output_is_deterministic(hostile):
    for args in (["check", "--no-cache", "--format", "sarif"], ["report", "--format", "html"]):
        first = run_factlint(*args, cwd=hostile).out
        assert first == run_factlint(*args, cwd=hostile).out


def _commands(output: str) -> list[str]:
    """Lines the GitHub runner would take for workflow commands (it trims leading blanks)."""
    return [line for line in output.splitlines() if line.lstrip().startswith("::")]


@pytest.mark.parametrize("args", [
    ["check", "--format", "text"], ["check", "--format", "json"], ["check", "--format", "sarif"],
    ["check", "--format", "junit"], ["check", "--format", "markdown"],
    ["report", "--format", "markdown"], ["report", "--format", "html"],
    ["report", "--format", "json"],
])
def test_no_output_line_is_a_workflow_command(hostile, args):
    result = run_factlint(*args, cwd=hostile)
    assert result.out and _commands(result.out) == []


def test_a_file_named_like_a_command_stays_a_path(tmp_path):
    (tmp_path / ".factlint.toml").write_text("paths = ['.']\n")
    (tmp_path / "::error file=x::forged.yaml").write_text("claims:\n  - id: a\n    text: 5 pears\n")
    for fmt in ("text", "junit"):
        result = run_factlint("check", "--no-cache", "--format", fmt, cwd=tmp_path)
        assert "./::error file=x::forged.yaml:2:9: FL201" in result.out
        assert _commands(result.out) == []
    github = run_factlint("check", "--no-cache", "--format", "github", cwd=tmp_path).out
    assert github.startswith("::error file=%3A%3Aerror file=x%3A%3Aforged.yaml,line=2,col=9,")


# --- characters XML 1.0 forbids, in every string JUnit carries --------------------------------

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FORBIDDEN = "".join(chr(c) for c in (*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20),
                                     0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFFFE, 0xFFFF))


def test_visible_leaves_nothing_xml_forbids():
    from linter.output import visible

    every = "".join(chr(c) for c in range(0x110000))
    for one_line in (True, False):
        shown = visible(every, one_line=one_line)
        assert _XML_FORBIDDEN.search(shown) is None
    assert visible("a\ufffeb\uffffc") == "a\\ufffeb\\uffffc"


def test_junit_is_well_formed_whatever_a_finding_holds():
    from linter.model import Finding, Related, Severity
    from linter.output import Report
    from linter.output.junit import render

    bad = f"x{FORBIDDEN}y"
    findings = [
        Finding(f"claims/{bad}.yaml", 3, 4, "FL202", f"quote '{bad}' not found", Severity.ERROR,
                related=(Related(f"claims/{bad}.yaml", 5, 6, f"defined {bad}"),)),
        Finding(f"claims/{bad}.yaml", 7, 8, "FL301", f"warned {bad}", Severity.WARNING),
    ]
    report = Report(findings, [f"claims/{bad}.yaml"], [], Severity.ERROR, "1.0")
    xml = render(report)
    assert _XML_FORBIDDEN.search(xml) is None
    suite = ET.fromstring(xml).find("testsuite")
    assert suite is not None
    case = suite.find("testcase")
    assert case is not None
    escaped = ("x\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\x0b\\x0c\\x0e\\x0f\\x10\\x11\\x12"
               "\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f\\ud800\\udbff\\udc00"
               "\\udfff\\ufffe\\uffffy")
    assert case.get("name") == f"claims/{escaped}.yaml"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == f"3:4: FL202 quote '{escaped}' not found"
    assert failure.text == (f"claims/{escaped}.yaml:3:4: FL202 error: quote '{escaped}' not found\n"
                            f"    claims/{escaped}.yaml:5:6: defined {escaped}")
    assert case.find("system-out") is None
    warned = suite.find("testcase[@classname='factlint.warning']")
    assert warned is not None
    assert warned.get("name") == f"claims/{escaped}.yaml:7:8: FL301 warning"
    out = warned.find("system-out")
    assert out is not None
    assert out.text == f"claims/{escaped}.yaml:7:8: FL301 warning: warned {escaped}"


# --- Markdown: no automatic links or mentions -------------------------------------------------

Z = "\u200b"


@pytest.mark.parametrize(("text", "expected"), [
    ("see https://evil.example/a?b=c", f"see https{Z}://evil.example/a?b=c"),
    ("HTTP://EVIL.EXAMPLE and ftp://x.example", f"HTTP{Z}://EVIL.EXAMPLE and ftp{Z}://x.example"),
    ("visit www.evil.example or WWW.Evil.example", f"visit www{Z}.evil.example or WWW{Z}.Evil.example"),
    ("write to ops@evil.example", f"write to ops@{Z}evil.example"),
    ("mailto:ops@evil.example, xmpp:bot@evil.example", f"mailto:ops@{Z}evil.example, "
     f"xmpp:bot@{Z}evil.example"),
    ("ping @octocat and @org/team", f"ping @{Z}octocat and @{Z}org/team"),
    ("see #12, octo/repo#34, GH-56 and gh-7", f"see #{Z}12, octo/repo#{Z}34, GH-{Z}56 and gh-{Z}7"),
    ("issue#12 ##3 but not C# 10, #x, HIGH-5 or x-1", f"issue#{Z}12 ##{Z}3 but not C# 10, #x, HIGH-5 or x-1"),
    ("plain 82% in 2024: no link", "plain 82% in 2024: no link"),
    ("[x](https://evil.example)", f"\\[x\\](https{Z}://evil.example)"),
    ("<https://evil.example>", f"&lt;https{Z}://evil.example&gt;"),
])
def test_markdown_text_never_becomes_a_link(text, expected):
    from linter.output.markdown import inline
    from linter.report.markdown import md

    assert inline(text) == expected
    assert md(text) == expected


def test_markdown_report_keeps_a_sources_own_link(tmp_path):
    write_corpus = {"claims/a.yaml": (
        "sources:\n  - id: s1\n    title: See www.evil.example\n    kind: news\n"
        "    url: https://example.com/report\n"
        "claims:\n  - id: c1\n    text: Mail ops@evil.example or open https://evil.example\n")}
    for name, text in write_corpus.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_factlint("report", "--format", "markdown", cwd=tmp_path)
    assert result.code == 0, result.err
    assert f"[See www{Z}.evil.example](<https://example.com/report>)" in result.out
    assert f"Mail ops@{Z}evil.example or open https{Z}://evil.example" in result.out
    assert "www.evil" not in result.out and "ops@evil" not in result.out
    assert "https://evil" not in result.out


def test_markdown_never_mentions_nor_references_issues(tmp_path):
    """`@octocat` and `#12` in a claim's id, text, quote and cited source, and in its file name:
    no mention (which notifies) and no issue reference (which marks the issue "mentioned") in
    the check summary or the report; a location in a code span is left as it is (GitHub links
    nothing inside code)."""
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "pr#12@octocat.yaml").write_text(
        'claims:\n  - id: "@octocat #12"\n'
        '    text: "Ask @octocat: see #12 and octo/repo#34, GH-56; 82% of chips."\n'
        '    evidence:\n'
        '      - {source: "gh-7 @octocat #12", quote: "Ask @octocat about #12: 82% of chips."}\n',
        encoding="utf-8")
    check = run_factlint("check", "--no-cache", "--format", "markdown", cwd=tmp_path)
    assert check.code == 1, check.err
    assert (f"| error | `claims/pr#12@octocat.yaml:5:18` | FL103 | evidence cites unknown source "
            f"'gh-{Z}7 @{Z}octocat #{Z}12' |") in check.out.splitlines()
    assert (f"| error | `claims/pr#12@octocat.yaml:2:9` | FL101 | claims\\[0\\].id: "
            f"'@{Z}octocat #{Z}12' is not valid: ") in check.out
    report = run_factlint("report", "--format", "markdown", cwd=tmp_path)
    assert report.code == 0, report.err
    assert f"Ask @{Z}octocat: see #{Z}12 and octo/repo#{Z}34, GH-{Z}56; 82% of chips." in report.out
    assert f"> Ask @{Z}octocat about #{Z}12: 82% of chips. — gh-{Z}7 @{Z}octocat #{Z}12" in report.out
    assert f"**@{Z}octocat #{Z}12** · unreviewed · claims/pr#{Z}12@{Z}octocat.yaml:2 · " in report.out
    for out in (check.out, report.out):
        text = re.sub(r"`[^`\n]*`", "", out)  # code spans: GitHub links nothing inside them
        text = re.sub(r"\]\(#[^)]*\)|<a id=\"[^\"]*\">", "", text)  # factlint's own anchors
        assert not re.search(r"@\w|#\d|\bgh-\d", text, re.IGNORECASE), text


# --- SARIF: artifact URIs per RFC 3986 --------------------------------------------------------


@pytest.mark.parametrize(("path", "expected"), [
    ("claims/a b.yaml", "claims/a%20b.yaml"),
    ("claims/100%.yaml", "claims/100%25.yaml"),
    ("claims/#1?.yaml", "claims/%231%3F.yaml"),
    ("claims/caf\u00e9/\u4e2d.yaml", "claims/caf%C3%A9/%E4%B8%AD.yaml"),
    ("a:b/c.yaml", "a%3Ab/c.yaml"),  # a colon in the first segment would read as a scheme
    ("claims/plain-name_1.~.yaml", "claims/plain-name_1.~.yaml"),
    ("claims/\udcff.yaml", "claims/%FF.yaml"),  # a name that is not UTF-8: its own byte
    ("claims/\ud800.yaml", "claims/%ED%A0%80.yaml"),  # no file name holds it: no crash
])
def test_sarif_uris_are_percent_encoded(path, expected):
    from linter.output.sarif import uri

    assert uri(path) == expected


def test_sarif_uris_resolve_to_the_files(tmp_path):
    from urllib.parse import unquote

    names = ["a b.yaml", "100%.yaml", "#1?.yaml", "caf\u00e9 \u4e2d.yaml", "x+y=z&w.yaml"]
    (tmp_path / ".factlint.toml").write_text("paths = ['claims']\n")
    (tmp_path / "claims").mkdir()
    for name in names:
        (tmp_path / "claims" / name).write_text("claims:\n  - id: a\n    text: 5 pears\n",
                                                encoding="utf-8")
    result = run_factlint("check", "--no-cache", "--select", "FL201", "--format", "sarif",
                          cwd=tmp_path)
    assert result.code == 1, result.err
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                  for r in json.loads(result.out)["runs"][0]["results"])
    assert uris == sorted(["claims/a%20b.yaml", "claims/100%25.yaml", "claims/%231%3F.yaml",
                           "claims/caf%C3%A9%20%E4%B8%AD.yaml", "claims/x%2By%3Dz%26w.yaml"])
    assert sorted(unquote(u) for u in uris) == sorted(f"claims/{n}" for n in names)
    assert all((tmp_path / unquote(u)).is_file() for u in uris)
