"""Fuzzing: whatever a claim file holds, factlint answers with located findings, never a crash.

Inputs are valid claim files mutated (keys deleted, duplicated, retyped, values copied; bytes
inserted, deleted, replaced; truncated), schema-shaped documents with values of random types and
hostile `archive:` paths, random YAML built from random data, random text over YAML's punctuation,
and random bytes. They go through the loader, the engine in-process (`lint` on a temporary corpus, then every
output format and report format) and, fewer of them, the installed console script.

Properties: no exception escapes (in-process) and no traceback with an exit code in {0, 1, 2}
(CLI); every finding has a path and a line and column inside its file; output is deterministic
(two runs give the same bytes); the claim files are never modified.

Examples per property: FACTLINT_FUZZ_EXAMPLES (default 300, about 40 s in all; the loader runs
four times as many, the CLI test a tenth, each a pair of subprocess runs). A long local run, with
FACTLINT_FUZZ_SHRINK=0 to report a failure as found instead of minimising it first:

    FACTLINT_FUZZ_EXAMPLES=5000 FACTLINT_FUZZ_SHRINK=0 pytest tests/test_fuzz.py

Under CI (`CI` set) the examples are derandomized, so a failure reproduces exactly; locally they
are random and hypothesis keeps failing examples in `.hypothesis/` to replay them first.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from linter.load.yaml_positions import Limits, load_bytes, load_text
from linter.model import Finding
from linter.output import FORMATS, Report, render
from linter.project.config import Config
from linter.run.runner import Options, lint
from tests.conftest import FACTLINT, REPO, VALID_CLAIM, VALID_SOURCE

EXAMPLES = int(os.environ.get("FACTLINT_FUZZ_EXAMPLES", "300"))
CLI_EXAMPLES = max(5, EXAMPLES // 10)

settings.register_profile(
    "factlint-fuzz",
    max_examples=EXAMPLES,
    deadline=None,  # a slow example is measured elsewhere; timing must not make tests flaky
    derandomize=bool(os.environ.get("CI")),
    database=None if os.environ.get("CI") else settings.default.database,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much],
    print_blob=True,
    # FACTLINT_FUZZ_SHRINK=0: report the first failure as found, without minimising it (a slow
    # engine example can take minutes to shrink); useful when hunting with many examples.
    phases=[p for p in Phase if os.environ.get("FACTLINT_FUZZ_SHRINK", "1") != "0"
            or p is not Phase.shrink],
)
FUZZ = settings.get_profile("factlint-fuzz")
LOADER_FUZZ = settings(FUZZ, max_examples=EXAMPLES * 4)  # the loader alone is cheap
CLI_FUZZ = settings(FUZZ, max_examples=CLI_EXAMPLES)

# Lines as editors, ruff and libyaml count them: \n, \r\n and a lone \r each end a line.
_BREAK = re.compile(r"\r\n|\r|\n")


# --- seeds: small, valid claim files ------------------------------------------------------------


def _split(path: Path) -> Iterator[str]:
    """Small documents cut from a real claim file: its sources and claims two at a time."""
    data = load_text(path.read_text(encoding="utf-8"), str(path)).data
    if not isinstance(data, dict):
        return
    for section in ("sources", "claims"):
        items = data.get(section) or []
        for i in range(0, len(items), 2):
            yield yaml.safe_dump({section: items[i:i + 2]}, sort_keys=False,
                                 allow_unicode=True, width=100)


def _seeds() -> list[str]:
    seeds = [VALID_SOURCE.lstrip("\n"), VALID_CLAIM.lstrip("\n")]
    for path in sorted((REPO / "claims").rglob("*.yaml")):
        seeds.extend(_split(path))
    return seeds


SEEDS = _seeds()
SOURCES = VALID_SOURCE.lstrip("\n")

# --- strategies ---------------------------------------------------------------------------------

KEYS = ["id", "text", "source", "quote", "value", "amount", "unit", "scale", "date", "as_of",
        "kind", "qualifier", "evidence", "claims", "sources", "subject", "property",
        "attribution", "published", "url", "title", "publisher", "archive", "suppress", "rule",
        "reason", "review", "verdict", "provenance", "disclosure", "boilerplate", "low", "high",
        "authors", "notes", "tags"]
HOSTILE = ["<script>alert(1)</script>", "]]>", "%0A::error::x", "a|b", "\u202e", "\x1b[31m",
           "../../etc/passwd", "/dev/zero", "2024-13-45", "1e309", "-0", "NaN", "' OR 1=1",
           "\u2028", "\ud7ff", "&amp;", "{{ x }}", "$(touch /tmp/pwned)", "**bold**", "# h"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(HOSTILE),
    st.sampled_from(["2025", "2025-01", "2025-01-20", "82%", "$564 billion", "about 4,000 feet",
                     "more than 200", "three years ago", "wsj-2025-07-30-china-ai", "percent",
                     "USD", "billion", "forecast", "actual", "news", "generated"]),
)


def _keyed(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children,
                        max_size=5),
    )


values = st.recursive(scalars, _keyed, max_leaves=20)


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=80)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


@st.composite
def mutated_structure(draw: st.DrawFn) -> str:
    """A valid seed with a few structural edits: delete, retype, duplicate, swap."""
    data = load_text(draw(st.sampled_from(SEEDS)), "seed").data
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, last = _get(data, path[:-1]), path[-1]
        action = draw(st.sampled_from(["delete", "retype", "retype", "copy", "empty"]))
        if action == "delete":
            del parent[last]
        elif action == "retype":
            parent[last] = draw(values)
        elif action == "copy":  # a value copied somewhere else: ids collide, shapes mismatch
            parent[last] = copy.deepcopy(_get(data, draw(st.sampled_from(paths))))
        else:
            parent[last] = draw(st.sampled_from([None, "", [], {}]))
    text = _dump(data)
    if draw(st.booleans()):  # a duplicated mapping key, which safe_dump cannot write
        lines = text.splitlines(keepends=True)
        keyed = [i for i, line in enumerate(lines) if re.match(r"\s*(- )?[\w-]+:", line)]
        if keyed:
            i = draw(st.sampled_from(keyed))
            line = lines[i].replace("- ", "  ", 1)
            lines.insert(i + 1, line)
            text = "".join(lines)
    return text


@st.composite
def mutated_text(draw: st.DrawFn) -> bytes:
    """A valid seed with byte-level edits: truncated, spliced, punctuation and bytes inserted."""
    raw = draw(st.sampled_from(SEEDS)).encode("utf-8")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["truncate", "insert", "delete", "replace"]))
        if action == "truncate":
            raw = raw[:at]
        elif action == "insert":
            piece = draw(st.one_of(
                st.sampled_from([b":", b"- ", b"[", b"{", b"]", b"}", b"&a ", b"*a", b"!!str ",
                                 b"<<: ", b"? ", b"\t", b"\r", b"\r\n", b"\n  ", b"'", b'"',
                                 b"#", b"|", b">", b"---\n", b"...\n", b"%YAML 1.2\n",
                                 b"\xef\xbb\xbf", b"\xc3", b"\xff", b"\x00", b"\x85",
                                 "\u2028".encode()]),
                st.binary(max_size=8),
            ))
            raw = raw[:at] + piece + raw[at:]
        elif action == "delete":
            raw = raw[:at] + raw[at + draw(st.integers(1, 20)):]
        else:
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at + 1:]
    return raw


# Schema-shaped documents: the right keys in the right places, each value of a random type.
SOURCE_KEYS = ["id", "title", "publisher", "url", "published", "authors", "kind", "disclosure",
               "boilerplate", "provenance", "archive", "accessed", "language", "notes",
               "suppress"]
CLAIM_KEYS = ["id", "text", "subject", "property", "value", "attribution", "evidence", "review",
              "rank", "tags", "notes", "suppress"]
FIGURE_KEYS = ["amount", "unit", "scale", "qualifier", "as_of", "kind", "date", "range",
               "relative", "counted"]
IDS = ["s1", "s2", "c1", "c2", "wsj-2025-07-30-china-ai", "deepseek-r1", "china"]
id_values = st.one_of(st.sampled_from(IDS), values)


def _entry(keys: list[str], special: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    return st.fixed_dictionaries({}, optional={k: special.get(k, values) for k in keys})


figure = st.fixed_dictionaries({}, optional={
    "amount": st.one_of(st.integers(-10**12, 10**12), st.floats(), values),
    "unit": st.one_of(st.sampled_from(["percent", "USD", "count", "times", "feet", "m", "GW"]),
                      values),
    "scale": st.one_of(st.sampled_from(["thousand", "million", "billion"]), values),
    "qualifier": st.one_of(st.sampled_from(["about", "more than", "at least", "up to", "exact"]),
                           values),
    "as_of": st.one_of(st.sampled_from(["2024", "2025-01", "2025-01-20", "2027"]), values),
    "date": st.one_of(st.sampled_from(["2024", "2025-01", "2025-01-20"]), values),
    "range": st.one_of(st.lists(st.integers(0, 100), max_size=3), values),
    "relative": values,
    "kind": st.one_of(st.sampled_from(["actual", "forecast", "target"]), values),
})
evidence = st.lists(st.fixed_dictionaries({}, optional={
    "source": id_values,
    "quote": st.one_of(st.sampled_from(SEEDS).map(lambda t: t[:120]), values),
    "locator": values,
}), max_size=3)
source_entry = _entry(SOURCE_KEYS, {"id": id_values, "archive": st.sampled_from(
    ["../../etc/passwd", "/etc/passwd", "snap.txt", "link.txt", "missing.txt", "a\x00b",
     "x" * 5000, "."])})
claim_entry = _entry(CLAIM_KEYS, {"id": id_values, "value": figure, "evidence": evidence,
                                  "subject": st.one_of(st.sampled_from(IDS), values),
                                  "property": st.sampled_from(["p", "share", "release date"])})
shaped = st.fixed_dictionaries({}, optional={
    "sources": st.one_of(st.lists(source_entry, max_size=3), values),
    "claims": st.one_of(st.lists(claim_entry, max_size=4), values),
}).map(_dump)

yaml_text = st.text(
    alphabet=st.one_of(st.sampled_from(list(":-[]{},&*!|>'\"#%@`?\n\r\t  ")),
                       st.characters(codec="utf-8")),
    max_size=200,
)

claim_bytes = st.one_of(
    mutated_structure().map(str.encode),
    shaped.map(str.encode),
    mutated_text(),
    values.map(_dump).map(str.encode),
    st.builds(lambda claims: _dump({"claims": claims}).encode(), st.lists(values, max_size=3)),
    yaml_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
)


# --- properties ---------------------------------------------------------------------------------


def _line_count(raw: bytes) -> int:
    text = raw.decode("utf-8", "replace")
    return len(_BREAK.findall(text)) + 1


def _assert_located(findings: list[Finding], files: dict[str, bytes]) -> None:
    for f in findings:
        assert f.path in files, f
        assert 1 <= f.line <= _line_count(files[f.path]) + 1, f
        assert f.col >= 1, f
        for r in f.related:
            assert r.path in files and 1 <= r.line <= _line_count(files[r.path]) + 1, r
            assert r.col >= 1, r


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@contextmanager
def _corpus(files: dict[str, bytes]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="factlint-fuzz-") as name:
        root = Path(name).resolve()
        for rel, raw in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(raw)
        # What `archive:` values point at: a snapshot inside the project, a link leading out.
        (root / "claims" / "snap.txt").write_text("As an AI language model, I wrote this.\n")
        (root / "claims" / "link.txt").symlink_to("/etc/hostname")
        yield root


def _outputs(root: Path) -> tuple[list[Finding], list[str]]:
    """Lint in-process and render every check format and every report format."""
    from linter import report as reports

    outcome = lint(Config(root=root), Options(), root)
    report = Report(findings=outcome.findings, files=outcome.files, rules=outcome.rules,
                    fail_on=Config(root=root).fail_on, version="fuzz", show_statistics=True)
    texts = [render(name, report) for name in FORMATS]
    model = reports.build(outcome, "fuzz")
    texts += [reports.render(model, name) for name in reports.FORMATS]
    return outcome.findings, texts


@LOADER_FUZZ
@given(raw=claim_bytes)
def test_loader_never_raises_and_locates_every_problem(raw):
    doc = load_bytes(raw, "f.yaml", Limits(max_nodes=2_000, max_string=500, max_depth=16))
    lines = _line_count(raw)
    for problem in doc.problems:
        assert 1 <= problem.position.line <= lines + 1, problem
        assert problem.position.col >= 1, problem
        assert "\n" not in problem.message
    for table in (doc.positions, doc.key_positions):
        for position in table.values():
            assert 1 <= position.line <= lines + 1 and position.col >= 1


@FUZZ
@given(first=claim_bytes, second=claim_bytes)
def test_engine_never_raises_locates_findings_and_is_deterministic(first, second):
    files = {"claims/sources.yaml": SOURCES.encode(), "claims/a.yaml": first,
             "claims/b/c.yml": second}
    with _corpus(files) as root:
        before = _digest(root)
        findings, texts = _outputs(root)
        _assert_located(findings, files)
        again = _outputs(root)[1]
        for name, one, two in zip([*FORMATS, "report-html", "report-md", "report-json"], texts,
                                  again, strict=True):
            assert one == two, f"{name} output differs between two runs"
        assert _digest(root) == before, "a claim file was modified"


@CLI_FUZZ
@given(raw=claim_bytes, output=st.sampled_from([*FORMATS, "report"]))
def test_cli_answers_with_findings_or_one_line(raw, output):
    assume(raw)
    files = {"claims/sources.yaml": SOURCES.encode(), "claims/fuzz.yaml": raw}
    with _corpus(files) as root:
        before = _digest(root)
        if output == "report":
            args = ["report", "--no-cache", "--format", "html"]
        else:
            args = ["check", "--no-cache", "--format", output]
        runs = [subprocess.run([FACTLINT, *args], cwd=root, capture_output=True, timeout=60,
                               env={**os.environ, "GITHUB_ACTIONS": ""})
                for _ in range(2)]
        for proc in runs:
            assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
            assert proc.returncode in (0, 1, 2), proc
            if proc.returncode == 2:
                assert proc.stderr.decode().count("\n") == 1, proc.stderr
        assert runs[0].stdout == runs[1].stdout
        assert _digest(root) == before


@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_every_seed_loads_cleanly(seed):
    assert load_text(SEEDS[seed], "seed").problems == []
