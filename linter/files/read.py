"""Reading the project's files: the one place factlint opens a file a repository gave it.

Everything in a checkout may come from a contributor nobody knows: claim files, rule packs,
configuration, baselines, snapshots, a committed cache. So every read here is of a regular file
(a FIFO would block until a writer comes, a link to /dev/zero would stream forever), of at most a
limit that is checked before anything is read, and — where a tree is given — of a file that
resolves, after every symbolic link, inside that tree (a link to /etc/passwd is not read, nor
quoted in a finding). Refusals are `Refused` errors whose text is the reason, without the path:
the caller names the file in its own, located, message.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# Files factlint reads that are not claim files (configuration, baselines, rule files, its
# compiled rulebook) are small; none of them is read past this.
SMALL_FILE_LIMIT = 20_000_000


class Refused(OSError):
    """A file factlint will not read; `str()` is why (the caller adds the path)."""

    def __init__(self, why: str) -> None:
        super().__init__(errno.EPERM, why)
        self.why = why

    def __str__(self) -> str:
        return self.why


def read_regular(path: Path | str, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file (one more than the limit tells the caller it
    is over). Anything else is an OSError "not a regular file": opening a FIFO would block until
    a writer comes, reading /dev/zero would never end."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        # Reads sized by the file, not by the limit: a buffer of `limit` bytes for every file
        # (as `read(limit + 1)` allocates) cost more than the read. Read until end of file,
        # since the file may have grown since its stat; but a first read that returns exactly
        # the size fstat gave, one byte short of what it asked for, has met the end of the
        # file: no second read (a syscall per file) to hear so.
        wanted = limit + 1
        size = min(info.st_size + 1, wanted)
        first = os.read(descriptor, size)
        if len(first) == info.st_size < size:
            return first
        parts = [first]
        wanted -= len(first)
        size = min(1 << 16, wanted)
        while first and wanted > 0:
            part = os.read(descriptor, size)
            if not part:
                break
            parts.append(part)
            wanted -= len(part)
            size = min(1 << 16, wanted)
        return parts[0] if len(parts) == 1 else b"".join(parts)
    finally:
        os.close(descriptor)


def inside(path: Path, tree: Path) -> Path:
    """`path` resolved, if it lies inside `tree` (itself resolved by the caller); else Refused.
    A link loop is refused the same way on every Python (up to 3.12 `resolve` raises
    RuntimeError, from 3.13 it returns the link)."""
    try:
        resolved = path.resolve()
    except RuntimeError:
        raise Refused("a symbolic link loop") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused("a symbolic link loop") from None
        raise
    if not resolved.is_relative_to(tree):
        raise Refused("resolves outside the project root; not read")
    return resolved


def read_inside(path: Path, tree: Path, limit: int = SMALL_FILE_LIMIT) -> bytes:
    """The bytes of `path`, a regular file inside `tree`, of at most `limit` bytes."""
    return read_capped(inside(path, tree), limit)


def read_capped(path: Path, limit: int = SMALL_FILE_LIMIT) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes, wherever it is: for a file
    the user named on the command line (`--config`, `--baseline`), which is theirs to choose."""
    try:
        data = read_regular(path, limit)
    except OSError as exc:
        if exc.errno == errno.EINVAL:
            raise Refused("not a regular file (a FIFO, socket or device); not read") from None
        raise
    if len(data) > limit:
        raise Refused(f"larger than {limit:,} bytes; not read")
    return data


def why(exc: BaseException) -> str:
    """An OSError's reason without its path (`str(exc)` repeats a possibly very long path)."""
    if isinstance(exc, Refused):
        return exc.why
    return str(getattr(exc, "strerror", None) or exc)
