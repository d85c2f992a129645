"""`factlint init [DIR]`: start a fact base in another repository.

It writes a `.factlint.toml`, a `claims/` folder with one example source file and one example
claim file that `factlint check` passes as they are (each opening with the schema modeline),
and with `--pre-commit` a `.pre-commit-config.yaml` when there is none; it prints the
pre-commit snippet either way. Every file is checked before any is written, so a refused run
writes nothing: an existing file is exit 2 unless `--force`, and a path through a symbolic link
(or anything that is not a plain folder or file) is exit 2 always, since it could lead outside
DIR. An existing `.pre-commit-config.yaml` holds the repository's other hooks and is never
written, `--force` or not.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import click

from linter import __version__
from linter.cli.common import FactlintError

# The repository other repositories pin in `.pre-commit-config.yaml` (as README says), and the
# hook it defines in `.pre-commit-hooks.yaml`.
REPOSITORY = "https://github.com/factlint/factlint"
HOOK_ID = "factlint"

CONFIG = ".factlint.toml"
PRE_COMMIT = ".pre-commit-config.yaml"
CLAIM_FILE = "claims/example-claims.yaml"
SOURCE_FILE = "claims/sources/example-sources.yaml"


@dataclass(frozen=True, slots=True)
class Planned:
    relative: str  # a path under DIR, with `/` between its parts
    text: str


def pre_commit_snippet() -> str:
    """The `repos:` entry for factlint's hook, pinned to this version's tag."""
    return (f"repos:\n"
            f"  - repo: {REPOSITORY}\n"
            f"    rev: v{__version__}\n"
            f"    hooks:\n"
            f"      - id: {HOOK_ID}\n")


def config_text() -> str:
    return """\
# factlint configuration. This folder is the project root: `paths` and `exclude` are relative
# to it, whichever folder factlint runs from. Unknown keys and rule codes are errors.

# What `factlint check` lints when no paths are named. The pre-commit hook runs on files under
# claims/ (its `files:` pattern): change both together.
paths = ["claims"]
# exclude = ["claims/drafts/*"]

# Which rules run: codes or prefixes such as "FL3" (default: all). `factlint rules` lists them,
# `factlint rule FL320` explains one.
# select = ["FL"]
# ignore = ["FL320"]

# The lowest severity that makes `factlint check` exit 1: "error", "warning" or "info".
fail-on = "error"

# Per-rule severity, and rules skipped in some files only.
# severity = { FL201 = "warning" }
# per-file-ignores = { "claims/legacy/*.yaml" = ["FL103"] }
"""


# The example, from the bundled fact base (claims/reference/deepseek-timeline.yaml), where the
# quote was read from the article.
_URL = ("https://www.hindustantimes.com/world-news/chinese-ai-startup-deepseek-surpasses-"
        "chatgpt-on-apple-app-store-101737959434351.html")
_CLAIM_TEXT = ("As of Monday 27 January 2025, DeepSeek had overtaken ChatGPT as the top-rated "
               "free app on Apple's US App Store.")
_QUOTE = ("Chinese AI startup DeepSeek has reportedly overtaken ChatGPT to become the top-rated "
          "free app on Apple's App Store in the US as of Monday, January 27, just a little over "
          "two weeks after its release.")


def source_text(schema_ref: str) -> str:
    return f"""\
# yaml-language-server: $schema={schema_ref}
#
# An example source (delete it, or keep it as a model). A source records only what the
# publication itself shows; a title in [brackets] says the page prints none and it was
# described. `id` is what claims cite, in any file of the fact base.
sources:
  - id: hindustan-times-2025-01-27-deepseek-app-store
    title: "[Hindustan Times report: DeepSeek surpasses ChatGPT on Apple's US App Store]"
    publisher: Hindustan Times
    url: {_URL}
    published: "2025-01-27"   # quoted: YYYY, YYYY-MM or YYYY-MM-DD, at the precision printed
    kind: news
    language: en
"""


def claim_text(schema_ref: str) -> str:
    return f"""\
