"""What the attack tests share: running the CLI, committing with chosen facts, the examples."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from phi_policy.cli import run
from tests.gitrepo import ROOT, GitRepo

AS_OF = ["--as-of", "2026-11-01"]
RIVERBEND = ROOT / "examples" / "org-config" / "riverbend-clinic.yaml"
QUICKDOC = ROOT / "examples" / "org-config" / "quickdoc-startup.yaml"
MALLORY = ("Riley Chen", "riley.chen@lakeside.example")
DANA = ("Dana Whitfield", "dana.whitfield@lakeside.example")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def commit_as(
    repo: GitRepo,
    message: str,
    *,
    author: tuple[str, str] = MALLORY,
    date: str,
    committer_date: str | None = None,
    files: dict[str, str] | None = None,
) -> str:
    """Write `files`, stage everything, commit with these facts; the new commit's id."""
    for relative, text in (files or {}).items():
        repo.write(relative, text)
    repo.git("add", "-A")
    env = {
        "GIT_AUTHOR_NAME": author[0],
        "GIT_AUTHOR_EMAIL": author[1],
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": author[0],
        "GIT_COMMITTER_EMAIL": author[1],
        "GIT_COMMITTER_DATE": committer_date or date,
    }
    repo.git("commit", "-q", "--no-verify", "--allow-empty", "-m", message, env=env)
    return repo.git("rev-parse", "HEAD")


def raw_commit(repo: GitRepo, message: str, stamp: str, *, files: dict[str, str]) -> str:
    """A commit whose author and committer lines end in `stamp` ("<epoch> <zone>") exactly as
    given, written as a raw object: some git versions normalize a zone like +9959 on commit,
    others store it, and a repository may hold what any git wrote."""
    for relative, text in files.items():
        repo.write(relative, text)
    repo.git("add", "-A")
    tree = repo.git("write-tree")
    parent = repo.git("rev-parse", "HEAD")
    body = (
        f"tree {tree}\nparent {parent}\n"
        f"author {MALLORY[0]} <{MALLORY[1]}> {stamp}\n"
        f"committer {MALLORY[0]} <{MALLORY[1]}> {stamp}\n\n{message}\n"
    )
    sha = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"], input=body.encode(),
        cwd=repo.path, capture_output=True, check=True,
    ).stdout.decode().strip()
    repo.git("update-ref", "HEAD", sha)
    return sha


def lines_starting_commands(text: str) -> list[str]:
    """The lines GitHub's runner would run as workflow commands: after trimming leading
    white space they start with `::` (lines split at CR and LF, as the runner does), or they
    hold the legacy `##[`."""
    import re

    return [
        line for line in re.split(r"\r\n|\r|\n", text)
        if line.lstrip().startswith("::") or "##[" in line
    ]


def phi_policy(*args: str, cwd: Path, env: dict[str, str] | None = None,
               stdout: int = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    """The installed phi-policy in a child process (to see exit status, streams, signals),
    with standard output to a pipe or to the file descriptor `stdout` (a terminal)."""
    import os

    full = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "phi_policy", *args], cwd=cwd, env=full,
                          stdout=stdout, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                          timeout=120, check=False)
