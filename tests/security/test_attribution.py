"""Who wrote a waiver, and whether they approve it themselves (item 6).

`git blame` took the line with the latest committer time, so a self-approved waiver written
above an old comment block, in a backdated commit, was attributed to the comment's author and
not flagged; the approver was matched only when written exactly as the author's name; and
self-approval was only a warning. Attribution now walks the pull request's commits in order,
matches the forms people write, and `--fail-on-self-approved` (on in the example workflow and
the action) fails the gate.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests import gitrepo
from tests.gitrepo import CONFIG, ROOT, GitRepo, lakeside_text
from tests.security._attack import AS_OF, DANA, MALLORY, cli, commit_as

isolated_git = gitrepo.isolated_git
lakeside_repo = gitrepo.lakeside_repo
make_repo = gitrepo.make_repo

TRAILER = (
    "\n# Review log: waivers above were reviewed by the security office at the October\n"
    "# committee meeting; the next review is due with the 2027 risk analysis.\n"
)


def waiver(approver: str, justification: str = "Reminders go out with the quarterly "
           "training instead.") -> str:
    """A documented decision appended to the example's `decisions:` list (the list ends the
    file)."""
    return (
        "  - control: ADM-011\n"
        "    kind: alternative\n"
        f"    reason: {justification}\n"
        "    alternative_measure: Quarterly training covers phishing and password hygiene.\n"
        f"    approved_by: {json.dumps(approver)}\n"
        "    approved_on: 2026-09-01\n"
        "    review_by: 2027-08-31\n"
    )


@pytest.fixture()
def reviewed(lakeside_repo: GitRepo) -> GitRepo:
    """main: Lakeside, and a review-log comment after the waivers, added by Dana on 10-05."""
    lakeside_repo.checkout("main")
    commit_as(lakeside_repo, "Record the waiver review", author=DANA,
              date="2026-10-05T09:00:00+00:00", files={CONFIG: lakeside_text() + TRAILER})
    lakeside_repo.git("checkout", "-q", "-B", "feature")
    return lakeside_repo


def _add_waiver(repo: GitRepo, approver: str, *, date: str = "2026-09-01T09:00:00+00:00",
                author: tuple[str, str] = MALLORY) -> str:
    text = lakeside_text() + waiver(approver) + TRAILER
    return commit_as(repo, "Waive reminders", author=author, date=date, files={CONFIG: text})


def _waivers(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[dict], str]:
    code, out, err = cli(capsys, "diff", "main", "HEAD", *AS_OF, "--format", "json", *extra)
    added = [w for w in json.loads(out)["decisions"] if w["kind"] == "added"]
    return code, added, err


def test_a_backdated_waiver_above_an_old_comment_is_still_its_authors(
    reviewed: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = _add_waiver(reviewed, "Riley Chen")
    code, added, err = _waivers(capsys, "--fail-on-self-approved")
    assert [(w["control"], w["author"], w["author_commit"], w["self_approved"])
            for w in added] == [("ADM-011", "Riley Chen", sha[:7], True)]
    assert code == 1
    assert ("phi-policy: gate failed: 1 decision approved by its own author: ADM-011 (approved "
            "by Riley Chen, written by Riley Chen) (--fail-on-self-approved)") in err.splitlines()


@pytest.mark.parametrize("approver", [
    "Chen, Riley", "Riley Chen, CISO", "Dr. Riley Chen", "riley.chen@lakeside.example",
    "Dr. Riley Chen (Privacy Officer)", "R. Chen <riley.chen@lakeside.example>",
])
def test_the_author_is_recognised_however_the_approver_is_written(
    reviewed: GitRepo, capsys: pytest.CaptureFixture[str], approver: str
) -> None:
    _add_waiver(reviewed, approver, date="2026-10-20T09:00:00+00:00")
    code, added, _ = _waivers(capsys, "--fail-on-self-approved")
    assert [w["self_approved"] for w in added] == [True]
    assert code == 1


def test_another_approver_is_not_self_approval(
    reviewed: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_waiver(reviewed, "Whitfield, Dana (CISO)", date="2026-10-20T09:00:00+00:00")
    code, added, _ = _waivers(capsys, "--fail-on-self-approved")
    assert [(w["author"], w["self_approved"]) for w in added] == [("Riley Chen", False)]
    assert code == 0


def test_a_later_edit_by_someone_else_does_not_launder_a_self_approval(
    reviewed: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_waiver(reviewed, "Riley Chen", date="2026-10-20T09:00:00+00:00")
    text = lakeside_text() + waiver("Riley Chen", "Reminders ride on quarterly training.")
    dana = commit_as(reviewed, "Reword the justification", author=DANA,
                     date="2026-10-21T09:00:00+00:00", files={CONFIG: text + TRAILER})
    code, added, _ = _waivers(capsys, "--fail-on-self-approved")
    assert [(w["author"], w["author_commit"], w["self_approved"]) for w in added] == [
        ("Dana Whitfield", dana[:7], True)]
    assert code == 1


def test_entries_under_decisions_are_attributed_too() -> None:
    """Issue 10 renames waivers to decisions: attribution reads both lists by pointer."""
    from phi_policy.audit.attribution import Author, Version, attribute

    mine = Author(*MALLORY, "a" * 40)
    base = {"decisions": [{"control": "TECH-004", "approved_by": "Dana Whitfield"}]}
    head = {"decisions": [*base["decisions"],
                          {"control": "ADM-011", "approved_by": "Chen, Riley"}]}
    found = attribute([Version(mine, head, (base,))], head, head,
                      ["/decisions/0", "/decisions/1"])
    assert (found["/decisions/1"].last, found["/decisions/1"].self_approved) == (mine, True)
    assert found["/decisions/0"].authors == ()  # not changed in the range


@pytest.mark.parametrize(("approver", "expected"), [
    ("Riley Chen", True), ("CHEN, RILEY", True), ("Riley Chen, CISO", True),
    ("Dr. Riley Chen", True), ("riley.chen@lakeside.example", True),
    ("Dana Whitfield", False), ("Riley Chenowith", False), ("Chen", False),
    ("someone@lakeside.example", False),
])
def test_approver_matching(approver: str, expected: bool) -> None:
    from phi_policy.audit.attribution import approver_matches

    assert approver_matches(approver, *MALLORY) is expected


def _click_default(option: str) -> object:
    from phi_policy.commands.diff import diff

    return next(p.default for p in diff.params if p.name == option)


def test_one_default_for_fail_on_regression_and_self_approval_on_in_ci() -> None:
    """The action defaulted to high where the CLI defaults to low: a pull request that waived
    a medium control and bundled an unrelated fix passed only under the action."""
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    inputs = action["inputs"]
    assert inputs["fail-on-regression"]["default"] == _click_default("fail_on_regression")
    assert inputs["fail-on-self-approved"]["default"] == "true"
    script = action["runs"]["steps"][2]["run"]
    assert "--fail-on-self-approved" in script
    workflow = (ROOT / ".github" / "workflows" / "compliance.yml").read_text("utf-8")
    (gate,) = [s for s in yaml.safe_load(workflow)["jobs"]["phi-policy"]["steps"]
               if s.get("uses", "").startswith("phi-policy/phi-policy@")]
    # the example workflow keeps both of the action's defaults
    assert "fail-on-self-approved" not in gate["with"]
    assert "fail-on-regression" not in gate["with"]
    doc = (ROOT / "docs" / "ci-integration.md").read_text("utf-8")
    assert "--fail-on-self-approved" in doc


def test_the_bundle_flags_a_self_approval_written_in_another_form(
    make_repo: gitrepo.MakeRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo = make_repo()
    commit_as(repo, "Add the config", date="2026-04-01T09:00:00+00:00",
              files={CONFIG: lakeside_text()})
    sha = commit_as(repo, "Waive reminders", date="2026-05-01T09:00:00+00:00",
                    files={CONFIG: lakeside_text() + waiver("Chen, Riley (CISO)")})
    monkeypatch.chdir(repo.path)
    out = tmp_path / "audit"
    assert cli(capsys, "evidence", "--out", str(out))[0] == 0
    flags = json.loads((out / "evidence.json").read_text("utf-8"))["flags"]
    assert [(f["kind"], f["commit"]) for f in flags if f["kind"] == "self_approved_decision"] == [
        ("self_approved_decision", sha)]
