"""Rules as files: each YAML file at the top of a rules directory declares one rule.

A rule names a check kind (implemented in `linter.rulebook.kinds`) and gives it parameters; its
documentation travels with it. Registries the kinds read (entities, reliability, AI patterns, cues)
live in the `registries/` folder beside the rules. A broken rule file is a `RuleFileError` naming
the file: the CLI turns it into exit 2, since a rule that silently fails to load is a gate that
silently opens.

`factlint check` keeps the built-in rules, once validated, in the project's cache directory (see
`_Compiled`): validating them means parsing every rule file and importing every kind module for
its parameters, the larger part of a run that finds everything else in factlint's cache.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter import __version__
from linter.files.digest import blake2b
from linter.files.read import inside, read_capped, read_inside, why
from linter.model import Rule, RuleDoc, RuleFileError, Severity
from linter.rulebook import kinds

if TYPE_CHECKING:
    from linter.files.cachedir import CacheDir
    from linter.load.document import Document


_CODE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_RULE_KEYS = {"code", "name", "severity", "kind", "summary", "params", "docs"}
_DOC_KEYS = {"what", "why", "fail", "pass", "notes"}


def _package() -> Path:
    """The `linter` package folder: the shipped rules sit in it (wheel) or beside it (checkout)."""
    return Path(__file__).resolve().parent.parent


def builtin_rules_dir() -> Path:
    """The rules shipped with factlint: inside the wheel, or the repo's top-level `rules/`."""
    here = _package()
    packaged = here / "_rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"


def _load(path: Path, tree: Path | None = None) -> Document:
    """A rule or registry file, parsed. A rule pack's files (`tree`: the project root) must
    resolve inside the project: a pack is committed by whoever committed the claims."""
    # Imported here: a run served by the compiled rulebook parses no YAML to get its rules.
    from linter.load.yaml_positions import load_path

    try:
        if tree is not None:
            inside(path, tree)
        return load_path(path, str(path))
    except OSError as exc:
        raise RuleFileError(f"{path}: cannot read: {why(exc)}") from None


def confine_pack(directory: Path, root: Path) -> None:
    """A rule pack must be a folder inside the project root (resolved): `rule-packs = ["/"]`
    would walk the disk, and a pack outside is not the project's."""
    try:
        inside(directory, root)
    except OSError as exc:
        raise RuleFileError(f"rule pack {str(directory)!r}: {why(exc)}") from None


def pack_files(directory: Path) -> list[Path]:
    """The files of a rule folder that loading it reads: its rules and its registries."""
    return [*sorted(directory.glob("*.yaml")), *sorted(directory.glob("registries/*.yaml"))]


def load_rule_file(path: Path, tree: Path | None = None) -> Rule:
    document = _load(path, tree)
    if document.problems:
        problem = document.problems[0]
        raise RuleFileError(
            f"{path}:{problem.position.line}:{problem.position.col}: {problem.message}"
        )
    data = document.data
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}: a rule file must be a mapping")

    def fail(why: str) -> RuleFileError:
        return RuleFileError(f"{path}: {why}")

    unknown = sorted(set(data) - _RULE_KEYS)
    if unknown:
        raise fail(f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_RULE_KEYS))})")
    missing = sorted(_RULE_KEYS - {"params"} - set(data))
    if missing:
        raise fail(f"missing key {missing[0]!r}")
    code, name = data["code"], data["name"]
    if not isinstance(code, str) or not _CODE.match(code):
        raise fail(f"code {code!r} is not like FL101 (two to four capitals, three digits)")
    if not isinstance(name, str) or not _NAME.match(name):
        raise fail(f"name {name!r} must be lowercase words joined by '-'")
    try:
        severity = Severity.parse(str(data["severity"]))
    except ValueError as exc:
        raise fail(str(exc)) from None
    kind = data["kind"]
    if not isinstance(kind, str) or kind not in kinds.KINDS:
        raise fail(f"unknown check kind {kind!r} (known: {', '.join(sorted(kinds.KINDS))})")
    if not isinstance(data["summary"], str) or not data["summary"].strip():
        raise fail("summary must be a non-empty string")
    docs = data["docs"]
    if not isinstance(docs, dict):
        raise fail("docs must be a mapping with what, why, fail and pass")
    unknown = sorted(set(docs) - _DOC_KEYS)
    if unknown:
        raise fail(f"docs: unknown key {unknown[0]!r}")
    for key in ("what", "why", "fail", "pass"):
        if not isinstance(docs.get(key), str) or not docs[key].strip():
            raise fail(f"docs.{key} must be a non-empty string")
    params = data.get("params") or {}
    if not isinstance(params, dict):
        raise fail("params must be a mapping")
    try:
        params = kinds.validate_params(kind, params)
    except ValueError as exc:
        raise fail(f"params: {exc}") from None
    doc = RuleDoc(
        what=docs["what"].strip(),
        why=docs["why"].strip(),
        fail=docs["fail"].rstrip(),
        passing=docs["pass"].rstrip(),
        notes=str(docs.get("notes", "")).strip(),
    )
    return Rule(code, name, severity, kind, data["summary"].strip(), doc, params, str(path))


