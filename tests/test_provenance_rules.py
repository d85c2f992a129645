"""FL3xx on a fixture corpus: exact codes, files and lines, hard negatives included."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "provenance"

EXPECTED = [
    ("FL305", "claims/claims.yaml", 7, "ai-only"),
    ("FL306", "claims/claims.yaml", 13, "assisted-only"),
    ("FL310", "claims/claims.yaml", 22, "unreliable-only"),
    ("FL320", "claims/claims.yaml", 25, "power-ratio"),
    ("FL330", "claims/claims.yaml", 32, "chip-share"),
    ("FL321", "claims/claims.yaml", 36, "anonymous"),
    ("FL311", "claims/claims.yaml", 41, "preprint-only"),
    ("FL312", "claims/sources.yaml", 2, "beijing-post"),
    ("FL301", "claims/sources.yaml", 7, "beijing-post"),
    ("FL304", "claims/sources.yaml", 14, "assisted-outlet"),
    ("FL302", "claims/sources.yaml", 26, "leaky-blog"),
    ("FL313", "claims/sources.yaml", 47, "future-dated"),
    ("FL331", "claims/sources.yaml", 55, "escaping-snapshot"),
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(FIXTURE, target)
    return target


def _findings(factlint, cwd: Path, *args: str) -> list[dict]:
    result = factlint("check", "--isolated", "--select", "FL3", "--format", "json", *args,
                      cwd=cwd, env={"FACTLINT_TODAY": "2025-11-23"})
    assert result.code in (0, 1), result.err
    return json.loads(result.out)["findings"]


def test_exact_findings(corpus, factlint):
    found = [(f["code"], f["path"], f["line"], f["subject"]) for f in _findings(factlint, corpus)]
    assert found == EXPECTED


def test_messages_quote_the_evidence(corpus, factlint):
    by_code = {f["code"]: f["message"] for f in _findings(factlint, corpus)}
    assert "“An advanced artificial intelligence (AI) system generated the content of this page”" in by_code[
        "FL301"]
    assert "beijing-post (provenance generated" in by_code["FL305"]
    assert "(its figures differ): best match" in by_code["FL330"]
    assert "“Morgan Stanley analysts forecast that China will have 82% of AI chips" in by_code[
        "FL330"]
    assert by_code["FL331"] == ("source 'escaping-snapshot': archive '../../../../../../../../etc/"
                                "hostname' resolves outside the project root; not read")


def test_hard_negatives_do_not_fire(corpus, factlint):
    subjects = {f["subject"] for f in _findings(factlint, corpus)}
    # The Verge reports on chatbot phrases in quotation marks and prints a legal disclaimer.
    assert "verge-report" not in subjects
    # One human-written source beside the AI-generated one is enough support.
    assert "ai-plus-human" not in subjects


def test_symlinked_snapshot_escaping_the_project_is_not_read(corpus, factlint, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Morgan Stanley analysts forecast that China will have 85% of AI chips.")
    (corpus / "snapshots" / "link.txt").symlink_to(secret)
    sources = corpus / "claims" / "sources.yaml"
    sources.write_text(sources.read_text().replace("../snapshots/wsj.txt", "../snapshots/link.txt"))
    found = _findings(factlint, corpus)
    assert [f["message"] for f in found if f["code"] == "FL331" and f["subject"] == "wsj"] == [
        "source 'wsj': archive '../snapshots/link.txt' resolves outside the project root; not read"
    ]
    assert not [f for f in found if f["code"] == "FL330"]  # nothing compared against the secret


def test_quote_found_after_normalising_marks_and_spaces(corpus, factlint):
    claims = corpus / "claims" / "claims.yaml"
    claims.write_text(claims.read_text().replace(
        "will have 85% of AI chips", "will have 82%   of AI chips"))
    assert "FL330" not in {f["code"] for f in _findings(factlint, corpus)}
