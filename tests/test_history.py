"""`phi-policy history`: a year of commits in a real repository, judged as of each commit's date.

The year (built once per session by `build_year`, copied for each test that needs it):

    2026-01-05  Riley   add the config: MFA not required for remote access, the CareLink
                        BAA expiring 2026-06-30 (a direct push)
    2026-01-20  Riley   a README (does not touch the config)
    2026-02-09  Riley   a comment in the config, applied by Dana (author != committer)
    2026-03-02  Riley   on branch mfa: require MFA for remote access
    2026-03-09  Dana    merge pull request #7 (mfa) into main: the first-parent history's row
    2026-04-13  Riley   raise automatic logoff to 30 minutes (a regression)
    2026-04-20  Riley   revert it (the same blob as after the merge)
    2026-05-18  Riley   an invalid config (logoff "15 minutes")
    2026-05-19  Riley   fixed (the same blob again)
    2026-07-06  Riley   move the config to compliance/phi-policy.yaml (the BAA expired on
                        2026-06-30, so the same text now scores lower)
    2026-09-14  Dana    renew the CareLink BAA, applied by Riley
    2026-11-02  Dana    extend the TECH-027 decision she approves herself (a direct push)
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import git
import pytest

from phi_policy.audit import git_history, judging
from phi_policy.audit.git_history import Source, select
from phi_policy.audit.history import build
from phi_policy.catalog.packs import load_catalog
from phi_policy.cli import run
from phi_policy.git.log import ConfigCommit
from tests import gitrepo
from tests.gitrepo import AUTHOR, REVIEWER, edit, lakeside_text, line_of
from tests.test_fleet import INTERRUPTED, _children, _gone, needs_proc

isolated_git = gitrepo.isolated_git
make_repo = gitrepo.make_repo

OLD = "phi-policy.yaml"
NEW = "compliance/phi-policy.yaml"
RILEY = f"{AUTHOR[0]} <{AUTHOR[1]}>"
LOGOFF_15 = "automatic_logoff_minutes: 15 "
MFA_OFF = "  mfa:\n    remote_access: false\n"
MFA_ON = "  mfa:\n    remote_access: true\n"
CARELINK_EXPIRY = "expires: 2026-06-30       # renewal"


def base_text() -> str:
    """The Lakeside config moved back a year, so every review is fresh all through 2026, with
    MFA off for remote access and the CareLink BAA expiring on 2026-06-30."""
    text = re.sub(r"\b2026-(\d\d)-(\d\d)\b", lambda m: f"2025-12-{m.group(2)}", lakeside_text())
    text = edit(text, "review_by: 2027-02-28", "review_by: 2026-11-30")
    text = edit(text, "expires: 2027-01-15       # renewal", CARELINK_EXPIRY)
    return edit(text, MFA_ON, MFA_OFF)


class Year:
    """The texts of the config through the year, each built from the one before."""

    base = base_text()
    comment = edit(base, "  - name: Ironvault Backup Services\n",
                   "  - name: Ironvault Backup Services  # contact:"
                   " vendor-risk@ironvault.example\n")
    mfa = edit(comment, MFA_OFF, MFA_ON)
    logoff_30 = edit(mfa, LOGOFF_15, "automatic_logoff_minutes: 30 ")
    invalid = edit(mfa, LOGOFF_15, "automatic_logoff_minutes: 15 minutes ")
    renewed = edit(mfa, CARELINK_EXPIRY, "expires: 2027-06-30       # renewal")
    waiver = edit(renewed, "approved_by: Dana Whitfield (CISO)\n    approved_on: 2025-12-01\n"
                  "    review_by: 2026-11-30",
                  "approved_by: Dana Whitfield (CISO)\n    approved_on: 2026-11-02\n"
                  "    review_by: 2027-10-31")


def _env(author: tuple[str, str], committer: tuple[str, str], when: str) -> dict[str, str]:
    return {
        "GIT_AUTHOR_NAME": author[0],
        "GIT_AUTHOR_EMAIL": author[1],
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": committer[0],
        "GIT_COMMITTER_EMAIL": committer[1],
        "GIT_COMMITTER_DATE": when,
    }


def commit(
    repo: gitrepo.GitRepo,
    message: str,
    day: str,
    files: dict[str, str] | None = None,
    *,
    author: tuple[str, str] = AUTHOR,
    committer: tuple[str, str] | None = None,
) -> str:
    """Commit with explicit author, committer and date (09:00 UTC on `day`)."""
    for relative, text in (files or {}).items():
        repo.write(relative, text)
    repo.git("add", "-A")
    env = _env(author, committer or author, f"{day}T09:00:00+00:00")
    repo.git("commit", "-q", "--no-verify", "-m", message, env=env)
    return repo.git("rev-parse", "HEAD")


def build_year(path: Path) -> dict[str, str]:
    """Build the year's repository at `path`; the commit ids by name."""
    repo = gitrepo.GitRepo(path)
    ids: dict[str, str] = {}
    try:
        ids["add"] = commit(repo, "Add the compliance config", "2026-01-05", {OLD: Year.base})
        ids["readme"] = commit(repo, "Add a README", "2026-01-20", {"README.md": "# Lakeside\n"})
        ids["comment"] = commit(repo, "Note the Ironvault vendor-risk contact", "2026-02-09",
                                {OLD: Year.comment}, committer=REVIEWER)
        repo.branch("mfa")
        ids["mfa"] = commit(repo, "Require MFA for remote access", "2026-03-02", {OLD: Year.mfa})
        repo.checkout("main")
        repo.git("merge", "-q", "--no-ff", "--no-edit", "mfa", "-m",
                 "Merge pull request #7 from lakeside/mfa",
                 env=_env(REVIEWER, REVIEWER, "2026-03-09T09:00:00+00:00"))
        ids["merge"] = repo.git("rev-parse", "HEAD")
        ids["logoff"] = commit(repo, "Raise automatic logoff to 30 minutes", "2026-04-13",
                               {OLD: Year.logoff_30})
        ids["revert"] = commit(repo, 'Revert "Raise automatic logoff to 30 minutes"',
                               "2026-04-20", {OLD: Year.mfa})
        ids["invalid"] = commit(repo, "Write the logoff in words", "2026-05-18",
                                {OLD: Year.invalid})
        ids["fix"] = commit(repo, "Fix the logoff value", "2026-05-19", {OLD: Year.mfa})
        (path / NEW).parent.mkdir()
        repo.git("mv", OLD, NEW)
        ids["move"] = commit(repo, "Move the config under compliance/", "2026-07-06")
        ids["renew"] = commit(repo, "Renew the CareLink BAA until 2027-06-30", "2026-09-14",
                              {NEW: Year.renewed}, author=REVIEWER, committer=AUTHOR)
        ids["waiver"] = commit(repo, "Extend the TECH-027 decision", "2026-11-02",
                               {NEW: Year.waiver}, author=REVIEWER)
    finally:
        repo.close()
    return ids


