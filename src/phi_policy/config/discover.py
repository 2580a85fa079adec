"""Turn the paths a user typed into the config files to validate.

Files are taken as given, whatever their name (the user chose them). Directories are searched
recursively for *.yaml and *.yml, skipping hidden files and folders (.git, .github, .venv and
.pre-commit-config.yaml are not configs) and node_modules. Glob patterns are expanded (with
`**`). A path that matches nothing is an error rather than a silent success: "validated 0 files"
in CI would hide a typo in the path.
"""

from __future__ import annotations

import glob
import os
import posixpath
import re
from collections.abc import Sequence
from pathlib import Path

from phi_policy.errors import UsageError

DEFAULT_CONFIG = "phi-policy.yaml"
SUFFIXES = (".yaml", ".yml")
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})


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
    path = Path(given)
    if path.is_file():
        return [path]
    if path.is_dir():
        configs = _search(path)
        if not configs:
            raise UsageError(f"no YAML configs found in {given}",
                             hint="configs end in .yaml or .yml; hidden folders are skipped")
        return configs
    if glob.has_magic(given):
        matches = sorted(glob.glob(given, recursive=True))
        matched: list[Path] = []
        for match in map(Path, matches):
            if match.is_file():
                matched.append(match)
            elif match.is_dir():
                matched.extend(_search(match))
        if not matched:
            raise UsageError(f"no YAML configs match {given}",
                             hint="check the pattern; quote it so that the shell leaves it alone")
        return matched
    raise UsageError(f"{given}: no such file or directory")


def _search(folder: Path) -> list[Path]:
    """Every *.yaml / *.yml under `folder`, hidden and vendored folders left out."""
    configs: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        configs.extend(
            Path(root) / name
            for name in sorted(files)
            if not name.startswith(".") and name.lower().endswith(SUFFIXES)
        )
    return configs


def is_fleet(configs: Sequence[str]) -> bool:
    """Fleet mode: two or more configs, or a folder, or a glob (even if it matches one file).
    One plain path, existing or not, is the single-config mode, exactly as before."""
    if len(configs) != 1:
        return len(configs) > 1
    path = Path(configs[0])
    return path.is_dir() or (not path.is_file() and glob.has_magic(configs[0]))



def matching(given: Sequence[str], files: Sequence[str], folder: str) -> list[str]:
    """The files (repository paths) that `given` names, relative to `folder` (the current
    folder in the repository, "." at its root), as `phi-policy validate` reads them on disk:
    a file as it is, a folder's YAML files (hidden and vendored folders skipped), a glob's
    matches (`**` crosses folders) and the YAML files in the folders it matches."""
    found: set[str] = set()
    for item in given:
        pattern = posixpath.normpath(posixpath.join(folder, item.replace("\\", "/")))
        if not _has_magic(item):
            if pattern in files:
                found.add(pattern)
            else:
                found.update(f for f in files if _in_folder(f, pattern))
            continue
        regex = _glob_regex(pattern)
        for f in files:
            if regex.match(f) and not _hidden(f, pattern):
                found.add(f)
                continue
            parts = f.split("/")
            for depth in range(1, len(parts)):
                parent = "/".join(parts[:depth])
                if regex.match(parent) and not _hidden(parent, pattern) and _in_folder(f, parent):
                    found.add(f)
                    break
    return sorted(found)


def _has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def _in_folder(path: str, folder: str) -> bool:
    """A YAML config under `folder`, not under a hidden or vendored folder below it."""
    prefix = "" if folder in ("", ".") else folder.rstrip("/") + "/"
    if not path.startswith(prefix) or not path.lower().endswith(SUFFIXES):
        return False
    below = path[len(prefix):].split("/")
    return not any(p.startswith(".") or p in SKIPPED_DIRS for p in below[:-1]) and not below[
        -1
    ].startswith(".")


def _hidden(path: str, pattern: str) -> bool:
    """Like glob: a wildcard does not match a name starting with a dot."""
    return "/." not in "/" + pattern and any(p.startswith(".") for p in path.split("/"))


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as a regular expression over POSIX paths: `*` and `?` stay within a folder,
    `**/` is any number of folders, `[...]` a character class."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end].replace("\\", "\\\\")
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append(f"[{body}]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")
