"""Inputs that made the work quadratic or unbounded (issue 19, class 5): cross-file rules that
compared every pair, quote search in a large snapshot, a long run of one punctuation character in
a scanned article, and rule-pack patterns that backtrack. Each is built here (nothing big is
committed); each must finish in its case's bound, which bench/hostile.py measures.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from hostile_table import Case, write

SNAPSHOT_BYTES = 4_990_000  # just under the 5,000,000-byte cap on a snapshot
# Sources with every field a reader needs, so that only the findings under test are reported.
SOURCE = ("  - {id: s, title: Report, publisher: The Example Times, "
          "url: 'https://example.com/r', published: '2025-07-30', kind: news%s}\n")


_WORDS = ("the of and to in a is that for on with as by at from its China AI chips said "
          "company market government data model models computing power capacity percent "
          "billion million year years report analysts industry research US domestic global "
          "startup Beijing Shanghai Huawei exports rules policy growth")


def _prose(size: int, seed: int) -> str:
    """Plain English-like text of `size` bytes, lines of a dozen words, no digits."""
    rng = random.Random(seed)
    words = _WORDS.split()
    lines, total = [], 0
    while total < size:
        line = " ".join(rng.choice(words) for _ in range(12)) + ".\n"
        lines.append(line)
        total += len(line)
    return "".join(lines)[:size]


def _quote(text: str, length: int, seed: int) -> str:
    """A stretch of `text` of about `length` characters, on one line, cut at spaces."""
    rng = random.Random(seed)
    start = text.index(" ", rng.randrange(len(text) // 2)) + 1
    return " ".join(text[start:start + length].split()[:-1])


def _claims(quotes: list[str], archive: str = "snap.txt") -> bytes:
    lines = ["sources:\n", SOURCE % f", archive: {archive}", "claims:\n"]
    for index, quote in enumerate(quotes):
        lines.append(f"  - id: c{index}\n    text: A claim.\n    evidence:\n"
                     f"      - source: s\n        quote: '{quote}'\n")
    return "".join(lines).encode()


def snapshot_case(quotes: Callable[[str], list[str]], snapshot: Callable[[], str] | None = None,
                  ) -> Callable[[Path], None]:
    def build(project: Path) -> None:
        text = snapshot() if snapshot else _prose(SNAPSHOT_BYTES, 1)
        write(project, {"claims/snap.txt": text.encode(),
                        "claims/quotes.yaml": _claims(quotes(text))})
    return build


def duplicate_ids(project: Path) -> None:
    # 4,000 claims with one id in an 84 KB file (87 s, 7 GB, then an internal error).
    body = "".join("  - {id: x, text: t}\n" for _ in range(4000))
    write(project, {"claims/dup.yaml": ("claims:\n" + body).encode()})


def duplicate_ids_across_files(project: Path) -> None:
    # The same id in 1,000 files: one finding in each, each naming four places and counting.
    write(project, {f"claims/f{index:04}.yaml": b"claims:\n  - {id: shared, text: t}\n"
                    for index in range(1000)})


def conflicting_figures(dated: bool) -> Callable[[Path], None]:
    def build(project: Path) -> None:
        # 2,000 claims on one subject and property, no two figures compatible (38 s, 2.9 GB,
        # 340 MB of output); `dated`: time points of every precision, overlapping in layers.
        lines = ["sources:\n", SOURCE % "", "claims:\n"]
        for index in range(2000):
            as_of = ""
            if dated:
                day = 1 + index % 28
                as_of = [", as_of: '2025'", ", as_of: '2025-03'",
                         f", as_of: '2025-03-{day:02}'"][index % 3]
            lines.append(f"  - {{id: c{index}, text: A claim., subject: deepseek-r1, "
                         f"property: users, value: {{amount: {index + 1}{as_of}}}}}\n")
        write(project, {"claims/figures.yaml": "".join(lines).encode()})
    return build


def scan_run(text: str, name: str) -> Callable[[Path], None]:
    def build(project: Path) -> None:
        write(project, {name: text.encode()})
    return build


PACK = "rule-packs = ['pack']\n"
PATTERN = "version: 1\npatterns:\n  - id: mine\n    class: style\n    pattern: '%s'\n" \
          "    explanation: A pack's pattern.\n"


def pack_case(pattern: str, snapshot: str | None = None) -> Callable[[Path], None]:
    def build(project: Path) -> None:
        files: dict[str, str | bytes] = {
            ".factlint.toml": PACK,
            "pack/registries/ai-patterns.yaml": PATTERN % pattern,
            "claims/a.yaml": ("sources:\n" + SOURCE % (", archive: snap.txt" if snapshot else "")
                              ).encode(),
        }
        if snapshot is not None:
            files["claims/snap.txt"] = snapshot.encode()
        write(project, files)
    return build


def pack_scan_case(pattern: str, article: str) -> Callable[[Path], None]:
    def build(project: Path) -> None:
        write(project, {".factlint.toml": PACK,
                        "pack/registries/ai-patterns.yaml": PATTERN % pattern,
                        "article.txt": article.encode()})
    return build


PASSED = "All checks passed (1 file checked)."
REGISTRY = "pack/registries/ai-patterns.yaml"

CASES: list[Case] = [
    # --- cross-file rules: one finding per group and file, a bounded list, a count ----------
    Case("bounds-duplicate-id-4000-in-one-file", duplicate_ids, ("check",), 1,
         "claims/dup.yaml:2:10: FL102 error: id 'x' is also used at claims/dup.yaml:3, "
         "claims/dup.yaml:4, claims/dup.yaml:5, claims/dup.yaml:6 and 3,995 more; ids must be "
         "unique across the corpus\n", absent=("internal error", "claims/dup.yaml:3:10: FL102"),
         seconds=5.0, megabytes=500),
    Case("bounds-duplicate-id-in-1000-files", duplicate_ids_across_files, ("check",), 1,
         "claims/f0999.yaml:2:10: FL102 error: id 'shared' is also used at claims/f0000.yaml:2, "
         "claims/f0001.yaml:2, claims/f0002.yaml:2, claims/f0003.yaml:2 and 995 more; ids must "
         "be unique across the corpus", seconds=5.0, megabytes=500),
    Case("bounds-duplicate-id-in-1000-files-one-named", duplicate_ids_across_files,
         ("check", "claims/f0500.yaml"), 1,
         "claims/f0500.yaml:2:10: FL102 error: id 'shared' is also used at claims/f0000.yaml:2, "
         "claims/f0001.yaml:2, claims/f0002.yaml:2, claims/f0003.yaml:2 and 995 more",
         seconds=5.0, megabytes=500),
    Case("bounds-conflicting-figures-2000", conflicting_figures(dated=False),
         ("check", "--select", "FL203"), 1,
         "claims/figures.yaml:4:76: FL203 error: conflicting figures for deepseek-r1 / users: "
         "this claim says 1 (no source), but 2 in c1 (no source); 3 in c2 (no source); 4 in c3 "
         "(no source); 5 in c4 (no source); 6 in c5 (no source); and 1,994 more claims; they "
         "cannot all be true", seconds=5.0, megabytes=500),
    Case("bounds-conflicting-figures-2000-dated", conflicting_figures(dated=True),
         ("check", "--select", "FL203"), 1,
         # The year 2025 holds every other time point: claim c0 meets all 1,999 others.
         "claims/figures.yaml:4:76: FL203 error: conflicting figures for deepseek-r1 / users: "
         "this claim says 1 (no source), but 4 in c3 (no source); 7 in c6 (no source); 10 in c9 "
         "(no source); 13 in c12 (no source); 16 in c15 (no source); and 1,994 more claims",
         seconds=5.0, megabytes=500),
    # --- quotes in a 5 MB snapshot: indexed once, bounded per quote and per file ------------
    Case("bounds-snapshot-quote-2k-not-verbatim",
         snapshot_case(lambda text: [_quote(text, 2000, 2).replace("the", "teh")]),
         ("check",), 1, "claims/quotes.yaml:8:16: FL330 error: quote not found verbatim in the "
         "snapshot of 's', and at 1,99", seconds=5.0, megabytes=500),
    Case("bounds-snapshot-quote-2k-verbatim",
         snapshot_case(lambda text: [_quote(text, 2000, 2)]), ("check",), 0, PASSED,
         seconds=5.0, megabytes=500),
    Case("bounds-snapshot-quote-900-fuzzy",
         snapshot_case(lambda text: [_quote(text, 900, 3).replace("the", "teh", 2)]),
         ("check",), 0, PASSED, seconds=5.0, megabytes=500),
    Case("bounds-snapshot-20-short-quotes",
         snapshot_case(lambda text: [f"{index} pears were sold in Ruritania"
                                     for index in range(20)]),
         ("check",), 1, "claims/quotes.yaml:103:16: FL330 error: quote not found in the "
         "snapshot of 's': no passage of it is close to the quote", seconds=5.0, megabytes=500),
    Case("bounds-snapshot-quote-20k",
         snapshot_case(lambda text: [_quote(text, 20000, 4) + " and so on"]), ("check",), 1,
         "claims/quotes.yaml:8:16: FL330 error: quote not found verbatim in the snapshot of "
         "'s', and at 20,008 characters it is too long to compare inexactly (at most 1,000): "
         "quote the passage that supports the claim", seconds=5.0, megabytes=500),
    Case("bounds-snapshot-budget",
         snapshot_case(lambda text: [_quote(text, 900, 10 + index).replace("the", "teh", 2)
                                     for index in range(60)]),
         ("check",), 1, "FL330 error: quote not verified against the snapshot of 's': the "
         "quotes before it in this file used up the search budget (1.5 s of estimated work); "
         "split the file, or shorten the quotes or the snapshots", seconds=5.0, megabytes=500),
    Case("bounds-snapshot-combining-marks",
         snapshot_case(lambda text: ["caf\u00e9 society"],
                       lambda: "e\u0301" * (SNAPSHOT_BYTES // 3)),
         ("check",), 1, "claims/quotes.yaml:8:16: FL330 error: quote not verified: the snapshot "
         "of 's' cannot be searched in bounded time (more than 500,000 characters that do not "
         "normalise one for one (combining marks, compatibility characters))",
         seconds=5.0, megabytes=500),
    Case("bounds-snapshot-blank-lines",
         snapshot_case(lambda text: ["a a a a a a"], lambda: "a\n\n" * (SNAPSHOT_BYTES // 3)),
         ("check",), 0, PASSED, seconds=5.0, megabytes=500),
    # --- a scanned article with a long run of one punctuation character ---------------------
    *[Case(f"bounds-scan-run-{label}-{suffix}", scan_run("x " + run * (100_000 // len(run))
                                                         + " y\n", f"article.{suffix}"),
           ("scan", f"article.{suffix}"), 0, PASSED, seconds=5.0, megabytes=500)
      for label, run in [("brackets", "["), ("images", "!["), ("tags", "<a"),
                         ("comments", "<!--"), ("links", "[x]("), ("references", "[x]["),
                         ("parens", "("), ("quotes", '"'), ("curly-quotes", "\u201c"),
                         ("asterisks", "*"), ("backticks", "`")]
      for suffix in ("md", "txt")],
    # --- rule-pack patterns: RE2 runs them in linear time, or they are refused ---------------
    Case("bounds-pack-pattern-quartic-on-snapshot",
         pack_case(r"x[^y]*x[^y]*x[^y]*y", "x" * SNAPSHOT_BYTES), ("check",), 0,
         "All checks passed", seconds=5.0, megabytes=500),
    Case("bounds-pack-pattern-word-backtracking-on-snapshot",
         pack_case(r"\Bai\w+z", "ai" * (SNAPSHOT_BYTES // 2)), ("check",), 0,
         "All checks passed", seconds=5.0, megabytes=500),
    Case("bounds-built-in-pattern-on-crafted-snapshot",
         pack_case(r"\bpack cue\b", "using AI reviewed " * (SNAPSHOT_BYTES // 18)),
         ("check",), 0, "All checks passed", seconds=5.0, megabytes=500),
    Case("bounds-pack-pattern-quartic-in-scan",
         pack_scan_case(r"x[^y]*x[^y]*x[^y]*y", "x" * 600 + "\n" + "x" * 1_000_000 + "\n"),
         ("scan", "article.txt"), 0, PASSED, seconds=5.0, megabytes=500),
    Case("bounds-pack-pattern-long-repeat", pack_case(r"a.{0,2000}b.{0,2000}c"), ("check",), 2,
         "pattern 'mine': pattern rejected: repeat count 2,000 is over 1,000, the most RE2 "
         "runs in bounded memory: 'a.{0,2000}b.{0,2000}c'",
         seconds=5.0, megabytes=500),
    Case("bounds-pack-pattern-huge-repeat", pack_case(r"x{4294967295}"), ("check",), 2,
         "pattern 'mine': pattern does not compile: the repetition number is too large: "
         "'x{4294967295}'", absent=("internal error",), seconds=5.0, megabytes=500),
    Case("bounds-pack-pattern-lookbehind", pack_case(r"(?<!not )generated"), ("check",), 2,
         "pattern 'mine': pattern rejected: RE2 cannot run it in linear time (invalid perl "
         "operator: (?<!)", seconds=5.0, megabytes=500),
    Case("bounds-pack-pattern-backreference", pack_case(r"(\w+) \1"), ("check",), 2,
         "pattern 'mine': pattern rejected: RE2 cannot run it in linear time (invalid escape "
         "sequence: \\1)", seconds=5.0, megabytes=500),
]
