"""The shortcuts of the cold-run hot path agree with the slow, plain ways they replace.

Each shortcut (a candidate scan, a pre-filter, positions read on demand, a validator loop) is
checked against a straightforward reference on every text of the extractor's and the
attribution tests' tables, the bundled claim files and a few Unicode traps. Behaviour only:
timings live in bench/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from linter.load import figures
from linter.load import yaml_positions as yamlload
from linter.load.yaml_positions import (
    Document,
    Limits,
    _Converter,
    _Locator,
    load_bytes,
    load_path,
    load_text,
)
from linter.model import Position
from linter.text import dates as timeexpr
from linter.text import extract
from linter.text.attribution import CueLexicon, attribution_of
from linter.text.sentences import sentences
from tests.conftest import REPO
from tests.test_attribution import CASES as ATTRIBUTION_CASES
from tests.test_attribution import LEXICON
from tests.test_extract import EDGE_CASES, SEED_CASES

# Case folding pairs "ſ" with "s", "K" (Kelvin) with "k" and "İ"/"ı" with "i"; letter runs are
# ASCII; "é" is a letter that is not one.
TRAPS = [
    "ſeven thouſand", "SEVEN THOUSAND", "éthree years", "three éyears", "a hundred", "A hundred",
    "an estimated two-thirds of", "US$5 billion", "US 5", "S$ 4", "A$ 3", "C 5", "Jan 2025",
    "jan 2025", "the firſt-largeſt", "the first-largest economy", "2nd-biggest", "lAST month",
    "laſt month", "İn 2024 laſt week", "١٢٣ percent", "３ years", "", " ", "12", "$", "₩5",
    "Kelvin K 5 km", "first-most", "1990s", "5G and 910B", "doubled down; tripled",
]


def _claim_files() -> list[Path]:
    return sorted(REPO.glob("claims/**/*.yaml")) + sorted(REPO.glob("tests/fixtures/**/*.yaml"))


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def _texts() -> list[str]:
    texts = [t for t, _ in SEED_CASES] + [t for t, _ in EDGE_CASES] + TRAPS
    texts += [p.values[0] for p in ATTRIBUTION_CASES]
    for path in _claim_files():
        texts += _strings(yaml.safe_load(path.read_text("utf-8")))
    texts += [s for t in list(texts) for s in sentences(t)]
    texts += [t.upper() for t in texts] + [t.replace("s", "ſ") for t in texts]
    return sorted(set(texts))


TEXTS = _texts()


def _is_candidate(text: str, tok: re.Match[str]) -> bool:
    """Whether a figure may start at a token (a run of ASCII letters, or one digit or currency
    symbol), by the definition: a digit or symbol, a number word (any case), a month, "a" or
    "an" before a magnitude, or a currency code or prefix (not "A") before a number."""
    word = tok.group()
    lower = word.lower()
    if not word[0].isalpha() or lower in extract._TRIGGERS or word in extract._MONTH_TOKENS:
        return True
    if lower in ("a", "an"):
        return re.compile(extract._A_NEXT).match(text, tok.end()) is not None
    if word in extract._ISO_TOKENS or word in ("US", "HK", "NT", "C", "S", "CN", "JP"):
        return re.compile(extract._PREFIX_NEXT).match(text, tok.end()) is not None
    return False


def _candidate_starts(text: str) -> list[int]:
    tokens = re.finditer(r"[A-Za-z]+|[\d$€£¥₩]", text)
    return [tok.start() for tok in tokens if _is_candidate(text, tok)]


def test_candidate_scan_finds_exactly_the_candidate_tokens() -> None:
    for text in TEXTS:
        found = [m.start() for m in extract._CANDIDATE.finditer(text)]
        assert found == _candidate_starts(text), text


def test_ranks_prefilter_drops_no_rank() -> None:
    for text in TEXTS:
        spans = [m.span() for m in figures._RANK.finditer(text)]
        if all(figures._ORDINALS.get((m.group("word") or "first").lower())
               for m in figures._RANK.finditer(text)):
            assert [q.span for q in figures.ranks(text)] == spans, text


def test_relative_dates_prefilter_matches_the_token_test() -> None:
    for text in TEXTS:
        if not text.isascii():
            continue
        tokens = [t.group().lower() for t in timeexpr._TOKEN.finditer(text)]
        has_key = any(t in timeexpr._KEYS for t in tokens)
        assert (not timeexpr._KEYS.isdisjoint(timeexpr._WORD.findall(text.lower()))) == has_key


@pytest.fixture(scope="module")
def lexicon() -> CueLexicon:
    return CueLexicon.from_data(yaml.safe_load(LEXICON.read_text("utf-8")), str(LEXICON))


def test_anonymous_prefilter_never_misses_a_cue(lexicon: CueLexicon) -> None:
    # The prefilter may let through text no cue matches (anonymous heads such as "sources" are
    # judged by the grammar, not the cue pattern), but never skip text a cue matches.
    pattern = lexicon.pattern("anonymous_cues")
    assert pattern is not None
    cues = [c for c in lexicon.anonymous_cues] + [c.upper() for c in lexicon.anonymous_cues]
    for text in TEXTS + [f"It was, {cue}, a lot." for cue in cues]:
        if pattern.search(text) is not None:
            assert lexicon.may_be_anonymous(text), text
    assert not lexicon.may_be_anonymous("Output grew 4.1% in the third quarter.")


def test_a_quote_without_anonymous_cue_has_no_anonymous_sentence(lexicon: CueLexicon) -> None:
    texts = TEXTS + [" ".join(TEXTS[i:i + 3]) for i in range(0, len(TEXTS), 3)]
    for text in texts:
        if lexicon.may_be_anonymous(text):
            continue
        previous = None
        for sentence in sentences(text):
            assert attribution_of(sentence, previous, lexicon).kind != "anonymous", sentence
            previous = sentence


# --- loading ----------------------------------------------------------------------------------

YAML_TRAPS = [
    "a: 1\nb: 2\na: 3\n", "? [a, b]\n: 1\nc: 2\n", "<<: {a: 1}\nb: 2\n",
    "- a\n- [b, c]\n- {d: e, f: [1, {g: h}]}\n", "x\n", "", "null\n", "a:\n  - 1\n  - 2\n",
    "a: 1\x85b: 2\nc: 3\n", "'a\u2028b': 1\nc: [1,\u2028 2]\n", "1: a\ntrue: b\nnull: c\n",
    "a: " + "x" * 50 + "\n", "k: {}\nl: []\nm: [[]]\n", "a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n",
]


# Plain scalars of every implicit type PyYAML knows, in its spellings and near misses.
SCALAR_TRAPS = [
    "", "~", "null", "Null", "NULL", "nULL", "yes", "Yes", "YES", "no", "No", "on", "ON", "off",
    "Off", "y", "n", "true", "True", "TRUE", "tRUE", "false", "0", "-0", "+1", "1_000", "0x1F",
    "0o17", "017", "0b101", "1:30", "190:20:30", "-1.5e+3", "1.5e3", "6.8523015e+5", ".inf",
    "-.Inf", "+.INF", ".NaN", ".nan", ".", "-", "+", "2024-01-01", "2024-1-1",
    "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "<<", "=", "!", "!a", "&a",
    "*a", "12 percent", "1e", "2024", "Jan 2025", "US$5", "€3", "yes please", "none",
]


def test_the_lean_resolver_gives_pyyaml_s_tags() -> None:
    lean = yamlload._Loader("")
    original = yaml.CSafeLoader("")
    values = SCALAR_TRAPS + sorted({s for t in _texts() for s in (t, t[:1], t.split(" ")[0])})
    for implicit in ((True, False), (False, True), (False, False), (True, True)):
        for value in values:
            assert lean.resolve(yaml.ScalarNode, value, implicit) == original.resolve(
                yaml.ScalarNode, value, implicit), (value, implicit)
    for kind in (yaml.SequenceNode, yaml.MappingNode):
        for implicit in (True, False):
            assert lean.resolve(kind, None, implicit) == original.resolve(kind, None, implicit)
    lean.dispose()
    original.dispose()


def _reference(text: str, limits: Limits) -> tuple[Any, list[Any], dict[Any, Any], dict[Any, Any]]:
    """Data, problems and position tables as the reference converter reads them."""
    doc = Document("f")
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    converter = _Converter(doc, limits, _Locator(text))
    if root is not None:
        converter.run(root)
    return doc.data, doc.problems, converter.positions, converter.key_positions


def _sources() -> list[str]:
    return [p.read_text("utf-8") for p in _claim_files()] + YAML_TRAPS


@pytest.mark.parametrize("limits", [Limits(), Limits(max_string=20)])
@pytest.mark.parametrize("text", _sources(), ids=lambda t: t[:20])
def test_loading_matches_the_reference_converter(text: str, limits: Limits) -> None:
    doc = load_text(text, "f", limits)
    try:
        data, problems, positions, keys = _reference(text, limits)
    except yaml.YAMLError:
        assert [p.category for p in doc.problems] == ["syntax"]
        return
    if doc.problems and not problems:
        return  # refused before composing (a limit, an anchor): nothing to compare
    assert (doc.data, doc.problems) == (data, problems)
    # Every path and its extensions, answered from the walk before any table is built...
    probes = {(), ("missing",)}
    for path in (*positions, *keys):
        probes |= {path, (*path, "missing"), (*path, 0), (*path, 99, "x"), (*path[:-1], -1)}
    fresh = load_text(text, "f", limits)
    for probe in probes:
        for key in (False, True):
            assert fresh.position(probe, key=key) == _lookup(positions, keys, probe, key), probe
    # ...and the tables themselves.
    assert (doc.positions, doc.key_positions) == (positions, keys)


def _lookup(positions: dict[Any, Any], keys: dict[Any, Any], path: Any, key: bool) -> Any:
    table = keys if key else positions
    probe = tuple(path)
    while probe:
        found = table.get(probe) or positions.get(probe)
        if found:
            return found
        probe = probe[:-1]
    return positions.get((), Position(1, 1))


def test_a_document_read_again_from_its_file_has_the_same_positions(tmp_path: Path) -> None:
    for index, text in enumerate(_sources()):
        path = tmp_path / f"{index}.yaml"
        path.write_text(text, encoding="utf-8")
        loaded = load_bytes(path.read_bytes(), "f")
        restored = Document("f", data=loaded.data, file=path, reparse=True, reread=load_path)
        assert restored.position(("claims", 0, "id")) == loaded.position(("claims", 0, "id"))
        assert restored.positions == loaded.positions
        assert restored.key_positions == loaded.key_positions
