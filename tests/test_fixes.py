"""`factlint check --fix / --unsafe-fixes / --diff`: each fix round-trips (the finding is gone,
the file byte-identical outside the edited span), `--diff` writes nothing, a quote never
changes without `--unsafe-fixes`, and nothing is written through a link or over a file that
changed on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from linter.cli.app import cli
from linter.fix import apply
from linter.fix.dates import iso_date

CONFIG = 'paths = ["claims"]\nfail-on = "warning"\n'
QUOTE = ("Chinese AI startup DeepSeek has reportedly overtaken ChatGPT to become the top-rated "
         "free app on Apple's App Store in the US as of Monday, January 27")

SOURCES = """\
# The sources: comments, order and spacing must survive a fix.
sources:
  - id: ht-2025-01-27-deepseek   # the id claims cite
    title: "[Hindustan Times report: DeepSeek tops the US App Store]"
    publisher: Hindustan Times
    url: https://www.hindustantimes.com/world-news/deepseek-101737959434351.html
    published: {published}
    kind: news
    language: en
"""

CLAIM = """\
# A claim.
claims:
  - id: example.deepseek-top
    text: As of Monday 27 January 2025, DeepSeek had overtaken ChatGPT as the top free app.
    subject: deepseek-app
    property: date became top free app on US App Store
    value: {{date: "2025-01-27", qualifier: up-to, kind: actual}}
    evidence:
      - source: {cited}
        quote: "{quote}"
{suppress}"""


def _project(root: Path, *, published: str = '"2025-01-27"', cited: str = "ht-2025-01-27-deepseek",
             suppress: str = "") -> dict[str, Path]:
    (root / "claims").mkdir()
    (root / ".factlint.toml").write_text(CONFIG, encoding="utf-8")
    files = {"sources": root / "claims" / "sources.yaml", "claim": root / "claims" / "claim.yaml"}
    files["sources"].write_text(SOURCES.format(published=published), encoding="utf-8")
    files["claim"].write_text(CLAIM.format(cited=cited, quote=QUOTE, suppress=suppress),
                              encoding="utf-8")
    return files


def _run(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(root)
    return CliRunner().invoke(cli, ["check", "--no-cache", "--format", "text", *args],
                              prog_name="factlint")


def _codes(result: Result) -> list[str]:
    return sorted(line.split(": ")[1].split()[0] for line in result.stdout.splitlines()
                  if line.startswith("claims/"))


def _assert_only_span_changed(before: bytes, after: bytes, old: bytes, new: bytes) -> None:
    """`after` is `before` with the one span `old` replaced by `new`: the bytes before and after
    the span are identical."""
    start = before.index(old)
    assert before.count(old) == 1
    assert after[:start] == before[:start]
    assert after[start:start + len(new)] == new
    assert after[start + len(new):] == before[start + len(old):]


def test_the_project_is_clean_as_written(tmp_path, monkeypatch):
    _project(tmp_path)
    result = _run(tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    assert _codes(result) == []


def test_fix_quotes_a_year_yaml_reads_as_a_number(tmp_path, monkeypatch):
    files = _project(tmp_path, published="2025")
    before = files["sources"].read_bytes()
    # Without a usable `published`, the claim's date is not read from the source either.
    assert _codes(_run(tmp_path, monkeypatch)) == ["FL101", "FL202", "FL204"]
    result = _run(tmp_path, monkeypatch, "--fix")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "Fixed 1 finding (0 remaining)."
    _assert_only_span_changed(before, files["sources"].read_bytes(),
                              b"published: 2025\n", b'published: "2025"\n')
    assert _codes(_run(tmp_path, monkeypatch)) == []


@pytest.mark.parametrize(("written", "iso"), [
    ('"2025/1/27"', '"2025-01-27"'),
    ("27 January 2025", '"2025-01-27"'),
    ("'January 27, 2025'", '"2025-01-27"'),
    ("2025-1-27", '"2025-01-27"'),
])
def test_fix_writes_an_unambiguous_date_as_iso(tmp_path, monkeypatch, written, iso):
    files = _project(tmp_path, published=written)
    before = files["sources"].read_bytes()
    assert _codes(_run(tmp_path, monkeypatch))[0] == "FL101"
    result = _run(tmp_path, monkeypatch, "--fix")
    assert result.exit_code == 0, result.output
    _assert_only_span_changed(before, files["sources"].read_bytes(),
                              f"published: {written}\n".encode(), f"published: {iso}\n".encode())
    assert _codes(_run(tmp_path, monkeypatch)) == []


def test_iso_date_leaves_ambiguous_and_impossible_dates_alone():
    assert iso_date("07/08/2025") is None  # July or August: the writer's to say
    assert iso_date("2025/02/30") is None
    assert iso_date("Smarch 3, 2025") is None
    assert iso_date("Jul 2025") == "2025-07"
    assert iso_date("3rd March 2024") == "2024-03-03"


def test_fix_removes_an_unused_suppression_and_keeps_the_used_one(tmp_path, monkeypatch):
    # FL104 fires (the subject is not in the registry) and its suppression is used; FL202's is
    # not.
    suppress = ("    suppress:\n"
                "      - rule: FL104\n"
                "        reason: Our own entity.\n"
                "      - rule: FL202   # stale\n"
                "        reason: The quote once lacked the year.\n"
                "    # after the list\n")
    files = _project(tmp_path, suppress=suppress)
    text = files["claim"].read_text(encoding="utf-8")
    files["claim"].write_text(text.replace("subject: deepseek-app", "subject: no-such-thing"),
                              encoding="utf-8")
    before = files["claim"].read_bytes()
    assert _codes(_run(tmp_path, monkeypatch)) == ["FL106"]
    result = _run(tmp_path, monkeypatch, "--fix")
    assert result.exit_code == 0, result.output
    _assert_only_span_changed(
        before, files["claim"].read_bytes(),
        b"      - rule: FL202   # stale\n        reason: The quote once lacked the year.\n", b"")
    assert _codes(_run(tmp_path, monkeypatch)) == []


def test_fix_removes_the_suppress_key_when_no_entry_is_used(tmp_path, monkeypatch):
    suppress = ("    suppress:\n"
                "      - rule: FL202\n"
                "        reason: The quote once lacked the year.\n"
                "      - rule: FL320\n"
                "        reason: Attributed in the headline.\n")
    files = _project(tmp_path, suppress=suppress)
    before = files["claim"].read_bytes()
    assert _codes(_run(tmp_path, monkeypatch)) == ["FL106", "FL106"]
    result = _run(tmp_path, monkeypatch, "--fix")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "Fixed 2 findings (0 remaining)."
    _assert_only_span_changed(before, files["claim"].read_bytes(), suppress.encode(), b"")
    assert _codes(_run(tmp_path, monkeypatch)) == []


def test_the_did_you_mean_of_an_unknown_source_needs_unsafe_fixes(tmp_path, monkeypatch):
    files = _project(tmp_path, cited="ht-2025-01-72-deepseek")
    before = files["claim"].read_bytes()
    # FL202: the date is not read from a source that is not found.
    assert _codes(_run(tmp_path, monkeypatch)) == ["FL103", "FL202"]
    safe = _run(tmp_path, monkeypatch, "--fix")
    assert safe.exit_code == 1
    assert safe.stderr.splitlines()[-1] == "Fixed 0 findings (2 remaining)."
    assert files["claim"].read_bytes() == before
    result = _run(tmp_path, monkeypatch, "--unsafe-fixes")
    assert result.exit_code == 0, result.output
    _assert_only_span_changed(before, files["claim"].read_bytes(),
                              b"source: ht-2025-01-72-deepseek\n",
                              b"source: ht-2025-01-27-deepseek\n")
    assert _codes(_run(tmp_path, monkeypatch)) == []


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_diff_prints_the_exact_diff_and_writes_nothing(tmp_path, monkeypatch):
    _project(tmp_path, published="2025", cited="ht-2025-01-72-deepseek")
    before = _snapshot(tmp_path)
    result = _run(tmp_path, monkeypatch, "--diff")
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/claims/sources.yaml\n"
        "+++ b/claims/sources.yaml\n"
        "@@ -4,6 +4,6 @@\n"
        '     title: "[Hindustan Times report: DeepSeek tops the US App Store]"\n'
        "     publisher: Hindustan Times\n"
        "     url: https://www.hindustantimes.com/world-news/deepseek-101737959434351.html\n"
        "-    published: 2025\n"
        '+    published: "2025"\n'
        "     kind: news\n"
        "     language: en\n"
    )
    assert result.stderr == "Would fix 1 finding.\n"
    unsafe = _run(tmp_path, monkeypatch, "--diff", "--unsafe-fixes")
    assert unsafe.exit_code == 1
    assert "-      - source: ht-2025-01-72-deepseek\n" in unsafe.stdout
    assert "+      - source: ht-2025-01-27-deepseek\n" in unsafe.stdout
    assert unsafe.stderr == "Would fix 2 findings.\n"
    assert _snapshot(tmp_path) == before


def test_diff_with_nothing_to_fix_is_empty_and_exit_0(tmp_path, monkeypatch):
    _project(tmp_path)
    result = _run(tmp_path, monkeypatch, "--diff")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Would fix 0 findings.\n")


def test_no_safe_fix_touches_a_quote(tmp_path, monkeypatch):
    # Every safe fix applied at once: the quotes' bytes are as they were.
    suppress = "    suppress:\n      - rule: FL320\n        reason: Attributed in the headline.\n"
    files = _project(tmp_path, published="2025", suppress=suppress)
    quote_line = f'        quote: "{QUOTE}"\n'.encode()
    result = _run(tmp_path, monkeypatch, "--fix")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "Fixed 2 findings (0 remaining)."
    assert files["claim"].read_bytes().count(quote_line) == 1


def test_a_symlinked_claim_file_is_not_written(tmp_path, monkeypatch):
    files = _project(tmp_path, published="2025")
    (tmp_path / "data").mkdir()
    real = tmp_path / "data" / "sources.yaml"
    files["sources"].rename(real)
    os.symlink(real, files["sources"])
    before = real.read_bytes()
    result = _run(tmp_path, monkeypatch, "--fix")
    assert result.exit_code == 2
    assert result.stderr == ("factlint: error: claims/sources.yaml: a symbolic link; fixes are "
                             "not written through links\n")
    assert real.read_bytes() == before
    assert files["sources"].is_symlink()


def test_a_file_changed_on_disk_before_writing_is_not_written(tmp_path, monkeypatch):
    files = _project(tmp_path, published="2025")
    planned = apply.plan

    def plan_then_edit(*args, **kwargs):
        plans = planned(*args, **kwargs)
        files["sources"].write_text(SOURCES.format(published="2024"), encoding="utf-8")
        return plans

    monkeypatch.setattr(apply, "plan", plan_then_edit)
    result = _run(tmp_path, monkeypatch, "--fix")
    assert result.exit_code == 2
    assert result.stderr == ("factlint: error: claims/sources.yaml: changed on disk while "
                             "fixing; not written (run the command again)\n")
    assert b"published: 2024\n" in files["sources"].read_bytes()


def test_fixes_survive_the_cache(tmp_path, monkeypatch):
    # A second run reads the file's findings from the cache: their fixes come with them.
    files = _project(tmp_path, published="2025")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    first = runner.invoke(cli, ["check", "--format", "text"], prog_name="factlint")
    assert first.exit_code == 1
    result = runner.invoke(cli, ["check", "--format", "text", "--fix"], prog_name="factlint")
    assert result.exit_code == 0, result.output
    assert b'published: "2025"\n' in files["sources"].read_bytes()


def test_text_output_marks_what_fix_repairs_and_counts_the_rest(tmp_path, monkeypatch):
    _project(tmp_path, published="2025")
    lines = _run(tmp_path, monkeypatch).stdout.splitlines()
    marked = [line for line in lines if " [*] " in line]
    assert len(marked) == 1 and ": FL101 [*] error: " in marked[0]
    assert lines[-1] == "[*] 1 fixable with --fix."


def test_an_unsafe_fix_alone_is_neither_marked_nor_counted(tmp_path, monkeypatch):
    _project(tmp_path, cited="ht-2025-01-72-deepseek")
    lines = _run(tmp_path, monkeypatch).stdout.splitlines()
    assert not any(" [*] " in line or "fixable" in line for line in lines)
    assert lines[-1].startswith("Found 2 findings")
