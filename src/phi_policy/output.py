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
    """Write `text` to `path` through a temporary file in the same folder.

    A path the tool cannot write (a read-only folder, a folder in the way, a path under a
    file, a dangling symbolic link) is the user's to fix: UsageError, exit 2, naming it.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(f"cannot write {target}: {folder} {what}",
                         hint="give a path in an existing folder")
    if target.is_symlink():
        raise UsageError(f"cannot write {target}: it is a symbolic link",
                         hint="give the path of a regular file; phi-policy does not write "
                         "through links")
    if target.is_dir():
        raise UsageError(f"cannot write {target}: it is a folder", hint="give a file's path")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise unwritable(target, error) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        # mkstemp creates 0600; give the file the mode a plain open() would have had.
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise unwritable(target, error) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def unwritable(target: Path, error: OSError) -> UsageError:
    """The error for a file or folder the tool could not write: what, why, and what to do."""
    reason = error.strerror or str(error) or type(error).__name__
    return UsageError(f"cannot write {target}: {reason}",
                      hint="check the path and that you may write in its folder")


def _mode_for(target: Path) -> int:
    """The existing file's mode, else what the umask allows for a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def emit(
    text: str, output: str | None, *, commands: bool = False, fit: bool = False,
    color: bool = False,
) -> None:
    """Send a report to a file (atomically) or to standard output.

    Standard output defuses any line that would start a CI workflow command (see
    `phi_policy.safe_text`); `commands=True` is for the `github` formats, whose workflow
    commands are meant, and whose data `safe_text.command` escaped. `fit=True` (the text
    formats) wraps what goes to standard output to the terminal's width (80 when it is not a
    terminal); a file keeps its lines whole. `color=True` colors the words a reader scans
    for, in the text reports that do not color themselves (`reporters.terminal.paint`).
    """
    if output and output != "-":
        write_atomic(output, text)
        return
    if fit:
        from phi_policy.reporters.terminal import fit as fit_text
        from phi_policy.reporters.terminal import terminal_width

        text = fit_text(text, terminal_width(sys.stdout))
    if color:
        from phi_policy.reporters.terminal import paint

        text = paint(text)
    raw = getattr(sys.stdout, "raw", None)
    if commands and raw is not None:
        raw(text)
        return
    sys.stdout.write(text)
    sys.stdout.flush()
