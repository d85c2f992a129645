"""Source reliability registry: publishers keyed by domain and by name.

The registry (`rules/registries/reliability.yaml`) rates publishers on the scale of Wikipedia's
perennial-sources list, ``generally-reliable | no-consensus | generally-unreliable | deprecated
| blacklisted``, with the publisher's types (news, state-media, ai-generated, …), a one-line
rationale and the reference the judgement comes from.

Lookup is by the URL's host first, with suffix matching on whole labels: ``wsj.com`` covers
``www.wsj.com`` and ``markets.wsj.com`` but not ``notwsj.com``, and the longest registered
suffix wins so that a subdomain can be rated apart from its parent. Only then is the publisher
name tried, normalised for case, a leading "The", punctuation and typographic apostrophes. The
URL wins over the name because a name is free text typed by a person, a host is not.

No public-suffix list is needed (tldextract would download one): the registry holds registrable
domains or deeper hosts, never bare suffixes, and matching walks the host's own labels.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from linter.model import RegistryError

__all__ = [
    "STATUSES",
    "TYPES",
    "Entry",
    "Match",
    "RegistryError",
    "ReliabilityRegistry",
    "host_of",
    "normalise_name",
]

# Ordered from best to worst; rules may compare positions ("at least generally-unreliable").
STATUSES = (
    "generally-reliable",
    "no-consensus",
    "generally-unreliable",
    "deprecated",
    "blacklisted",
)
TYPES = frozenset(
    {
        "news",
        "opinion",
        "state-media",
        "press-release",
        "content-farm",
        "ai-generated",
        "blog",
        "company",
        "government",
        "academic",
        "wire",
        "reference",
    }
)

_ENTRY_KEYS = frozenset({"id", "names", "domains", "status", "types", "rationale", "reference"})
_TOP_KEYS = frozenset({"version", "publishers"})
_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_HOST_RE = re.compile(r"[\w.:-]+")
_DOMAIN_RE = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}\Z")


class Entry(NamedTuple):
    """One publisher of the registry."""

    id: str
    names: tuple[str, ...]
    domains: tuple[str, ...]
    status: str
    types: tuple[str, ...]
    rationale: str
    reference: str

    @property
    def rank(self) -> int:
        """Position on the status scale: 0 (generally reliable) to 4 (blacklisted)."""
        return STATUSES.index(self.status)


class Match(NamedTuple):
    """How a lookup matched: `via` is "domain" or "name", `key` the registered domain/name."""

    entry: Entry
    via: str
    key: str


def normalise_name(name: str) -> str:
    """Normalise a publisher name for comparison.

    "The Wall Street Journal" -> "wall street journal"; "People’s Daily" -> "peoples daily";
    "Agence France-Presse" -> "agence france presse".
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"['\u2018\u2019\u02bc`]", "", text)  # apostrophes join: people's -> peoples
    text = text.replace("&", " and ")
    text = re.sub(r"[^\w\s]|_", " ", text)
    text = " ".join(text.split())
    if text.startswith("the "):
        text = text[4:]
    return text


def host_of(url: str) -> str | None:
    """The lowercase host of `url` (scheme optional), without port, credentials or final dot."""
    url = url.strip()
    if not url:
        return None
    if "://" not in url and not url.startswith("//"):
        url = "//" + url  # "www.wsj.com/articles/…" has no scheme; urlsplit needs the slashes
    try:
        host = urlsplit(url).hostname
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    if not host:
        return None
    host = host.rstrip(".").lower()
    # urlsplit accepts anything as a host ("not a url"); a real one is labels and dots (or an
    # IPv6 literal). \w keeps internationalised names.
    return host if _HOST_RE.fullmatch(host) else None


