"""`factlint scan --explain`: every figure of an article with what decided its sourcing,
findings or not (issue 22: a non-finding says which cue decided)."""

from __future__ import annotations

ARTICLE = (
    "The ministry said on Friday that exports rose 4.1% in March.\n"
    "Output grew 12% last year.\n"
    "Analysts are forecasting growth of 2.5% next year, according to a Reuters poll.\n"
    "Sales reportedly reached $3 billion.\n"
)


def test_each_figure_gets_a_line_naming_the_cue_that_decided(tmp_path, factlint):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    run = factlint("scan", "--explain", "a.txt", cwd=tmp_path)
    assert run.code == 0
    assert run.out.splitlines() == [
        "a.txt:1:47: “4.1%”: attributed: attributed to The ministry (cue “said”, verb)",
        "a.txt:2:13: “12%”: unattributed: no attribution (no source cue reaches it)",
        "a.txt:3:36: “2.5%”: attributed: attributed to Reuters (cue “according to”, "
        "source-phrase)",
        # A hedge of its own: the poll of the sentence before is not lent to it.
        "a.txt:4:26: “$3 billion”: unattributed: only a vague attribution (“reportedly”), "
        "a hedge naming nobody",
    ]


def test_explain_agrees_with_the_findings(tmp_path, factlint):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    explained = factlint("scan", "--explain", "a.txt", cwd=tmp_path).out.splitlines()
    flagged = {line.split(" ")[0] for line in explained if ": unattributed: " in line}
    findings = factlint("scan", "--select", "FL405", "--fail-on", "warning", "a.txt",
                        cwd=tmp_path)
    assert findings.code == 1
    assert {line.split(" ")[0] for line in findings.out.splitlines()
            if " FL405 " in line} == flagged


def test_explain_and_claims_do_not_combine(tmp_path, factlint):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    run = factlint("scan", "--explain", "--claims", "a.txt", cwd=tmp_path)
    assert run.code == 2
    assert "--explain and --claims cannot be combined" in run.err
