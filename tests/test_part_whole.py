"""The entity registry's `part_of` (FL205's wholes): validated, followed up the chain."""

from __future__ import annotations

import pytest

from linter.model import RegistryError
from linter.sources.entities import EntityRegistry


def _registry(*entities: dict[str, object]) -> EntityRegistry:
    return EntityRegistry.from_data({"entities": list(entities)}, "entities.yaml")


def test_wholes_are_followed_up_the_chain_nearest_first() -> None:
    registry = _registry({"id": "china"}, {"id": "delta", "part_of": "china"},
                         {"id": "shanghai", "part_of": "delta"})
    assert registry.wholes("shanghai") == ["delta", "china"]
    assert registry.wholes("china") == []
    assert registry.wholes("atlantis") == []


def test_an_unknown_whole_is_refused_naming_the_entry() -> None:
    with pytest.raises(RegistryError) as error:
        _registry({"id": "china"}, {"id": "shanghai", "part_of": "chnia"})
    assert "entity 'shanghai': `part_of` 'chnia' is not an entity" in str(error.value)
    assert "entities[1]" in str(error.value)


@pytest.mark.parametrize("part_of", [3, "", ["china"]])
def test_a_whole_that_is_no_id_is_refused(part_of: object) -> None:
    with pytest.raises(RegistryError, match="entity 'shanghai': `part_of` must be an entity id"):
        _registry({"id": "china"}, {"id": "shanghai", "part_of": part_of})


def test_a_cycle_is_refused_with_its_path() -> None:
    with pytest.raises(RegistryError) as error:
        _registry({"id": "a", "part_of": "b"}, {"id": "b", "part_of": "c"},
                  {"id": "c", "part_of": "a"})
    assert "`part_of` makes a cycle (a -> b -> c -> a)" in str(error.value)


def test_an_entity_that_is_its_own_whole_is_a_cycle() -> None:
    with pytest.raises(RegistryError, match=r"cycle \(a -> a\)"):
        _registry({"id": "a", "part_of": "a"})


def test_the_bundled_registry_loads_with_its_wholes() -> None:
    from linter.rulebook.book import load_rulebook

    data, origin = load_rulebook().registry("entities")
    registry = EntityRegistry.from_data(data, origin)
    assert registry.wholes("shanghai") == ["china"]
    assert registry.wholes("jensen-huang") == []  # a person is no part of a company
