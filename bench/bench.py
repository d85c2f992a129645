"""Benchmark factlint against the cost of merely parsing the same files.

    python bench/bench.py --files 10000 --runs 5

Generates a synthetic corpus (valid claims with figures, quotes and sources; a few percent with
real problems; cross-file conflicts), then times, as separate processes:
  parse-only   a Python loop loading every file with yaml.CSafeLoader (the floor)
  cold         factlint check --no-cache (every file parsed, validated and checked), in one
               process (--jobs 1) and with the default jobs (one per CPU)
  warm         factlint check with a warm cache, nothing changed
  pre-commit   factlint check on one changed file, warm cache (as the hook calls it)
  version      factlint --version
  check-jsonschema  on the same files with factlint's schema, when installed (`.[bench]`)
With --breakdown, also the one-process cold run with the syntax rule alone (what loading, the
index and output cost) and without unsourced-figure (FL202), the costliest rule.
The scenarios run in rounds, each round running every scenario once, so that the machine's drift
falls on all of them alike; it prints medians, the median over rounds of each scenario's ratio to
parse-only in the same round, and peak memory (max RSS). Timings live here, never in
tests. Children run with Python's bytecode cache on (PYTHONDONTWRITEBYTECODE removed from their
environment), as an installed factlint runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
FACTLINT = str(Path(sys.executable).parent / "factlint")
PUBLISHERS = ["The Wall Street Journal", "Reuters", "Newsweek", "Bloomberg", "Caixin"]
SUBJECTS = ["china", "united-states", "nvidia", "huawei", "tencent", "alibaba", "iflytek"]
PROPERTIES = ["installed solar capacity", "AI chip output", "graduates in AI fields",
              "data-centre investment", "domestic share of AI chips"]


def claim_file(index: int, rng: random.Random) -> str:
    source = f"src-{index:06d}"
    lines = [
        "sources:",
        f"  - id: {source}",
        f"    title: Synthetic article number {index}",
        f"    publisher: {rng.choice(PUBLISHERS)}",
        f"    url: https://www.example.com/articles/{index}",
        f'    published: "2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"',
        "    kind: news",
        "claims:",
    ]
    # About 3% of files carry one real problem, as a corpus under review does.
    bad_claim = rng.randrange(5) if rng.random() < 0.03 else -1
    problem_kind = rng.random()
    for k in range(5):
        amount = rng.randint(2, 900)
        unit, word = rng.choice(
            [("percent", "%"), ("count", " units"), ("USD", " billion dollars")])
        scale = "\n      scale: billion" if unit == "USD" else ""
        year = rng.randint(2019, 2027)
        subject = rng.choice(SUBJECTS)
        prop = rng.choice(PROPERTIES)
        problem = problem_kind if k == bad_claim else 1.0
        quote_amount = amount + 7 if problem < 0.4 else amount  # a figure no quote backs
        evidence_source = "src-missing" if 0.4 <= problem < 0.7 else source
        # Mostly distinct facts; some restate a shared fact with another value: a conflict
        # across files, as a real corpus has a few.
        shared = 0.7 <= problem < 1.0
        prop_key = f"shared fact {index % 20}" if shared else f"{prop} {index}-{k}"
        if shared:
            subject, year = "china", 2024
        text = f"{subject} reached {amount}{word} of {prop} in {year}."
        lines += [
            f"  - id: claim-{index:06d}-{k}",
            f"    text: {text}",
            f"    subject: {subject}",
            f"    property: {prop_key}",
            "    value:",
            f"      amount: {amount}",
            f"      unit: {unit}{scale}",
            f'      as_of: "{year}"',
            "    attribution: Synthetic Research Institute",
            "    evidence:",
            f"      - source: {evidence_source}",
            f'        quote: "Synthetic Research Institute said {subject} reached '
            f'{quote_amount}{word} of {prop} in {year}."',
        ]
    return "\n".join(lines) + "\n"


def generate(root: Path, count: int) -> None:
    rng = random.Random(20251013)
    claims = root / "claims"
    claims.mkdir(parents=True)
    for index in range(count):
        (claims / f"f{index:06d}.yaml").write_text(claim_file(index, rng), encoding="utf-8")
    (root / ".factlint.toml").write_text('paths = ["claims"]\n')


PARSE_ONLY = """
import sys, yaml
from pathlib import Path
for p in sorted(Path(sys.argv[1]).rglob('*.yaml')):
    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
