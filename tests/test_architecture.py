"""The package's shape: no import cycle, and lower layers never import higher ones.

Every import counts, whether at the top of a module, inside a function (a lazy import) or under
`if TYPE_CHECKING:` — a type-only arrow upward is still a layer that knows its caller.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "linter"

# Bottom to top. A module may import its own layer and any layer below it, never one above.
# Within a layer, subpackages may import each other only without forming a cycle.
LAYERS: list[tuple[str, ...]] = [
    ("model", "files", "schema"),
    ("text", "output"),
    ("load", "fix"),
    ("sources",),
    ("rulebook",),
    ("project",),
    ("run",),
    ("scan", "report", "export"),
    ("cli", "__main__"),
]
_RANK = {part: rank for rank, parts in enumerate(LAYERS) for part in parts}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The modules of `linter` that `path` imports, anywhere in its code."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from linter.run import store` imports linter.run.store, not only linter.run
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            names.append(node.module)
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name.startswith("linter"):
                found.add(name)
    return found


@cache
def _graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    graph = {}
    for name, path in paths.items():
        targets = _imports(path, modules) - {name}
        # A package's __init__ is imported with any of its modules: that is no arrow of theirs.
        graph[name] = {t for t in targets if not name.startswith(t + ".")}
    return graph


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_is_read():
    graph = _graph()
    # Known arrows, so that a parser that finds nothing cannot pass the tests below.
    assert "linter.run.store" in graph["linter.run.runner"]
    assert "linter.text.quantity" in graph["linter.text.extract"]
    assert "linter.rulebook.context" in graph["linter.rulebook.kinds.duplicate_id"]


def test_no_import_cycle():
    assert _cycles(_graph()) == []


def test_every_subpackage_has_a_layer():
    assert {_layer(m) for m in _graph()} - {None} <= set(_RANK)


@pytest.mark.parametrize("module", sorted(_graph()))
def test_lower_layers_never_import_higher_ones(module: str):
    layer = _layer(module)
    if layer is None or layer == "__main__":
        return
    upward = sorted(
        target for target in _graph()[module]
        if _layer(target) is not None and _RANK[_layer(target)] > _RANK[layer]  # type: ignore[index]
    )
    assert upward == []


def test_a_cycle_is_found():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