class Rulebook:
    """All rules from the built-in directory and any configured rule packs, by code."""

    # A plain class (a dataclass costs about half a millisecond to define, on every run).
    __slots__ = ("_key", "_registries", "compiled_registries", "directories", "root", "rules",
                 "verified_patterns")

    def __init__(self, rules: dict[str, Rule], directories: tuple[Path, ...],
                 verified_patterns: dict[str, tuple[str, ...]] | None = None,
                 compiled_registries: dict[str, Any] | None = None, _key: str = "",
                 root: Path | None = None) -> None:
        self.rules, self.directories = rules, directories
        self.root = root  # the project root the rule packs' files must resolve inside
        # Patterns of the built-in `ai-patterns` registry this code has checked (they compile,
        # are linear-safe and do not match the empty text), with the literals one of which a
        # text they match must hold; kept in the compiled rulebook, so that
        # `AiPatternSet.from_data` need not check them again, nor compile those no text needs.
        self.verified_patterns = verified_patterns if verified_patterns is not None else {}
        # The built-in registries' data, by path, as the compiled rulebook kept it.
        self.compiled_registries = (compiled_registries if compiled_registries is not None
                                    else {})
        self._registries: dict[str, Any] = {}
        self._key = _key  # see `key`: the compiled rulebook hands over the one it was looked up by

    @property
    def key(self) -> str:
        """`directory_key` of the built-in directory (the run cache's key includes it), computed
        at most once."""
        if not self._key:
            try:
                self._key = directory_key(self.directories[0])
            except OSError:  # a rule file unreadable since it was loaded: a key no cache shares
                self._key = os.urandom(16).hex()
        return self._key

    def registry(self, name: str) -> tuple[Any, str]:
        """The data of `registries/NAME.yaml` and its path; a pack's registry extends the
        built-in one (list entries are concatenated, pack entries first)."""
        if name not in self._registries:
            if not _NAME.match(name):  # a rule's `registry:` must not reach outside registries/
                raise RuleFileError(f"registry name {name!r} must be lowercase words joined by "
                                    "'-' (a file in registries/)")
            self._registries[name] = _load_registry(name, self.directories,
                                                    self.compiled_registries, self.root)
        return self._registries[name]

    def packs_key(self) -> str:
        """A digest of the rule packs' files, read as loading them reads them (inside the
        project, regular, capped: a pack file linked to /dev/zero is never hashed for ever)."""
        digest = blake2b(digest_size=16)
        for directory in self.directories[1:]:
            for path in pack_files(directory):
                try:
                    data = read_inside(path, self.root) if self.root else read_capped(path)
                except OSError as exc:
                    raise RuleFileError(f"{path}: cannot read: {why(exc)}") from None
                digest.update(f"{path.relative_to(directory)}\0{len(data)}\0".encode())
                digest.update(data)
        return digest.hexdigest()


