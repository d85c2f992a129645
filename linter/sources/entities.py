"""The entity registry (`rules/registries/entities.yaml`): subjects as entities, not names.

"DeepSeek launched a ChatGPT rival in 2024" only meets "DeepSeek-R1 was released on 2025-01-20"
once both claims name the same entity. A claim's `subject` may be an entity id or any alias;
matching is case-insensitive after folding white space, and nothing else is guessed: the model,
the app and the company behind them stay different entities.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, NamedTuple

from linter.model import RegistryError


class Entity(NamedTuple):
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    part_of: str | None


_ENTITY_KEYS = {"id", "name", "type", "aliases", "part_of", "note"}


@functools.lru_cache(maxsize=4096)
def fold(name: str) -> str:
    """Case and white space folded; cached, since a corpus repeats a few subjects thousands of
    times."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class EntityRegistry:
    entities: dict[str, Entity]
    _index: dict[str, str]

    @classmethod
    def from_data(cls, data: Any, origin: str) -> EntityRegistry:
        if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
            raise RegistryError(origin, "expected a mapping with an `entities` list")
        entities: dict[str, Entity] = {}
        index: dict[str, str] = {}
        for number, item in enumerate(data["entities"], start=1):
            where = f"entities[{number - 1}]"
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise RegistryError(origin, "each entity needs a string `id`", where)
            unknown = sorted(set(item) - _ENTITY_KEYS)
            if unknown:
                raise RegistryError(origin, f"unknown key {unknown[0]!r}", where)
            aliases = item.get("aliases") or []
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise RegistryError(origin, "`aliases` must be a list of strings", where)
            entity = Entity(item["id"], str(item.get("name", item["id"])),
                            str(item.get("type", "")), tuple(aliases), item.get("part_of"))
            if entity.id in entities:
                raise RegistryError(origin, f"duplicate entity id {entity.id!r}", where)
            entities[entity.id] = entity
            for name in (entity.id, entity.name, *entity.aliases):
                key = fold(name)
                owner = index.setdefault(key, entity.id)
                if owner != entity.id:
                    raise RegistryError(
                        origin, f"{name!r} already names entity {owner!r}; an alias must "
                        "name one entity", where,
                    )
        return cls(entities, index)

    def resolve(self, subject: str) -> str | None:
        """The entity id a subject names, or None when the registry does not know it."""
        return self._index.get(fold(subject))
