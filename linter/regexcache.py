"""Compiled regular expressions kept between runs, as Python keeps compiled modules in `.pyc`.

A pre-commit run compiles about 90 regular expressions before it checks anything: PyYAML's,
click's and factlint's own, most of them at import. That was 25 ms of a 180 ms run. What
`re.compile` builds from a pattern is a program for CPython's regex engine (`_sre`): a list of
ints that depends only on the pattern, its flags and the interpreter. A `factlint check` with
the cache on keeps those programs in `.factlint_cache/regex.marshal`; the next run, before it
imports anything, builds each pattern from its program with `_sre.compile` (the call that
`re.compile` ends with) and puts it in `re`'s own cache, which `re.compile`, `re.match` and the
rest look in first. Reading and building 130 patterns that way takes about 1.5 ms, where
compiling them took 25.

Nothing here can change what a pattern matches:
- the file is keyed by the interpreter's exact version and the engine's MAGIC and CODESIZE;
  another interpreter's file, a truncated or foreign one, and any unexpected value load
  nothing, and `re` compiles as always;
- a program is saved only when building from it gives a pattern equal to the one `re.compile`
  built (patterns compare by flags, text and program), and `_sre.compile` checks a program
  before it runs one;
- only CPython's `re`, and only while `re._cache` is the dict `re._compile` reads (3.11 to
  3.13 keep it so); otherwise both functions do nothing.
The file is as trusted as the rest of `.factlint_cache/`: whoever can write it can also write
the cached findings.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from array import array
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # not imported: pathlib imports urllib.parse, which compiles a pattern
    from pathlib import Path

NAME = "regex.marshal"
_FORMAT = 1
# At most this many patterns are kept; `re` keeps 512 (`re._MAXCACHE`), and preloading must
# not push out what a run compiles itself.
_LIMIT = 256
# Flags whose patterns are not kept: DEBUG prints at compile time (and `re` caches none),
# LOCALE depends on the locale a run has, TEMPLATE is gone from newer Pythons.
_SKIPPED_FLAGS = re.DEBUG | re.LOCALE | getattr(re, "TEMPLATE", 0)

# key: (type, pattern, flags), as `re._compile` keys its cache.
Key = tuple[type, str | bytes, int]
# (pattern, flags of the key, flags of the pattern, program, groups, groupindex, indexgroup);
# the program is kept as the bytes of an array of CODESIZE-byte ints: marshal reads a list of
# 100,000 ints ten times slower than their bytes.
Entry = tuple[Any, int, int, bytes, int, dict[str, int], tuple[str | None, ...]]

# What `preload` loaded, and from where: `save` rewrites the file only for patterns it lacks.
_stored: dict[Key, Entry] = {}
_stored_path: str | None = None


def _re_cache() -> dict[Any, Any] | None:
    import _sre

    cache = getattr(re, "_cache", None)
    if (sys.implementation.name != "cpython" or not isinstance(cache, dict)
            or array("I").itemsize != _sre.CODESIZE):
        return None
    return cache


def _signature() -> tuple[Any, ...]:
    import _sre

    return (_FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)


def _build(entry: Entry) -> re.Pattern[Any]:
    import _sre

    pattern, _, flags, code, groups, groupindex, indexgroup = entry
    program = array("I")
    program.frombytes(code)
    return _sre.compile(pattern, flags, program.tolist(), groups, groupindex, indexgroup)


def _read(path: str | Path) -> dict[Key, Entry]:
    """The entries of the file at `path`; empty when it is missing, foreign or damaged."""
    try:
        with open(path, "rb") as stream:
            signature, entries = marshal.load(stream)
        if signature != _signature() or not isinstance(entries, list):
            return {}
        found: dict[Key, Entry] = {}
        for entry in entries:
            pattern, key_flags = entry[0], entry[1]
            if type(pattern) not in (str, bytes) or type(key_flags) is not int or len(entry) != 7:
                return {}
            found[(type(pattern), pattern, key_flags)] = entry
        return found
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        return {}


def preload(start: str | None = None) -> int:
    """Put the patterns kept in the nearest `.factlint_cache/` at or above the directory
    `start` (the working directory) into `re`'s cache; the number put there. All or nothing:
    one pattern that does not build, and none is used (the file is damaged, or not ours)."""
    global _stored, _stored_path
    cache = _re_cache()
    if cache is None:
        return 0
    try:
        directory = os.path.abspath(start if start is not None else os.getcwd())
    except OSError:  # the working directory is gone: the command will say so
        return 0
    while True:
        path = os.path.join(directory, ".factlint_cache", NAME)
        if os.path.isfile(path):
            break
        parent = os.path.dirname(directory)
        if parent == directory:
            return 0
        directory = parent
    entries = _read(path)
    try:
        built = {key: _build(entry) for key, entry in entries.items()}
    except Exception:  # any failure: the file is not one we wrote
        _stored, _stored_path = {}, path  # so that `save` replaces it
        return 0
    # Half of what `re` keeps at most: the rest is for what the run compiles itself.
    room = max(0, getattr(re, "_MAXCACHE", 512) // 2 - len(cache))
    for key, pattern in list(built.items())[:room]:
        cache.setdefault(key, pattern)
    _stored, _stored_path = entries, path
    return min(len(built), room)


def _entry(key: Key, compiled: re.Pattern[Any]) -> Entry | None:
    """What rebuilds `compiled` (the pattern `re` built for `key`), or None if that cannot be
    had exactly."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    kind, pattern, flags = key
    if kind not in (str, bytes) or not isinstance(flags, int) or flags & _SKIPPED_FLAGS:
        return None
    # An int, whatever `re` was given: Python 3.13's re.split and re.sub key their patterns by
    # a sentinel subclass of int equal to 0, which marshal cannot write.
    flags = int(flags)
    try:
        parsed = _parser.parse(pattern, flags)
        code = array("I", _compiler._code(parsed, flags)).tobytes()
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry: Entry = (pattern, flags, int(flags | parsed.state.flags), code,
                        parsed.state.groups - 1, groupindex, tuple(indexgroup))
        return entry if _build(entry) == compiled else None
    except Exception:  # a pattern this code cannot reproduce is not kept
        return None


def save(directory: Path) -> bool:
    """Keep the patterns this process compiled in `directory` (an existing cache directory),
    if it lacks any of them; True when the file was written. This run's patterns come first,
    then those kept before, up to the limit."""
    cache = _re_cache()
    if cache is None or not directory.is_dir():
        return False
    path = directory / NAME
    stored = _stored if os.path.abspath(path) == _stored_path else _read(path)
    current = [(key, compiled) for key, compiled in list(cache.items())
               if isinstance(compiled, re.Pattern)]
    new = {key: entry for key, compiled in current if key not in stored
           for entry in [_entry(key, compiled)] if entry is not None}
    if not new:
        return False  # nothing to add (or nothing that can be kept exactly)
    kept: dict[Key, Entry] = {}
    for key, _ in current:
        entry = stored.get(key) or new.get(key)
        if entry is not None and len(kept) < _LIMIT:
            kept[key] = entry
    for key, entry in stored.items():
        if len(kept) >= _LIMIT:
            break
        kept.setdefault(key, entry)
    from linter.atomic import write_bytes

    try:
        write_bytes(path, marshal.dumps((_signature(), list(kept.values()))))
    except (OSError, ValueError):
        return False  # a read-only or full disk must not fail the run
    return True
