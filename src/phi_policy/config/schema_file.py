"""The config schema as a file beside the config, so that an editor finds it offline.

A modeline that names a URL needs a server (nothing serves the schema's `$id`), and one that
names `../../schemas/...` breaks as soon as the config is copied elsewhere. A copy of the
schema beside the config, named by a relative modeline, works offline, on any machine, and
after a copy of the two files together. `phi-policy schema --write` and `phi-policy init`
write that copy; they never replace a different file without being told to, since it may be
the schema of another phi-policy version that the config was written for.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from phi_policy import resources
from phi_policy.errors import PhiPolicyError
from phi_policy.output import write_atomic

#: The file name the copy is given, the installed schema's own name.
SCHEMA_FILE = "org-config.schema.json"
#: The first line of a config that uses the copy beside it (yaml-language-server resolves a
#: relative reference against the config's folder).
MODELINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}"

Written = Literal["written", "unchanged", "differs"]


def schema_text() -> str:
    """The schema of this phi-policy version, exactly as installed."""
    path = resources.schema_path(SCHEMA_FILE)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise PhiPolicyError(f"the schema is missing from {path}: {error.strerror or error}",
                             hint="reinstall phi-policy") from None


def target_for(path: str | os.PathLike[str]) -> Path:
    """Where `--write PATH` writes: PATH itself, or PATH/org-config.schema.json for a folder."""
    given = Path(path)
    return given / SCHEMA_FILE if given.is_dir() else given


def write(target: Path, *, force: bool = False) -> Written:
    """Write the schema to `target`, unless it is there already or a different file is there
    and `force` is false ("differs": nothing written). Atomic, like every file written."""
    text = schema_text()
    if target.exists():
        try:
            current = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current == text:
            return "unchanged"
        if not force:
            return "differs"
    write_atomic(target, text)
    return "written"
