"""Precision and recall of AI-provenance detection in `factlint scan` on tests/data/ai_devset.yaml.

    python bench/ai_quality.py [--split dev|heldout|all] [--json] [--check] [--misses]
                               [--devset PATH] [--factlint PATH]

Each snippet of the development set is written to a temporary directory as `<id>.txt`, and the
installed console script (the `factlint` beside this interpreter, unless --factlint names
another) scans all of them in one run: `factlint scan --format json --isolated FILES...`.

Codes map to labels: FL401 generated, FL402 leaked, FL404 assisted-reviewed, FL409
assisted-unreviewed. FL403 (style markers) is a weak signal and never counts as a detection;
the other scan codes (figures, dates) are not about provenance and are ignored. A snippet with
several AI codes is predicted as the strongest: leaked > generated > assisted-unreviewed >
assisted-reviewed (leaked text shows that whatever review a page claims did not happen).

Printed: per label, precision and recall of the exact label; per class, how many snippets were
detected (any AI code) and how many got their exact label, or for human classes how many were
flagged; overall precision and recall of "machine-made" (any AI code on a snippet not labelled
`none`); the false positives on human text, by id. `--misses` also lists the machine-made
snippets missed or mislabelled. `--check` exits 1 when overall precision < 1.0 or recall < 0.95
on the chosen split. Timings and numbers live here and in the notes, never in tests.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DEVSET = HERE.parent / "tests" / "data" / "ai_devset.yaml"
FACTLINT = Path(sys.executable).parent / "factlint"

CODE_LABEL = {
    "FL401": "generated",
    "FL402": "leaked",
    "FL404": "assisted-reviewed",
    "FL409": "assisted-unreviewed",
}
WEAK_CODES = frozenset({"FL403"})
PRECEDENCE = ("leaked", "generated", "assisted-unreviewed", "assisted-reviewed")
LABELS = (*PRECEDENCE, "none")
TARGETS = {"precision": 1.0, "recall": 0.95}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def load(devset: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(devset.read_text(encoding="utf-8"))
    snippets = data["snippets"]
    for item in snippets:
        if item["label"] not in LABELS:
            raise ValueError(f"{item['id']}: unknown label {item['label']!r}")
        if item.get("split", "dev") not in ("dev", "heldout"):
            raise ValueError(f"{item['id']}: split must be dev or heldout")
    return snippets


def scan(snippets: list[dict[str, Any]], factlint: Path) -> dict[str, list[dict[str, Any]]]:
    """The AI findings of one `factlint scan` over every snippet, by snippet id."""
    with tempfile.TemporaryDirectory(prefix="ai-devset-") as tmp:
        root = Path(tmp)
        names = []
        for item in snippets:
            name = f"{item['id']}.txt"
            (root / name).write_text(item["text"] + "\n", encoding="utf-8")
            names.append(name)
        proc = subprocess.run(
            [str(factlint), "scan", "--format", "json", "--isolated", *names],
            cwd=root, capture_output=True, text=True, check=False, timeout=600,
        )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"factlint scan failed ({proc.returncode}): {proc.stderr.strip()}")
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for finding in json.loads(proc.stdout)["findings"]:
        code = finding["code"]
        if code in CODE_LABEL or code in WEAK_CODES:
            found[Path(finding["path"]).stem].append(finding)
    return found


def predicted_label(findings: list[dict[str, Any]]) -> str:
    labels = {CODE_LABEL[f["code"]] for f in findings if f["code"] in CODE_LABEL}
    return next((label for label in PRECEDENCE if label in labels), "none")


def evaluate(snippets: list[dict[str, Any]], found: dict[str, list[dict[str, Any]]],
             split: str = "dev") -> dict[str, Any]:
    chosen = [s for s in snippets if split == "all" or s.get("split", "dev") == split]
    rows = []
    for item in chosen:
        findings = found.get(item["id"], [])
        rows.append({
            "id": item["id"], "label": item["label"], "class": item["class"],
            "predicted": predicted_label(findings),
            "codes": sorted({f["code"] for f in findings}),
            "findings": [f"{f['line']}:{f['column']} {f['code']} {f['message']}"
                         for f in findings if f["code"] not in WEAK_CODES],
        })

    per_label = {}
    for label in PRECEDENCE:
        gold = [r for r in rows if r["label"] == label]
        predicted = [r for r in rows if r["predicted"] == label]
        hit = [r for r in gold if r["predicted"] == label]
        per_label[label] = {
            "gold": len(gold), "predicted": len(predicted), "correct": len(hit),
            "precision": _ratio(len(hit), len(predicted)),
            "recall": _ratio(len(hit), len(gold)),
        }

    per_class: dict[str, dict[str, Any]] = {}
    for r in rows:
        key = f"{r['label']}/{r['class']}"
        entry = per_class.setdefault(key, {"label": r["label"], "class": r["class"], "total": 0,
                                           "detected": 0, "exact": 0})
        entry["total"] += 1
        entry["detected"] += r["predicted"] != "none"
        entry["exact"] += r["predicted"] == r["label"]
    for entry in per_class.values():
        if entry["label"] == "none":
            entry["flagged"] = entry.pop("detected")
            entry.pop("exact")
        else:
            entry["recall"] = entry["detected"] / entry["total"]
            entry["exact_rate"] = entry["exact"] / entry["total"]

    machine = [r for r in rows if r["label"] != "none"]
    detected = [r for r in rows if r["predicted"] != "none"]
    true_positive = [r for r in detected if r["label"] != "none"]
    overall = {
        "machine_made": len(machine), "human": len(rows) - len(machine),
        "detected": len(detected), "true_positives": len(true_positive),
        "precision": _ratio(len(true_positive), len(detected)),
        "recall": _ratio(len(true_positive), len(machine)),
        "exact_label": _ratio(sum(r["predicted"] == r["label"] for r in machine), len(machine)),
    }
    false_positives = [r for r in rows if r["label"] == "none" and r["predicted"] != "none"]
    misses = [r for r in machine if r["predicted"] != r["label"]]
    return {"split": split, "overall": overall, "per_label": per_label,
            "per_class": dict(sorted(per_class.items())),
            "false_positives": [{"id": r["id"], "class": r["class"], "codes": r["codes"],
                                 "findings": r["findings"]} for r in false_positives],
            "misses": [{"id": r["id"], "label": r["label"], "class": r["class"],
                        "predicted": r["predicted"], "findings": r["findings"]}
                       for r in misses]}


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def report(result: dict[str, Any], show_misses: bool) -> str:
    o = result["overall"]
    lines = [f"AI provenance on the {result['split']} split: {o['machine_made']} machine-made, "
             f"{o['human']} human snippets", "",
             f"machine-made overall: precision {_pct(o['precision'])}  recall "
             f"{_pct(o['recall'])}  ({o['true_positives']}/{o['machine_made']} detected, "
             f"{o['detected'] - o['true_positives']} false positives); exact label "
             f"{_pct(o['exact_label'])}", "",
             f"{'label':<22}{'gold':>6}{'pred':>6}{'ok':>6}  precision  recall"]
    for label, m in result["per_label"].items():
        lines.append(f"{label:<22}{m['gold']:>6}{m['predicted']:>6}{m['correct']:>6}  "
                     f"{_pct(m['precision']):>9}  {_pct(m['recall']):>6}")
    lines += ["", f"{'class':<44}{'n':>4}  detected  exact"]
    for key, m in result["per_class"].items():
        if m["label"] == "none":
            continue
        lines.append(f"{key:<44}{m['total']:>4}  {m['detected']:>4} {_pct(m['recall'])}"
                     f"  {m['exact']:>3} {_pct(m['exact_rate'])}")
    lines += ["", f"{'human class':<44}{'n':>4}  flagged"]
    for key, m in result["per_class"].items():
        if m["label"] == "none":
            lines.append(f"{key:<44}{m['total']:>4}  {m['flagged']:>4}")
    lines += ["", f"false positives on human text: {len(result['false_positives'])}"]
    for fp in result["false_positives"]:
        lines.append(f"  {fp['id']} ({fp['class']}): {', '.join(fp['codes'])}")
        lines += [f"      {f}" for f in fp["findings"]]
    if show_misses:
        lines += ["", f"machine-made missed or mislabelled: {len(result['misses'])}"]
        for miss in result["misses"]:
            lines.append(f"  {miss['id']} ({miss['label']}/{miss['class']}): predicted "
                         f"{miss['predicted']}")
            lines += [f"      {f}" for f in miss["findings"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--factlint", type=Path, default=FACTLINT)
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument("--misses", action="store_true",
                        help="also list machine-made snippets missed or mislabelled")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when precision < 1.0 or recall < 0.95")
    args = parser.parse_args(argv)

    snippets = load(args.devset)
    result = evaluate(snippets, scan(snippets, args.factlint), args.split)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(report(result, args.misses))
    if args.check:
        o = result["overall"]
        if (o["precision"] or 0.0) < TARGETS["precision"] or (o["recall"] or 0.0) < \
                TARGETS["recall"]:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
