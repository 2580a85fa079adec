"""One rounding rule for every output: a change of score is the difference of the two scores
as shown (two decimals), in history, diff and the --max-drop gate alike.

The case from issue 14 (99.93 -> 97.96 shown, -1.976 unrounded: -1.98 in history, -1.97 in
diff) no longer arises with today's weights; the same split does: Lakeside (99.891, shown
99.89) stops its security reminders and its log-in monitoring and scores 99.236 (shown
99.24). The unrounded difference, -0.655, rounds to -0.66; the reader subtracts
99.24 - 99.89 = -0.65, which every report must say.
"""

from __future__ import annotations

import json

import pytest

from phi_policy.cli import run
from phi_policy.engine import rounding
from tests import gitrepo
from tests.gitrepo import CONFIG, GitRepo, edit, lakeside_text

isolated_git = gitrepo.isolated_git
make_repo = gitrepo.make_repo
AS_OF = "2026-11-02"


def test_a_change_is_the_difference_of_the_shown_scores() -> None:
    assert rounding.change(99.934, 97.958) == -1.97
    assert round(97.958 - 99.934, 2) == -1.98  # what history used to show
    assert rounding.change(97.958, 99.934) == 1.97
    assert rounding.change(None, 97.958) is None
    assert rounding.change(50.004, 50.001) == 0.0
    assert str(rounding.change(50.004, 50.001)) == "0.0"  # never -0.0
    assert rounding.shown(99.934) == 99.93


@pytest.fixture()
def two_versions(make_repo: gitrepo.MakeRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = make_repo()
    repo.commit("Add the compliance config", files={CONFIG: lakeside_text()},
                date="2026-11-01T09:00:00+00:00")
    repo.branch("feature")
    head = edit(lakeside_text(), "security_reminders: true", "security_reminders: false")
    head = edit(head, "login_monitoring: true", "login_monitoring: false")
    repo.commit("No reminders, no log-in monitoring", files={CONFIG: head},
                date=f"{AS_OF}T09:00:00+00:00")
    monkeypatch.chdir(repo.path)
    return repo


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return code, out


def test_history_and_diff_show_the_same_change(
    two_versions: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    _, history_json = _run(capsys, "history", "--format", "json")
    first, second = json.loads(history_json)["commits"]
    assert (first["score"], second["score"], second["delta"]) == (99.89, 99.24, -0.65)

    _, history_text = _run(capsys, "history")
    assert "  -0.65  No reminders, no log-in monitoring" in history_text
    _, history_csv = _run(capsys, "history", "--format", "csv")
    assert ",99.24," in history_csv and ",-0.65," in history_csv

    code, diff_json = _run(capsys, "diff", "main", "HEAD", "--as-of", AS_OF, "--format", "json",
                           "--fail-on-regression", "none")
    assert code == 1  # --max-drop 0
    report = json.loads(diff_json)
    assert (report["base"]["score"], report["head"]["score"], report["score_change"]) == (
        99.89, 99.24, -0.65)
    _, diff_text = _run(capsys, "diff", "main", "HEAD", "--as-of", AS_OF, "--format", "text",
                        "--fail-on-regression", "none")
    assert "99.89 -> 99.24 (-0.65)" in diff_text
    assert "the score dropped 0.65 points, from 99.89 to 99.24" in diff_text
    for text in (history_json, history_text, history_csv, diff_json, diff_text):
        assert "0.66" not in text
