"""factlint's cache folder, `.factlint_cache/` at the project root: the only place it writes
unasked, so the only one it must be sure is its own.

A checkout can hold a `.factlint_cache` of its own making: a link to a folder elsewhere (whose
files the cache's pruning would delete), a database planted to turn exit 1 into "All checks
passed", a `-wal` file that links to a file outside. So the folder is used only when it is a real
directory (not a link) directly inside the project root, owned by this user and not writable by
others, with a CACHEDIR.TAG that is a regular file; otherwise the run goes on without a cache and
says why once.

And a folder that passes is still not trusted for what it holds: every cache file's name is
derived from the identity of the CACHEDIR.TAG factlint found there — its device, inode, change
and modification times to the nanosecond, and owner. A file committed to a repository, or copied
from another machine or user, arrives with a tag whose identity nobody could have predicted when
the file was made, so its name never matches: it is never opened, and the next prune removes it.
Only files with names of factlint's own form, regular and not hard-linked, are ever removed.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from linter.files.digest import blake2b

DIRECTORY = ".factlint_cache"
TAG_NAME = "CACHEDIR.TAG"
TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by factlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
GITIGNORE = "# Created by factlint.\n*\n"
# The names factlint gives its cache files (and gave them in earlier versions): nothing else in
# the folder is ever removed.
_OWN_NAME = re.compile(r"[0-9a-f]{24}\.(?:sqlite(?:-wal|-shm|-journal)?|compiled)|"
                       r"rulebook\.compiled|[0-9a-f]{24}\.json")


class Unusable(Exception):
    """The cache folder cannot be trusted; `str()` says why (for a one-line notice)."""


def _owned(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


class CacheDir:
    """A verified cache folder: `file(stem, suffix)` names its files."""

    def __init__(self, path: Path, token: str) -> None:
        self.path = path
        self.token = token

    @classmethod
    def open(cls, root: Path) -> CacheDir:
        """The cache folder of `root`, created (with its tag and .gitignore) when missing;
        Unusable when what is there is not a folder factlint can trust."""
        directory = root / DIRECTORY
        try:
            info = os.lstat(directory)
        except FileNotFoundError:
            try:
                os.mkdir(directory)
            except FileExistsError:  # another run made it first
                pass
            except OSError as exc:  # a read-only checkout
                raise Unusable(f"cannot create it: {exc.strerror or exc}") from None
            info = os.lstat(directory)
        if stat.S_ISLNK(info.st_mode):
            raise Unusable("it is a symbolic link")
        if not stat.S_ISDIR(info.st_mode):
            raise Unusable("it is not a folder")
        if not _owned(info):
            raise Unusable("it belongs to another user")
        if info.st_mode & stat.S_IWOTH:
            raise Unusable("every user can write to it")
        tag = directory / TAG_NAME
        for name, text in ((TAG_NAME, TAG), (".gitignore", GITIGNORE)):
            if not os.path.lexists(directory / name):
                # Imported here: it pulls in tempfile, which a run with a ready cache never needs.
                from linter.files.write import write_text

                try:
                    write_text(directory / name, text)
                except OSError as exc:
                    raise Unusable(f"cannot write {name}: {exc.strerror or exc}") from None
        marker = os.lstat(tag)
        if not stat.S_ISREG(marker.st_mode) or marker.st_nlink != 1 or not _owned(marker):
            raise Unusable(f"its {TAG_NAME} is not a regular file of this user's")
        identity = (f"{marker.st_dev}:{marker.st_ino}:{marker.st_ctime_ns}:"
                    f"{marker.st_mtime_ns}:{marker.st_uid}:{info.st_dev}:{info.st_ino}")
        return cls(directory, blake2b(identity.encode(), digest_size=16).hexdigest())

    def file(self, stem: str, suffix: str) -> Path:
        """The path of this folder's file for `stem` (a cache key, say)."""
        name = blake2b(f"{stem}\0{self.token}".encode(), digest_size=12).hexdigest()
        return self.path / f"{name}{suffix}"

    def usable(self, path: Path) -> bool:
        """Whether `path` (in this folder) is absent or a regular file of this user's that is
        not linked elsewhere: a link, a FIFO or a hard link must never be written through."""
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return True
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode) and info.st_nlink == 1 and _owned(info)

    def stale(self, keep: set[str]) -> list[Path]:
        """The files of factlint's own naming in this folder that are not in `keep` (names),
        regular and not hard-linked: what a prune may remove."""
        found = []
        try:
            entries = list(os.scandir(self.path))
        except OSError:
            return []
        for entry in entries:
            if entry.name in keep or not _OWN_NAME.fullmatch(entry.name):
                continue
            if entry.is_symlink() or not entry.is_file(follow_symlinks=False):
                continue
            if self.usable(Path(entry.path)):
                found.append(Path(entry.path))
        return sorted(found)
