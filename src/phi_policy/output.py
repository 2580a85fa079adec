"""Writing what the tool produces without ever leaving half a file behind.

Every file is written to a temporary file in the same folder and renamed into place, so an
interrupted run leaves the old file or the new one, never a mix.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from phi_policy.errors import UsageError


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {target}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        # mkstemp creates 0600; give the file the mode a plain open() would have had.
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The existing file's mode, else what the umask allows for a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def emit(text: str, output: str | None) -> None:
    """Send a report to a file (atomically) or to standard output."""
    if output and output != "-":
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