def _registry_file(path: Path, tree: Path | None = None) -> dict[str, Any]:
    document = _load(path, tree)
    if document.problems:
        problem = document.problems[0]
        raise RuleFileError(
            f"{path}:{problem.position.line}:{problem.position.col}: {problem.message}"
        )
    if not isinstance(document.data, dict):
        raise RuleFileError(f"{path}: a registry must be a mapping")
    return document.data


def _load_registry(name: str, directories: tuple[Path, ...],
                   compiled: dict[str, Any] | None = None,
                   root: Path | None = None) -> tuple[Any, str]:
    merged: dict[str, Any] | None = None
    origins: list[str] = []
    for directory in reversed(directories):  # packs (later) first in lists
        path = directory / "registries" / f"{name}.yaml"
        data = (compiled or {}).get(str(path))
        if data is None:
            if not os.path.lexists(path):
                continue
            data = _registry_file(path, root if directory != directories[0] else None)
        origins.append(str(path))
        if merged is None:
            merged = dict(data)
            continue
        for key, value in data.items():
            if isinstance(value, list) and isinstance(merged.get(key), list):
                merged[key] = merged[key] + value
            elif isinstance(value, dict) and isinstance(merged.get(key), dict):
                # A pack's lexicon lists extend the built-in ones, list by list.
                inner = dict(merged[key])
                for name, words in value.items():
                    if isinstance(words, list) and isinstance(inner.get(name), list):
                        inner[name] = inner[name] + words
                    elif name not in inner:
                        inner[name] = words
                merged[key] = inner
            elif key not in merged:
                merged[key] = value
    if merged is None:
        raise RuleFileError(f"no registry {name!r} in {', '.join(map(str, directories))}")
    return merged, " + ".join(origins)


def load_rulebook(extra_dirs: tuple[Path, ...] = (), root: Path | None = None) -> Rulebook:
    """The built-in rules and those of `extra_dirs` (rule packs); with `root` (resolved), the
    packs and every file they hold must resolve inside it."""
    directories = (builtin_rules_dir(), *extra_dirs)
    rules: dict[str, Rule] = {}
    verified: dict[str, tuple[str, ...]] = {}
    registries: dict[str, Any] = {}
    builtin: _Compiled | None = None
    for index, directory in enumerate(directories):
        if index > 0 and root is not None:
            confine_pack(directory, root)
        if not directory.is_dir():
            raise RuleFileError(f"{directory}: rule directory not found")
        # Only the built-in directory is compiled: it is the same for every project and run,
        # while rule packs are few files, and loading them as before keeps their errors as before.
        compiled = _Compiled.open(directory) if index == 0 else None
        if index == 0:
            builtin = compiled
        if compiled is not None and compiled.rules is not None:
            rules.update(compiled.rules)  # the first directory: nothing to collide with yet
            verified, registries = compiled.verified, compiled.registries
            continue
        for path in sorted(directory.glob("*.yaml")):
            rule = load_rule_file(path, root if index > 0 else None)
            if rule.code in rules:
                raise RuleFileError(
                    f"{path}: code {rule.code} is already declared by {rules[rule.code].origin}"
                )
            rules[rule.code] = rule
        if compiled is not None:
            compiled.save(rules)
    return Rulebook(dict(sorted(rules.items())), directories, verified, registries,
                    _key=builtin.key if builtin is not None else "", root=root)


# The compiled rulebook. Its key covers everything validation reads: factlint's version, the
# stat of every module of the package (kinds declare and check the parameters; an editable
# install changes without a version bump), the directory (rules record the file they came
# from) and the name and bytes of every rule and registry file. Any difference is a miss, and a
# miss loads the files as always. The file holds JSON data only, never code, and a corrupt or
# foreign one is a miss too. The kinds' scopes ride along, so that a run served from it imports
# no kind module it does not run; so do the registries' data and the AI patterns' verdicts.
_COMPILED_FORMAT = 4
# Its name in the cache folder is derived from these and the folder's tag (see
# `linter.files.cachedir`): a compiled rulebook committed to a repository is never read.
COMPILED_STEM, COMPILED_SUFFIX = "rulebook", ".compiled"

