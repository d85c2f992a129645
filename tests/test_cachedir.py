"""The cache folder: used only when it is factlint's own, and its files named by its tag."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from linter.files.cachedir import DIRECTORY, CacheDir, Unusable


def test_a_new_folder_is_made_with_its_tag_and_gitignore(tmp_path: Path):
    cache = CacheDir.open(tmp_path)
    assert cache.path == tmp_path / DIRECTORY
    assert sorted(p.name for p in cache.path.iterdir()) == [".gitignore", "CACHEDIR.TAG"]
    assert (cache.path / "CACHEDIR.TAG").read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55\n")
    assert CacheDir.open(tmp_path).token == cache.token  # the same folder, the same names


def test_a_copied_folder_names_its_files_differently(tmp_path: Path):
    # What a clone of a committed cache gives: the same bytes, another tag identity.
    (tmp_path / "a").mkdir()
    first = CacheDir.open(tmp_path / "a")
    shutil.copytree(first.path, tmp_path / "b" / DIRECTORY, copy_function=shutil.copy2)
    copied = CacheDir.open(tmp_path / "b")
    assert copied.token != first.token
    assert copied.file("key", ".sqlite").name != first.file("key", ".sqlite").name
    assert first.file("key", ".sqlite").name != first.file("other", ".sqlite").name


@pytest.mark.parametrize(("make", "why"), [
    (lambda p: (p / DIRECTORY).symlink_to(p), "it is a symbolic link"),
    (lambda p: (p / DIRECTORY).write_text(""), "it is not a folder"),
    (lambda p: ((p / DIRECTORY).mkdir(), os.chmod(p / DIRECTORY, 0o777)),
     "every user can write to it"),
    (lambda p: ((p / DIRECTORY).mkdir(), (p / DIRECTORY / "CACHEDIR.TAG").symlink_to("/etc/hostname")),
     "its CACHEDIR.TAG is not a regular file of this user's"),
    (lambda p: ((p / DIRECTORY).mkdir(), os.mkfifo(p / DIRECTORY / "CACHEDIR.TAG")),
     "its CACHEDIR.TAG is not a regular file of this user's"),
])
def test_a_folder_factlint_cannot_trust_is_not_used(tmp_path: Path, make, why: str):
    (tmp_path / "p").mkdir()
    make(tmp_path / "p")
    with pytest.raises(Unusable) as error:
        CacheDir.open(tmp_path / "p")
    assert str(error.value) == why


def test_only_plain_files_of_its_own_naming_are_stale(tmp_path: Path):
    cache = CacheDir.open(tmp_path)
    own = "a" * 24
    keep = cache.path / f"{'b' * 24}.sqlite"
    for name in (f"{own}.sqlite", f"{own}.sqlite-wal", f"{own}.compiled", "rulebook.compiled",
                 "notes.txt", "x.sqlite", keep.name):
        (cache.path / name).write_text("")
    (tmp_path / "target.sqlite").write_text("")
    (cache.path / f"{'c' * 24}.sqlite").symlink_to(tmp_path / "target.sqlite")
    os.link(tmp_path / "target.sqlite", cache.path / f"{'d' * 24}.sqlite")
    assert [p.name for p in cache.stale({keep.name})] == [
        f"{own}.compiled", f"{own}.sqlite", f"{own}.sqlite-wal", "rulebook.compiled"]


def test_usable_refuses_links_fifos_and_hard_links(tmp_path: Path):
    cache = CacheDir.open(tmp_path)
    (tmp_path / "elsewhere").write_text("")
    (cache.path / "link").symlink_to(tmp_path / "elsewhere")
    os.mkfifo(cache.path / "fifo")
    os.link(tmp_path / "elsewhere", cache.path / "hard")
    (cache.path / "plain").write_text("")
    assert [cache.usable(cache.path / n) for n in ("missing", "plain", "link", "fifo", "hard")] \
        == [True, True, False, False, False]
