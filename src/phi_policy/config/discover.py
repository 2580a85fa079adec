"""Turn the paths a user typed into the config files they name, on disk or in a git revision.

Files are taken as given, whatever their name (the user chose them). Directories are searched
recursively for *.yaml and *.yml, skipping hidden files and folders (.git, .github, .venv and
.pre-commit-config.yaml are not configs) and node_modules. Glob patterns are expanded (with
`**`). On disk (`expand`, for check and validate), a path that matches nothing is an error
rather than a silent success: "validated 0 files" in CI would hide a typo in the path.

One matcher serves both places: `find` looks into a Tree, which is the disk (`Disk`) or the
file list of a git revision (`Listing`, for `phi-policy diff` over several configs), so a
glob names the same configs in a pull request's diff as in `validate` on a checkout. Globs
follow Python's `glob.glob(recursive=True)`: `*` and `?` stay within a folder and skip names
starting with a dot unless the pattern's own name does, `**` alone in a name is any number
of folders (hidden ones skipped), `[...]` a character class.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Literal, Protocol

from phi_policy.errors import UsageError

DEFAULT_CONFIG = "phi-policy.yaml"
SUFFIXES = (".yaml", ".yml")
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})
_MAGIC = re.compile("[*?[]")

#: What a path the user typed turned out to be, for the error that says it names nothing.
Found = Literal["file", "folder", "glob", "nothing"]
Walk = Iterator[tuple[str, list[str], list[str]]]


class Tree(Protocol):
    """Where configs are looked for. `is_file` and `is_dir` follow symbolic links, `exists`
    does not; `names` lists a folder's entries (none for what is not a folder); `walk` is
    `os.walk`'s top-down walk, which does not enter linked folders."""

    def split(self, path: str) -> tuple[str, str]: ...
    def join(self, folder: str, name: str) -> str: ...
    def exists(self, path: str) -> bool: ...
    def is_file(self, path: str) -> bool: ...
    def is_dir(self, path: str) -> bool: ...
    def names(self, folder: str, dirs_only: bool) -> list[str]: ...
    def walk(self, folder: str) -> Walk: ...


class Disk:
    """The file system, read as `glob.glob` and `os.walk` read it."""

    def split(self, path: str) -> tuple[str, str]:
        return os.path.split(path)

    def join(self, folder: str, name: str) -> str:
        return os.path.join(folder, name)

    def exists(self, path: str) -> bool:
        return os.path.lexists(path)

    def is_file(self, path: str) -> bool:
        return Path(path).is_file()

    def is_dir(self, path: str) -> bool:
        return Path(path).is_dir()

    def names(self, folder: str, dirs_only: bool) -> list[str]:
        found: list[str] = []
        try:
            with os.scandir(folder or os.curdir) as entries:
                for entry in entries:
                    try:
                        if not dirs_only or entry.is_dir():
                            found.append(entry.name)
                    except OSError:
                        pass
        except OSError:
            pass
        return found

    def walk(self, folder: str) -> Walk:
        return os.walk(folder)


class Listing:
    """The files of a git revision (POSIX paths from its root) as a tree of folders. A
    symbolic link is an entry like a file: `phi-policy diff` lists links apart, to refuse
    them."""

    def __init__(self, files: Iterable[str]) -> None:
        self.files: set[str] = set()
        self.folders: dict[str, dict[str, bool]] = {"": {}}  # folder -> {name: is a folder}
        for path in files:
            self.files.add(path)
            parts = path.split("/")
            for depth, name in enumerate(parts):
                folder = "/".join(parts[:depth])
                self.folders.setdefault(folder, {})[name] = depth < len(parts) - 1

    @staticmethod
    def _key(path: str) -> str:
        key = posixpath.normpath(path) if path else ""
        return "" if key == "." else key

    def split(self, path: str) -> tuple[str, str]:
        return posixpath.split(path)

    def join(self, folder: str, name: str) -> str:
        return posixpath.join(folder, name)

    def exists(self, path: str) -> bool:
        key = self._key(path)
        return key in self.files or key in self.folders

    def is_file(self, path: str) -> bool:
        return self._key(path) in self.files

    def is_dir(self, path: str) -> bool:
        return self._key(path) in self.folders

    def names(self, folder: str, dirs_only: bool) -> list[str]:
        entries = self.folders.get(self._key(folder), {})
        return [name for name, is_dir in entries.items() if is_dir or not dirs_only]

    def walk(self, folder: str) -> Walk:
        entries = self.folders.get(self._key(folder))
        if entries is None:
            return
        dirs = [name for name, is_dir in entries.items() if is_dir]
        yield folder, dirs, [name for name, is_dir in entries.items() if not is_dir]
        for name in dirs:  # as os.walk: the caller may prune `dirs` before the walk goes on
            yield from self.walk(posixpath.join(folder, name))


def expand(paths: Sequence[str]) -> list[Path]:
    """The config files named by `paths`, sorted and de-duplicated (phi-policy.yaml if none)."""
    if not paths:
        if not Path(DEFAULT_CONFIG).is_file():
            raise missing_default()
        return [Path(DEFAULT_CONFIG)]
    found: dict[str, Path] = {}
    for given in paths:
        for path in _expand_one(given):
            found.setdefault(os.path.normpath(path), path)
    return [found[key] for key in sorted(found, key=lambda k: Path(k).as_posix())]


