"""Time `factlint scan` on many articles: the cost of AI-provenance detection in a scan.

    python bench/ai_scan_speed.py [--articles 1000] [--rounds 5] [--seeds /work/shared/seeds]
                                  [--factlint-cmd "CMD ARGS"]

Builds `--articles` plain-text articles from the seed articles (real news prose, 5-10 kB each),
each followed by one snippet of tests/data/ai_devset.yaml so that every article differs and a
share of them carries a disclosure or leaked chatbot text, then times, in rounds:

  cli      the installed console script: `factlint scan --format json --isolated FILES...`,
           one process over every article (what a user runs)
  ai-only  in this process, the AI-provenance findings of every article (the part this
           benchmark is about; figures and dates left out)

and prints the median of each over the rounds. Without the seeds directory, the articles are the
snippets alone. To time another checkout, run this file with `PYTHONPATH=<checkout>` (ai-only
imports `linter` from there) and `--factlint-cmd "<python> -P -m linter"` with the same
PYTHONPATH (the console script runs the installed code). Timings live here and in the notes,
never in tests.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEVSET = HERE.parent / "tests" / "data" / "ai_devset.yaml"
SEEDS = Path("/work/shared/seeds")
FACTLINT = Path(sys.executable).parent / "factlint"


def articles(count: int, seeds: Path) -> list[str]:
    snippets = [s["text"] for s in yaml.safe_load(DEVSET.read_text("utf-8"))["snippets"]]
    bodies = ([p.read_text("utf-8") for p in sorted(seeds.glob("*.txt"))]
              if seeds.is_dir() else [""])
    return [f"{bodies[i % len(bodies)]}\n\n{snippets[i % len(snippets)]}\n" for i in range(count)]


def _ai_only() -> Callable[[list[str]], int]:
    """A function giving the number of AI findings over the texts, in-process."""
    try:
        from linter.rulebook.book import load_rulebook
    except ImportError:  # pragma: no cover - the flat layout
        from linter.rulebook import load_rulebook  # type: ignore[attr-defined,no-redef]

    try:  # the layout with subpackages, then the flat one it replaced
        from linter.scan.analysis import Resources, _ai_findings
    except ImportError:  # pragma: no cover - depends on the checkout
        from linter.scan import Resources, _ai_findings  # type: ignore[attr-defined,no-redef]
    rulebook = load_rulebook()
    rules = [r for r in rulebook.rules.values() if r.kind == "scan"]
    resources = Resources.from_rulebook(rulebook, rules)
    return lambda texts: sum(len(_ai_findings(t, resources.patterns)) for t in texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--factlint-cmd", default=str(FACTLINT),
                        help="the command the cli timing runs (split on white space)")
    args = parser.parse_args(argv)

    texts = articles(args.articles, args.seeds)
    ai_only = _ai_only()
    cli_times, ai_times = [], []
    with tempfile.TemporaryDirectory(prefix="ai-speed-") as tmp:
        root = Path(tmp)
        names = []
        for i, text in enumerate(texts):
            name = f"a{i:05d}.txt"
            (root / name).write_text(text, encoding="utf-8")
            names.append(name)
        command = [*args.factlint_cmd.split(), "scan", "--format", "json", "--isolated", *names]
        for _ in range(args.rounds):
            start = time.perf_counter()
            proc = subprocess.run(command, cwd=root, capture_output=True, check=False)
            cli_times.append(time.perf_counter() - start)
            if proc.returncode not in (0, 1):
                raise SystemExit(proc.stderr.decode()[-2000:])
            start = time.perf_counter()
            found = ai_only(texts)
            ai_times.append(time.perf_counter() - start)
    print(f"linter: {Path(sys.modules['linter'].__file__).parent}; cli: {args.factlint_cmd}")
    print(f"{args.articles} articles, {sum(map(len, texts)) / 1e6:.1f} MB, "
          f"{args.rounds} rounds; AI findings: {found}")
    print(f"cli      median {statistics.median(cli_times):.3f} s  "
          f"(min {min(cli_times):.3f}, max {max(cli_times):.3f})")
    print(f"ai-only  median {statistics.median(ai_times):.3f} s  "
          f"(min {min(ai_times):.3f}, max {max(ai_times):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
