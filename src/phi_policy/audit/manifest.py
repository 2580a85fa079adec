"""The evidence bundle's files and manifest: the format the writer and the verifier share.

A bundle is a folder of named files and manifest.json, written last, with the head commit and
the SHA-256 of every other file. The writer makes the manifest here and the verifier reads and
checks it here, so that both agree on the names, the JSON text and the digests without the
verifier reaching into the writer. The manifest alone proves nothing (whoever edits a file can
edit the manifest): it names which file changed, and recomputation (`verify`) does the rest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from phi_policy.errors import InputError

EVIDENCE = "evidence.json"
ASSESSMENT = "assessment.json"
REPORT = "report.html"
MANIFEST = "manifest.json"


def json_text(data: Any) -> str:
    """A bundle's JSON file: sorted keys, indented, UTF-8 as is, so the same data gives the
    same bytes (and digests) on every machine."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(head: str, files: Mapping[str, str]) -> str:
    """manifest.json: the head commit and the SHA-256 of every other file of the bundle."""
    digests = {name: sha256(text.encode("utf-8")) for name, text in sorted(files.items())}
    return json_text({"head": head, "files": digests})


def load_json(path: Path, what: str) -> Any:
    """A JSON file of the bundle; InputError when it is missing (the folder is no bundle) or
    unreadable, naming `what` it was meant to be."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            f"{path.parent} is not an evidence bundle: it has no {path.name}"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError(f"{path}: cannot read {what}: {error}") from None


def read_manifest(folder: Path) -> tuple[str, dict[str, str]]:
    """(the head, the digest of each file by name); InputError when `folder` holds no
    manifest of this format, or one naming a file outside the folder (or itself)."""
    if not folder.is_dir():
        raise InputError(f"{folder} is not an evidence bundle: no such folder")
    data = load_json(folder / MANIFEST, "the manifest")
    files = data.get("files") if isinstance(data, dict) else None
    head = data.get("head") if isinstance(data, dict) else None
    if (
        not isinstance(files, dict)
        or not isinstance(head, str)
        or EVIDENCE not in files
        or not all(isinstance(v, str) for v in files.values())
    ):
        raise InputError(
            f"{folder / MANIFEST} is not an evidence bundle's manifest: it needs "
            f'"head" and "files" (with {EVIDENCE})'
        )
    for name in files:
        parts = Path(name).parts
        if Path(name).is_absolute() or ".." in parts or name == MANIFEST:
            raise InputError(f"{folder / MANIFEST}: {name!r} is not a file of the bundle")
    return head, files


def check_files(folder: Path, files: Mapping[str, str]) -> list[str]:
    """A mismatch for each file whose digest differs, that is missing, or that was added."""
    found = []
    for name, digest in sorted(files.items()):
        path = folder / name
        if not path.is_file():
            found.append(f"{name}: missing (the manifest lists it)")
            continue
        now = sha256(path.read_bytes())
        if now != digest:
            found.append(
                f"{name}: changed since the bundle was written (sha256 {now[:16]}..., the "
                f"manifest says {digest[:16]}...)"
            )
    present = sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
    )
    for name in present:
        if name != MANIFEST and name not in files:
            found.append(f"{name}: not in the manifest (added after the bundle was written)")
    return found