# The directory the compiled rulebook is kept in; None (the default) turns it off. `factlint
# check` names the project's cache directory for its run, so that factlint still writes
# nothing but what it is asked to and its cache in `.factlint_cache/` (and, with --no-cache,
# not even that); the directory is never created here (the run cache creates it, tag and
# .gitignore included). Library callers and the other commands load the rule files as always.
_compiled_in: CacheDir | None = None


@contextlib.contextmanager
def compiled_in(directory: CacheDir | None) -> Iterator[None]:
    """Within the block, keep the compiled built-in rulebook in `directory` (None: do not).
    A setting of the process, not an argument: the runner loads the rulebook (in worker
    processes too), and those forked inside the block inherit it."""
    global _compiled_in
    previous, _compiled_in = _compiled_in, directory
    try:
        yield
    finally:
        _compiled_in = previous


def _code_signature(digest: Any) -> None:
    package = _package()
    # The modules, and the claim-file schema (an edited schema changes FL101's findings).
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.json")]):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}\0"
                      f"{stat.st_ino}\0".encode())


def directory_key(directory: Path) -> str:
    """A digest of everything loading `directory`'s rules reads: factlint's version and code,
    the directory, and the name and bytes of every rule and registry file. The compiled
    rulebook is kept under it, and the run cache's key includes it (`Rulebook.key`)."""
    from linter.files.read import read_regular
    from linter.load.document import DEFAULT_LIMITS

    digest = blake2b(digest_size=16)
    digest.update(f"{_COMPILED_FORMAT}\0{__version__}\0{sys.version}\0{directory}\0".encode())
    _code_signature(digest)
    for path in [*sorted(directory.glob("*.yaml")),
                 *sorted(directory.glob("registries/*.yaml"))]:
        # As the loader reads them: a FIFO must not block, a huge file is not read whole.
        data = read_regular(path, DEFAULT_LIMITS.max_bytes)
        digest.update(f"{path.relative_to(directory)}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


class _Compiled:
    """The compiled rulebook of one rule directory: `rules` when the stored one is current."""

    # A plain class: a dataclass costs about half a millisecond to define, on every run.
    def __init__(self, directory: Path, path: Path, key: str) -> None:
        self.directory = directory
        self.path = path
        self.key = key
        self.rules: dict[str, Rule] | None = None
        self.verified: dict[str, tuple[str, ...]] = {}
        self.registries: dict[str, Any] = {}

    @classmethod
    def open(cls, directory: Path) -> _Compiled | None:
        if _compiled_in is None:
            return None  # off (--no-cache, another command, a folder that cannot be trusted)
        path = _compiled_in.file(COMPILED_STEM, COMPILED_SUFFIX)
        if not _compiled_in.usable(path):
            return None  # a link or a FIFO of that name: neither read nor written through
        try:
            key = directory_key(directory)
        except OSError:  # an unreadable rule file: loading it reports the error
            return None
        compiled = cls(directory, path, key)
        compiled.rules = compiled._read()
        return compiled

    def _read(self) -> dict[str, Rule] | None:
        try:
            document = json.loads(read_capped(self.path).decode("utf-8"))
            if document["format"] != _COMPILED_FORMAT or document["key"] != self.key:
                return None
            rules = {}
            for code, name, severity, kind, summary, doc, params, origin in document["rules"]:
                if kind not in kinds.KINDS or not isinstance(params, dict):
                    return None
                rules[code] = Rule(code, name, Severity(severity), kind, summary, RuleDoc(*doc),
                                   params, origin)
            scopes = document["scopes"]
            if not all(isinstance(v, str) for v in scopes.values()):
                return None
            verified = document["verified_patterns"]
            if not all(isinstance(v, list) and all(isinstance(x, str) for x in v)
                       for v in verified.values()):
                return None
            registries = document["registries"]
            if not all(isinstance(v, dict) for v in registries.values()):
                return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None
        kinds.remember_scopes(scopes)
        self.verified = {source: tuple(literals) for source, literals in verified.items()}
        self.registries = registries
        return rules

    def save(self, rules: dict[str, Rule]) -> None:
        """Store `rules` if the files still hold what the key was made from and every rule comes
        back from JSON exactly as it is (a parameter that JSON would turn from a tuple into a
        list, or from an int key into a str, is not worth a subtly different rulebook)."""
        rows = [[r.code, r.name, int(r.severity), r.kind, r.summary,
                 [r.doc.what, r.doc.why, r.doc.fail, r.doc.passing, r.doc.notes],
                 r.params, r.origin] for r in rules.values()]
        used = sorted({r.kind for r in rules.values()})
        registries = {}
        for path in sorted(self.directory.glob("registries/*.yaml")):
            try:
                data = _registry_file(path)
                if _same(json.loads(json.dumps(data, ensure_ascii=False)), data):
                    registries[str(path)] = data  # else a run loads it (dates, say)
            except (RuleFileError, ValueError, TypeError):
                continue  # not kept: loading it in a run reports the problem
        try:
            text = json.dumps({
                "format": _COMPILED_FORMAT, "key": self.key, "rules": rows,
                # The kinds the rules use: validation has just imported their modules.
                "scopes": {kind: kinds.scope(kind) for kind in used},
                "verified_patterns": _verified_patterns(self.directory),
                "registries": registries,
            }, ensure_ascii=False)
            if not _same(json.loads(text)["rules"], rows):
                return
            if directory_key(self.directory) != self.key:
                return  # a rule file changed while it was being read: the next run compiles
            from linter.files.write import write_text

            write_text(self.path, text)
        except (OSError, ValueError, TypeError):
            pass  # a read-only checkout or a full disk must not fail the run


def _verified_patterns(directory: Path) -> dict[str, list[str]]:
    """The patterns of `directory`'s ai-patterns registry that pass every check of a loaded
    pattern, with their required literals. A verdict depends only on the pattern's text and
    this code (which the key covers), so a registry edited later keeps the verdicts of the
    patterns it still holds."""
    from linter.model import RegistryError
    from linter.sources.ai_lexicon import expand_slots, parse_lexicon
    from linter.sources.ai_patterns import pattern_problem, required_literals

    try:
        data, _ = _load_registry("ai-patterns", (directory,))
        lexicon = parse_lexicon(data.get("agents"), data.get("lexicon"), "ai-patterns")
        items = data.get("patterns")
        sources = {expand_slots(item["pattern"], lexicon, "ai-patterns", "")
                   for item in items if isinstance(item, dict)
                   and isinstance(item.get("pattern"), str)} if isinstance(items, list) else set()
    except (RuleFileError, RegistryError):
        return {}  # loading it in a run reports the problem
    return {s: list(required_literals(s)) for s in sorted(sources, key=str)
            if isinstance(s, str) and pattern_problem(s) is None}


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (1 == 1.0 == True in Python)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def matches_code(code: str, selector: str) -> bool:
    """`FL2` selects FL201, FL202…; `ALL` selects everything (as in ruff). Codes are
    case-insensitive (`fl203` is FL203), as in `factlint rule fl203`."""
    selector = selector.upper()
    return selector == "ALL" or code.startswith(selector)


def select_rules(
    rulebook: Rulebook,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> list[Rule]:
    selectors = (select or ("ALL",)) + extend_select
    chosen = []
    for code, rule in rulebook.rules.items():
        if any(matches_code(code, s) for s in selectors) and not any(
            matches_code(code, s) for s in ignore
        ):
            chosen.append(rule)
    return chosen


def check_selectors(rulebook: Rulebook, pairs: list[tuple[str, str]]) -> None:
    """Every code or prefix the user names must select at least one rule."""
    for setting, selector in pairs:
        if not any(matches_code(code, selector) for code in rulebook.rules):
            import difflib

            close = difflib.get_close_matches(selector.upper(), list(rulebook.rules), n=1,
                                              cutoff=0.8)  # one digit off: FL230 for FL203
            hint = f"; did you mean {close[0]}?" if close else " (see `factlint rules`)"
            raise RuleFileError(f"{setting}: {selector!r} matches no rule{hint}")
