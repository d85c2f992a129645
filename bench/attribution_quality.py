"""Precision and recall of the attribution of figures (FL405, FL406) on the written dev set.

    python bench/attribution_quality.py [--split dev|heldout|all] [--devset FILE]
                                        [--json] [--check] [--keep DIR]

Each example of `tests/data/attribution_devset.yaml` becomes one text file (its context, then
its sentence). The INSTALLED command line runs once over all of them:

    factlint scan --format json --isolated --published 2025-06-15 FILES...

(the `factlint` executable beside `sys.executable`), so the numbers are those a user gets.
An example is predicted `unattributed` when an FL405 finding sits AT ITS JUDGED FIGURE,
`anonymous` when an FL406 one does, else `attributed`. A finding sits at the figure when its
line and column fall inside the figure, or just before it on a qualifier ("more than 600"), or
at the start of the sentence (a finding that points at the whole sentence), or anywhere in the
sentence when its message lists the figure (“4.1%”): a sentence-level finding naming it.
Findings on the context's figures are not counted for the example.

`unattributed` is the positive class of the issue; `anonymous` is measured the same way. Per
class, the table gives the examples, how many were predicted right, false flags (FL405 on a
figure that is not unattributed) and misses (an unattributed figure with no FL405).

`--check` exits 1 when unattributed precision < 0.95 or recall < 0.9 on the chosen split.
Tune against `--split dev` only: the held-out third of each class is for reporting.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DEVSET = HERE.parent / "tests" / "data" / "attribution_devset.yaml"
PUBLISHED = "2025-06-15"
TARGETS = {"precision": 0.95, "recall": 0.9}
CODES = {"FL405": "unattributed", "FL406": "anonymous"}
LABELS = ("unattributed", "anonymous", "attributed")
# What may sit between a finding's start and the figure: a qualifier ("more than", "about").
_QUALIFIER_GAP = re.compile(r"[A-Za-z~ \t-]{0,30}\Z")


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def load(devset: Path, split: str) -> list[dict[str, Any]]:
    data = yaml.safe_load(devset.read_text(encoding="utf-8"))
    examples = [e for e in data["examples"] if split == "all" or e["split"] == split]
    ids = [e["id"] for e in examples]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate example ids in the dev set")
    return examples


def _document(example: dict[str, Any]) -> tuple[str, int, int, int]:
    """(file text, sentence start, figure start, figure end) for one example."""
    context = example.get("context") or ""
    joiner = "" if not context or context.endswith("\n") else " "
    prefix = context + joiner
    sentence = example["sentence"]
    at = sentence.find(example["figure"])
    if at < 0:
        raise ValueError(f"{example['id']}: figure {example['figure']!r} not in its sentence")
    start = len(prefix) + at
    return prefix + sentence + "\n", len(prefix), start, start + len(example["figure"])


def _offset(text: str, line: int, column: int) -> int:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    line = min(max(line, 1), len(starts))
    return starts[line - 1] + column - 1


def _at_figure(finding: dict[str, Any], doc: tuple[str, int, int, int], figure: str) -> bool:
    text, sentence_start, start, end = doc
    off = _offset(text, int(finding["line"]), int(finding["column"]))
    if start <= off < end:
        return True
    if sentence_start <= off < start and _QUALIFIER_GAP.match(text[off:start]):
        return True
    if off == sentence_start:
        return True  # the finding points at the sentence
    sentence_end = len(text.rstrip("\n"))
    return sentence_start <= off < sentence_end and f"“{figure}”" in str(finding["message"])


def factlint_executable() -> str:
    exe = Path(sys.executable).parent / "factlint"
    return str(exe) if exe.exists() else "factlint"


def run_scan(paths: Sequence[Path], published: str, executable: str) -> list[dict[str, Any]]:
    cmd = [executable, "scan", "--format", "json", "--isolated", "--published", published,
           *map(str, paths)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"factlint scan exited {proc.returncode}: {proc.stderr.strip()}")
    return list(json.loads(proc.stdout)["findings"])


def evaluate(devset: Path = DEVSET, split: str = "dev", published: str = PUBLISHED,
             executable: str | None = None, keep: Path | None = None) -> dict[str, Any]:
    """Predictions, metrics per label and per class, and the mistakes, as one dict."""
    examples = load(devset, split)
    with tempfile.TemporaryDirectory(prefix="attribution-devset-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        docs: dict[str, tuple[str, int, int, int]] = {}
        paths: dict[str, Path] = {}
        for e in examples:
            docs[e["id"]] = _document(e)
            path = folder / f"{e['id']}.txt"
            path.write_text(docs[e["id"]][0], encoding="utf-8")
            paths[e["id"]] = path
        findings = run_scan(list(paths.values()), published,
                            executable or factlint_executable()) if paths else []
    by_path: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        if f["code"] in CODES:
            by_path.setdefault(Path(f["path"]).name, []).append(f)
    rows = []
    for e in examples:
        predicted = "attributed"
        hits = [f for f in by_path.get(f"{e['id']}.txt", [])
                if _at_figure(f, docs[e["id"]], e["figure"])]
        codes = {f["code"] for f in hits}
        if "FL405" in codes:
            predicted = "unattributed"
        elif "FL406" in codes:
            predicted = "anonymous"
        rows.append({"id": e["id"], "class": e["class"], "label": e["label"],
                     "predicted": predicted, "sentence": e["sentence"], "figure": e["figure"],
                     "messages": [f["message"] for f in hits]})
    return {"split": split, "examples": len(rows), "labels": _per_label(rows),
            "classes": _per_class(rows), "mistakes": [r for r in rows
                                                      if r["label"] != r["predicted"]],
            "meets_targets": _meets(rows), "rows": rows}


def _confusion(rows: Sequence[dict[str, Any]], label: str) -> dict[str, Any]:
    tp = sum(1 for r in rows if r["label"] == label and r["predicted"] == label)
    fp = sum(1 for r in rows if r["label"] != label and r["predicted"] == label)
    fn = sum(1 for r in rows if r["label"] == label and r["predicted"] != label)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": _ratio(tp, tp + fp),
            "recall": _ratio(tp, tp + fn)}


def _per_label(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {label: _confusion(rows, label) for label in LABELS}


def _per_class(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    classes: dict[str, dict[str, Any]] = {}
    for name in dict.fromkeys(r["class"] for r in rows):
        group = [r for r in rows if r["class"] == name]
        u = _confusion(group, "unattributed")
        classes[name] = {
            "examples": len(group),
            "labels": sorted({r["label"] for r in group}),
            "correct": sum(1 for r in group if r["label"] == r["predicted"]),
            "false_flags": u["fp"], "misses": u["fn"],
            "precision": u["precision"], "recall": u["recall"],
        }
    return classes


def _meets(rows: Sequence[dict[str, Any]]) -> bool:
    u = _confusion(rows, "unattributed")
    return ((u["precision"] or 0.0) >= TARGETS["precision"]
            and (u["recall"] or 0.0) >= TARGETS["recall"])


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def report(result: dict[str, Any]) -> str:
    lines = [f"Attribution dev set, split {result['split']}: {result['examples']} examples "
             f"(published {PUBLISHED})", ""]
    lines.append(f"{'label':<14}{'precision':>10}{'recall':>8}{'tp':>6}{'fp':>5}{'fn':>5}")
    for label, m in result["labels"].items():
        lines.append(f"{label:<14}{_fmt(m['precision']):>10}{_fmt(m['recall']):>8}"
                     f"{m['tp']:>6}{m['fp']:>5}{m['fn']:>5}")
    lines += ["", "Per class (precision and recall of `unattributed`; false flags: FL405 on a "
              "figure that is not unattributed):"]
    lines.append(f"{'class':<28}{'n':>4}{'right':>7}{'false':>7}{'miss':>6}{'prec':>8}"
                 f"{'recall':>8}")
    for name, c in result["classes"].items():
        lines.append(f"{name:<28}{c['examples']:>4}{c['correct']:>7}{c['false_flags']:>7}"
                     f"{c['misses']:>6}{_fmt(c['precision']):>8}{_fmt(c['recall']):>8}")
    fps = [m for m in result["mistakes"] if m["predicted"] != "attributed"]
    misses = [m for m in result["mistakes"] if m["predicted"] == "attributed"]
    if fps:
        lines += ["", "False positives (flagged, label differs):"]
        lines += [f"  {m['id']}: {m['label']} -> {m['predicted']} at “{m['figure']}”: "
                  f"{m['sentence'][:90]}" for m in fps]
    if misses:
        lines += ["", "Misses (not flagged at the figure):"]
        lines += [f"  {m['id']}: {m['label']} -> attributed at “{m['figure']}”: "
                  f"{m['sentence'][:90]}" for m in misses]
    lines += ["", "Targets (unattributed precision >= 0.95, recall >= 0.9): "
              + ("met" if result["meets_targets"] else "MISSED")]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--published", default=PUBLISHED,
                        help=f"publication date passed to the scan (default {PUBLISHED})")
    parser.add_argument("--factlint", default=None, help="the factlint executable to run")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the example files here and keep them")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    result = evaluate(args.devset, args.split, args.published, args.factlint, args.keep)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(report(result))
    return 1 if args.check and not result["meets_targets"] else 0


if __name__ == "__main__":
    sys.exit(main())