@pytest.fixture(scope="session")
def year_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The year's repository, built once with the global git config kept out."""
    home = tmp_path_factory.mktemp("year-home")
    (home / "gitconfig").write_text("", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        patch.setenv("HOME", str(home))
        path = tmp_path_factory.mktemp("year") / "lakeside"
        ids = build_year(path)
    return path, ids


class YearRepo:
    """A private copy of the year's repository, the current folder inside it."""

    def __init__(self, path: Path, ids: dict[str, str]) -> None:
        self.path = path
        self.ids = ids

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        with git.Repo(self.path) as handle:
            return str(handle.git.execute(["git", *args], env=env))

    def short(self, name: str) -> str:
        return self.ids[name][:7]


@pytest.fixture()
def year(
    year_template: tuple[Path, dict[str, str]],
    tmp_path: Path,
    isolated_git: None,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[YearRepo]:
    template, ids = year_template
    path = tmp_path / "lakeside"
    shutil.copytree(template, path, symlinks=True)
    monkeypatch.chdir(path)
    yield YearRepo(path, ids)


def history_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    code = run(["history", NEW, "--format", "json", *args])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return json.loads(out)


def projected(commit: dict) -> tuple:
    changes = [(c["control"], c["from"], c["to"]) for c in commit["changes"]]
    return (commit["sha"], commit["as_of"], commit["author"]["name"], commit["score"],
            commit["band"], commit["delta"], changes, commit["invalid"])


def invalid_reason() -> str:
    line = line_of(Year.invalid, "automatic_logoff_minutes: 15 minutes")
    col = Year.invalid.splitlines()[line - 1].index("15 minutes") + 1
    return (f"{OLD}:{line}:{col}: access_control.automatic_logoff_minutes: expected a whole "
            "number, got the string '15 minutes'")


LOGOFF_DOWN = [("TECH-026", "pass", "partial")]
LOGOFF_UP = [("TECH-026", "partial", "pass")]
BAA_LAPSED = [("GOV-012", "pass", "fail"), ("GOV-016", "pass", "fail")]
BAA_RENEWED = [("GOV-012", "fail", "pass"), ("GOV-016", "fail", "pass")]
#: The base's vulnerability scan (moved back to 2025-12-01) falls due after 3 months: the
#: benchmark turns at the first commit judged after 2026-03-01.
SCAN_OVERDUE = ("TECH-039", "pass", "fail")


def expected_rows(year: YearRepo) -> list[tuple]:
    """The year's first-parent history: (commit, date, author, score, band, delta, changes,
    invalid). The merge is the row of the MFA pull request; the move changes no text, yet the
    BAA that expired on 2026-06-30 is judged as of 2026-07-06.

    Without MFA on remote access (a high benchmark) the band is capped at yellow whatever the
    score; the lapsed BAA (critical) caps it at red. The one vulnerability scan, of 2025-12-01,
    is overdue on the 3-month benchmark from March on (a benchmark: the band stays green)."""
    i, riley, dana = year.ids, AUTHOR[0], REVIEWER[0]
    return [
        (i["add"], "2026-01-05", riley, 99.34, "yellow", None, [], None),
        (i["comment"], "2026-02-09", riley, 99.34, "yellow", 0.0, [], None),
        (i["merge"], "2026-03-09", dana, 99.67, "green", 0.33,
         [("TECH-015", "fail", "pass"), SCAN_OVERDUE], None),
        (i["logoff"], "2026-04-13", riley, 99.56, "green", -0.11, LOGOFF_DOWN, None),
        (i["revert"], "2026-04-20", riley, 99.67, "green", 0.11, LOGOFF_UP, None),
        (i["invalid"], "2026-05-18", riley, None, None, None, [], invalid_reason()),
        (i["fix"], "2026-05-19", riley, 99.67, "green", 0.0, [], None),
        (i["move"], "2026-07-06", riley, 95.31, "red", -4.36, BAA_LAPSED, None),
        (i["renew"], "2026-09-14", dana, 99.67, "green", 4.36, BAA_RENEWED, None),
        (i["waiver"], "2026-11-02", dana, 99.67, "green", 0.0, [], None),
    ]


# --- the year, end to end -----------------------------------------------------------------------


def test_history_gives_one_row_per_first_parent_commit_judged_as_of_its_date(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    report = history_json(capsys)
    assert [projected(c) for c in report["commits"]] == expected_rows(year)
    assert report["head"] == year.ids["waiver"]
    assert (report["config"], report["first_parent"], report["before"]) == (NEW, True, None)


def test_the_rename_is_followed_and_each_row_names_the_file_as_it_was(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    commits = history_json(capsys)["commits"]
    paths = [(c["path"], c["change"], c["old_path"]) for c in commits]
    assert paths == [(OLD, "added", None)] + [(OLD, "modified", None)] * 6 + [
        (NEW, "renamed", OLD), (NEW, "modified", None), (NEW, "modified", None)]
    # The move kept the text: the same blob as the fix, judged 48 days later.
    assert commits[7]["blob"] == commits[6]["blob"] == commits[4]["blob"] == commits[2]["blob"]


def test_the_text_history(year: YearRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["history", NEW]) == 0
    out = capsys.readouterr().out
    s = year.short
    assert out == (
        f"{NEW}: 10 commits changed the config on the first-parent line of {s('waiver')}; "
        "oldest first, each judged as of its commit date\n"
        "\n"
        "commit   date        author           score  band    change  subject\n"
        f"{s('add')}  2026-01-05  Riley Chen       99.34  yellow          Add the compliance"
        " config\n"
        f"{s('comment')}  2026-02-09  Riley Chen       99.34  yellow   +0.00  Note the"
        " Ironvault vendor-risk contact\n"
        f"{s('merge')}  2026-03-09  Dana Whitfield   99.67  green    +0.33  Merge pull request"
        " #7 from lakeside/mfa\n"
        "         TECH-015 fail -> pass: Multi-factor authentication for remote and"
        " administrative access (benchmark)\n"
        "         TECH-039 pass -> fail: Vulnerability scans at least every 3 months"
        " (benchmark)\n"
        f"{s('logoff')}  2026-04-13  Riley Chen       99.56  green    -0.11  Raise automatic"
        " logoff to 30 minutes\n"
        "         TECH-026 pass -> partial: Automatic logoff at 15 minutes or less (benchmark)\n"
        f'{s("revert")}  2026-04-20  Riley Chen       99.67  green    +0.11  Revert "Raise'
        ' automatic logoff to 30 minutes"\n'
        "         TECH-026 partial -> pass: Automatic logoff at 15 minutes or less (benchmark)\n"
        f"{s('invalid')}  2026-05-18  Riley Chen      invalid                  Write the"
        " logoff in words\n"
        f"         invalid: {invalid_reason()}\n"
        f"{s('fix')}  2026-05-19  Riley Chen       99.67  green    +0.00  Fix the logoff value\n"
        f"{s('move')}  2026-07-06  Riley Chen       95.31  red      -4.36  Move the config"
        " under compliance/\n"
        "         GOV-012 pass -> fail: Every business associate handling ePHI has a signed"
        " BAA in force\n"
        "         GOV-016 pass -> fail: Every platform handling ePHI is covered by a"
        " business associate's BAA in force\n"
        f"{s('renew')}  2026-09-14  Dana Whitfield   99.67  green    +4.36  Renew the CareLink"
        " BAA until 2027-06-30\n"
        "         GOV-012 fail -> pass: Every business associate handling ePHI has a signed"
        " BAA in force\n"
        "         GOV-016 fail -> pass: Every platform handling ePHI is covered by a"
        " business associate's BAA in force\n"
        f"{s('waiver')}  2026-11-02  Dana Whitfield   99.67  green    +0.00  Extend the"
        " TECH-027 decision\n"
    )


def test_since_and_until_keep_the_period_and_compare_its_first_row_with_the_change_before(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    report = history_json(capsys, "--since", "2026-04-01", "--until", "2026-07-06")
    assert [projected(c) for c in report["commits"]] == expected_rows(year)[3:8]
    assert (report["since"], report["until"]) == ("2026-04-01", "2026-07-06")
    assert report["before"]["sha"] == year.ids["merge"]


def test_all_walks_every_commit_including_the_pull_requests_own(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    report = history_json(capsys, "--all")
    assert report["first_parent"] is False
    shas = [c["sha"] for c in report["commits"]]
    order = ["add", "comment", "mfa", "merge", "logoff", "revert", "invalid", "fix", "move",
             "renew", "waiver"]
    assert shas == [year.ids[name] for name in order]
    mfa = report["commits"][2]
    assert (mfa["as_of"], mfa["subject"], mfa["delta"]) == (
        "2026-03-02", "Require MFA for remote access", 0.33)
    # The merge brings nothing its branch commit did not: compared with it, nothing changed.
    assert (report["commits"][3]["delta"], report["commits"][3]["changes"]) == (0.0, [])


def test_a_rename_made_on_a_branch_is_followed_with_and_without_first_parent(
    make_repo: gitrepo.MakeRepo, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--follow on the first-parent line sees the branch's rename at its merge; for --all,
    where git's --follow loses the branch's commits, every name the file had is followed."""
    repo = make_repo()
    commit(repo, "Add the compliance config", "2026-01-05", {OLD: Year.base})
    repo.branch("move")
    (repo.path / "compliance").mkdir()
    repo.git("mv", OLD, NEW)
    commit(repo, "Move the config", "2026-02-02")
    commit(repo, "Require MFA for remote access", "2026-02-03", {NEW: Year.mfa})
    repo.checkout("main")
    repo.git("merge", "-q", "--no-ff", "--no-edit", "move",
             env=_env(REVIEWER, REVIEWER, "2026-02-09T09:00:00+00:00"))
    monkeypatch.chdir(repo.path)

    def rows(*args: str) -> list[tuple[str, str, str | None, float | None]]:
        report = history_json(capsys, *args)
        return [(c["subject"], c["path"], c["old_path"], c["delta"]) for c in report["commits"]]

    assert rows() == [
        ("Add the compliance config", OLD, None, None),
        ("Merge branch 'move'", NEW, OLD, 0.55),
    ]
    assert rows("--all") == [
        ("Add the compliance config", OLD, None, None),
        ("Move the config", NEW, OLD, 0.0),
        ("Require MFA for remote access", NEW, None, 0.55),
        ("Merge branch 'move'", NEW, OLD, 0.0),
    ]


def test_csv_is_rfc_4180(year: YearRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["history", NEW, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    lines = out.split("\r\n")
    assert lines[0] == ("sha,date,author,author_email,committer,committer_email,subject,path,"
                        "blob,signature,score,raw_score,band,delta,changes,invalid")
    assert lines[-1] == "" and len(lines) == 12
    revert = lines[5]
    assert revert.startswith(f'{year.ids["revert"]},2026-04-20,'
                             'Riley Chen,riley.chen@lakeside.example,'
                             'Riley Chen,riley.chen@lakeside.example,'
                             '"Revert ""Raise automatic logoff to 30 minutes""",phi-policy.yaml,')
    assert revert.endswith(",unsigned,99.67,99.45,green,+0.11,TECH-026 partial -> pass,")
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert rows[5]["invalid"] == invalid_reason()
    assert (rows[5]["score"], rows[5]["band"]) == ("", "")
    assert rows[7]["changes"] == "GOV-012 pass -> fail; GOV-016 pass -> fail"


def test_markdown_rows(year: YearRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["history", NEW, "--format", "markdown", "--until", "2026-04-13"]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"## History of `{NEW}`\n"
        "\n"
        f"4 commits changed the config on the first-parent line of {year.short('waiver')}, "
        "from the start to 2026-04-13, oldest first; each is judged as of its commit date.\n"
        "\n"
        "| Commit | Date | Author | Subject | Score | Band | Change | Controls changed |\n"
        "|---|---|---|---|--:|---|--:|---|\n"
        f"| `{year.short('add')}` | 2026-01-05 | Riley Chen | Add the compliance config |"
        " 99.34 | yellow |  |  |\n"
        f"| `{year.short('comment')}` | 2026-02-09 | Riley Chen | Note the Ironvault"
        " vendor-risk contact | 99.34 | yellow | +0.00 |  |\n"
        f"| `{year.short('merge')}` | 2026-03-09 | Dana Whitfield | Merge pull request #7 from"
        " lakeside/mfa | 99.67 | green | +0.33 | TECH-015 fail -> pass; TECH-039 pass -> fail |\n"
        f"| `{year.short('logoff')}` | 2026-04-13 | Riley Chen | Raise automatic logoff to 30"
        " minutes | 99.56 | green | -0.11 | TECH-026 pass -> partial |\n"
    )


# --- reading git in bulk ------------------------------------------------------------------------


def test_history_reads_every_blob_through_one_cat_file_process(
    year: YearRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two rev-parses, one log, one cat-file --batch: however many commits there are."""
    started: list[list[str]] = []
    popen = git.cmd.safer_popen

    def spy(args, *rest, **kwargs):  # type: ignore[no-untyped-def]
        started.append([str(a) for a in args])
        return popen(args, *rest, **kwargs)

    monkeypatch.setattr(git.cmd, "safer_popen", spy)
    assert run(["history", NEW, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["commits"]) == 10
    assert [args[1:3] for args in started] == [
        ["rev-parse", "--is-shallow-repository"],
        ["rev-parse", "--verify"],
        ["log", "--no-show-signature"],
        ["cat-file", "--batch"],
    ]


def test_each_distinct_blob_is_parsed_once_and_only_evaluation_is_redone(
    year: YearRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge, the revert and the fix share one blob: it is loaded once at its old path
    (and once more at its new name after the move, so locations name the file as it was)."""
    from phi_policy import pipeline

    loads: list[str] = []
    assessed: list[dt.date] = []
    real_load, real_assess = pipeline.load_valid_text, pipeline.assess

    def load(text, path, catalog):  # type: ignore[no-untyped-def]
        loads.append(path)
        return real_load(text, path, catalog)

    memos: list[object] = []

    def assess(document, catalog, ctx, **kwargs):  # type: ignore[no-untyped-def]
        assessed.append(ctx.as_of)
        memos.append(kwargs.get("known"))
        return real_assess(document, catalog, ctx, **kwargs)

    monkeypatch.setattr(pipeline, "load_valid_text", load)
    monkeypatch.setattr(pipeline, "assess", assess)
    source = git_history.load(NEW)
    walked = build(source, load_catalog(), "hipaa")
    assert len(walked.rows) == 10
    # base, comment, mfa, logoff 30, invalid; then mfa (moved), renewed, waiver
    assert loads == [OLD] * 5 + [NEW] * 3
    valid = [r for r in expected_rows(year) if r[3] is not None]
    assert sorted(assessed) == sorted(dt.date.fromisoformat(r[1]) for r in valid)
    # The blob of the merge, the revert and the fix is judged at three dates with one memo of
    # the controls that did not read the date; a blob judged once needs none.
    shared = [m for m in memos if m is not None]
    assert len(shared) == 3 and all(m is shared[0] for m in shared) and shared[0]
    assert memos.count(None) == len(memos) - 3


def test_worker_processes_give_the_same_history(
    year: YearRepo, monkeypatch: pytest.MonkeyPatch, worker_counts: list[int]
) -> None:
    """The year's versions judged in two worker processes (forced: the year is short) give
    the rows judged in this process, and the progress callback counts every version."""
    source = git_history.load(NEW)
    serial = build(source, load_catalog(), "hipaa")
    monkeypatch.setattr(judging, "PARALLEL_FROM", 1)
    steps: list[int] = []
    parallel = build(source, load_catalog(), "hipaa", jobs=2, on_step=steps.append)
    assert worker_counts == [1, 2]
    assert parallel == serial
    assert [r.decisions for r in parallel.rows] == [r.decisions for r in serial.rows]
    assert sum(steps) == len(judging.plan(source)) == 8


def test_spawned_workers_give_the_same_history(year: YearRepo) -> None:
    """Where workers are spawned (macOS, Windows), each loads the catalog again."""
    script = year.path.parent / "spawned.py"
    script.write_text(
        "import multiprocessing, sys\n"
        "from phi_policy.audit import git_history, history, judging\n"
        "from phi_policy.fleet import workers\n"
        "from phi_policy.reporters import registry\n"
        "from phi_policy.catalog.packs import load_catalog\n"
        "if __name__ == '__main__':\n"
        "    workers._context = lambda: multiprocessing.get_context('spawn')\n"
        "    judging.PARALLEL_FROM = 1\n"
        "    source = git_history.load(sys.argv[1])\n"
        "    walked = history.build(source, load_catalog(), 'hipaa', jobs=2)\n"
        "    sys.stdout.write(registry.render('history', 'json', walked, None))\n",
        encoding="utf-8",
    )
    spawned = subprocess.run([sys.executable, str(script), NEW], cwd=year.path,
                             capture_output=True, text=True)
    assert spawned.returncode == 0, spawned.stderr
    in_process = subprocess.run(
        [sys.executable, "-m", "phi_policy", "history", NEW, "--format", "json", "--jobs", "1"],
        cwd=year.path, capture_output=True, text=True,
    )
    assert in_process.returncode == 0, in_process.stderr
    assert spawned.stdout == in_process.stdout


# --- pure: build() on plain values --------------------------------------------------------------


def _commit(sha: str, day: str, blob: str | None, path: str = OLD) -> ConfigCommit:
    when = f"{day}T09:00:00+00:00"
    return ConfigCommit(
        sha=sha * 40, short_sha=sha * 7, tree="e" * 40, parents=(), author_name="Riley Chen",
        author_email="riley@x.example", author_datetime=when, committer_name="Riley Chen",
        committer_email="riley@x.example", committer_datetime=when, signature="unsigned",
        subject=f"commit {sha}", path=path, blob=blob,
        change="deleted" if blob is None else "modified",
    )


def test_a_deleted_or_unreadable_config_is_an_invalid_row_not_a_crash() -> None:
    source = Source(
        path=OLD, head="c" * 40, first_parent=True,
        commits=(_commit("a", "2026-01-05", "1" * 40), _commit("b", "2026-02-05", "2" * 40),
                 _commit("c", "2026-03-05", None)),
        before=None,
        blobs={"1" * 40: Year.base.encode("utf-8"), "2" * 40: b"caf\xe9: 1\n"},
    )
    walked = build(source, load_catalog())
    assert [r.invalid for r in walked.rows] == [
        None,
        f"{OLD}:1:4: the file is not valid UTF-8 (byte 0xe9)",
        "the config was deleted in this commit",
    ]
    assert walked.rows[0].score == pytest.approx(99.34, abs=0.005)
    assert [p.score is None for p in walked.points()] == [False, True, True]


def test_select_keeps_the_period_and_the_last_change_before_it() -> None:
    commits = [_commit(x, d, "1" * 40) for x, d in (("a", "2026-01-05"), ("b", "2026-02-05"),
                                                    ("c", "2026-03-05"), ("d", "2026-04-05"))]
    chosen, before = select(commits, dt.date(2026, 2, 6), dt.date(2026, 4, 5))
    assert [c.sha[0] for c in chosen] == ["c", "d"] and before is not None and before.sha[0] == "b"
    assert select(commits, None, dt.date(2026, 1, 5)) == (commits[:1], None)


# --- the progress bar ---------------------------------------------------------------------------


class _Terminal:
    """A standard error that says it is a terminal and keeps what is written to it."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_a_progress_bar_only_for_a_long_walk_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from phi_policy.commands.history import progress

    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with progress(50) as step:
        assert step is None
    with progress(51) as step:
        assert step is not None
        step(50)
        step(1)
    assert "Judging versions" in terminal.text and "100%" in terminal.text


def test_no_progress_bar_when_standard_error_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from phi_policy.commands.history import progress

    with progress(5000) as step:
        assert step is None
    assert capsys.readouterr().err == ""


# --- errors -------------------------------------------------------------------------------------


def test_a_config_never_committed_is_a_clear_error(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["history", "missing.yaml"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"phi-policy: error: missing.yaml has no history at HEAD ({year.ids['waiver'][:12]}): "
        "no commit there changed it\n"
        "  hint: check the config path, and commit the config first\n"
    )


def test_outside_a_repository_is_a_clear_error(
    tmp_path: Path, isolated_git: None, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["history"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"phi-policy: error: {tmp_path} is not inside a git repository\n")


def test_since_after_until_is_a_usage_error(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["history", NEW, "--since", "2026-05-01", "--until", "2026-04-01"]) == 2
    assert capsys.readouterr().err == (
        "phi-policy: error: --since 2026-05-01 is after --until 2026-04-01\n"
        "  hint: swap the dates\n"
    )


# --- check --as-of DATE --at-date -------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "name", "day", "score", "subject"),
    [
        ("2026-01-25", "readme", "2026-01-20", 99.34, "Add a README"),
        ("2026-03-08", "comment", "2026-02-09", 99.13, "Note the Ironvault vendor-risk contact"),
        ("2026-03-09", "merge", "2026-03-09", 99.67, "Merge pull request #7 from lakeside/mfa"),
        ("2026-04-15", "logoff", "2026-04-13", 99.56, "Raise automatic logoff to 30 minutes"),
    ],
)
def test_check_at_date_reads_the_config_as_committed_on_that_date(
    year: YearRepo, capsys: pytest.CaptureFixture[str], as_of: str, name: str, day: str,
    score: float, subject: str,
) -> None:
    """The last first-parent commit on or before the date, whether it touched the config (the
    merge) or not (the README): the config as it stood, judged as of that date."""
    code = run(["check", NEW, "--as-of", as_of, "--at-date", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0
    author = REVIEWER[0] if name == "merge" else AUTHOR[0]
    sha = year.ids[name]
    assert err.splitlines() == [
        f"phi-policy: as of {as_of}, HEAD was at commit {sha[:12]} of {day} by {author}: "
        f"{subject}",
        f"phi-policy: note: at {sha} the config was {OLD} (renamed to {NEW} since)",
    ]
    report = json.loads(out)
    assert (report["score"], report["as_of"], report["source"]) == (score, as_of, OLD)


def test_check_at_date_without_as_of_is_a_usage_error(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["check", NEW, "--at-date"]) == 2
    assert capsys.readouterr().err == (
        "phi-policy: error: --at-date needs --as-of DATE: the date whose posture you want\n"
        "  hint: e.g. phi-policy check --as-of 2026-03-01 --at-date\n"
    )


def test_check_at_date_before_the_first_commit_is_a_clear_error(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["check", NEW, "--as-of", "2025-12-31", "--at-date"]) == 2
    assert capsys.readouterr().err == (
        "phi-policy: error: no commit on the first-parent line of HEAD is dated on or before "
        f"2025-12-31; its first commit is {year.ids['add'][:12]} of 2026-01-05\n"
        "  hint: pick a later --as-of date\n"
    )


# --- Ctrl-C during a long history ---------------------------------------------------------------


@needs_proc
def test_ctrl_c_during_a_long_history_exits_130_and_leaves_no_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A history long enough for worker processes (bench/generate.py's repository, 400
    commits): Ctrl-C to the process group, as a terminal sends it, once both workers run."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "bench"))
    generate = importlib.import_module("generate")
    repo = generate.history_repo(tmp_path / "repo", 400)
    out = tmp_path / "history.json"
    out.write_text("the previous history\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "phi_policy", "history", "--jobs", "2", "--format", "json",
         "-o", str(out)],
        cwd=repo.path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        workers = [pid for pid in _children(proc.pid) if _is_python(pid)]
        if len(workers) >= 2:
            break
        time.sleep(0.002)
    assert proc.poll() is None, "the history ended before its workers started"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (130, INTERRUPTED)
    assert out.read_text("utf-8") == "the previous history\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.json", "repo"]
    assert _gone(workers), "a worker outlived the run"


def _is_python(pid: int) -> bool:
    """A forked worker runs the parent's command line; git's processes do not."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
    except OSError:
        return False
    return command.decode(errors="replace") == sys.executable


def test_the_help_names_the_history_length_that_starts_workers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["history", "--help"]) == 0
    words = " ".join(capsys.readouterr().out.split())
    assert f"from {judging.PARALLEL_FROM} versions" in words
