"""The report at scale: time and size of `factlint report` on a large synthetic corpus.

    python bench/report_scale.py [--files 10000] [--corpus DIR] [--runs 1]

Generates the corpus of bench/bench.py (or uses --corpus, e.g. one kept with
`python bench/bench.py --files 10000 --runs 1 --no-peers --keep DIR`), then times, as separate
processes:
  check (fills the cache)     factlint check, which the report's lint then reads
  report html, warm cache     factlint report -o report.html, after the check
  report markdown / json      warm cache (JSON has every finding, claim and source)
  report html, --no-cache     the HTML again, linting every file
and, in one process, where the warm HTML report's time goes: the lint (served by the cache),
loading every file's data (the lint keeps only an index), building the model, rendering.
Prints each output's size. Targets of issue #24: HTML at most 5 MB and 5 s at 10,000 files.
Timings live here, never in tests.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
FACTLINT = str(Path(sys.executable).parent / "factlint")

BREAKDOWN = """
import time
from pathlib import Path
from linter import __version__, report
from linter.project.config import load_config
from linter.report.model import Limits
from linter.run.runner import Options, lint

started = time.perf_counter()
outcome = lint(load_config(Path.cwd(), None, False), Options(use_cache=True), Path.cwd())
linted = time.perf_counter()
outcome.corpus
loaded = time.perf_counter()
model = report.build(outcome, __version__, Limits())
built = time.perf_counter()
text = report.render(model, "html")
rendered = time.perf_counter()
print(f"{linted - started:.2f} {loaded - linted:.2f} {built - loaded:.2f} "
      f"{rendered - built:.2f} {len(text.encode())}")
"""


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    took = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr.strip()}")
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--corpus", type=Path, help="an existing corpus (its .factlint.toml)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each timing (median)")
    args = parser.parse_args()

    root = args.corpus.resolve() if args.corpus else Path(
        tempfile.mkdtemp(prefix="factlint-report-scale-"))
    if not args.corpus:
        from bench import generate  # bench/bench.py: the same corpus as the speed benchmark

        generate(root, args.files)
    out = Path(tempfile.mkdtemp(prefix="factlint-report-out-"))
    try:
        rows: list[tuple[str, float, Path | None]] = []
        rows.append(("check (fills the cache)",
                     timed([FACTLINT, "check", "-q", "-o", str(out / "check.txt")], root), None))
        # --no-cache last: a cached run after it finds the cache cold again (as `check` does).
        scenarios = [
            ("report html, warm cache", ["-o", str(out / "report.html")], out / "report.html"),
            ("report markdown, warm", ["-o", str(out / "report.md")], out / "report.md"),
            ("report json, warm", ["-o", str(out / "report.json")], out / "report.json"),
            ("report html, --no-cache", ["--no-cache", "-o", str(out / "cold.html")],
             out / "cold.html"),
        ]
        for name, options, written in scenarios:
            times = [timed([FACTLINT, "report", *options], root) for _ in range(args.runs)]
            rows.append((name, statistics.median(times), written))
        print(f"{'what':<28}{'time':>9}{'size':>11}")
        for name, took, written in rows:
            size = f"{written.stat().st_size / 1e6:.2f} MB" if written else "-"
            print(f"{name:<28}{took:>8.2f}s{size:>11}")
        timed([FACTLINT, "check", "-q", "-o", str(out / "check.txt")], root)  # warm again
        split = subprocess.run([sys.executable, "-c", BREAKDOWN], cwd=root, capture_output=True,
                               text=True, check=True).stdout.split()
        lint_s, load_s, build_s, render_s = (float(v) for v in split[:4])
        print(f"warm html, in one process: lint {lint_s:.2f}s (cache), load the data "
              f"{load_s:.2f}s, build {build_s:.2f}s, render {render_s:.2f}s, "
              f"{int(split[4]) / 1e6:.2f} MB")
    finally:
        shutil.rmtree(out, ignore_errors=True)
        if not args.corpus:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
