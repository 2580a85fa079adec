"""Commit dates are claims (items 7, 10 and 14).

A backdated commit was judged at its claimed date with no warning outside the bundle;
`check --at-date` could answer with a commit that did not exist on the day; a future-dated
commit fell out of a bundle and its change was blamed on the next honest commit. Dates git
accepts but Python cannot hold crashed every command for good; `20260105` and `2026-W01-1`
were taken as dates.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests import gitrepo
from tests.gitrepo import CONFIG, GitRepo, edit, lakeside_text
from tests.security._attack import AS_OF, cli, commit_as, raw_commit

isolated_git = gitrepo.isolated_git
make_repo = gitrepo.make_repo

LOGOFF_15 = "automatic_logoff_minutes: 15 "
LOGOFF_60 = "automatic_logoff_minutes: 60 "
REMINDERS = "security_reminders: true"
NO_REMINDERS = "security_reminders: false"


@pytest.fixture()
def repo(make_repo: gitrepo.MakeRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    made = make_repo()
    monkeypatch.chdir(made.path)
    return made


def _line(repo: GitRepo) -> dict[str, str]:
    """A: 2026-10-01, B: 2026-10-10, C: backdated to 2026-10-05 on top of B."""
    ids = {"A": commit_as(repo, "Add the config", date="2026-10-01T09:00:00+00:00",
                          files={CONFIG: lakeside_text()})}
    ids["B"] = commit_as(repo, "Pause reminders", date="2026-10-10T09:00:00+00:00",
                         files={CONFIG: edit(lakeside_text(), REMINDERS, NO_REMINDERS)})
    ids["C"] = commit_as(repo, "Relax logoff", date="2026-10-05T09:00:00+00:00", files={
        CONFIG: edit(edit(lakeside_text(), REMINDERS, NO_REMINDERS), LOGOFF_15, LOGOFF_60)})
    return ids


def test_history_flags_a_backdated_commit_on_its_row(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _line(repo)
    code, out, _ = cli(capsys, "history")
    assert code == 0
    rows = out.splitlines()
    row = next(i for i, line in enumerate(rows) if line.startswith(ids["C"][:7]))
    assert rows[row + 1] == (
        f"         ! commit {ids['C'][:7]} is dated 2026-10-05T09:00:00+00:00, earlier than "
        f"its parent {ids['B'][:7]} (2026-10-10T09:00:00+00:00): its date cannot be trusted")
    code, out, _ = cli(capsys, "history", "--format", "json")
    dating = {c["sha"]: c["dating"] for c in json.loads(out)["commits"]}
    assert [n["kind"] for n in dating[ids["C"]]] == ["date_before_parent"]
    assert dating[ids["A"]] == dating[ids["B"]] == []


def test_history_flags_a_commit_dated_in_the_future(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    commit_as(repo, "Add the config", date="2026-10-01T09:00:00+00:00",
              files={CONFIG: lakeside_text()})
    future = commit_as(repo, "Pause reminders", date="2099-01-01T09:00:00+00:00",
                       files={CONFIG: edit(lakeside_text(), REMINDERS, NO_REMINDERS)})
    code, out, _ = cli(capsys, "history")
    assert code == 0
    assert (f"! commit {future[:7]} is dated 2099-01-01T09:00:00+00:00, after ") in out
    assert "(the date this run took as today): its date cannot be trusted" in out


def test_at_date_never_answers_with_a_commit_that_did_not_exist_that_day(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """C claims 10-05 but was made on B (10-10): on 10-07 the branch was at A."""
    ids = _line(repo)
    code, _, err = cli(capsys, "check", "--as-of", "2026-10-07", "--at-date", "--format", "json")
    assert code in (0, 1)
    assert err.startswith(f"phi-policy: as of 2026-10-07, HEAD was at commit {ids['A'][:12]} ")


def test_an_at_date_answer_with_an_impossible_date_says_so(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    a = commit_as(repo, "Add the config", date="2026-10-05T09:00:00+00:00",
                  files={CONFIG: lakeside_text()})
    b = commit_as(repo, "Pause reminders", date="2026-10-02T09:00:00+00:00",
                  files={CONFIG: edit(lakeside_text(), REMINDERS, NO_REMINDERS)})
    commit_as(repo, "Later", date="2026-10-20T09:00:00+00:00",
              files={CONFIG: edit(lakeside_text(), LOGOFF_15, LOGOFF_60)})
    code, _, err = cli(capsys, "check", "--as-of", "2026-10-10", "--at-date", "-q")
    assert code == 0
    assert err.splitlines() == [
        f"phi-policy: warning: commit {b[:7]} is dated 2026-10-02T09:00:00+00:00, earlier than "
        f"its parent {a[:7]} (2026-10-05T09:00:00+00:00): its date cannot be trusted"]


def test_a_future_dated_commit_stays_in_the_bundle_and_takes_its_own_flag(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = {"A": commit_as(repo, "Add the config", date="2026-04-01T09:00:00+00:00",
                          files={CONFIG: lakeside_text()})}
    ids["F"] = commit_as(repo, "Relax logoff", date="2030-01-01T09:00:00+00:00",
                         files={CONFIG: edit(lakeside_text(), LOGOFF_15, LOGOFF_60)})
    ids["C"] = commit_as(repo, "Fix a typo", date="2026-05-01T09:00:00+00:00", files={
        CONFIG: edit(lakeside_text(), LOGOFF_15, LOGOFF_60) + "# reviewed\n"})
    out = tmp_path / "audit"
    assert cli(capsys, "evidence", "--out", str(out), "--since", "2026-01-01", "--until",
               "2026-06-30")[0] == 0
    data = json.loads((out / "evidence.json").read_text("utf-8"))
    assert [c["sha"] for c in data["commits"]] == [ids["A"], ids["F"], ids["C"]]
    assert [(f["kind"], f["commit"]) for f in data["flags"]
            if f["kind"] in ("future_date", "date_before_parent")] == [
        ("future_date", ids["F"])]
    assert cli(capsys, "evidence", "verify", str(out))[0] == 0


@pytest.mark.parametrize(
    ("stamp", "flag"),
    [("253402300800 +0000", "future_date"), ("1767225600 +9959", "date_before_parent")],
    ids=["year-10000", "zone-+9959"],
)
def test_a_commit_with_a_date_python_cannot_hold_breaks_nothing(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str], stamp: str, flag: str
) -> None:
    """Year 10000 is kept as the last second of 9999 (in the future: flagged); +99:59 is
    cut to +23:59 (2026-01-05 here, before its parent: flagged)."""
    commit_as(repo, "Add the config", date="2026-10-01T09:00:00+00:00",
              files={CONFIG: lakeside_text()})
    repo.git("branch", "base")
    odd = raw_commit(repo, "Relax logoff", stamp,
                     files={CONFIG: edit(lakeside_text(), LOGOFF_15, LOGOFF_60)})
    code, out, err = cli(capsys, "history")
    assert code == 0, err
    assert f"! commit {odd[:7]} is dated " in out
    assert cli(capsys, "history", "--format", "json")[0] == 0
    assert cli(capsys, "diff", "base", "HEAD", *AS_OF)[0] == 1
    assert cli(capsys, "check", "--rev", "HEAD", *AS_OF, "-q")[0] == 0
    assert cli(capsys, "check", "--as-of", "2026-10-02", "--at-date", "-q")[0] == 0
    bundle = tmp_path / "audit"
    code, _, err = cli(capsys, "evidence", "--out", str(bundle))
    assert code == 0, err
    flags = json.loads((bundle / "evidence.json").read_text("utf-8"))["flags"]
    assert (flag, odd) in [(f["kind"], f["commit"]) for f in flags]
    assert cli(capsys, "evidence", "verify", str(bundle))[0] == 0


@pytest.mark.parametrize("day", ["20260105", "2026-W01-1", "2026-1-5", "2026-01-05T00:00"])
def test_only_yyyy_mm_dd_is_a_date_on_the_command_line(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    commit_as(repo, "Add the config", date="2026-10-01T09:00:00+00:00",
              files={CONFIG: lakeside_text()})
    for command in (["check", "--as-of", day], ["history", "--since", day],
                    ["diff", "HEAD", "--as-of", day]):
        code, _, err = cli(capsys, *command)
        assert code == 2
        assert f"{day!r} is not a date; write it as YYYY-MM-DD" in err


@pytest.mark.parametrize("stamp", [
    "2026-12-05T12:32:54+00:00",   # this afternoon in London
    "2026-12-05T23:59:00-12:00",   # the last minute of the day, Anywhere on Earth
    "2026-12-06T09:00:00+14:00",   # already tomorrow in Kiribati, still today in UTC-10
])
def test_a_commit_made_today_in_any_zone_is_not_dated_in_the_future(stamp: str) -> None:
    from phi_policy.audit.dating import notes

    assert notes("a" * 40, stamp, [], [], dt.date(2026, 12, 5)) == ()


def test_a_commit_dated_after_today_everywhere_is_flagged() -> None:
    from phi_policy.audit.dating import notes

    (note,) = notes("a" * 40, "2026-12-06T12:00:01+00:00", [], [], dt.date(2026, 12, 5))
    assert note.kind == "future_date"
