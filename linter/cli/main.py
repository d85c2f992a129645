"""The `factlint` console script: signals, closed pipes and unexpected errors become exit codes.

When a command is done, the console script leaves without tearing the interpreter down
(`_exit_now`). `python -m linter` exits the normal way, so that what runs it as a module
(`python -m cProfile -m linter`, `python -m pdb -m linter`) sees the run end.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import os
import signal
import sys

import click


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived. A BaseException, so that no `except Exception` swallows it and
    click does not turn it into "Aborted!" with exit 1; `finally` blocks and the cleanup in
    `linter.files.write` still run, so no temporary or half-written file is left behind."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_MAIN_PID = os.getpid()


def _on_signal(signum: int, frame: object) -> None:
    if os.getpid() != _MAIN_PID:
        # A worker process forked by the runner: its parent got the signal too (or will get
        # the broken pool) and answers for the run; the worker leaves without a word.
        os._exit(128 + signum)
    raise Interrupted(signum)


def _install_signal_handlers() -> None:
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            if signal.getsignal(signum) is not signal.SIG_IGN:  # nohup and `cmd &` ignore SIGINT
                signal.signal(signum, _on_signal)
        except (ValueError, OSError):  # not the main thread (factlint called as a library)
            return


def main(*, fast_exit: bool = True) -> None:
    """Console-script entry point: exit quietly on a closed pipe (1) or on SIGINT/SIGTERM
    (128 + the signal number, as a shell reports a process killed by it), and turn any
    unexpected exception into a one-line internal error (exit 2) instead of a traceback.
    With `fast_exit`, leave without tearing the interpreter down (see `_exit_now`)."""
    try:
        _run()
    except SystemExit as done:
        if fast_exit and (done.code is None or isinstance(done.code, int)):
            _exit_now(done.code or 0)
        raise


def _run() -> None:
    from linter.cli.app import cli

    global _MAIN_PID
    _MAIN_PID = os.getpid()
    _install_signal_handlers()
    try:
        try:
            cli.main(prog_name="factlint", standalone_mode=True)
        finally:
            # What is still buffered is written now, where a full disk is an error like any
            # other, not at interpreter exit (where Python could only print a traceback).
            _flush_stdout()
    except BrokenPipeError:
        silence_stdout()
        sys.exit(1)
    except Interrupted as exc:
        _exit_on_signal(exc.signum)
    except KeyboardInterrupt:
        _exit_on_signal(signal.SIGINT)
    except SystemExit:
        raise
    except OSError as exc:
        if exc.errno not in _CANNOT_WRITE or os.environ.get("FACTLINT_DEBUG"):
            _unexpected(exc)
        _cannot_write(exc)
    except Exception as exc:
        _unexpected(exc)


# Write errors that are the device's, not factlint's: a full disk (`> /dev/full`), a quota, a
# file grown past its size limit. Only writes fail so; a failed read is told by the command.
_CANNOT_WRITE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def _flush_stdout() -> None:
    if sys.stdout is not None:
        sys.stdout.flush()


def _cannot_write(exc: OSError) -> None:
    """One line and exit 2. Whatever was left unwritten is dropped (stdout is pointed at
    /dev/null), so that no flush at exit fails a second time."""
    with contextlib.suppress(OSError, ValueError):
        silence_stdout()
    reason = exc.strerror or errno.errorcode.get(exc.errno or 0, "write error")
    with contextlib.suppress(OSError, ValueError):  # stderr may be full as well
        click.echo(f"factlint: error: cannot write: {reason}", err=True)
    sys.exit(2)


def _unexpected(exc: Exception) -> None:
    if os.environ.get("FACTLINT_DEBUG"):
        raise exc
    _internal_error(f"{type(exc).__name__}: {exc}")


def _exit_on_signal(signum: int) -> None:
    for each in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C must not interrupt the exit
        with contextlib.suppress(ValueError, OSError):
            signal.signal(each, signal.SIG_IGN)
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        with contextlib.suppress(OSError, ValueError):
            silence_stdout()
    sys.exit(128 + signum)


def _internal_error(text: str) -> None:
    # One line, whatever the exception's text holds (a path, a YAML snippet, a newline).
    line = " ".join(text.split())
    if len(line) > 500:
        line = line[:497] + "..."
    click.echo(
        f"factlint: internal error: {line} "
        "(set FACTLINT_DEBUG=1 for a traceback, and please report it)",
        err=True,
    )
    sys.exit(2)


def _exit_now(code: int) -> None:
    """Exit with `code` once what an exit must do is done, but skip freeing the interpreter.

    A normal exit frees every object and module one by one and collects garbage on the way:
    13-35 ms after a pre-commit run on a 10,000-file corpus, against 4-5 ms for the process to
    end without it (mypy exits the same way, for the same reason). What an exit must do is
    still done: the exit handlers run (registered by factlint, click or multiprocessing, or by
    whoever embeds this entry point), and stdout and stderr are flushed. Other threads would
    be joined by a normal exit: with any still running (factlint starts none that outlive a
    command), or without `atexit._run_exitfuncs`, the exit is the normal one.
    """
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    threading = sys.modules.get("threading")
    if run_exit_handlers is None or (threading is not None and threading.active_count() > 1):
        sys.exit(code)
    run_exit_handlers()
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # the reader went away: as linter.cli.app.main does
        code = code or 1
    except OSError as exc:  # a full disk: as `_run` says it (it flushed; this is a last resort)
        with contextlib.suppress(OSError, ValueError):
            silence_stdout()
            sys.stderr.write(f"factlint: error: cannot write: {exc.strerror}\n")
        code = 2
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)


def silence_stdout() -> None:
    """Point stdout at /dev/null: Python flushes stdout at exit and would raise again on the
    closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
