"""Clean failures (items 8 and 10-13): exit 2 where 2 is promised, never 3, and no mess left.

A shallow clone gave a one-commit history and a one-commit bundle that verified; an output
path the tool could not write was an internal error; a non-UTF-8 stdout crashed the text
reports; TERM=dumb got escape codes; SIGTERM orphaned the workers; the default base of an
unrelated branch said only "git exited with status 1".
"""

from __future__ import annotations

import json
import os
import signal
import sys
import textwrap
import time
from pathlib import Path

import pytest

from phi_policy.git.repo import SHALLOW_HINT
from tests import gitrepo
from tests.gitrepo import CONFIG, GitRepo, edit, lakeside_text, shallow_clone
from tests.security._attack import AS_OF, cli, commit_as, phi_policy

isolated_git = gitrepo.isolated_git
lakeside_repo = gitrepo.lakeside_repo
make_repo = gitrepo.make_repo

LOGOFF_15 = "automatic_logoff_minutes: 15 "


@pytest.fixture()
def two_commits(make_repo: gitrepo.MakeRepo) -> GitRepo:
    repo = make_repo()
    commit_as(repo, "Add the config", date="2026-10-01T09:00:00+00:00",
              files={CONFIG: lakeside_text()})
    commit_as(repo, "Relax logoff", date="2026-10-02T09:00:00+00:00", files={
        CONFIG: edit(lakeside_text(), LOGOFF_15, "automatic_logoff_minutes: 30 ")})
    return repo


def test_a_shallow_clone_is_refused_unless_the_cut_is_intended(
    two_commits: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    full = tmp_path / "full-bundle"
    monkeypatch.chdir(two_commits.path)
    assert cli(capsys, "evidence", "--out", str(full))[0] == 0
    clone = shallow_clone(two_commits, tmp_path / "shallow")
    monkeypatch.chdir(clone.path)
    out = tmp_path / "audit"
    for command in (["history"], ["evidence", "--out", str(out)],
                    ["evidence", "verify", str(full)]):
        code, stdout, err = cli(capsys, *command)
        assert code == 2, stdout
        assert err.startswith("phi-policy: error: this is a shallow clone")
        assert SHALLOW_HINT in err and "--allow-shallow" in err
    assert not out.exists()
    code, stdout, _ = cli(capsys, "history", "--allow-shallow", "--format", "json")
    assert code == 0 and len(json.loads(stdout)["commits"]) == 1
    assert cli(capsys, "evidence", "--out", str(out), "--allow-shallow")[0] == 0
    assert json.loads((out / "evidence.json").read_text("utf-8"))["repository"]["shallow"]


def test_an_output_path_that_cannot_be_written_is_exit_2(
    lakeside_repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x\n", encoding="utf-8")
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere" / "at-all")
    cases = [
        ["evidence", "--out", str(a_file / "bundle")],
        ["evidence", "--out", str(dangling)],
        ["history", "-o", str(a_file / "history.txt")],
        ["check", *AS_OF, "-o", str(dangling)],
        ["diff", "main", *AS_OF, "-o", str(tmp_path)],
    ]
    if os.geteuid() != 0:  # root may write into a read-only folder
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o555)
        cases += [["evidence", "--out", str(locked / "bundle")],
                  ["check", *AS_OF, "-o", str(locked / "report.txt")]]
    for command in cases:
        code, _, err = cli(capsys, *command)
        assert code == 2, (command, err)
        assert err.startswith("phi-policy: error: ") and "internal error" not in err
        assert len(err.splitlines()) == 2 and err.splitlines()[1].startswith("  hint: ")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_stdout_that_cannot_encode_the_report_gets_ascii(
    lakeside_repo: GitRepo, fmt: str
) -> None:
    done = phi_policy("check", *AS_OF, "--format", fmt, cwd=lakeside_repo.path,
                      env={"PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0", "LC_ALL": "C"})
    assert done.returncode == 0, done.stderr.decode("ascii", "replace")
    assert done.stdout.isascii()
    assert b"Score" in done.stdout or b"score" in done.stdout
    assert done.stderr == b""


def test_term_dumb_gets_no_escape_codes(lakeside_repo: GitRepo) -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        done = phi_policy("check", *AS_OF, cwd=lakeside_repo.path,
                          env={"TERM": "dumb", "NO_COLOR": ""}, stdout=follower)
        os.close(follower)
        follower = -1
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    shown = b"".join(chunks)
    assert done.returncode == 0
    assert b"Score" in shown or b"score" in shown
    assert b"\x1b" not in shown


def test_term_dumb_gets_no_progress_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    from phi_policy.commands.history import progress

    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with progress(1000) as step:
        assert step is None


CHILD = textwrap.dedent("""
    import sys, time
    from phi_policy import cli
    from phi_policy.audit import judging
    judging.PARALLEL_FROM = 2
    real = judging.judge

    def slow(state, version):
        time.sleep(2)
        return real(state, version)

    judging.judge = slow
    sys.exit(cli.run(["history", "-j", "2"]))
""")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(p) for p in task.read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_sigterm_ends_the_run_like_ctrl_c_and_leaves_no_worker(
    make_repo: gitrepo.MakeRepo,
) -> None:
    import subprocess

    repo = make_repo()
    for day in range(1, 7):
        commit_as(repo, f"Logoff {day}", date=f"2026-10-{day:02d}T09:00:00+00:00", files={
            CONFIG: edit(lakeside_text(), LOGOFF_15, f"automatic_logoff_minutes: {day} ")})
    child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=repo.path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline:
            workers = [p for p in _children(child.pid) if _alive(p)]
            time.sleep(0.05)
        assert len(workers) >= 2, "the workers did not start"
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=30)
        assert child.returncode == 130, err
        assert err.decode().splitlines()[-1] == "phi-policy: interrupted"
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [p for p in workers if _alive(p)] == []
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for pid in workers:  # only the processes this test started
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_the_default_base_of_an_unrelated_branch_says_so(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    lakeside_repo.git("checkout", "-q", "--orphan", "unrelated")
    lakeside_repo.commit("Start over", files={CONFIG: lakeside_text()})
    code, out, err = cli(capsys, "diff", *AS_OF)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "phi-policy: error: HEAD and main have no commit in common (unrelated histories), so "
        "there is no merge base to compare with",
        "  hint: pass the base revision explicitly, e.g. phi-policy diff main HEAD, or rebase "
        "the branch onto main",
    ]
