"""Text from a config or a commit never becomes a CI workflow command (item 4).

GitHub's runner runs a line as a command when, trimmed, it starts with `::` (and still parses
the legacy `##[` anywhere in a line); it splits lines at CR and LF. A waiver's approver with a
line break made `check` and `diff --format text` (the example workflow's gate step) and error
messages print `::add-mask::` and `::stop-commands::` lines. Every output now passes through
one boundary, and a line break inside config text stays on its line (shown as `\\n`).
"""

from __future__ import annotations

import pytest

from tests import gitrepo
from tests.gitrepo import CONFIG, GitRepo, edit, lakeside_text
from tests.security._attack import AS_OF, cli, commit_as, lines_starting_commands

isolated_git = gitrepo.isolated_git
lakeside_repo = gitrepo.lakeside_repo
make_repo = gitrepo.make_repo

APPROVER = "    approved_by: Dana Whitfield (CISO)\n    approved_on: 2026-03-01"
HOSTILE = (
    '    approved_by: "A. Name\\n::add-mask::abc\\r::stop-commands::tok\\n##[error]x"\n'
    "    approved_on: 2026-03-01"
)


@pytest.fixture()
def hostile(lakeside_repo: GitRepo) -> GitRepo:
    """A pull request whose decision approver carries workflow commands, in a commit whose
    subject starts with one."""
    commit_as(lakeside_repo, "::warning::looks fine", date="2026-10-20T09:00:00+00:00",
              files={CONFIG: edit(lakeside_text(), APPROVER, HOSTILE)})
    return lakeside_repo


@pytest.mark.parametrize(
    "command",
    [
        ["check", "-v", "--format", "text"],
        ["check", "-v", "--format", "markdown"],
        ["check", "--format", "html"],
        ["diff", "main", "HEAD", "--format", "text", "-v"],
        ["diff", "main", "HEAD", "--format", "markdown"],
        ["diff", "main", "HEAD", "--format", "junit"],
        ["diff", "main", "--config", "*.yaml", "--format", "text"],
        ["history", "--format", "text", "--timelines"],
        ["history", "--format", "markdown"],
        ["history", "--format", "csv"],
    ],
)
def test_no_output_line_is_a_workflow_command(
    hostile: GitRepo, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    code, out, err = cli(capsys, *command, *(AS_OF if command[0] != "history" else []))
    assert code in (0, 1), err
    assert lines_starting_commands(out) == []
    assert lines_starting_commands(err) == []


def test_a_line_break_in_config_text_stays_on_its_line(
    hostile: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "diff", "main", "HEAD", "--format", "text", *AS_OF)
    assert code in (0, 1)
    assert ("approved by A. Name\\n::add-mask::abc\\r::stop-commands::tok\\n## [error]x, "
            "review by 2027-02-28") in out


def test_the_github_format_escapes_its_data(
    hostile: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The github format prints commands on purpose: each line is one of ours, and the
    config's text inside it is escaped (%0A, %0D), so it cannot start another."""
    for command in (["check", "--format", "github"], ["diff", "main", "HEAD", "--format",
                                                      "github"]):
        code, out, _ = cli(capsys, *command, *AS_OF)
        assert code in (0, 1)
        lines = out.splitlines()
        assert lines and all(line.startswith(("::notice ", "::warning ", "::error "))
                             for line in lines)
        assert not any(line.startswith(("::add-mask", "::stop-commands")) for line in lines)
    assert "A. Name%0A::add-mask::abc%0D::stop-commands::tok%0A##[error]x" in out


def test_an_error_message_cannot_carry_a_command(
    make_repo: gitrepo.MakeRepo, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo = make_repo()
    text = lakeside_text() + '"x\\n::stop-commands::tok": 1\n'
    repo.commit("A key with a command in it", files={CONFIG: text})
    monkeypatch.chdir(repo.path)
    for command in (["validate"], ["check", *AS_OF], ["check", "--rev", "HEAD", *AS_OF]):
        code, out, err = cli(capsys, *command)
        assert code == 2
        assert lines_starting_commands(out + err) == []
        assert "unknown key 'x\\n::stop-commands::tok'" in out + err


def test_a_line_that_would_start_a_command_is_defused_at_the_boundary(
    make_repo: gitrepo.MakeRepo, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A commit subject is printed where a line may start (the --at-date note goes to
    standard error): the boundary still defuses it."""
    repo = make_repo()
    commit_as(repo, "  ::add-mask::from-a-subject", date="2026-10-01T09:00:00+00:00",
              files={CONFIG: lakeside_text()})
    monkeypatch.chdir(repo.path)
    code, out, err = cli(capsys, "check", "--as-of", "2026-10-02", "--at-date", "--format",
                         "json")
    assert code in (0, 1)
    assert lines_starting_commands(out + err) == []
