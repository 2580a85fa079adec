"""Paths are names in git (issue 11, items 1, 2 and 5).

A pull request must not be able to choose what the gate reads by turning a name into a link:
the config or a custom pack that is a symbolic link at either revision is refused (exit 2,
naming it), a pack folder gone or no longer a folder at the head fails the gate, and no
command prints a file's contents back.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import gitrepo, test_packs
from tests.gitrepo import CONFIG, GitRepo, lakeside_text
from tests.security._attack import AS_OF, QUICKDOC, cli
from tests.test_diff_cli import HOUSE_RULE, STRICT

isolated_git = gitrepo.isolated_git
lakeside_repo = gitrepo.lakeside_repo
make_repo = gitrepo.make_repo
forget_pack_modules = test_packs._forget_pack_modules

SECRET = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAtopsecret\n"
ALWAYS_PASS = HOUSE_RULE.format(extra="", body="    return passed('house rule met', LOGOFF)")


def _link(repo: GitRepo, name: str, target: str) -> None:
    path = repo.path / name
    if path.is_dir() and not path.is_symlink():
        raise AssertionError(f"{name} is a folder")
    if path.exists() or path.is_symlink():
        path.unlink()
    os.symlink(target, path)


@pytest.fixture()
def weak_file_repo(lakeside_repo: GitRepo) -> GitRepo:
    """main: the green Lakeside config and, unchanged since, a weak old config beside it."""
    lakeside_repo.checkout("main")
    lakeside_repo.commit("Keep the startup's old config",
                         files={"legacy/old.yaml": QUICKDOC.read_text("utf-8")})
    lakeside_repo.git("checkout", "-q", "-B", "feature")
    return lakeside_repo


def test_a_config_turned_into_a_link_to_another_file_is_refused(
    weak_file_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 1: diff resolved the name through the working tree and compared old.yaml with
    itself, so a drop to the weak config passed."""
    _link(weak_file_repo, CONFIG, "legacy/old.yaml")
    weak_file_repo.commit("Point the config at the legacy file")
    for args in (["main", "HEAD"], ["main"]):  # the head committed, and the working tree
        code, out, err = cli(capsys, "diff", *args, *AS_OF)
        assert code == 2, out
        assert out == ""
        assert err.splitlines()[0].startswith(f"phi-policy: error: {CONFIG} is a symbolic link")
        assert "refuses to follow it" in err


def test_a_config_that_is_a_link_in_git_is_refused_by_check_rev_and_history(
    weak_file_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    _link(weak_file_repo, CONFIG, "legacy/old.yaml")
    weak_file_repo.commit("Point the config at the legacy file")
    code, _, err = cli(capsys, "check", "--rev", "HEAD", *AS_OF)
    assert code == 2 and f"{CONFIG} is a symbolic link" in err
    code, _, err = cli(capsys, "history")
    assert code == 2 and f"{CONFIG} is a symbolic link" in err


def _pack_repo(repo: GitRepo) -> GitRepo:
    repo.checkout("main")
    repo.commit("House rules", files={"rules/house.py": STRICT})
    repo.git("checkout", "-q", "-B", "feature")
    return repo


def test_a_pack_moved_and_left_as_a_link_is_refused(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str], forget_pack_modules: None
) -> None:
    """Item 2: the base's controls were never loaded (the link resolved to a folder that is
    not at the base), the gate passed, and the report said the base's rules judged it."""
    repo = _pack_repo(lakeside_repo)
    repo.git("mv", "rules", "rules2")
    repo.write("rules2/house.py", ALWAYS_PASS)
    _link(repo, "rules", "rules2")
    repo.commit("Move the house rules")
    for args in (["main", "HEAD"], ["main"]):
        code, out, err = cli(capsys, "diff", *args, *AS_OF, "--controls", "rules")
        assert code == 2, out
        assert err.startswith("phi-policy: error: rules is a symbolic link")


def test_a_pack_left_as_a_link_out_of_the_repository_is_refused(
    lakeside_repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    forget_pack_modules: None,
) -> None:
    """Item 2: with a link outside the repository, the head's pack was loaded from disk and
    no rule change was reported at all."""
    repo = _pack_repo(lakeside_repo)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "house.py").write_text(ALWAYS_PASS, encoding="utf-8")
    repo.git("rm", "-rq", "rules")
    _link(repo, "rules", str(outside))
    repo.commit("Use the shared house rules")
    code, out, err = cli(capsys, "diff", "main", "HEAD", *AS_OF, "--controls", "rules")
    assert code == 2, out
    assert err.startswith("phi-policy: error: rules is a symbolic link")


@pytest.mark.parametrize("replacement", ["deleted", "a file"])
def test_a_pack_folder_gone_or_changed_type_at_the_head_fails_the_gate(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str], forget_pack_modules: None,
    replacement: str,
) -> None:
    repo = _pack_repo(lakeside_repo)
    repo.git("rm", "-rq", "rules")
    if replacement == "a file":
        repo.write("rules", "nothing to see\n")
    repo.commit("Drop the house rules")
    status = "deleted" if replacement == "deleted" else "no longer a folder"
    code, out, err = cli(capsys, "diff", "main", "HEAD", *AS_OF, "--controls", "rules")
    assert code == 1, out
    assert f"phi-policy: gate failed: control pack rules is {status} at the head" in err


def test_a_config_linked_to_a_secret_is_refused_and_never_printed(
    make_repo: gitrepo.MakeRepo, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Item 5: check and validate printed the whole linked file in their YAML error."""
    repo = make_repo()
    repo.commit("Config", files={CONFIG: lakeside_text()})
    repo.write(".ssh/id_ed25519", SECRET)
    _link(repo, CONFIG, ".ssh/id_ed25519")
    monkeypatch.chdir(repo.path)
    for command in (["check", *AS_OF], ["validate"], ["check", "--format", "json", *AS_OF]):
        code, out, err = cli(capsys, *command)
        assert code == 2
        assert "topsecret" not in out + err and "PRIVATE KEY" not in out + err
        assert f"{CONFIG}:1:1: error: the config is a symbolic link" in out + err


def test_no_error_echoes_the_contents_of_a_file_that_is_not_a_config(
    make_repo: gitrepo.MakeRepo, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Given by name (no link), a key file is still not printed back."""
    repo = make_repo()
    repo.commit("A key where a config should be",
                files={"key.yaml": SECRET, ".env": "TOKEN=s3cr3t\n"})
    monkeypatch.chdir(repo.path)
    for command in (["check", "key.yaml", *AS_OF], ["validate", "key.yaml", ".env"],
                    ["check", "--rev", "HEAD", "key.yaml", *AS_OF]):
        code, out, err = cli(capsys, *command)
        assert code == 2
        assert "topsecret" not in out + err and "s3cr3t" not in out + err
        assert "got a string of" in out + err
