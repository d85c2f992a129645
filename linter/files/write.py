"""Atomic writes: a temporary file in the target's directory, then a rename. An interrupted run
never leaves a half-written report, baseline or cache entry behind."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends: the file is then either written whole or
    not at all, and the temporary file cannot be orphaned between its creation and the `try`
    that removes it. The signal is delivered (and handled) right after."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = block(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, previous)


def write_bytes(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all. Only a regular file (or a new one) is written: a FIFO,
    a socket or a device (through a link too) is refused, since replacing `/dev/null` with a
    regular file, as a rename run by root would, breaks the machine, and writing into one is
    not atomic."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        pass
    except OSError as exc:
        if exc.errno != errno.ENOENT and exc.errno != errno.ELOOP:
            raise
    else:
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file (a FIFO, socket or device); "
                                        "factlint writes only regular files")
    with _signals_deferred():
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=directory)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            # mkstemp makes the file private (0600); a report or baseline should get the
            # permissions any new file of the user's would get.
            os.chmod(temporary, 0o666 & ~_umask())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