def missing_default() -> UsageError:
    """What a command run without a config says when ./phi-policy.yaml is not there: a
    newcomer's first run, so it says how to make one."""
    return UsageError(
        f"no {DEFAULT_CONFIG} in the current directory",
        hint="run `phi-policy init` to create one, or give the config's path",
    )


def _expand_one(given: str) -> list[Path]:
    kind, found = find(given, Disk())
    if kind == "nothing":
        raise UsageError(f"{given}: no such file or directory")
    if not found and kind == "folder":
        raise UsageError(f"no YAML configs found in {given}",
                         hint="configs end in .yaml or .yml; hidden folders are skipped")
    if not found and kind == "glob":
        raise UsageError(f"no YAML configs match {given}",
                         hint="check the pattern; quote it so that the shell leaves it alone")
    return [Path(path) for path in found]


def matching(given: Sequence[str], files: Sequence[str], folder: str) -> list[str]:
    """The files (repository paths) that `given` names, relative to `folder` (the current
    folder in the repository, "." at its root), as `expand` reads them on disk; a path that
    names nothing is left out (the caller says when nothing at all matched)."""
    tree = Listing(files)
    found: set[str] = set()
    for item in given:
        item = item.replace("\\", "/")
        pattern = posixpath.normpath(posixpath.join(folder, item))
        if item.endswith("/") and pattern != "/":
            pattern += "/"  # as on disk: a pattern ending in a slash names folders only
        found.update(posixpath.normpath(path) for path in find(pattern, tree)[1])
    return sorted(found)


def find(given: str, tree: Tree) -> tuple[Found, list[str]]:
    """What one path names in `tree`: a file as it is, a folder's configs, a glob's matches
    (files as they are, the configs of the folders it matches), or nothing."""
    if tree.is_file(given):
        return "file", [given]
    if tree.is_dir(given):
        return "folder", search(given, tree)
    if has_magic(given):
        found: list[str] = []
        for match in sorted(_glob(given, tree)):
            if tree.is_file(match):
                found.append(match)
            elif tree.is_dir(match):
                found.extend(search(match, tree))
        return "glob", found
    return "nothing", []


def search(folder: str, tree: Tree) -> list[str]:
    """Every *.yaml / *.yml under `folder`, hidden and vendored folders left out."""
    configs: list[str] = []
    for root, dirs, files in tree.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        configs.extend(
            tree.join(root, name)
            for name in sorted(files)
            if not name.startswith(".") and name.lower().endswith(SUFFIXES)
        )
    return configs


def has_magic(text: str) -> bool:
    return _MAGIC.search(text) is not None


def is_fleet(configs: Sequence[str]) -> bool:
    """Fleet mode: two or more configs, or a folder, or a glob (even if it matches one file).
    One plain path, existing or not, is the single-config mode, exactly as before."""
    if len(configs) != 1:
        return len(configs) > 1
    path = Path(configs[0])
    return path.is_dir() or (not path.is_file() and has_magic(configs[0]))


# --- globs: Python's glob.glob(pattern, recursive=True), over any Tree -------------------------


def _glob(pattern: str, tree: Tree) -> list[str]:
    found = _iglob(pattern, tree, dirs_only=False)
    if not pattern or _is_recursive(pattern[:2]):
        first = next(found, None)  # "**" first matches the empty path: not a match
        return ([first] if first else []) + list(found)
    return list(found)


def _iglob(pattern: str, tree: Tree, dirs_only: bool) -> Iterator[str]:
    folder, name = tree.split(pattern)
    if not has_magic(pattern):
        if (tree.exists(pattern) if name else tree.is_dir(folder)):
            yield pattern  # a pattern ending in a separator names a folder only
        return
    if not folder:
        yield from _in_folder("", name, tree, dirs_only)
        return
    # split() returns a drive or UNC path whole: no recursion on one with magic in it
    folders = (
        _iglob(folder, tree, True) if folder != pattern and has_magic(folder) else [folder]
    )
    for parent in folders:
        for match in _in_folder(parent, name, tree, dirs_only):
            yield tree.join(parent, match)


def _in_folder(folder: str, name: str, tree: Tree, dirs_only: bool) -> Iterable[str]:
    """The names in `folder` that `name` matches: itself if it has no magic, any depth of
    folders for "**", else the entries fnmatch accepts (hidden ones only for a hidden name)."""
    if not has_magic(name):
        if name:
            return [name] if tree.exists(tree.join(folder, name) if folder else name) else []
        return [name] if tree.is_dir(folder) else []
    if _is_recursive(name):
        return _all_below(folder, tree, dirs_only, first="")
    names = tree.names(folder, dirs_only)
    if not _is_hidden(name):
        names = [n for n in names if not _is_hidden(n)]
    return fnmatch.filter(names, name)


def _all_below(folder: str, tree: Tree, dirs_only: bool, first: str | None = None) -> Iterator[str]:
    """Every name below `folder`, at any depth, hidden ones and what is below them left out;
    `first` ("" for "**", which also matches no folder at all) before them."""
    if first is not None:
        yield first
    for name in tree.names(folder, dirs_only):
        if not _is_hidden(name):
            yield name
            path = tree.join(folder, name) if folder else name
            for below in _all_below(path, tree, dirs_only):
                yield tree.join(name, below)


def _is_hidden(name: str) -> bool:
    return name[0] == "."


def _is_recursive(name: str) -> bool:
    return name == "**"
