"""The `factlint` console script, kept tiny on purpose.

`factlint --version` is what hooks, CI logs and bug reports run first, and answering it through
click meant importing click (about half of the process's time) to print one line. This module
answers exactly `factlint --version` / `factlint -V` itself, with the text click's
`version_option` prints, and hands every other command line to `linter.cli.main` unchanged.
For `--version` it imports nothing but modules the interpreter has loaded already (sys, os, gc,
atexit) and the package's `__version__`. Any other command first loads the regular expressions
a previous run kept (`linter.regexcache`), before the imports that compile them.

When a command is done, the console script leaves without tearing the interpreter down
(`_exit_now`). `python -m linter` exits the normal way, so that what runs it as a module
(`python -m cProfile -m linter`, `python -m pdb -m linter`) sees the run end.
"""

import atexit
import gc
import os
import sys

from linter import __version__

# Exactly the flags `linter.cli` gives to click's version_option; any other command line, even
# one that also holds --version, goes to click so that its parsing and errors stay click's.
_VERSION_ARGS = (["--version"], ["-V"])


def main(*, fast_exit: bool = True) -> None:
    """The console script (`fast_exit`: see `_exit_now`)."""
    if sys.argv[1:] in _VERSION_ARGS:
        _print_version()
    # CPython collects its youngest generation each time 700 more containers are alive than
    # before: importing click, PyYAML and factlint and listing a 10,000-file corpus made that
    # 44 passes (and 4 of the next generation), 10-18 ms of a 250 ms pre-commit run, with
    # nothing to free. A command's garbage is freed by reference counting; the collector is for
    # cycles, and 50,000 containers before it looks keeps what cycles wait small (megabytes).
    # The analysis manages collection itself (`linter.collection`).
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], 50_000), *threshold[1:])
    if "--no-cache" not in sys.argv[1:]:
        # Before click, PyYAML and factlint (and pathlib, by urllib.parse) compile their
        # regular expressions at import.
        from linter import regexcache

        regexcache.preload()
    from linter.cli import main as cli_main

    try:
        cli_main()
    except SystemExit as done:
        if fast_exit and (done.code is None or isinstance(done.code, int)):
            _exit_now(done.code or 0)
        raise


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
    except (BrokenPipeError, ValueError):  # the reader went away: as linter.cli.main does
        code = code or 1
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)


def _print_version() -> None:
    # click.echo's text and behaviour: one line to stdout, flushed; nothing when there is no
    # stdout (pythonw); a closed pipe exits 1 quietly, as linter.cli.main does.
    if sys.stdout is not None:
        try:
            sys.stdout.write(f"factlint, version {__version__}\n")
            sys.stdout.flush()
        except BrokenPipeError:
            silence_stdout()
            sys.exit(1)
    sys.exit(0)


def silence_stdout() -> None:
    """Point stdout at /dev/null: Python flushes stdout at exit and would raise again on the
    closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
