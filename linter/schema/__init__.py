"""The claim-file JSON Schema (draft 2020-12): the file itself, and a fast validator for it.

The schema sits beside this module in every install factlint supports (a wheel, an editable
install) and is read by path: importing importlib.resources would cost a hook run more than the
read itself.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).resolve().parent / "claim-file.schema.json"


def schema_text() -> str:
    return SCHEMA_FILE.read_text("utf-8")


@cache
def schema() -> dict[str, Any]:
    """The parsed schema (parsed once a process)."""
    return json.loads(schema_text())
