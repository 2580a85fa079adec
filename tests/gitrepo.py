"""Real git repositories for tests, built in tmp_path with GitPython.

Every commit has a fixed author, committer and date, so its id is the same on every machine;
nothing is signed (commit.gpgsign false in the repository's own config), and the global and
system git configs are kept out (`isolated_git`), so a developer's settings cannot change a
result and CI, which has no git identity, behaves like a laptop.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import git
import pytest

ROOT = Path(__file__).resolve().parent.parent
LAKESIDE = ROOT / "examples" / "org-config" / "lakeside-health.yaml"
CONFIG = "phi-policy.yaml"

AUTHOR = ("Riley Chen", "riley.chen@lakeside.example")
REVIEWER = ("Dana Whitfield", "dana.whitfield@lakeside.example")
FIRST_DATE = "2026-10-01T09:00:00+00:00"


def lakeside_text() -> str:
    """The green example config, the base of every fixture repository."""
    return LAKESIDE.read_text(encoding="utf-8")


def edit(text: str, old: str, new: str) -> str:
    """`text` with the one occurrence of `old` replaced (a test must change what it means to)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    """The 1-based line on which `fragment` occurs (once)."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(hits) == 1, f"{fragment!r} is on lines {hits}"
    return hits[0]


class GitRepo:
    """A repository in a folder, with helpers that write files and commit them with fixed facts."""

    def __init__(self, path: Path, *, init: bool = True) -> None:
        self.path = path
        if init:
            path.mkdir(parents=True, exist_ok=True)
            self.repo = git.Repo.init(path, initial_branch="main")
            with self.repo.config_writer() as config:
                config.set_value("user", "name", AUTHOR[0])
                config.set_value("user", "email", AUTHOR[1])
                config.set_value("commit", "gpgsign", "false")
                config.set_value("tag", "gpgsign", "false")
                config.set_value("core", "autocrlf", "false")
        else:
            self.repo = git.Repo(path)
        self.commits = 0

    def close(self) -> None:
        self.repo.close()

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        return str(self.repo.git.execute(["git", *args], env=env))

    def write(self, relative: str, text: str) -> Path:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
        return target

    def read(self, relative: str) -> str:
        return (self.path / relative).read_text(encoding="utf-8")

    def commit(
        self,
        message: str,
        *,
        files: dict[str, str] | None = None,
        author: tuple[str, str] = AUTHOR,
        date: str | None = None,
    ) -> str:
        """Write `files`, stage everything, commit with fixed facts; the new commit's id."""
        for relative, text in (files or {}).items():
            self.write(relative, text)
        self.git("add", "-A")
        self.commits += 1
        when = date or f"2026-10-{self.commits:02d}T09:00:00+00:00"
        env = {
            "GIT_AUTHOR_NAME": author[0],
            "GIT_AUTHOR_EMAIL": author[1],
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": author[0],
            "GIT_COMMITTER_EMAIL": author[1],
            "GIT_COMMITTER_DATE": when,
        }
        self.git("commit", "-q", "--no-verify", "-m", message, env=env)
        return self.git("rev-parse", "HEAD")

    def branch(self, name: str) -> None:
        self.git("checkout", "-q", "-b", name)

    def checkout(self, rev: str) -> None:
        self.git("checkout", "-q", rev)


@pytest.fixture()
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the global and system git configs (and any signing or identity in them) out."""
    home = tmp_path_factory.mktemp("git-home")
    empty = home / "gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(home))
    for name in (
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "GIT_AUTHOR_DATE",
        "GIT_COMMITTER_DATE",
    ):
        monkeypatch.delenv(name, raising=False)


class MakeRepo(Protocol):
    """The `make_repo` fixture: a new repository (or an existing one, with init=False)."""

    def __call__(self, path: Path | None = None, *, init: bool = True) -> GitRepo: ...


@pytest.fixture()
def make_repo(tmp_path: Path, isolated_git: None) -> Iterator[MakeRepo]:
    """A factory of GitRepo in tmp_path; every repository made is closed after the test."""
    made: list[GitRepo] = []

    def make(path: Path | None = None, *, init: bool = True) -> GitRepo:
        repo = GitRepo(path or tmp_path / f"repo{len(made)}", init=init)
        made.append(repo)
        return repo

    yield make
    for repo in made:
        repo.close()


@pytest.fixture()
def lakeside_repo(make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """A repository whose main branch holds the Lakeside config as phi-policy.yaml, one
    commit, with the current folder inside it and a branch `feature` checked out."""
    repo = make_repo()
    repo.commit("Add the compliance config", files={CONFIG: lakeside_text()})
    repo.branch("feature")
    monkeypatch.chdir(repo.path)
    return repo


def shallow_clone(source: GitRepo, destination: Path, branch: str = "main") -> GitRepo:
    """`git clone --depth 1 --single-branch --branch BRANCH file://...`: history cut after one
    commit and no other branch, as a CI checkout of a pull request."""
    git.Repo.clone_from(
        f"file://{source.path}", destination, depth=1, single_branch=True, branch=branch
    ).close()
    return GitRepo(destination, init=False)
