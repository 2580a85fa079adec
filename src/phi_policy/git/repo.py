"""Opening the repository and running git in it, every failure turned into a GitError.

Everything else in phi_policy.git runs git through `Repository.git` (or `ask`, for the commands
whose quiet failure is an answer), so every failure, whatever GitPython raises
(GitCommandError, InvalidGitRepositoryError, NoSuchPathError, BadName, ValueError), becomes
`errors.GitError` (exit status 2) with a message saying what could not be read and a hint
saying what to do: the shallow clone of a CI checkout and git's "dubious ownership" refusal
are both named, since they are the two failures a first-time user meets.

GitPython is imported inside the functions that need it, so `phi-policy --help`, `validate`
and `check` without `--rev` never load it. Nothing here touches the working tree, the index
or any ref, so a run never changes the repository.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from phi_policy.errors import GitError

SHALLOW_HINT = (
    "this is a shallow clone; fetch full history (actions/checkout with fetch-depth: 0, "
    "or git fetch --unshallow)"
)
NOT_A_REPO_HINT = "run inside the repository or pass a config inside one"

_DUBIOUS = re.compile(r"dubious ownership in repository at '([^']+)'")
_MISSING = (
    "bad object",
    "missing",
    "not a valid object",
    "unable to read",
    "bad file",
    "not a tree object",
    "does not point to a valid object",
    "corrupt",
)


class Repository:
    """An open repository: its root, whether it is shallow, and GitPython's handle.

    Use it as a context manager: closing it ends the helper processes GitPython keeps.
    """

    def __init__(self, handle: Any, root: Path, shallow: bool) -> None:
        self.handle = handle
        self.root = root
        self.shallow = shallow

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.handle.close()

    def git(self, *args: str, doing: str, binary: bool = False) -> Any:
        """Run one read-only git command; any failure becomes a GitError about `doing`."""
        with translated(self, doing):
            return self.handle.git.execute(
                ["git", *args],
                stdout_as_string=not binary,
                strip_newline_in_stdout=not binary,
            )

    def ask(self, *args: str, doing: str) -> str | None:
        """Run a git command whose quiet failure is an answer, not an error: None when git
        exits 1 and prints nothing on stderr (`rev-parse --verify --quiet` of an unknown name,
        `symbolic-ref -q` on a detached HEAD, `config --get` of an unset key, `merge-base` of
        unrelated histories). Any other failure is a GitError about `doing`."""
        with translated(self, doing):
            git = gitpython()
            try:
                return str(self.handle.git.execute(["git", *args]))
            except git.exc.GitCommandError as error:
                if getattr(error, "status", None) != 1 or stderr_text(error.stderr).strip():
                    raise
        return None

    def relative(self, path: str | os.PathLike[str], cwd: Path | None = None) -> str:
        """`path` (relative to `cwd`, or absolute) as a POSIX path relative to the root.

        The path is a name in git, never resolved through the working tree: a symbolic link
        there stays the link's own name (which `files.check_not_link` then refuses), so a pull
        request cannot point the name of its config or pack at another file. Only the
        folder the user stands in is resolved (the root is too), so that a repository
        reached through a linked folder (/tmp on macOS) still matches.
        """
        here = Path(cwd or Path.cwd()).resolve()
        given = Path(path)
        absolute = Path(os.path.normpath(given if given.is_absolute() else here / given))
        for candidate in (absolute, _resolve_outside(absolute, self.root)):
            try:
                return candidate.relative_to(self.root).as_posix()
            except ValueError:
                continue
        raise GitError(
            f"{path} is outside the repository at {self.root}",
            hint="pass a path inside the repository",
        )


def _resolve_outside(absolute: Path, root: Path) -> Path:
    """An absolute path whose leading folders (those above the repository) are resolved, the
    rest kept as named: `/private/tmp/repo/x` for `/tmp/repo/x` when /tmp is a link."""
    parts = absolute.parts
    for depth in range(len(parts), 0, -1):
        head = Path(*parts[:depth])
        try:
            if head.resolve() == root:
                return root.joinpath(*parts[depth:])
        except OSError:
            continue
    return absolute


def open_repo(path: str | os.PathLike[str] = ".") -> Repository:
    """The repository containing `path` (a file or folder, which need not exist), searching up."""
    git = gitpython()

    start = Path(os.path.abspath(path))
    while not start.is_dir() and start != start.parent:
        start = start.parent
    try:
        handle = git.Repo(start, search_parent_directories=True)
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError):
        raise GitError(f"{start} is not inside a git repository", hint=NOT_A_REPO_HINT) from None
    except Exception as error:  # GitPython reads config files here; anything may go wrong
        raise GitError(
            f"cannot open the repository at {start}: {error}", hint=NOT_A_REPO_HINT
        ) from None
    if handle.working_tree_dir is None:
        handle.close()
        raise GitError(
            f"{start} is inside a bare repository, which has no working tree",
            hint="run phi-policy in a clone with a working tree",
        )
    repo = Repository(handle, Path(handle.working_tree_dir).resolve(), shallow=False)
    try:
        # Also the first git command run: git's ownership check refuses here, not later.
        repo.shallow = (
            repo.git("rev-parse", "--is-shallow-repository", doing="reading the repository")
            == "true"
        )
    except GitError:
        repo.close()
        raise
    return repo


def user_name(repo: Repository) -> str | None:
    """The user.name git would put on a commit made here, if one is configured."""
    return _config_value(repo, "user.name")


def user_email(repo: Repository) -> str | None:
    """The user.email git would put on a commit made here, if one is configured."""
    return _config_value(repo, "user.email")


def _config_value(repo: Repository, key: str) -> str | None:
    value = repo.ask("config", "--get", key, doing=f"reading {key}")
    return (value or "").strip() or None


# --- failures -----------------------------------------------------------------------------------


def gitpython() -> Any:
    """GitPython, imported on first use; GitError when git itself cannot be found."""
    try:
        import git
    except ImportError as error:  # GitPython refuses to import without a git executable
        raise GitError(
            f"cannot use git: {str(error).splitlines()[0]}",
            hint="install git and make sure it is on PATH",
        ) from None
    return git


@contextmanager
def translated(repo: Repository | None, doing: str) -> Iterator[None]:
    """Turn whatever GitPython or gitdb raises while `doing` something into a GitError."""
    git = gitpython()
    import gitdb.exc  # type: ignore[import-untyped]

    try:
        yield
    except GitError:
        raise
    except git.exc.GitCommandNotFound:
        raise GitError(
            f"{doing}: the git executable was not found",
            hint="install git and make sure it is on PATH",
        ) from None
    except git.exc.GitCommandError as error:
        raise command_error(error, repo, doing) from None
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError) as error:
        raise GitError(f"{doing}: {error} is not a git repository", hint=NOT_A_REPO_HINT) from None
    except gitdb.exc.BadObject as error:
        missing = error.args[0] if error.args else ""
        shown = (
            missing.hex()
            if isinstance(missing, bytes) and len(missing) == 20
            else stderr_text(missing)
        )
        raise GitError(
            f"{doing}: git object {shown} is missing", hint=missing_hint(repo)
        ) from None
    except (git.exc.GitError, gitdb.exc.ODBError, ValueError, KeyError, OSError) as error:
        detail = str(error).strip() or type(error).__name__
        raise GitError(f"{doing}: {detail}", hint=missing_hint(repo)) from None


def command_error(error: Any, repo: Repository | None, doing: str) -> GitError:
    """A GitError for a failed git command, read from what git printed."""
    stderr = stderr_text(getattr(error, "stderr", "")).strip()
    dubious = _DUBIOUS.search(stderr)
    if dubious or "dubious ownership" in stderr:
        where = dubious.group(1) if dubious else str(repo.root if repo else ".")
        return GitError(
            f"git refuses to read the repository at {where}: it is owned by another user "
            '("dubious ownership")',
            hint="if you trust this repository, run: "
            f"git config --global --add safe.directory {where}",
        )
    if "not a git repository" in stderr:
        return GitError(f"{doing}: not a git repository", hint=NOT_A_REPO_HINT)
    reason = _fatal_line(stderr) or f"git exited with status {getattr(error, 'status', '?')}"
    lowered = stderr.lower()
    hint: str | None = SHALLOW_HINT if repo is not None and repo.shallow else None
    if hint is None and any(word in lowered for word in _MISSING):
        hint = missing_hint(repo)
    return GitError(f"{doing}: {reason}", hint=hint)


def missing_hint(repo: Repository | None) -> str:
    """What to do about an object git cannot find: in a shallow clone it is beyond the cut."""
    if repo is not None and repo.shallow:
        return SHALLOW_HINT
    return "the repository is missing objects: fetch again, or run git fsck to find the damage"


def _fatal_line(stderr: str) -> str:
    for line in stderr.splitlines():
        line = line.strip()
        if line.startswith(("fatal:", "error:")):
            return line.split(":", 1)[1].strip()
    return stderr.splitlines()[0].strip() if stderr else ""


def stderr_text(value: Any) -> str:
    """What git printed, without the "stderr: '...'" wrapping GitCommandError adds."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = str(value or "")
    wrapped = re.fullmatch(r"\s*stderr: '(.*)'\s*", text, re.DOTALL)
    return wrapped.group(1) if wrapped else text