# yaml-language-server: $schema={schema_ref}
#
# An example claim (delete it, or keep it as a model): a statement the fact base relies on,
# its figure, and verbatim quotes from the sources that back it. `subject` is an entity of
# factlint's entity registry (FL104 says when it is not; a rule pack adds your own), and
# claims with the same subject and property are compared across files for conflicts (FL203).
claims:
  - id: example.deepseek-app-us-app-store-top
    text: {_CLAIM_TEXT}
    subject: deepseek-app
    property: date became top free app on US App Store
    value: {{date: "2025-01-27", qualifier: up-to, kind: actual}}
    evidence:
      - source: hindustan-times-2025-01-27-deepseek-app-store
        quote: "{_QUOTE}"
"""


def pre_commit_text() -> str:
    return ("# pre-commit hooks (https://pre-commit.com); `pre-commit install` runs them before "
            "each commit.\n" + pre_commit_snippet())


def schema_reference(file: Path, local: bool) -> str:
    """What a claim file's modeline points at: the schema's stable URL (its `$id`, which works
    on every clone), or with `local` the installed schema file, relative to the claim file's
    folder when both sit in one tree (absolute across unrelated trees, as `factlint scan`
    writes it)."""
    from linter.schema import SCHEMA_FILE, schema

    if not local:
        return str(schema()["$id"])
    folder = file.parent
    reference = str(SCHEMA_FILE)
    try:
        if os.path.commonpath([SCHEMA_FILE, folder]) != os.path.dirname(os.path.abspath(os.sep)):
            reference = os.path.relpath(SCHEMA_FILE, folder)
    except ValueError:  # different drives on Windows
        pass
    return reference.replace(os.sep, "/")


def planned_files(root: Path, *, pre_commit: bool, local_schema: bool) -> list[Planned]:
    files = [
        Planned(CONFIG, config_text()),
        Planned(CLAIM_FILE, claim_text(schema_reference(root / CLAIM_FILE, local_schema))),
        Planned(SOURCE_FILE, source_text(schema_reference(root / SOURCE_FILE, local_schema))),
    ]
    if pre_commit:
        files.append(Planned(PRE_COMMIT, pre_commit_text()))
    return sorted(files, key=lambda planned: planned.relative)


def _shown(directory: Path, relative: str) -> str:
    return str(directory / relative)


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FactlintError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _check_target(root: Path, directory: Path, relative: str, force: bool) -> None:
    """Refuse (exit 2) a target that would be written through a link or over something that is
    not a regular file, or an existing file without `force`."""
    *folders, name = relative.split("/")
    current = root
    for part in folders:
        current = current / part
        found = _lstat(current)
        if found is None:
            return  # the rest is created, fresh
        shown = _shown(directory, os.path.relpath(current, root))
        if stat.S_ISLNK(found.st_mode):
            raise FactlintError(f"{shown} is a symbolic link: factlint init writes nothing "
                                "through a link (it could lead outside the folder)")
        if not stat.S_ISDIR(found.st_mode):
            raise FactlintError(f"{shown} is not a folder: cannot write {relative} in it")
    found = _lstat(current / name)
    if found is None:
        return
    shown = _shown(directory, relative)
    if stat.S_ISLNK(found.st_mode):
        raise FactlintError(f"{shown} is a symbolic link: factlint init never writes through one")
    if not stat.S_ISREG(found.st_mode):
        raise FactlintError(f"{shown} exists and is not a regular file")
    if not force:
        raise FactlintError(f"{shown} exists: factlint init never overwrites a file (--force "
                            "replaces it)")


def _check_pre_commit(root: Path, directory: Path) -> None:
    if _lstat(root / PRE_COMMIT) is not None:
        raise FactlintError(
            f"{_shown(directory, PRE_COMMIT)} exists: factlint init never changes it, --force "
            "or not (run without --pre-commit and add the hook it prints)")


def _check_shadowed_pyproject(root: Path, directory: Path, force: bool) -> None:
    """A `.factlint.toml` beside a pyproject.toml that configures factlint would silently take
    its place: refused unless `force`."""
    from linter.project.config import ConfigError, find_config_file

    try:
        found = find_config_file(root)
    except ConfigError:  # a broken configuration is `factlint check`'s to report
        return
    if found is not None and found == root / "pyproject.toml" and not force:
        raise FactlintError(
            f"{_shown(directory, 'pyproject.toml')} configures factlint ([tool.factlint]): a "
            f"{CONFIG} would take its place (--force writes it anyway)")


def _write(root: Path, directory: Path, planned: Planned) -> None:
    """Create the folders (refusing any that turned into a link since the check) and write the
    file atomically; its folder must still resolve to where it is under `root`."""
    from linter.files.read import why
    from linter.files.write import write_text

    *folders, name = planned.relative.split("/")
    current = root
    try:
        for part in folders:
            current = current / part
            with contextlib.suppress(FileExistsError):
                os.mkdir(current)
            found = os.lstat(current)
            if stat.S_ISLNK(found.st_mode) or not stat.S_ISDIR(found.st_mode):
                raise FactlintError(f"{_shown(directory, os.path.relpath(current, root))} is "
                                    "not a plain folder: factlint init writes nothing through it")
        if os.path.realpath(current) != str(current):
            raise FactlintError(f"{_shown(directory, planned.relative)}: its folder resolves "
                                "outside the target folder")
        write_text(current / name, planned.text)
    except OSError as exc:
        raise FactlintError(f"cannot write {_shown(directory, planned.relative)}: {why(exc)}"
                            ) from None


def _root(directory: Path) -> Path:
    """DIR, created when missing, resolved once: every write goes under this path."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        root = directory.resolve(strict=True)
    except FileExistsError:
        raise FactlintError(f"{directory} is not a folder") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        reason = getattr(exc, "strerror", None) or str(exc)
        raise FactlintError(f"{directory}: cannot use as the folder to start in: {reason}"
                            ) from None
    if not root.is_dir():
        raise FactlintError(f"{directory} is not a folder")
    return root


