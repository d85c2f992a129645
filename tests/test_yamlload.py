"""The loader: data, positions, and every kind of bad input as a located problem."""

from __future__ import annotations

import time

import pytest

from linter.load.yaml_positions import Limits, load_bytes, load_text
from linter.model import Position


def test_positions_are_recorded_for_values_and_keys():
    doc = load_text("claims:\n  - id: a\n    text: hello\n    value: {amount: 5}\n", "f.yaml")
    assert doc.problems == []
    assert doc.data == {"claims": [{"id": "a", "text": "hello", "value": {"amount": 5}}]}
    assert doc.positions[("claims", 0, "text")] == Position(3, 11)
    assert doc.key_positions[("claims", 0, "text")] == Position(3, 5)
    assert doc.positions[("claims", 0, "value", "amount")] == Position(4, 21)
    assert doc.positions[("claims", 0)] == Position(2, 5)


def test_scalars_follow_yaml_but_dates_stay_strings():
    doc = load_text("a: 2025-07-30\nb: 0x1F\nc: 1.5\nd: no\ne: ~\nf: '7'\ng: 1_000\n", "f")
    assert doc.data == {"a": "2025-07-30", "b": 31, "c": 1.5, "d": False, "e": None, "f": "7",
                        "g": 1000}


def test_keys_stay_strings():
    assert load_text("no: 1\n3: x\n", "f").data == {"no": 1, "3": "x"}


def test_position_falls_back_to_nearest_ancestor():
    doc = load_text("claims:\n  - id: a\n", "f")
    assert doc.position(("claims", 0, "missing", "deeper")) == Position(2, 5)


@pytest.mark.parametrize(
    ("text", "category", "line", "col", "fragment"),
    [
        ("a: [\n", "syntax", 2, 1, "did not find expected node content"),
        ("a: 1\n b: 2\n", "syntax", 2, 3, "mapping values are not allowed"),
        ("a: 'x\n", "syntax", 2, 1, "found unexpected end of stream"),
        ("a: 1\n---\nb: 2\n", "syntax", 2, 1, "a second YAML document starts here: a claim file holds one document"),
        ("---\na: 1\n...\n---\nb: 2\n", "syntax", 4, 1, "a second YAML document starts here"),
        ("a: 1\nb: 2\na: 3\n", "duplicate-key", 3, 1, "duplicate key 'a' (first at line 1)"),
        ("x:\n  k: 1\n  k: 2\n", "duplicate-key", 3, 3, "duplicate key 'k'"),
        ("a: &x 1\nb: *x\n", "unsupported", 1, 4, "anchor &x"),
        ("a: !!python/object:os.system x\n", "unsupported", 1, 4, "tag"),
        ("a: !custom x\n", "unsupported", 1, 4, "tag !custom"),
        ("<<: {a: 1}\n", "unsupported", 1, 1, "merge keys"),
        ("? [a, b]\n: 1\n", "unsupported", 1, 3, "complex mapping keys"),
        ("a: \x07\n", "syntax", 1, 4, "control characters"),
    ],
)
def test_bad_yaml_is_a_located_problem(text, category, line, col, fragment):
    doc = load_text(text, "f.yaml")
    assert len(doc.problems) == 1, doc.problems
    problem = doc.problems[0]
    assert (problem.category, problem.position.line, problem.position.col) == (category, line, col)
    assert fragment in problem.message


@pytest.mark.parametrize(
    ("raw", "line", "col", "fragment"),
    [
        (b"a: 1\nb: caf\xe9\n", 2, 7, "not valid UTF-8 (byte 0xe9)"),
        (b"a: 1\n\x00\x01\x02", 2, 1, "NUL bytes"),
        (b"\xff\xfea\x00:\x00", 1, 1, "NUL bytes"),
    ],
)
def test_encoding_problems(raw, line, col, fragment):
    doc = load_bytes(raw, "f.yaml")
    assert [(p.category, p.position.line, p.position.col) for p in doc.problems] == [
        ("encoding", line, col)
    ]
    assert fragment in doc.problems[0].message
    assert doc.data is None


def test_bom_is_ignored_and_crlf_lines_count_right():
    doc = load_bytes("\ufeffa: 1\r\nb:\r\n  c: 2\r\n".encode(), "f")
    assert doc.problems == []
    assert doc.data == {"a": 1, "b": {"c": 2}}
    assert doc.positions[("b", "c")] == Position(3, 6)


def test_empty_file_loads_as_none_without_problems():
    doc = load_text("# only a comment\n", "f")
    assert doc.data is None and doc.problems == []


def test_billion_laughs_is_refused_fast():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    start = time.perf_counter()
    doc = load_text("\n".join(lines) + "\n", "bomb.yaml")
    elapsed = time.perf_counter() - start
    assert [p.category for p in doc.problems] == ["unsupported"]
    assert doc.data is None
    assert elapsed < 1.0  # a correctness bound (expansion would take minutes), not a benchmark


def test_deep_nesting_is_refused_before_libyaml_recurses():
    doc = load_text("a: " + "[" * 100_000 + "\n", "deep.yaml")
    assert [(p.category, p.position.line) for p in doc.problems] == [("limit", 1)]
    assert "nesting deeper than 64" in doc.problems[0].message


def test_block_nesting_within_limit_is_read():
    text = "".join("  " * i + f"k{i}:\n" for i in range(30)) + "  " * 30 + "v\n"
    doc = load_text(text, "f")
    assert doc.problems == []


def test_node_and_string_limits():
    doc = load_text("a: [" + ", ".join(["1"] * 50) + "]\n", "f", Limits(max_nodes=10))
    assert [p.category for p in doc.problems] == ["limit"]
    doc = load_text("a: " + "x" * 50 + "\n", "f", Limits(max_string=10))
    assert [p.category for p in doc.problems] == ["limit"]
    assert doc.data == {"a": "x" * 10}


# --- reading ------------------------------------------------------------------------------

_TEXT = b"claims:\n  - id: a\n" * 40


@pytest.mark.parametrize(("stat_size", "limit", "expected"), [
    (len(_TEXT), 10_000, _TEXT),  # as listed: one read
    (len(_TEXT) - 100, 10_000, _TEXT),  # grew since its stat: read to the end
    (len(_TEXT) + 100, 10_000, _TEXT),  # shrank since its stat
    (len(_TEXT), 50, _TEXT[:51]),  # over the limit: one byte more than it
    (len(_TEXT) - 100, 50, _TEXT[:51]),
    (0, 10_000, _TEXT),  # looked empty when listed
])
def test_read_regular_reads_the_file_as_it_is_now(tmp_path, monkeypatch, stat_size, limit,
                                                  expected):
    import os

    from linter.files import read

    path = tmp_path / "a.yaml"
    path.write_bytes(_TEXT)
    real_fstat = os.fstat

    def fstat(descriptor):  # the size the file had when it was listed
        info = real_fstat(descriptor)
        return os.stat_result((*info[:6], stat_size, *info[7:]))

    monkeypatch.setattr(read.os, "fstat", fstat)
    assert read.read_regular(path, limit) == expected


def test_read_regular_reads_an_empty_file(tmp_path):
    from linter.files.read import read_regular

    path = tmp_path / "a.yaml"
    path.write_bytes(b"")
    assert read_regular(path, 100) == b""
