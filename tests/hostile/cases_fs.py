"""Files, links and the cache: a checkout that tries to make factlint read or write outside the
project, trust a cache it did not make, or block on a file that never ends."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from hostile_table import CLAIM, Case, factlint, link, write

# A claim file with one error (an unknown key): exit 1 with FL101 unless something hides it.
BROKEN = CLAIM.replace("claims:\n", "colour: red\nclaims:\n")
BROKEN_FINDING = "claims/a.yaml:8:1: FL101"


def _claims(project: Path, text: str = CLAIM) -> None:
    write(project, {"claims/a.yaml": text})


def _cache_link(project: Path) -> None:
    _claims(project)
    link(project, ".factlint_cache", "../outside")


def _cache_file(project: Path) -> None:
    _claims(project)
    write(project, {".factlint_cache": "not a folder\n"})


def _cache_open_to_all(project: Path) -> None:
    _claims(project)
    (project / ".factlint_cache").mkdir()
    os.chmod(project / ".factlint_cache", 0o777)


def _cache_links_inside(project: Path) -> None:
    # A committed cache folder whose entries, named as factlint names its files, are links
    # out: pruning must not follow them, nor must SQLite write through them.
    _claims(project)
    outside = "../../outside"
    for name in ("aaaaaaaaaaaaaaaaaaaaaaaa.sqlite", "aaaaaaaaaaaaaaaaaaaaaaaa.sqlite-wal",
                 "bbbbbbbbbbbbbbbbbbbbbbbb.json", "rulebook.compiled"):
        link(project, f".factlint_cache/{name}", f"{outside}/old.sqlite")
    link(project, ".factlint_cache/cccccccccccccccccccccccc.compiled", "/dev/zero")


def _factlint(args: list[str], cwd: Path) -> None:
    process = factlint(tuple(args), cwd, cwd.parent / "home")
    process.communicate(timeout=300)


def _planted_cache(project: Path) -> None:
    """A cache whose rows say the broken file is clean, committed with the checkout: made
    here, edited, then copied back as a clone writes it (new inodes, new change times)."""
    _claims(project, BROKEN)
    _factlint(["check"], project)
    for database in (project / ".factlint_cache").glob("*.sqlite"):
        db = sqlite3.connect(database)
        db.execute("UPDATE files SET findings='[]'")
        db.execute("DELETE FROM meta WHERE name='index'")
        db.commit()
        db.close()
    aside = project.parent / "aside"
    shutil.copytree(project / ".factlint_cache", aside)
    shutil.rmtree(project / ".factlint_cache")
    shutil.copytree(aside, project / ".factlint_cache")
    shutil.rmtree(aside)
    claim = project / "claims" / "a.yaml"
    text = claim.read_bytes()
    claim.unlink()
    claim.write_bytes(text)


def _corrupt_row(project: Path) -> None:
    _claims(project, BROKEN)
    _factlint(["check"], project)
    for database in (project / ".factlint_cache").glob("*.sqlite"):
        db = sqlite3.connect(database)
        db.execute("UPDATE files SET findings='{'")
        db.execute("DELETE FROM meta WHERE name='index'")
        db.commit()
        db.close()


def _claim_link_out(project: Path) -> None:
    _claims(project)
    link(project, "claims/evil.yaml", "../../outside/secret.yaml")


def _claim_link_etc(project: Path) -> None:
    _claims(project)
    link(project, "claims/passwd.yaml", "/etc/passwd")


def _claims_folder_link_out(project: Path) -> None:
    link(project, "claims", "../outside")


def _pack(project: Path, config: str) -> None:
    _claims(project)
    write(project, {".factlint.toml": config})


def _pack_link_out(project: Path) -> None:
    _pack(project, 'rule-packs = ["pack"]\n')
    link(project, "pack/XY101.yaml", "../../outside/secret.yaml")


def _pack_link_zero(project: Path) -> None:
    _pack(project, 'rule-packs = ["pack"]\n')
    link(project, "pack/XY101.yaml", "/dev/zero")


def _pack_fifo(project: Path) -> None:
    _pack(project, 'rule-packs = ["pack"]\n')
    (project / "pack").mkdir()
    os.mkfifo(project / "pack" / "XY101.yaml")


def _pack_registry_link_out(project: Path) -> None:
    _pack(project, 'rule-packs = ["pack"]\n')
    link(project, "pack/registries/entities.yaml", "../../../outside/secret.yaml")


def _output_fifo(project: Path) -> None:
    _claims(project)
    os.mkfifo(project / "out.txt")


CASES = [
    Case("cache-folder-is-a-link-out", _cache_link, ("check",), 0,
         "factlint: not using the cache in .factlint_cache/: it is a symbolic link"),
    Case("cache-folder-is-a-file", _cache_file, ("check",), 0,
         "factlint: not using the cache in .factlint_cache/: it is not a folder"),
    Case("cache-folder-writable-by-all", _cache_open_to_all, ("check",), 0,
         "factlint: not using the cache in .factlint_cache/: every user can write to it"),
    Case("cache-entries-link-out", _cache_links_inside, ("check",), 0,
         "All checks passed (1 file checked)."),
    Case("cache-entries-link-out-twice", _cache_links_inside, ("check",), 0,
         "All checks passed (1 file checked).", runs=2),
    Case("planted-cache-is-not-trusted", _planted_cache, ("check",), 1, BROKEN_FINDING),
    Case("corrupt-cache-row-heals-in-one-run", _corrupt_row, ("check",), 1,
         "was damaged (JSONDecodeError", runs=2, last_message=BROKEN_FINDING,
         absent=("damaged",)),
    Case("claim-file-links-outside", _claim_link_out, ("check",), 2,
         "factlint: error: claims/evil.yaml: a symbolic link that resolves outside the project "
         "root; not read"),
    Case("claim-file-links-outside-named", _claim_link_out, ("check", "claims/evil.yaml"), 2,
         "factlint: error: claims/evil.yaml: a symbolic link that resolves outside the project "
         "root; not read"),
    Case("claim-file-links-to-etc-passwd", _claim_link_etc, ("check",), 2,
         "claims/passwd.yaml: a symbolic link that resolves outside the project root; not read",
         absent=("root:x:0:0",)),
    Case("claims-folder-links-outside", _claims_folder_link_out, ("check", "claims"), 2,
         "claims: a symbolic link that resolves outside the project root; not read"),
    Case("configured-paths-outside", lambda p: _pack(p, 'paths = ["../outside"]\n'),
         ("check",), 2,
         "factlint: error: .factlint.toml: [tool.factlint] paths: '../outside' lies outside "
         "the project root"),
    Case("configured-paths-absolute", lambda p: _pack(p, 'paths = ["/etc"]\n'), ("check",), 2,
         "[tool.factlint] paths: '/etc' lies outside the project root"),
    Case("rule-pack-is-the-disk", lambda p: _pack(p, 'rule-packs = ["/"]\n'), ("check",), 2,
         "factlint: error: rule pack '/': resolves outside the project root; not read"),
    Case("rule-pack-outside", lambda p: _pack(p, 'rule-packs = ["../outside/rules"]\n'),
         ("check",), 2, "resolves outside the project root; not read"),
    Case("rule-pack-file-links-outside", _pack_link_out, ("check",), 2,
         "pack/XY101.yaml: cannot read: resolves outside the project root; not read"),
    Case("rule-pack-file-links-to-dev-zero", _pack_link_zero, ("check",), 2,
         "pack/XY101.yaml: cannot read: resolves outside the project root; not read"),
    Case("rule-pack-file-is-a-fifo", _pack_fifo, ("check",), 2,
         "pack/XY101.yaml: cannot read: not a regular file"),
    Case("rule-pack-registry-links-outside", _pack_registry_link_out, ("check",), 2,
         "entities.yaml: cannot read: resolves outside the project root; not read"),
    Case("rules-command-pack-links-outside", _pack_link_out, ("rules",), 2,
         "pack/XY101.yaml: cannot read: resolves outside the project root; not read"),
    Case("output-onto-a-fifo", _output_fifo, ("check", "-o", "out.txt"), 2,
         "factlint: error: out.txt: cannot write: not a regular file (a FIFO, socket or device)"),
]