@click.command("init")
@click.argument("directory", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace files factlint init would write that "
                                            "exist (never .pre-commit-config.yaml).")
@click.option("--pre-commit", "pre_commit", is_flag=True,
              help=f"Also write {PRE_COMMIT} with factlint's hook (only when there is none).")
@click.option("--local-schema", is_flag=True,
              help="Point the claim files' schema modeline at the installed schema file, "
                   "not its URL.")
def init_command(directory: Path, force: bool, pre_commit: bool, local_schema: bool) -> None:
    """Start a fact base in DIR (default: here): a .factlint.toml and a claims/ folder with an
    example source and claim that pass `factlint check`.

    Existing files are never overwritten (exit 2) unless --force, and nothing is written
    through a symbolic link. Prints what it wrote and the pre-commit snippet.
    """
    root = _root(directory)
    files = planned_files(root, pre_commit=pre_commit, local_schema=local_schema)
    if pre_commit:
        _check_pre_commit(root, directory)
    _check_shadowed_pyproject(root, directory, force)
    for planned in files:
        _check_target(root, directory, planned.relative, force)
    for planned in files:
        _write(root, directory, planned)
        click.echo(f"Wrote {_shown(directory, planned.relative)}")
    click.echo("")
    if pre_commit:
        click.echo(f"{_shown(directory, PRE_COMMIT)} runs factlint before each commit "
                   "(`pre-commit install` turns it on):")
    elif _lstat(root / PRE_COMMIT) is not None:
        click.echo(f"To run factlint before each commit, add its hook to "
                   f"{_shown(directory, PRE_COMMIT)}:")
    else:
        click.echo(f"To run factlint before each commit, add this to {PRE_COMMIT} (or run "
                   "factlint init --pre-commit):")
    click.echo(pre_commit_snippet(), nl=False)
    click.echo("")
    where = "" if directory == Path(".") else f" in {directory}"
    click.echo(f"Then run `factlint check`{where}.")
