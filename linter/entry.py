"""The `factlint` console script, kept tiny on purpose.

`factlint --version` is what hooks, CI logs and bug reports run first, and answering it through
click meant importing click (about half of the process's time) to print one line. This module
answers exactly `factlint --version` / `factlint -V` itself, with the text click's
`version_option` prints, and hands every other command line to `linter.cli.main` unchanged.
It imports nothing but `sys` and the package's `__version__`.
"""

import os
import sys

from linter import __version__

# Exactly the flags `linter.cli` gives to click's version_option; any other command line, even
# one that also holds --version, goes to click so that its parsing and errors stay click's.
_VERSION_ARGS = (["--version"], ["-V"])


def main() -> None:
    if sys.argv[1:] in _VERSION_ARGS:
        _print_version()
    from linter.cli import main as cli_main

    cli_main()


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
