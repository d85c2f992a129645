"""Precision and recall of `factlint scan` against the labelled development set.

    python bench/scan_quality.py [--devset tests/data/scan_devset.yaml]
                                 [--seeds /work/shared/seeds] [--json] [--check]

Figures: a sentence labelled `unattributed` is a positive; the scan predicts positive when it
reports FL405 on that sentence. A flagged sentence the development set does not list counts as
a false positive (the set lists every seed sentence with a number in it). Anonymous sourcing
(FL406) is measured the same way. AI provenance: each (document, code) pair of FL401-FL404
expected by the set is a positive; documents expected to carry no AI signal are the human
texts, and any AI finding on them is a false positive.

Targets (the issue's): figures precision >= 0.9 and recall >= 0.85; no AI false positive on
human text. `--check` exits 1 when a target is missed. The numbers go in the lead's notes, not
in tests: tests/test_scan.py recomputes them through `evaluate`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DEVSET = HERE.parent / "tests" / "data" / "scan_devset.yaml"
SEEDS = Path("/work/shared/seeds")
AI_CODES = ("FL401", "FL402", "FL403", "FL404")
TARGETS = {"precision": 0.9, "recall": 0.85}


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def _engine():  # type: ignore[no-untyped-def]
    from linter.rulebook.book import load_rulebook
    from linter.scan.analysis import Resources

    rulebook = load_rulebook()
    rules = [r for r in rulebook.rules.values() if r.kind == "scan"]
    return Resources.from_rulebook(rulebook, rules), rules


def _article(name: str, text: str):  # type: ignore[no-untyped-def]
    from linter.scan.analysis import read_article

    return read_article(name, 50_000_000, text.encode("utf-8"))


def evaluate(devset: Path = DEVSET, seeds: Path = SEEDS) -> dict[str, Any]:
    """Every metric, the per-sentence confusion and the mistakes, as one dict."""
    from linter.scan.analysis import analyse_figures, scan_text, to_findings

    data = yaml.safe_load(devset.read_text(encoding="utf-8"))
    resources, rules = _engine()
    texts: dict[str, str] = {}

    def text_of(name: str) -> str:
        if name not in texts:
            texts[name] = (seeds / name).read_text(encoding="utf-8")
        return texts[name]

    # --- figures ------------------------------------------------------------------------------
    labelled: dict[str, list[dict[str, Any]]] = {}
    for item in data["figures"]:
        text = text_of(item["article"])
        start = text.find(item["sentence"])
        if start < 0:
            raise ValueError(f"devset sentence not found verbatim in {item['article']}: "
                             f"{item['sentence'][:80]!r}")
        labelled.setdefault(item["article"], []).append(
            {**item, "span": (start, start + len(item["sentence"])), "predicted": "none"})
    unlisted: list[dict[str, str]] = []
    for name in sorted(labelled):
        article = _article(name, text_of(name))
        for found in analyse_figures(article.text, resources):
            s = found.sentence
            hits = [i for i in labelled[name] if i["span"][0] < s.end and s.start < i["span"][1]]
            for hit in hits:
                hit["predicted"] = found.status
            if not hits and found.status in ("unattributed", "anonymous"):
                unlisted.append({"article": name, "status": found.status, "sentence": s.text})
    items = [i for group in labelled.values() for i in group]
    figures = {}
    for positive in ("unattributed", "anonymous"):
        tp = sum(1 for i in items if i["label"] == positive and i["predicted"] == positive)
        fp = sum(1 for i in items if i["label"] != positive and i["predicted"] == positive)
        fp += sum(1 for u in unlisted if u["status"] == positive)
        fn = sum(1 for i in items if i["label"] == positive and i["predicted"] != positive)
        figures[positive] = {"tp": tp, "fp": fp, "fn": fn, "precision": _ratio(tp, tp + fp),
                             "recall": _ratio(tp, tp + fn)}
    mistakes = [
        {"article": i["article"], "label": i["label"], "predicted": i["predicted"],
         "sentence": i["sentence"]}
        for i in items
        if (i["label"] in ("unattributed", "anonymous") or i["predicted"] in (
            "unattributed", "anonymous")) and i["label"] != i["predicted"]
    ]

    # --- AI provenance ------------------------------------------------------------------------
    ai_rows = []
    for doc in data["ai"]:
        name = doc.get("article") or doc["name"]
        text = text_of(doc["article"]) if "article" in doc else doc["text"]
        article = _article(name, text)
        codes = sorted({f.code for f in to_findings(article, scan_text(article.text, resources),
                                                     rules) if f.code in AI_CODES})
        ai_rows.append({"document": name, "expected": sorted(doc["expect"]), "found": codes})
    expected = {(r["document"], c) for r in ai_rows for c in r["expected"]}
    found = {(r["document"], c) for r in ai_rows for c in r["found"]}
    tp = len(expected & found)
    human_fp = [r for r in ai_rows if not r["expected"] and r["found"]]
    ai = {"tp": tp, "fp": len(found - expected), "fn": len(expected - found),
          "precision": _ratio(tp, len(found)), "recall": _ratio(tp, len(expected)),
          "human_documents": sum(1 for r in ai_rows if not r["expected"]),
          "human_false_positives": len(human_fp)}

    unattributed = figures["unattributed"]
    meets = (unattributed["precision"] >= TARGETS["precision"]
             and unattributed["recall"] >= TARGETS["recall"] and ai["human_false_positives"] == 0)
    return {"figures": figures, "ai": ai, "ai_documents": ai_rows, "mistakes": mistakes,
            "unlisted": unlisted, "sentences": len(items), "meets_targets": meets}


def _print(result: dict[str, Any]) -> None:
    u, a, ai = result["figures"]["unattributed"], result["figures"]["anonymous"], result["ai"]
    print(f"Development set: {result['sentences']} labelled sentences, "
          f"{len(result['ai_documents'])} documents for AI provenance.")
    print(f"Unattributed figures (FL405): precision {u['precision']:.3f}  recall "
          f"{u['recall']:.3f}  (tp {u['tp']}, fp {u['fp']}, fn {u['fn']})")
    print(f"Anonymous sourcing (FL406):   precision {a['precision']:.3f}  recall "
          f"{a['recall']:.3f}  (tp {a['tp']}, fp {a['fp']}, fn {a['fn']})")
    print(f"AI provenance (FL401-FL404):  precision {ai['precision']:.3f}  recall "
          f"{ai['recall']:.3f}  (tp {ai['tp']}, fp {ai['fp']}, fn {ai['fn']}); false "
          f"positives on human text: {ai['human_false_positives']} of {ai['human_documents']}")
    for row in result["ai_documents"]:
        if row["expected"] != row["found"]:
            print(f"  AI  {row['document']}: expected {row['expected']}, found {row['found']}")
    for m in result["mistakes"]:
        print(f"  FIG {m['article']}: labelled {m['label']}, scan says {m['predicted']}: "
              f"{m['sentence'][:90]}")
    for m in result["unlisted"]:
        print(f"  FIG {m['article']}: not in the set, scan says {m['status']}: "
              f"{m['sentence'][:90]}")
    print("Targets (precision >= 0.9, recall >= 0.85, no AI false positive on human text): "
          + ("met" if result["meets_targets"] else "MISSED"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if not args.seeds.is_dir():
        print(f"scan_quality: seed folder {args.seeds} not found (--seeds DIR)", file=sys.stderr)
        return 2
    result = evaluate(args.devset, args.seeds)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        _print(result)
    return 1 if args.check and not result["meets_targets"] else 0


if __name__ == "__main__":
    sys.exit(main())
