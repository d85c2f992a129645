"""Time two factlint code trees on the same corpora: cold `check` and `scan` of many articles.

    python bench/attribution_speed.py --before /tmp/factlint-before [--after /work/main]
                                      [--files 2000] [--articles 1000] [--runs 5]

`--before` and `--after` are source trees (folders holding `linter/` and `rules/`); each runs as
`python -m linter` with that tree first on PYTHONPATH, so one venv serves both. The corpora:

  check   the synthetic claim corpus of bench/bench.py (`--files` files), checked cold
          (`check --no-cache -q --jobs 1`), as bench.py's "cold, 1 process";
  scan    `--articles` plain-text articles, each about thirty sentences drawn (seeded) from the
          attribution and scan development sets and from plain filler prose, scanned in one
          process (`scan --isolated -q --published 2025-06-15`).

Rounds alternate before/after for each scenario, so the machine's drift falls on both alike;
the script prints medians and the after/before ratio of the medians. Timings live here, never
in tests.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import generate  # noqa: E402

FILLER = (
    "The meeting ended without an agreement.",
    "Officials from both sides are expected to meet again.",
    "The plan has drawn criticism from opposition lawmakers.",
    "Residents said they were worried about the changes.",
    "The company declined to comment on the report.",
    "Markets in Asia were mixed on Tuesday.",
    "The decision followed months of negotiations.",
    "Critics argue the policy favours large firms.",
)


def articles(root: Path, count: int) -> list[Path]:
    rng = random.Random(20250615)
    data = yaml.safe_load((HERE.parent / "tests" / "data" / "attribution_devset.yaml")
                          .read_text(encoding="utf-8"))
    pool: list[str] = []
    for e in data["examples"]:
        context = (e.get("context") or "").strip()
        pool.append((context + " " if context else "") + e["sentence"])
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        paragraphs = []
        for _ in range(8):
            sentences = [rng.choice(pool) if rng.random() < 0.6 else rng.choice(FILLER)
                         for _ in range(4)]
            paragraphs.append(" ".join(sentences))
        path = root / f"article-{index:05d}.txt"
        path.write_text("Headline of the article\n\n" + "\n\n".join(paragraphs) + "\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def timed(tree: Path, args: list[str], cwd: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "linter", *args], cwd=cwd, env=env,
                          capture_output=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{tree}: exit {proc.returncode}: {proc.stderr.decode()[-400:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, default=HERE.parent)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="factlint-attribution-speed-"))
    try:
        generate(root / "check", args.files)
        paths = articles(root / "scan", args.articles)
        names = [str(p.relative_to(root / "scan")) for p in paths]
        scenarios = {
            "cold check": (["check", "--no-cache", "-q", "--jobs", "1"], root / "check"),
            "scan articles": (["scan", "--isolated", "-q", "--published", "2025-06-15",
                               *names], root / "scan"),
        }
        times: dict[tuple[str, str], list[float]] = {}
        for tree in (args.before, args.after):
            for cmd, cwd in scenarios.values():
                timed(tree, cmd, cwd)  # warm the bytecode cache and the file system
        for _ in range(args.runs):
            for name, (cmd, cwd) in scenarios.items():
                for tree, which in ((args.before, "before"), (args.after, "after")):
                    times.setdefault((name, which), []).append(timed(tree, cmd, cwd))
        print(f"{args.files} claim files, {args.articles} articles, {args.runs} rounds")
        print(f"{'scenario':<16}{'before':>10}{'after':>10}{'after/before':>14}")
        for name in scenarios:
            b = statistics.median(times[(name, "before")])
            a = statistics.median(times[(name, "after")])
            print(f"{name:<16}{b:>9.3f}s{a:>9.3f}s{a / b:>13.3f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
