"""The git edge: revisions, blobs, history following renames, merge bases, and every failure
turned into a GitError with a message and a hint. Real repositories in tmp_path, fixed dates."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import git
import gitdb.exc  # type: ignore[import-untyped]
import pytest

from phi_policy.errors import GitError
from phi_policy.git.changes import changed_files, commits_for_path, config_log, last_change
from phi_policy.git.files import path_at, read_blob
from phi_policy.git.repo import SHALLOW_HINT, command_error, open_repo, translated, user_name
from phi_policy.git.revisions import default_branch_merge_base, resolve, resolve_sha
from tests import gitrepo
from tests.gitrepo import (
    AUTHOR,
    CONFIG,
    REVIEWER,
    GitRepo,
    MakeRepo,
    edit,
    lakeside_text,
    line_of,
    shallow_clone,
)

#: fixtures shared with the other git tests
isolated_git = gitrepo.isolated_git
make_repo = gitrepo.make_repo

LOGOFF_15 = "automatic_logoff_minutes: 15 "
LOGOFF_60 = "automatic_logoff_minutes: 60 "


@pytest.fixture()
def two_commits(make_repo: MakeRepo) -> GitRepo:
    """main: the Lakeside config, then a commit raising the logoff to 60 minutes."""
    repo = make_repo()
    repo.commit("Add the compliance config", files={CONFIG: lakeside_text()})
    repo.commit(
        "Raise automatic logoff",
        files={CONFIG: edit(lakeside_text(), LOGOFF_15, LOGOFF_60)},
        author=REVIEWER,
    )
    return repo


def _error(call, *args, **kwargs) -> GitError:  # type: ignore[no-untyped-def]
    with pytest.raises(GitError) as info:
        call(*args, **kwargs)
    return info.value


# --- reading ------------------------------------------------------------------------------------


def test_resolve_gives_the_commit_facts(two_commits: GitRepo) -> None:
    with open_repo(two_commits.path) as repo:
        head = resolve(repo, "HEAD")
        first = resolve(repo, "HEAD~1")
    assert head.sha == two_commits.git("rev-parse", "HEAD")
    assert head.short_sha == head.sha[: len(head.short_sha)] and len(head.short_sha) >= 7
    assert (head.author_name, head.author_email) == REVIEWER
    assert (head.committer_name, head.committer_email) == REVIEWER
    assert head.author_date == head.date == dt.date(2026, 10, 2)
    assert head.author_datetime == head.committer_datetime == "2026-10-02T09:00:00+00:00"
    assert head.subject == "Raise automatic logoff"
    assert head.parents == (first.sha,)
    assert head.signature == "unsigned"
    assert first.parents == () and (first.author_name, first.author_email) == AUTHOR


def test_read_blob_reads_the_commit_not_the_working_tree(two_commits: GitRepo) -> None:
    two_commits.write(CONFIG, "not: committed\n")
    with open_repo(two_commits.path / CONFIG) as repo:
        text, blob = read_blob(repo, "HEAD~1", CONFIG)
        newer, _ = read_blob(repo, "HEAD", CONFIG)
    assert text == lakeside_text()
    assert blob == two_commits.git("rev-parse", f"HEAD~1:{CONFIG}")
    assert LOGOFF_60 in newer


def test_open_repo_searches_parent_folders_and_paths_are_relative_to_the_root(
    two_commits: GitRepo,
) -> None:
    sub = two_commits.path / "deploy" / "prod"
    sub.mkdir(parents=True)
    with open_repo(sub / "missing.yaml") as repo:
        assert repo.root == two_commits.path.resolve()
        assert repo.shallow is False
        assert repo.relative("../x.yaml", sub) == "deploy/x.yaml"
        assert repo.relative(two_commits.path / CONFIG) == CONFIG
        error = _error(repo.relative, "/etc/passwd")
    assert error.message == f"/etc/passwd is outside the repository at {two_commits.path.resolve()}"


def test_history_follows_a_rename_newest_first(make_repo: MakeRepo) -> None:
    repo = make_repo()
    first = repo.commit("Add config", files={"compliance.yaml": lakeside_text()})
    repo.git("mv", "compliance.yaml", CONFIG)
    moved = repo.commit("Rename the config")
    changed = repo.commit(
        "Raise logoff", files={CONFIG: edit(lakeside_text(), LOGOFF_15, LOGOFF_60)}
    )
    with open_repo(repo.path) as opened:
        history = commits_for_path(opened, CONFIG)
        at_first = path_at(opened, first, CONFIG)
    assert [(h.sha, h.change, h.path, h.old_path) for h in history] == [
        (changed, "modified", CONFIG, None),
        (moved, "renamed", CONFIG, "compliance.yaml"),
        (first, "added", "compliance.yaml", None),
    ]
    assert [h.subject for h in history] == [
        "Raise logoff",
        "Rename the config",
        "Add config",
    ]
    assert at_first == "compliance.yaml"


def test_no_subject_or_file_name_passes_for_another_record(make_repo: MakeRepo) -> None:
    repo = make_repo()
    hostile = "\x1e:100644 100644 x y D\x1fnot.yaml"
    first = repo.commit(f"Add {hostile}", files={hostile: lakeside_text()})
    repo.git("mv", hostile, CONFIG)
    moved = repo.commit(f"Rename {hostile}")
    with open_repo(repo.path) as opened:
        line = config_log(opened, CONFIG)
        history = commits_for_path(opened, CONFIG)
        head = resolve(opened, "HEAD")
    assert [(c.sha, c.change, c.path, c.old_path, c.subject) for c in line] == [
        (first, "added", hostile, None, f"Add {hostile}"),
        (moved, "renamed", CONFIG, hostile, f"Rename {hostile}"),
    ]
    assert [(c.sha, c.change) for c in history] == [(moved, "renamed"), (first, "added")]
    assert head.subject == f"Rename {hostile}" and head.sha == moved


def test_merge_base_with_the_default_branch(make_repo: MakeRepo) -> None:
    repo = make_repo()
    fork = repo.commit("Add config", files={CONFIG: lakeside_text()})
    repo.branch("feature")
    repo.commit("Raise logoff", files={CONFIG: edit(lakeside_text(), LOGOFF_15, LOGOFF_60)})
    repo.checkout("main")
    repo.commit("Unrelated", files={"README.md": "hello\n"})
    repo.checkout("feature")
    with open_repo(repo.path) as opened:
        assert default_branch_merge_base(opened) == ("main", fork)


def test_merge_base_prefers_origin_head_in_a_clone(make_repo: MakeRepo, tmp_path: Path) -> None:
    upstream = make_repo()
    upstream.git("checkout", "-q", "-b", "trunk")
    fork = upstream.commit("Add config", files={CONFIG: lakeside_text()})
    git.Repo.clone_from(str(upstream.path), tmp_path / "clone").close()
    cloned = make_repo(tmp_path / "clone", init=False)
    cloned.git("checkout", "-q", "-b", "feature")
    with open_repo(cloned.path) as opened:
        assert default_branch_merge_base(opened) == ("origin/trunk", fork)


def test_detached_head_works(two_commits: GitRepo) -> None:
    first = two_commits.git("rev-parse", "HEAD~1")
    two_commits.checkout(first)
    with open_repo(two_commits.path) as repo:
        assert resolve(repo, "HEAD").sha == first
        assert read_blob(repo, "HEAD", CONFIG)[0] == lakeside_text()
        assert default_branch_merge_base(repo) == ("main", first)


def test_changed_files_in_the_working_tree_count_untracked_files(make_repo: MakeRepo) -> None:
    repo = make_repo()
    base = repo.commit(
        "Pack", files={"rules/a.py": "A = 1\n", "rules/b.py": "B = 1\n", "other.py": ""}
    )
    repo.write("rules/a.py", "A = 2\n")
    repo.write("rules/new.py", "N = 1\n")
    (repo.path / "rules" / "b.py").unlink()
    repo.write("other.py", "changed\n")
    with open_repo(repo.path) as opened:
        changes = changed_files(opened, base, None, ["rules"])
    assert [(c.status, c.path) for c in changes] == [
        ("modified", "rules/a.py"),
        ("deleted", "rules/b.py"),
        ("added", "rules/new.py"),
    ]


def test_last_change_names_the_commit_or_none_for_uncommitted_lines(two_commits: GitRepo) -> None:
    with open_repo(two_commits.path) as repo:
        line = line_of(lakeside_text(), LOGOFF_15)
        by = last_change(repo, "HEAD", CONFIG, line, line)
        older = last_change(repo, "HEAD", CONFIG, 1, 3)
        two_commits.write(CONFIG, "# uncommitted\n" + two_commits.read(CONFIG))
        uncommitted = last_change(repo, None, CONFIG, 1, 1)
        assert user_name(repo) == AUTHOR[0]
    assert by is not None and (by.author_name, by.subject) == (
        REVIEWER[0],
        "Raise automatic logoff",
    )
    assert older is not None and older.subject == "Add the compliance config"
    assert uncommitted is None


# --- failures -----------------------------------------------------------------------------------


def test_not_a_repository(tmp_path: Path, isolated_git: None) -> None:
    error = _error(open_repo, tmp_path / CONFIG)
    assert error.message == f"{tmp_path} is not inside a git repository"
    assert error.hint == "run inside the repository or pass a config inside one"
    assert error.exit_code == 2


def test_unknown_revision_says_which(two_commits: GitRepo) -> None:
    with open_repo(two_commits.path) as repo:
        error = _error(resolve, repo, "no-such-branch")
        option = _error(resolve, repo, "--output=/tmp/x")
    assert error.message == "unknown revision 'no-such-branch': git knows no commit by that name"
    assert (
        error.hint == "check the name with git log --oneline, and fetch the branch if it is remote"
    )
    assert option.message == "'--output=/tmp/x' is not a revision"


def test_config_absent_at_a_revision_names_path_and_revision(two_commits: GitRepo) -> None:
    with open_repo(two_commits.path) as repo:
        sha = resolve_sha(repo, "HEAD~1")
        error = _error(read_blob, repo, "HEAD~1", "configs/other.yaml")
    assert error.message == f"configs/other.yaml does not exist at HEAD~1 ({sha[:12]})"
    assert error.hint is not None and "committed at that revision" in error.hint


def test_config_renamed_away_says_to_what(make_repo: MakeRepo) -> None:
    repo = make_repo()
    repo.commit("Add config", files={"compliance.yaml": lakeside_text()})
    repo.git("mv", "compliance.yaml", CONFIG)
    renamed = repo.commit("Rename the config")
    with open_repo(repo.path) as opened:
        error = _error(read_blob, opened, "HEAD", "compliance.yaml")
    assert error.message == (
        f"compliance.yaml does not exist at HEAD ({renamed[:12]}); it was renamed to {CONFIG} since"
    )
    assert error.hint == f"pass the config as {CONFIG}, or a revision where compliance.yaml exists"


def test_shallow_clone_says_to_fetch_full_history(two_commits: GitRepo, tmp_path: Path) -> None:
    two_commits.git("branch", "feature")
    clone = shallow_clone(two_commits, tmp_path / "shallow", branch="feature")
    try:
        with open_repo(clone.path) as repo:
            assert repo.shallow is True
            assert LOGOFF_60 in read_blob(repo, "HEAD", CONFIG)[0]
            error = _error(resolve, repo, "HEAD~1")
            merge = _error(default_branch_merge_base, repo, "HEAD")
    finally:
        clone.close()
    assert error.message == "unknown revision 'HEAD~1': git knows no commit by that name"
    assert error.hint == SHALLOW_HINT
    assert merge.message == (
        "cannot find the merge base of HEAD with the default branch (tried "
        "origin/HEAD, main, master, origin/main, origin/master)"
    )
    assert merge.hint == SHALLOW_HINT


def test_missing_object_is_a_clear_error(two_commits: GitRepo) -> None:
    blob = two_commits.git("rev-parse", f"HEAD~1:{CONFIG}")
    loose = two_commits.path / ".git" / "objects" / blob[:2] / blob[2:]
    loose.chmod(0o644)
    loose.unlink()
    with open_repo(two_commits.path) as repo:
        error = _error(read_blob, repo, "HEAD~1", CONFIG)
        absent = _error(resolve, repo, "0" * 39 + "1")
    assert error.message.startswith(f"reading {CONFIG} at HEAD~1: ")
    assert (
        error.hint
        == "the repository is missing objects: fetch again, or run git fsck to find the damage"
    )
    assert (
        absent.message == f"commit {'0' * 39}1 is not in this repository (its objects are missing)"
    )


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_dubious_ownership_is_named_with_the_safe_directory_hint(two_commits: GitRepo) -> None:
    for folder, _, files in os.walk(two_commits.path):
        os.chown(folder, 65534, 65534)
        for name in files:
            os.chown(os.path.join(folder, name), 65534, 65534)
    error = _error(open_repo, two_commits.path)
    assert error.message == (
        f"git refuses to read the repository at {two_commits.path}: it is owned "
        'by another user ("dubious ownership")'
    )
    assert error.hint == (
        f"if you trust this repository, run: git config --global --add "
        f"safe.directory {two_commits.path}"
    )


def test_dubious_ownership_message_from_git_is_recognised() -> None:
    stderr = (
        "fatal: detected dubious ownership in repository at '/srv/repo'\n"
        "To add an exception for this directory, call:\n"
    )
    error = command_error(
        git.exc.GitCommandError(["git", "log"], 128, stderr), None, "reading"
    )
    assert error.message == (
        "git refuses to read the repository at /srv/repo: it is owned by another "
        'user ("dubious ownership")'
    )
    assert (
        error.hint
        == "if you trust this repository, run: git config --global --add safe.directory /srv/repo"
    )


@pytest.mark.parametrize(
    ("raised", "message"),
    [
        (
            git.exc.GitCommandError(["git", "show"], 128, "fatal: bad object abc"),
            "reading: bad object abc",
        ),
        (gitdb.exc.BadName("abc"), "reading: Ref 'abc' did not resolve to an object"),
        (
            gitdb.exc.BadObject(bytes.fromhex("ab" * 20)),
            f"reading: git object {'ab' * 20} is missing",
        ),
        (ValueError("SHA abc could not be resolved"), "reading: SHA abc could not be resolved"),
        (git.exc.InvalidGitRepositoryError("/x"), "reading: /x is not a git repository"),
        (git.exc.NoSuchPathError("/y"), "reading: /y is not a git repository"),
    ],
)
def test_every_gitpython_failure_becomes_a_git_error(raised: Exception, message: str) -> None:
    with pytest.raises(GitError) as info, translated(None, "reading"):
        raise raised
    assert info.value.message == message
    assert info.value.exit_code == 2


def test_help_and_check_without_rev_never_import_git(examples_dir: Path) -> None:
    script = (
        "import sys\n"
        "from phi_policy.cli import run\n"
        "assert run(['--help']) == 0\n"
        f"assert run(['check', {str(examples_dir / 'lakeside-health.yaml')!r}, '-q', "
        "'--as-of', '2026-11-01']) == 0\n"
        "assert 'git' not in sys.modules, 'git was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
