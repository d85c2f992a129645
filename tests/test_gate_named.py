"""Gates that cannot pass by accident: findings a named file causes elsewhere are reported with
it (every run, until fixed), and checking nothing is an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import VALID_CLAIM, VALID_SOURCE, write

RENAMED = VALID_SOURCE.replace("id: wsj-2025-07-30-china-ai", "id: wsj-2025-07-30-china-ai-x")
UNKNOWN = ("claims/claim.yaml:7:17: FL103 error: evidence cites unknown source "
           "'wsj-2025-07-30-china-ai'")
NOTE = ("1 finding in 1 file not named (claims/claim.yaml): caused by the changes to the named "
        "files.")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write(tmp_path, {"claims/source.yaml": VALID_SOURCE, "claims/claim.yaml": VALID_CLAIM})


def test_renaming_a_cited_source_fails_the_commit_that_renames_it(corpus, factlint):
    assert factlint("check", cwd=corpus).code == 0  # the hook ran on the last commit
    (corpus / "claims/source.yaml").write_text(RENAMED.lstrip(), encoding="utf-8")
    for _ in range(2):  # and again on the retry: the gate does not turn green by itself
        run = factlint("check", "claims/source.yaml", cwd=corpus)
        assert run.code == 1
        assert run.out == (f"{UNKNOWN} (did you mean 'wsj-2025-07-30-china-ai-x'?)\n\n{NOTE}\n"
                           "Found 1 finding (1 error) in 1 file checked.\n")


def test_removing_the_defining_file_fails_a_commit_naming_another_file(corpus, factlint):
    write(corpus, {"claims/other.yaml": VALID_SOURCE.replace("wsj-2025-07-30-china-ai",
                                                             "other-source")})
    assert factlint("check", cwd=corpus).code == 0
    (corpus / "claims/source.yaml").unlink()
    run = factlint("check", "claims/other.yaml", cwd=corpus)
    assert run.code == 1
    assert run.out.splitlines()[0] == UNKNOWN


def test_a_duplicate_id_is_reported_in_both_files(corpus, factlint):
    assert factlint("check", cwd=corpus).code == 0
    write(corpus, {"claims/copy.yaml": VALID_CLAIM})
    run = factlint("check", "claims/copy.yaml", cwd=corpus)
    assert run.code == 1
    found = [line.split(" ", 2)[:2] for line in run.out.splitlines() if " FL" in line
             and not line.startswith(" ")]
    assert found == [["claims/claim.yaml:2:9:", "FL102"], ["claims/copy.yaml:2:9:", "FL102"]]
    assert "in 1 file not named (claims/claim.yaml)" in run.out


def test_unrelated_files_stay_quiet(corpus, factlint):
    write(corpus, {"claims/broken.yaml": "claims: [{id: x}]\n"})
    assert factlint("check", cwd=corpus).code == 1
    (corpus / "claims/claim.yaml").write_text(VALID_CLAIM.lstrip() + "# edited\n",
                                              encoding="utf-8")
    run = factlint("check", "claims/claim.yaml", cwd=corpus)
    assert (run.code, run.out) == (0, "All checks passed (1 file checked).\n")


def test_checking_nothing_is_exit_2(tmp_path, factlint):
    run = factlint("check", cwd=tmp_path)
    assert run.code == 2
    assert run.err == (
        "factlint: error: nothing to check: no claim files (*.yaml, *.yml) in the configured "
        f"paths (claims, from the default, relative to {tmp_path}); pass --allow-empty if that "
        "is expected\n")
    allowed = factlint("check", "--allow-empty", cwd=tmp_path)
    assert (allowed.code, allowed.out) == (0, "All checks passed (0 files checked).\n")


def test_a_wrong_configured_path_is_exit_2(tmp_path, factlint):
    write(tmp_path, {"claims/source.yaml": VALID_SOURCE,
                     "pyproject.toml": '[tool.factlint]\npaths = ["claim"]\n'})
    run = factlint("check", cwd=tmp_path)
    assert run.code == 2
    assert "in the configured paths (claim, from pyproject.toml, relative to" in run.err


def test_a_named_folder_without_claims_is_exit_2(tmp_path, factlint):
    (tmp_path / "empty").mkdir()
    run = factlint("check", "empty", cwd=tmp_path)
    assert (run.code, run.err) == (
        2, "factlint: error: nothing to check: no claim files (*.yaml, *.yml) in empty; pass "
           "--allow-empty if that is expected\n")


def test_rule_codes_are_case_insensitive(corpus, factlint):
    write(corpus, {"claims/broken.yaml": "claims: [{id: x}]\n"})
    upper = factlint("check", "--no-cache", "--select", "FL101", cwd=corpus)
    lower = factlint("check", "--no-cache", "--select", "fl101", cwd=corpus)
    assert upper.code == lower.code == 1
    assert lower.out == upper.out and " FL101 " in lower.out
    ignored = factlint("check", "--no-cache", "--ignore", "fl1", cwd=corpus)
    assert " FL101 " not in ignored.out


def test_an_unknown_code_gets_a_did_you_mean(corpus, factlint):
    run = factlint("check", "--select", "FL0101", cwd=corpus)
    assert (run.code, run.err) == (
        2, "factlint: error: --select: 'FL0101' matches no rule; did you mean FL101?\n")


SUPPRESSED = VALID_CLAIM + """    suppress:
      - rule: FL202
        reason: The figure once lacked a quote.
      - rule: fl2020
        reason: A typo that suppresses nothing.
"""


def test_suppressions_of_unknown_rules_and_unused_ones_are_reported(corpus, factlint):
    write(corpus, {"claims/claim.yaml": SUPPRESSED})
    run = factlint("check", "--select", "FL105,FL106,FL202", cwd=corpus)
    assert (run.code, run.out) == (1, (
        "claims/claim.yaml:10:9: FL106 [*] warning: unused suppression: no FL202 finding on "
        "'domestic-ai-chip-share-2027' to accept; remove it, or it will accept the next, "
        "different one\n"
        "claims/claim.yaml:12:15: FL105 error: suppression of unknown rule 'fl2020': it accepts "
        "nothing; did you mean FL202?\n\n"
        "Found 2 findings (1 error, 1 warning) in 2 files checked.\n"
        "[*] 1 fixable with --fix.\n"))
    # An unused suppression can fail the gate.
    write(corpus, {"claims/claim.yaml": SUPPRESSED.split("      - rule: fl2020")[0],
                   ".factlint.toml": 'severity = { FL106 = "error" }\n'})
    strict = factlint("check", cwd=corpus)
    assert strict.code == 1 and " FL106 [*] error: unused suppression" in strict.out


def test_a_used_suppression_is_not_reported(corpus, factlint):
    used = VALID_CLAIM.replace("82% of AI chips", "85% of AI chips") + """    suppress:
      - rule: FL202
        reason: The quote is a paraphrase the editor checked.
"""
    write(corpus, {"claims/claim.yaml": used})
    run = factlint("check", "--select", "FL202,FL106", cwd=corpus)
    assert (run.code, run.out.splitlines()[-1]) == (
        0, "All checks passed (2 files checked, 1 suppressed).")
