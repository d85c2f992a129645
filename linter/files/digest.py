"""BLAKE2b, without loading OpenSSL.

`import hashlib` initialises OpenSSL's `_hashlib` (about 4 ms, more than a third of what a
`factlint --version` costs) to offer algorithms factlint's cache never uses: content hashes and
cache keys are BLAKE2b, which CPython builds in as `_blake2` — the very function
`hashlib.blake2b` is. The fallback keeps factlint working on a Python built without it.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - every CPython since 3.6 has it
    from hashlib import blake2b

__all__ = ["blake2b"]