class ReliabilityRegistry:
    """A validated reliability registry with domain and name indexes."""

    def __init__(self, entries: tuple[Entry, ...], origin: str = "<reliability>") -> None:
        self.entries = entries
        self.origin = origin
        self._by_domain: dict[str, Entry] = {}
        self._by_name: dict[str, tuple[str, Entry]] = {}
        for entry in entries:
            for domain in entry.domains:
                self._by_domain[domain] = entry
            for name in entry.names:
                self._by_name.setdefault(normalise_name(name), (name, entry))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, if any."""
        return next((e for e in self.entries if e.id == entry_id), None)


    @classmethod
    def from_data(cls, data: Any, origin: str) -> ReliabilityRegistry:
        """Validate parsed registry data; raise `RegistryError` naming `origin` and the entry."""
        if not isinstance(data, Mapping):
            raise RegistryError(origin, "expected a mapping with `version` and `publishers`")
        unknown = sorted(set(map(str, data)) - _TOP_KEYS)
        if unknown:
            raise RegistryError(origin, f"unknown top-level key(s): {', '.join(unknown)}")
        if data.get("version") != 1:
            raise RegistryError(origin, f"`version` must be 1, not {data.get('version')!r}")
        items = data.get("publishers")
        if not isinstance(items, list):
            raise RegistryError(origin, "`publishers` must be a list")
        entries: list[Entry] = []
        ids: set[str] = set()
        domains: dict[str, str] = {}
        names: dict[str, str] = {}
        for index, item in enumerate(items):
            entry = _parse_entry(item, index, origin)
            label = f"publisher {entry.id!r}"
            if entry.id in ids:
                raise RegistryError(origin, "duplicate id", label)
            ids.add(entry.id)
            for domain in entry.domains:
                if domain in domains:
                    raise RegistryError(
                        origin, f"domain {domain!r} already belongs to {domains[domain]!r}", label
                    )
                domains[domain] = entry.id
            for name in entry.names:
                key = normalise_name(name)
                if key in names and names[key] != entry.id:
                    raise RegistryError(
                        origin, f"name {name!r} already belongs to {names[key]!r}", label
                    )
                names[key] = entry.id
            entries.append(entry)
        return cls(tuple(entries), origin)

    def match(self, url: str | None = None, publisher: str | None = None) -> Match | None:
        """Find the entry for a URL and/or publisher name, saying which key matched."""
        host = host_of(url) if url else None
        if host:
            labels = host.split(".")
            # Longest suffix first: walk from the full host down to two labels.
            for i in range(len(labels) - 1):
                candidate = ".".join(labels[i:])
                entry = self._by_domain.get(candidate)
                if entry is not None:
                    return Match(entry, "domain", candidate)
        if publisher:
            found = self._by_name.get(normalise_name(publisher))
            if found is not None:
                return Match(found[1], "name", found[0])
        return None

    def lookup(self, url: str | None, publisher: str | None) -> Entry | None:
        """The entry for a URL (by host suffix) or else a publisher name, or None."""
        found = self.match(url, publisher)
        return found.entry if found else None


def _string_list(value: Any, key: str, origin: str, label: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RegistryError(origin, f"`{key}` must be a list of non-empty strings", label)
    return tuple(v.strip() for v in value)


def _parse_entry(item: Any, index: int, origin: str) -> Entry:
    label = f"publishers[{index}]"
    if not isinstance(item, Mapping):
        raise RegistryError(origin, "expected a mapping", label)
    eid = item.get("id")
    if not (isinstance(eid, str) and _ID_RE.match(eid)):
        raise RegistryError(origin, "`id` must be lowercase letters, digits and hyphens", label)
    label = f"publisher {eid!r}"
    unknown = sorted(set(map(str, item)) - _ENTRY_KEYS)
    if unknown:
        raise RegistryError(origin, f"unknown key(s): {', '.join(unknown)}", label)
    for key in ("status", "rationale", "reference"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise RegistryError(origin, f"`{key}` must be a non-empty string", label)
    if item["status"] not in STATUSES:
        raise RegistryError(origin, f"`status` must be one of {', '.join(STATUSES)}", label)
    names = _string_list(item.get("names"), "names", origin, label)
    domains = tuple(d.lower() for d in _string_list(item.get("domains"), "domains", origin, label))
    if not names and not domains:
        raise RegistryError(origin, "needs at least one of `names` or `domains`", label)
    for domain in domains:
        if not _DOMAIN_RE.match(domain):
            raise RegistryError(
                origin, f"domain {domain!r} must be a bare host such as example.com", label
            )
    types = _string_list(item.get("types"), "types", origin, label)
    bad = sorted(set(types) - TYPES)
    if bad:
        raise RegistryError(origin, f"unknown type(s): {', '.join(bad)}", label)
    return Entry(
        id=eid,
        names=names,
        domains=domains,
        status=item["status"],
        types=types,
        rationale=" ".join(item["rationale"].split()),
        reference=" ".join(item["reference"].split()),
    )
