"""Finding and importing the modules of control packs: pack folders and installed entry points.

A pack is a folder of Python modules (files and folders starting with "_" or "." are helpers,
not scanned), or a module or package that an installed distribution names under the
`phi_policy.controls` entry point group. A pack file is imported under a name made from its
resolved path, so that two packs with a module of the same name never share one.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from phi_policy.errors import PackError

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

ENTRY_POINT_GROUP = "phi_policy.controls"


def import_file(path: Path) -> ModuleType:
    """The module at `path`, imported once per run; a module that fails to import is a
    PackError naming the file, never a traceback from inside the loader."""
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    name = f"phi_policy_pack_{digest}_{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise PackError(f"{path}: cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        del sys.modules[name]
        raise PackError(
            f"{path}: the control module failed to import: {type(error).__name__}: {error}",
            hint="fix the module, or remove it from the pack folder",
        ) from error
    return module


def pack_modules(directory: Path) -> list[Path]:
    """The modules of a pack folder, in a stable order (helpers starting with '_' excluded)."""
    if not directory.is_dir():
        raise PackError(
            f"control pack {directory} is not a folder", hint="pass a folder of .py files"
        )
    return sorted(
        p
        for p in directory.rglob("*.py")
        if not any(part.startswith(("_", ".")) for part in p.relative_to(directory).parts)
    )


def declared_somewhere(group: str = ENTRY_POINT_GROUP) -> bool:
    """Whether an installed distribution may declare an entry point of `group`: False only
    when every folder on sys.path was read and none of their `entry_points.txt` names it.

    Asking importlib.metadata costs a start-up of some 20 ms (it imports email, zipfile and
    csv, then parses every distribution's metadata), a tenth of a whole `check`, and almost
    every installation has no control pack. So the folders are looked at first; anything
    importlib.metadata could see that this look cannot (a zip on sys.path, a finder that
    lists distributions of its own) means "maybe", and importlib.metadata decides.
    """
    from importlib.machinery import PathFinder

    if any(
        finder is not PathFinder and hasattr(finder, "find_distributions")
        for finder in sys.meta_path
    ):
        return True
    needle = group.encode()
    for entry in sys.path:
        folder = entry or "."
        try:
            with os.scandir(folder) as items:
                names = [i.path for i in items if i.name.endswith((".dist-info", ".egg-info"))]
        except NotADirectoryError:
            return True  # a zip or an egg file: importlib.metadata can read it, this cannot
        except OSError:
            continue  # a folder that does not exist is skipped by importlib.metadata too
        for name in names:
            if os.path.isfile(name):
                return True  # an .egg-info file: the old format, left to importlib.metadata
            try:
                with open(os.path.join(name, "entry_points.txt"), "rb") as handle:
                    if needle in handle.read():
                        return True
            except OSError:
                continue
    return False


def entry_point_targets() -> Iterator[tuple[EntryPoint, object]]:
    """Each installed entry point of the pack group, by name, with what it loads.

    Lazy, so that a pack is loaded only once the ones before it were collected; and without
    asking importlib.metadata at all when `declared_somewhere` finds no distribution that may
    declare one.
    """
    if not declared_somewhere():
        return
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            target = ep.load()
        except Exception as error:
            raise PackError(
                f"entry point {ep.name} ({ep.value}) failed to load: {error}"
            ) from error
        yield ep, target
