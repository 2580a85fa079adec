"""The control catalog's digest, recorded in an evidence bundle: which rules judged the scores.

`verify` compares it with the installed catalog's before it compares scores, so a bundle
judged by other rules is reported as such instead of as tampered with.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from phi_policy.catalog.packs import Catalog


def catalog_version(catalog: Catalog) -> str:
    """SHA-256 over what decides a score: every control's id, domain, weight, severity,
    legal basis, citations, profiles and tailorable number (not titles or prose), and the
    source of every module of every pack (`pack_sources`).

    A verifier whose catalog gives another digest is judging with other rules, so a score
    that differs is not evidence of tampering. The code counts as much as the metadata: a
    pack whose controls keep their ids and weights but always pass is another catalog.
    """
    data = {
        "controls": [
            {
                "id": c.id,
                "domain": c.domain,
                "weight": c.weight,
                "severity": c.severity,
                "basis": c.basis,
                "citations": [x.section for x in c.citations],
                "profiles": list(c.profiles),
                "tailorable": c.tailorable,
            }
            for c in sorted(catalog.controls, key=lambda c: c.id)
        ],
        "sources": pack_sources(catalog),
    }
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pack_sources(catalog: Catalog) -> list[list[str]]:
    """[pack, file, sha256] for every Python file of every pack the catalog was loaded from
    (helpers starting with "_" too: they decide outcomes as much as the controls do), with
    paths relative to the pack's folder, so the digest is the same on every machine. Files a
    control was declared in outside those folders (an entry point's module) are named by
    their file name."""
    from phi_policy.resources import builtin_controls_dir

    folders: list[tuple[str, Path]] = [("builtin", builtin_controls_dir())]
    if catalog.loaded_with is not None:
        folders += [(f"pack {i + 1}", Path(d)) for i, d in enumerate(catalog.loaded_with[0])]
    found: dict[str, list[str]] = {}
    for label, folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            key = str(path.resolve())
            found[key] = [label, path.relative_to(folder).as_posix(), _file_digest(path)]
    for control in catalog.controls:
        file = control.origin.rsplit(":", 1)[0]
        path = Path(file)
        if path.is_file() and str(path.resolve()) not in found:
            found[str(path.resolve())] = [control.pack, path.name, _file_digest(path)]
    return sorted(found.values())


def _file_digest(path: Path) -> str:
    """A file that cannot be read is still listed, as "unreadable", so that it is not
    silently left out of the digest."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"
