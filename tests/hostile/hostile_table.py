"""The hostile-repository table: each case builds a repository a contributor could push, runs
one factlint command in it, and states the exit code and message it must get.

Every case runs in a sandbox of three folders: `project/` (the checkout, the working directory),
`outside/` (a neighbour holding a secret, which links in the project point at) and `home/` (the
HOME of the run). The harness (`test_hostile.py`) checks, for every case, that nothing outside
`project/` was written, created or deleted and that the secret never appears in the output;
`bench/hostile.py` runs the same table and checks each case's time and memory.

Cases live in `cases_*.py` beside this file, grouped by class (files and links, cache,
configuration and output, bounds); each module has a `CASES` list.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SECRET = "SECRET-OUTSIDE-4711"  # in outside/secret.txt: must never reach any output

CLAIM = """
sources:
  - id: example-times-2025-07-30
    title: A report
    publisher: The Example Times
    url: https://example.com/report
    published: "2025-07-30"
    kind: news
claims:
  - id: units-sold-2024
    text: The company sold 120 units in 2024.
    value: {amount: 120, unit: count, as_of: "2024"}
    attribution: The company
    evidence:
      - source: example-times-2025-07-30
        quote: "The company said it sold 120 units in 2024."
"""


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], object]  # makes the repository inside an empty `project/`
    args: tuple[str, ...]  # factlint's arguments, run in `project/`
    exit: int
    message: str  # must appear in standard output or standard error
    runs: int = 1  # run the command this many times (a cache must heal in one run)
    last_message: str | None = None  # what the last of several runs must print instead
    absent: tuple[str, ...] = ()  # texts that must not appear in the output
    env: dict[str, str] = field(default_factory=dict)
    # Memory and time bounds the benchmark checks (the issue's: 5 s and 500 MB).
    seconds: float = 5.0
    megabytes: int = 500


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def link(root: Path, name: str, target: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def sandbox(base: Path) -> tuple[Path, Path, Path]:
    project, outside, home = base / "project", base / "outside", base / "home"
    for folder in (project, outside, home):
        folder.mkdir(parents=True)
    (outside / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (outside / "secret.yaml").write_text(f"claims: {SECRET}\n", encoding="utf-8")
    (outside / "old.json").write_text("{}\n", encoding="utf-8")
    (outside / "old.sqlite").write_bytes(b"not a database")
    (outside / "x.sqlite-wal").write_bytes(b"")
    (outside / "rules").mkdir()
    return project, outside, home


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry below `folder` (links not followed) and a hash of each regular file."""
    state: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            relative = str(path.relative_to(folder))
            if path.is_symlink():
                state[relative] = "link:" + os.readlink(path)
            elif path.is_file():
                state[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                state[relative] = "dir"
    return state


@dataclass
class Result:
    code: int
    out: str
    err: str


def factlint(args: tuple[str, ...], cwd: Path, home: Path, env: dict[str, str] | None = None,
             output: object = subprocess.PIPE) -> subprocess.Popen[str]:
    """factlint run as a user would run it, in `cwd`; `output`: where its output goes."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "FACTLINT_DEBUG")}
    environment.update({"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")})
    environment.update(env or {})
    # To run the table against another checkout of factlint (to show a case failing before a
    # fix): HOSTILE_FACTLINT=/path/to/checkout.
    other = os.environ.get("HOSTILE_FACTLINT")
    if other:
        environment["PYTHONPATH"] = other
    return subprocess.Popen(
        [sys.executable, "-m", "linter", *args], cwd=cwd, env=environment, text=True,
        stdin=subprocess.DEVNULL, stdout=output, stderr=output)  # type: ignore[arg-type]


def cases() -> list[Case]:
    found: list[Case] = []
    for path in sorted(HERE.glob("cases_*.py")):
        module = importlib.import_module(path.stem)
        found.extend(module.CASES)
    names = [case.name for case in found]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"duplicate hostile case names: {duplicates}")
    return found
