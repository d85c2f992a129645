"""Random whole repositories: trees of claim files, links in and out, cache files, rule packs
and configurations, each checked twice. Whatever the tree, factlint exits 0, 1 or 2 without a
traceback or an internal error, writes and deletes nothing outside the project, and never prints
what lies outside it.

A small count runs with the suite; `FACTLINT_REPO_FUZZ=500 pytest tests/hostile -k fuzz` runs
more (the seeds are the case numbers: a failure names the one to replay).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hostile_table import CLAIM, SECRET, factlint, sandbox, snapshot

COUNT = int(os.environ.get("FACTLINT_REPO_FUZZ", "12"))

_TARGETS = ["../outside/secret.yaml", "../../outside/secret.yaml", "/etc/passwd", "/dev/zero",
            "missing.yaml", "loop.yaml", ".", "..", "../outside", "claims", "a.yaml"]
_CONFIGS = [
    "", 'paths = ["claims"]\n', 'paths = ["../outside"]\n', 'rule-packs = ["pack"]\n',
    'rule-packs = ["/"]\n', 'rule-packs = ["../outside/rules"]\n', "paths = 3\n",
    '[limits]\nmax-bytes = 10\n', "exclude = [\"*\"]\n", "=\n", "\xe9 = 1\n",
]
_CACHE_NAMES = ["a" * 24 + ".sqlite", "a" * 24 + ".sqlite-wal", "rulebook.compiled",
                "b" * 24 + ".compiled", "CACHEDIR.TAG", ".gitignore", "c" * 24 + ".json"]


def _claim_text(rng: random.Random) -> bytes:
    text = CLAIM.lstrip().encode()
    choice = rng.randrange(6)
    if choice == 0:
        return text
    if choice == 1:
        cut = rng.randrange(len(text))
        return text[:cut]
    if choice == 2:
        spot = rng.randrange(len(text))
        return text[:spot] + bytes([rng.randrange(256)]) + text[spot + 1:]
    if choice == 3:
        return text.replace(b"units-sold-2024", b"dup")  # ids that collide across files
    if choice == 4:
        return rng.randbytes(rng.randrange(1, 200))
    return text + b"\n  - id: " + b"x" * rng.randrange(1, 300) + b"\n"


def _link(path: Path, target: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not os.path.lexists(path):
        path.symlink_to(target)


def build(project: Path, rng: random.Random) -> None:
    for number in range(rng.randrange(1, 6)):
        folder = project / rng.choice(["claims", "claims/sub", "claims/.hidden", "other"])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"c{number}.yaml").write_bytes(_claim_text(rng))
    for number in range(rng.randrange(0, 4)):
        where = rng.choice(["claims", "claims/sub", "pack", "pack/registries", "."])
        _link(project / where / f"l{number}.yaml", rng.choice(_TARGETS))
    if rng.random() < 0.3:
        _link(project / "claims" / "loop.yaml", "loop.yaml")
    if rng.random() < 0.3:
        (project / "claims").mkdir(exist_ok=True)
        os.mkfifo(project / "claims" / "fifo.yaml")
    if rng.random() < 0.4:
        (project / "pack" / "registries").mkdir(parents=True, exist_ok=True)
        (project / "pack" / "XY101.yaml").write_bytes(rng.randbytes(rng.randrange(0, 100)))
    if rng.random() < 0.7:
        (project / ".factlint.toml").write_text(rng.choice(_CONFIGS), encoding="utf-8")
    cache = rng.randrange(4)
    if cache == 1:
        _link(project / ".factlint_cache", rng.choice(["../outside", "/tmp", "missing"]))
    elif cache >= 2:
        folder = project / ".factlint_cache"
        folder.mkdir()
        for name in rng.sample(_CACHE_NAMES, rng.randrange(1, len(_CACHE_NAMES))):
            if rng.random() < 0.5:
                _link(folder / name, rng.choice(["../../outside/old.sqlite",
                                                 "../../outside/x.sqlite-wal", "/dev/zero"]))
            else:
                (folder / name).write_bytes(rng.randbytes(rng.randrange(0, 2000)))


@pytest.mark.parametrize("seed", range(COUNT))
def test_random_repository(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    project, outside, home = sandbox(tmp_path)
    build(project, rng)
    before = snapshot(outside)
    args = rng.choice([("check",), ("check", "claims"), ("check", "--no-cache"),
                       ("check", "--format", "json"), ("rules",), ("report", "-o", "r.html")])
    for _ in range(2):
        process = factlint(args, project, home)
        out, err = process.communicate(timeout=300)
        assert process.returncode in (0, 1, 2), (seed, out[-500:], err[-500:])
        assert "Traceback" not in err and "internal error" not in err, (seed, err[-2000:])
        assert SECRET not in out + err, seed
    assert snapshot(outside) == before, seed
    assert snapshot(home) == {}, seed
