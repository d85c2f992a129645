"""Source reliability registry: the real `reliability` registry, lookups and validation."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from linter.model import RegistryError
from linter.sources.reliability import (
    STATUSES,
    ReliabilityRegistry,
    host_of,
    normalise_name,
)

REGISTRIES = Path(__file__).parents[1] / "rules" / "registries"
REGISTRY = REGISTRIES / "reliability.yaml"


@pytest.fixture(scope="module")
def registry() -> ReliabilityRegistry:
    return ReliabilityRegistry.from_data(yaml.safe_load(REGISTRY.read_text("utf-8")), str(REGISTRY))


@pytest.mark.parametrize(
    ("url", "publisher", "expected"),
    [
        ("https://www.wsj.com/tech/ai/china-ai-push-8f1c", None, "wsj"),
        ("https://wsj.com/", None, "wsj"),
        ("https://markets.wsj.com/x", None, "wsj"),
        ("https://notwsj.com/article", None, None),
        ("https://wsj.com.evil.example/x", None, None),
        ("http://user:secret@WWW.SCMP.COM.:443/news", None, "scmp"),
        ("www.newsweek.com/china-ai-chips-1", None, "newsweek"),  # no scheme
        ("https://english.news.cn/20250411/c.html", None, "xinhua"),
        ("https://arxiv.org/abs/2502.02523", None, "arxiv"),
        ("https://www.globaltimes.cn/page/1.shtml", None, "global-times"),
        ("https://[::1", None, None),  # malformed: no crash, no match
        ("", None, None),
        (None, "The Wall Street Journal", "wsj"),
        (None, "wall street journal", "wsj"),
        (None, "WSJ", "wsj"),
        (None, "Newsweek", "newsweek"),
        (None, "People’s Daily", "peoples-daily"),
        (None, "the beijing post", "beijing-post"),
        (None, "Beijing Post", "beijing-post"),
        (None, "i10x", "i10x"),
        (None, "Reuters.", "reuters"),
        (None, "Agence France Presse", "afp"),
        (None, "Beijing Daily Post", None),
        (None, "", None),
        (None, None, None),
        # The host outranks a free-text publisher name that disagrees with it.
        ("https://www.wsj.com/x", "Newsweek", "wsj"),
        # An unknown host falls back to the publisher name.
        ("https://mirror.example.org/x", "Reuters", "reuters"),
    ],
)
def test_lookup(
    registry: ReliabilityRegistry, url: str | None, publisher: str | None, expected: str | None
) -> None:
    entry = registry.lookup(url, publisher)
    assert (entry.id if entry else None) == expected


@pytest.mark.parametrize(
    ("entry_id", "status", "types"),
    [
        # The outlets of the five seed articles.
        ("newsweek", "no-consensus", ("news",)),
        ("i10x", "no-consensus", ("company",)),
        ("beijing-post", "no-consensus", ("news", "ai-generated")),
        ("wsj", "generally-reliable", ("news",)),
        # Sources a team writing on China's AI industry meets.
        ("reuters", "generally-reliable", ("wire", "news")),
        ("xinhua", "no-consensus", ("state-media", "wire")),
        ("china-daily", "no-consensus", ("state-media", "news")),
        ("global-times", "deprecated", ("state-media", "news")),
        ("cgtn", "deprecated", ("state-media", "news")),
        ("scmp", "generally-reliable", ("news",)),
        ("arxiv", "generally-unreliable", ("academic",)),
    ],
)
def test_seeded_entries(
    registry: ReliabilityRegistry, entry_id: str, status: str, types: tuple[str, ...]
) -> None:
    entry = registry.get(entry_id)
    assert entry is not None
    assert (entry.status, entry.types) == (status, types)
    assert entry.rank == STATUSES.index(status)


def test_every_entry_is_documented(registry: ReliabilityRegistry) -> None:
    for entry in registry:
        assert entry.rationale and entry.reference, entry.id
        # Honesty check: an entry without a perennial-sources entry says so in its rationale.
        if entry.reference.lower().startswith("no perennial-sources entry"):
            assert "no perennial-sources entry" in entry.rationale.lower(), entry.id


def test_match_reports_how_it_matched(registry: ReliabilityRegistry) -> None:
    by_domain = registry.match("https://www.ft.com/content/1", None)
    by_name = registry.match(None, "The Economist")
    assert by_domain is not None and (by_domain.via, by_domain.key) == ("domain", "ft.com")
    assert by_name is not None and (by_name.via, by_name.key) == ("name", "The Economist")


def test_longest_suffix_wins() -> None:
    data = {
        "version": 1,
        "publishers": [
            {
                "id": "parent",
                "domains": ["example.com"],
                "status": "generally-reliable",
                "rationale": "r",
                "reference": "ref",
            },
            {
                "id": "blogs",
                "domains": ["blogs.example.com"],
                "status": "generally-unreliable",
                "types": ["blog"],
                "rationale": "r",
                "reference": "ref",
            },
        ],
    }
    registry = ReliabilityRegistry.from_data(data, "custom.yaml")
    assert registry.lookup("https://a.blogs.example.com/p", None).id == "blogs"  # type: ignore[union-attr]
    assert registry.lookup("https://www.example.com/p", None).id == "parent"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("The Wall Street Journal", "wall street journal"),
        ("People’s Daily", "peoples daily"),
        ("Agence France-Presse", "agence france presse"),
        ("  THE   Economist ", "economist"),
        ("AT&T", "at and t"),
        ("Theory Weekly", "theory weekly"),  # "The" only as a whole word
    ],
)
def test_normalise_name(name: str, normalised: str) -> None:
    assert normalise_name(name) == normalised


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.wsj.com/x", "www.wsj.com"),
        ("HTTPS://WWW.WSJ.COM:443/x", "www.wsj.com"),
        ("www.wsj.com/x", "www.wsj.com"),
        ("//cdn.example.org/a", "cdn.example.org"),
        ("https://example.com./", "example.com"),
        ("not a url", None),
    ],
)
def test_host_of(url: str, host: str | None) -> None:
    assert host_of(url) == host


def _entry(**fields: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": "x",
        "names": ["X"],
        "status": "no-consensus",
        "rationale": "r",
        "reference": "ref",
    }
    entry.update(fields)
    return entry


@pytest.mark.parametrize(
    ("publishers", "message"),
    [
        ([_entry(status="reliable")], "custom.yaml: publisher 'x': `status` must be one of"),
        ([_entry(types=["tabloid"])], "custom.yaml: publisher 'x': unknown type(s): tabloid"),
        ([_entry(domains=["https://x.com"])], "custom.yaml: publisher 'x': domain 'https://x.com'"),
        ([_entry(domains=["com"])], "custom.yaml: publisher 'x': domain 'com' must be a bare host"),
        ([_entry(names=[], domains=[])], "custom.yaml: publisher 'x': needs at least one of"),
        ([_entry(owner="someone")], "custom.yaml: publisher 'x': unknown key(s): owner"),
        ([_entry(rationale="")], "custom.yaml: publisher 'x': `rationale` must be"),
        ([_entry(), _entry()], "custom.yaml: publisher 'x': duplicate id"),
        (
            [_entry(domains=["x.com"]), _entry(id="y", names=["Y"], domains=["x.com"])],
            "custom.yaml: publisher 'y': domain 'x.com' already belongs to 'x'",
        ),
        (
            [_entry(), _entry(id="y", names=["The X"])],
            "custom.yaml: publisher 'y': name 'The X' already belongs to 'x'",
        ),
        ([_entry(id="Not Valid")], "custom.yaml: publishers[0]: `id` must be lowercase"),
    ],
)
def test_registry_errors(publishers: list[dict[str, object]], message: str) -> None:
    with pytest.raises(RegistryError) as excinfo:
        ReliabilityRegistry.from_data({"version": 1, "publishers": publishers}, "custom.yaml")
    assert str(excinfo.value).startswith(message)


def test_registry_rejects_bad_top_level() -> None:
    with pytest.raises(RegistryError, match=r"custom\.yaml: `version` must be 1"):
        ReliabilityRegistry.from_data({"publishers": []}, "custom.yaml")
    with pytest.raises(RegistryError, match="unknown top-level key"):
        ReliabilityRegistry.from_data({"version": 1, "publishers": [], "x": 1}, "custom.yaml")
