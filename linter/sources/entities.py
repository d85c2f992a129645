"""The entity registry (`rules/registries/entities.yaml`): subjects as entities, not names.

"DeepSeek launched a ChatGPT rival in 2024" only meets "DeepSeek-R1 was released on 2025-01-20"
once both claims name the same entity. A claim's `subject` may be an entity id or any alias;
matching is case-insensitive after folding white space, and nothing else is guessed: the model,
the app and the company behind them stay different entities.

`part_of` names the whole an entity is a part of (a model of its developer, a city of its
country): never used to merge subjects, only to compare a part's figures with its whole's (a
part's count or sum above its whole's is an error). It must name an entity of the registry, and
no entity may be, through a chain of `part_of`, a part of itself.
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
            part_of = item.get("part_of")
            if part_of is not None and (not isinstance(part_of, str) or not part_of):
                raise RegistryError(origin, f"entity {item['id']!r}: `part_of` must be an "
                                    "entity id (a string)", where)
            entity = Entity(item["id"], str(item.get("name", item["id"])),
                            str(item.get("type", "")), tuple(aliases), part_of)
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
        _check_wholes(entities, origin)
        return cls(entities, index)

    def resolve(self, subject: str) -> str | None:
        """The entity id a subject names, or None when the registry does not know it."""
        return self._index.get(fold(subject))

    def wholes(self, entity_id: str) -> list[str]:
        """The entities `entity_id` is a part of, nearest first (its `part_of`, that one's, ...);
        finite, since `from_data` refuses cycles."""
        chain: list[str] = []
        whole = self.entities[entity_id].part_of if entity_id in self.entities else None
        while whole is not None:
            chain.append(whole)
            whole = self.entities[whole].part_of
        return chain


def _check_wholes(entities: dict[str, Entity], origin: str) -> None:
    """Every `part_of` names an entity, and no chain of them comes back to where it started."""
    places = {entity_id: f"entities[{n}]" for n, entity_id in enumerate(entities)}
    for entity in entities.values():
        if entity.part_of is not None and entity.part_of not in entities:
            raise RegistryError(origin, f"entity {entity.id!r}: `part_of` {entity.part_of!r} is "
                                "not an entity of this registry", places[entity.id])
    done: set[str] = set()  # entities whose chain is known to end
    for start in entities:
        chain: list[str] = []
        on_chain: set[str] = set()
        current: str | None = start
        while current is not None and current not in done:
            if current in on_chain:
                loop = [*chain[chain.index(current):], current]
                raise RegistryError(origin, f"entity {current!r}: `part_of` makes a cycle ("
                                    f"{' -> '.join(loop)}); a whole cannot be a part of its "
                                    "own part", places[current])
            chain.append(current)
            on_chain.add(current)
            current = entities[current].part_of
        done.update(chain)