"""


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], cwd: Path) -> tuple[float, int, int]:
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, env=ENV)
    elapsed = time.perf_counter() - start
    rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, proc.returncode, rss_kib


class Scenario:
    """One command to time, and what to do before each run of it."""

    def __init__(self, name: str, command: list[str], cwd: Path,
                 before: Callable[[], None] | None = None) -> None:
        self.name, self.command, self.cwd, self.before = name, command, cwd, before
        self.times: list[float] = []
        self.code = 0

    def run(self) -> None:
        if self.before:
            self.before()
        elapsed, self.code, _ = timed(self.command, self.cwd)
        self.times.append(elapsed)

    def peak_mib(self) -> float:
        """Peak memory of one more run, in a fresh child, so earlier children do not mask it."""
        if self.before:
            self.before()
        probe = subprocess.run(
            [sys.executable, "-c",
             "import resource,subprocess,sys;subprocess.run(sys.argv[1:],capture_output=True);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)", *self.command],
            cwd=self.cwd, capture_output=True, text=True, env=ENV)
        return round(int(probe.stdout.strip() or 0) / 1024, 1)


def measure(scenarios: list[Scenario], runs: int) -> None:
    """`runs` rounds, each running every scenario once in turn. These machines' speed drifts by
    a fifth within minutes: timing one scenario's runs after another's would put the drift
    into their ratios, while within a round they share it."""
    for _ in range(runs):
        for scenario in scenarios:
            scenario.run()


def result(scenario: Scenario, floor: Scenario) -> dict[str, float | str | int]:
    """Median time, and the median over rounds of the ratio to parse-only in the same round."""
    ratios = [t / f for t, f in zip(scenario.times, floor.times, strict=False)]
    return {"name": scenario.name, "median_s": statistics.median(scenario.times),
            "min_s": min(scenario.times), "ratio": statistics.median(ratios),
            "exit": scenario.code, "peak_mib": scenario.peak_mib()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    parser.add_argument("--no-peers", action="store_true",
                        help="skip check-jsonschema (slow on large corpora)")
    parser.add_argument("--breakdown", action="store_true",
                        help="also time the one-process cold run with the syntax rule alone "
                             "(loading, the index and output: the engine's floor) and without "
                             "unsourced-figure (FL202), the costliest rule")
    args = parser.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="factlint-bench-"))
    if args.keep and root.exists():
        shutil.rmtree(root)
    started = time.perf_counter()
    generate(root, args.files)
    print(f"generated {args.files} files in {time.perf_counter() - started:.1f}s at {root}",
          file=sys.stderr)

    parse_only = Scenario("parse-only", [sys.executable, "-c", PARSE_ONLY, "claims"], root)
    cold = Scenario("cold, 1 process", [FACTLINT, "check", "--no-cache", "-q", "--jobs", "1"],
                    root)
    cold_all = Scenario("cold, all CPUs", [FACTLINT, "check", "--no-cache", "-q"], root)
    def fill() -> None:  # the pre-commit scenario of the round before changed a file
        subprocess.run([FACTLINT, "check", "-q"], cwd=root, capture_output=True, env=ENV)

    warm = Scenario("warm", [FACTLINT, "check", "-q"], root, before=fill)
    changed = root / "claims" / "f000000.yaml"
    original = changed.read_text()

    def touch() -> None:
        changed.write_text(original + f"# edited {time.perf_counter_ns()}\n")

    precommit = Scenario("pre-commit (1 changed file)",
                         [FACTLINT, "check", "-q", "claims/f000000.yaml"], root, before=touch)
    version = Scenario("version", [FACTLINT, "--version"], root)
    scenarios = [parse_only, cold, cold_all, warm, precommit, version]
    if args.breakdown:
        scenarios[2:2] = [
            Scenario("cold, 1 process, FL001 only", [*cold.command, "--select", "FL001"], root),
            Scenario("cold, 1 process, no FL202", [*cold.command, "--ignore", "FL202"], root),
        ]
    checker = shutil.which("check-jsonschema") or str(Path(sys.executable).parent
                                                      / "check-jsonschema")
    peers = []
    if Path(checker).exists() and not args.no_peers:
        schema = root / "schema.json"
        schema.write_text(subprocess.run([FACTLINT, "schema"], capture_output=True,
                                         text=True).stdout)
        files = sorted(str(p.relative_to(root)) for p in (root / "claims").glob("*.yaml"))
        peers.append(Scenario("check-jsonschema", [checker, "--schemafile", str(schema), *files],
                              root))
    # The peer is slow: it runs in the first half of the rounds only (at least one).
    peer_rounds = max(1, args.runs // 2)
    measure(scenarios + peers, peer_rounds)
    measure(scenarios, args.runs - peer_rounds)
    results = [result(s, parse_only) for s in scenarios + peers]
    if args.json:
        print(json.dumps({"files": args.files, "results": results}, indent=2))
        return
    print(f"{'what':<30}{'median':>10}{'per file':>12}{'x parse':>9}{'peak MiB':>10}")
    for row in results:
        median = float(row["median_s"])
        per_file = f"{median / args.files * 1000:.3f} ms" if row["name"] not in (
            "version", "pre-commit (1 changed file)") else "-"
        print(f"{row['name']:<30}{median:>9.3f}s{per_file:>12}{float(row['ratio']):>8.2f}x"
              f"{row['peak_mib']:>10}")
    if not args.keep:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
