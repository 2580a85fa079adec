"""`phi-policy diff` and `phi-policy check --rev` on real repositories, end to end.

Every repository starts from the Lakeside example (green, 99.93 on 2026-11-01) committed on
main as phi-policy.yaml, with a branch `feature` checked out and the current folder inside it;
each test then makes the change a pull request would make.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from phi_policy.cli import run
from phi_policy.git.repo import SHALLOW_HINT
from tests import gitrepo, test_packs
from tests.gitrepo import (
    AUTHOR,
    CONFIG,
    GitRepo,
    MakeRepo,
    edit,
    lakeside_text,
    line_of,
    shallow_clone,
)
from tests.report_fixtures import assert_golden

#: fixtures shared with the other git tests
isolated_git = gitrepo.isolated_git
lakeside_repo = gitrepo.lakeside_repo
make_repo = gitrepo.make_repo
forget_pack_modules = test_packs._forget_pack_modules

AS_OF = ["--as-of", "2026-11-01"]
LOGOFF_15 = "automatic_logoff_minutes: 15 "
LOGOFF_60 = "automatic_logoff_minutes: 60 "
AES_128 = "algorithm: AES-128 "
AES_256 = "algorithm: AES-256 "
RIVERBEND = (
    Path(__file__).resolve().parent.parent / "examples" / "org-config" / "riverbend-clinic.yaml"
)

LOGOFF_LINE = line_of(lakeside_text(), LOGOFF_15)
TECH_026 = (
    "-0.2 technical: TECH-026 Automatic logoff at 15 minutes or less (benchmark) "
    "(pass -> fail): automatic logoff is 60 minutes; benchmark: 15 minutes or less (CIS "
    "Controls v8 4.3 names 15; HIPAA sets no number) "
    "(access_control.automatic_logoff_minutes: 15 -> 60) "
    f"at {CONFIG}:{LOGOFF_LINE} (164.312(a)(2)(iii))"
)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def as_json(out: str) -> dict[str, Any]:
    return json.loads(out)


# --- the gate -----------------------------------------------------------------------------------


def test_raising_the_logoff_fails_the_gate_naming_the_control_and_line(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    lakeside_repo.commit(
        "Raise logoff", files={CONFIG: edit(lakeside_text(), LOGOFF_15, LOGOFF_60)}
    )
    code, out, err = cli(capsys, "diff", *AS_OF)
    assert code == 1
    assert f"  {TECH_026}" in out.splitlines()
    assert "Score 99.89 -> 99.67 (-0.22), band green -> green" in out
    assert err.splitlines() == [
        "phi-policy: gate failed: the score dropped 0.22 points, from 99.89 to 99.67 "
        "(--max-drop 0)",
        "phi-policy: gate failed: 1 control at or above low severity passed at base and does "
        "not at head: TECH-026 (medium, fail) (--fail-on-regression low)",
    ]

    _, out, _ = cli(capsys, "diff", *AS_OF, "-v")
    at = out.splitlines().index(f"  {TECH_026}")
    assert out.splitlines()[at + 1] == (
        "      fix: Set access_control.automatic_logoff_minutes to 15 or less, or record a "
        "tailored value with its risk-based reason in a decision."
    )

    code, out, _ = cli(capsys, "diff", *AS_OF, "--format", "github")
    assert code == 1
    assert out.splitlines()[0] == (
        f"::error file={CONFIG},line={LOGOFF_LINE},col=29,"
        f"title=TECH-026 regressed (pass -> fail)::{TECH_026}"
    )


def test_a_change_that_only_improves_passes(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    lakeside_repo.write(
        CONFIG, edit(lakeside_text(), AES_128, AES_256)
    )  # uncommitted: the working tree
    code, out, err = cli(capsys, "diff", *AS_OF)
    assert (code, err) == (0, "")
    assert "Improved (1)" in out and "Regressed" not in out
    assert (
        "+0.1 technical: TECH-008 AES-256 for encryption at rest (benchmark: organizational "
        "policy choice) (fail -> pass)" in out
    )
    assert "Gate passed (--max-drop 0, --fail-on-regression low)" in out


def test_fail_on_regression_high_fails_even_when_the_score_rose(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    lakeside_repo.checkout("main")
    lakeside_repo.commit(
        "Riverbend's config", files={CONFIG: RIVERBEND.read_text(encoding="utf-8")}
    )
    lakeside_repo.branch("adopt-lakeside")
    head = edit(lakeside_text(), "unique_user_ids: true", "unique_user_ids: false")
    lakeside_repo.commit("Adopt Lakeside's programme", files={CONFIG: head})
    code, out, err = cli(capsys, "diff", *AS_OF, "--format", "json", "--fail-on-regression", "high")
    data = as_json(out)
    assert code == 1
    assert data["score_change"] > 20
    regressed = [
        (c["id"], c["severity"], c["base_status"], c["head_status"])
        for c in data["changes"]
        if c["newly_failing"]
    ]
    assert regressed == [("TECH-001", "high", "pass", "fail")]
    assert err == (
        "phi-policy: gate failed: 1 control at or above high severity passed at base and does not "
        "at head: TECH-001 (high, fail) (--fail-on-regression high)\n"
    )
    code, _, _ = cli(capsys, "diff", *AS_OF, "--fail-on-regression", "critical", "-q")
    assert code == 0


def test_fail_on_band_change(lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    lakeside_repo.write(CONFIG, RIVERBEND.read_text(encoding="utf-8"))
    loose = ("--max-drop", "100", "--fail-on-regression", "none")
    code, out, err = cli(capsys, "diff", *AS_OF, *loose, "--fail-on-band-change")
    assert code == 1
    assert "band green -> red" in out  # Riverbend's vendor without a BAA caps it at red
    assert (
        err == "phi-policy: gate failed: the band dropped from green to red "
        "(--fail-on-band-change)\n"
    )
    assert cli(capsys, "diff", *AS_OF, *loose)[0] == 0


def test_diff_of_a_commit_with_itself_is_empty(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "diff", "HEAD", "HEAD", *AS_OF)
    assert (code, err) == (0, "")
    assert "No changes: the config scores the same at base and head." in out
    code, out, _ = cli(capsys, "diff", "HEAD", "HEAD", *AS_OF, "--format", "json")
    data = as_json(out)
    assert (data["changes"], data["decisions"], data["rule_changes"], data["gate"]["passed"]) == (
        [],
        [],
        [],
        True,
    )
    assert (
        data["base"]["commit"] == data["head"]["commit"] == lakeside_repo.git("rev-parse", "HEAD")
    )


def test_detached_head_works(lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    sha = lakeside_repo.commit(
        "Raise logoff", files={CONFIG: edit(lakeside_text(), LOGOFF_15, LOGOFF_60)}
    )
    lakeside_repo.checkout(sha)  # what actions/checkout leaves
    code, out, _ = cli(capsys, "diff", *AS_OF, "--format", "json")
    data = as_json(out)
    assert code == 1
    assert data["base"]["label"].startswith("merge base with main (")
    assert [c["id"] for c in data["changes"]] == ["TECH-026"]
    code, out, _ = cli(capsys, "check", "--rev", "HEAD", *AS_OF, "--format", "json")
    assert code == 0 and "TECH-026" in [
        r["id"] for r in as_json(out)["results"] if r["status"] == "fail"
    ]


# --- waivers and their authors ------------------------------------------------------------------

SELF_WAIVER = """  - control: ADM-011
    kind: alternative
    reason: Reminders are paused while the newsletter platform is replaced.
    alternative_measure: Team leads repeat the phishing reminders in the weekly huddle.
    approved_by: Riley Chen
    approved_on: 2026-10-15
    review_by: 2027-01-31
"""


def test_a_self_approved_waiver_is_flagged_with_its_commit_author(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    head = (
        edit(lakeside_text(), "security_reminders: true", "security_reminders: false") + SELF_WAIVER
    )
    sha = lakeside_repo.commit("Pause reminders", files={CONFIG: head})
    code, out, _ = cli(capsys, "diff", "main", "HEAD", *AS_OF, "--format", "json")
    (waiver,) = as_json(out)["decisions"]
    assert code == 1
    assert (
        waiver["kind"],
        waiver["control"],
        waiver["author"],
        waiver["author_commit"],
        waiver["self_approved"],
    ) == ("added", "ADM-011", AUTHOR[0], sha[:7], True)
    assert waiver["location"] == {
        "file": CONFIG,
        "line": line_of(head, "control: ADM-011"),
        "col": 5,
    }


def test_an_uncommitted_waiver_is_written_by_the_configured_user_or_uncommitted(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    lakeside_repo.write(
        CONFIG, lakeside_text() + SELF_WAIVER.replace("Riley Chen", "Dana Whitfield")
    )
    _, out, _ = cli(capsys, "diff", *AS_OF, "--format", "json")
    (waiver,) = as_json(out)["decisions"]
    assert (waiver["author"], waiver["author_commit"], waiver["self_approved"]) == (
        AUTHOR[0],
        None,
        False,
    )
    lakeside_repo.git("config", "--unset", "user.name")
    _, out, _ = cli(capsys, "diff", *AS_OF, "--format", "json")
    assert as_json(out)["decisions"][0]["author"] == "uncommitted"


# --- trust --------------------------------------------------------------------------------------

HOUSE_RULE = '''"""House rules of the Lakeside security office."""

from phi_policy.control import control, failed, get, passed

LOGOFF = "/access_control/automatic_logoff_minutes"
{extra}

@control(
    id="HOUSE-001",
    title="Automatic logoff within 10 minutes (house rule)",
    domain="technical",
    cites=["164.312(a)(2)(iii)"],
    basis="benchmark",
    severity="high",
    risk="A workstation left signed in shows ePHI to whoever walks by.",
    weight=2.5,
    rationale="Shared clinic workstations: the security office wants a shorter logoff.",
    remediation="Set access_control.automatic_logoff_minutes to 10 or less.",
)
def house_logoff(config, ctx):
    """Logoff within 10 minutes."""
{body}
'''
STRICT = HOUSE_RULE.format(
    extra="",
    body="""    minutes = get(config, LOGOFF)
    if minutes is not None and minutes <= 10:
        return passed(f"automatic logoff after {minutes} minutes", LOGOFF)
    return failed(f"automatic logoff is {minutes} minutes; the house rule is 10", LOGOFF)""",
)


def test_the_base_rules_judge_the_head_a_pack_edited_to_pass_still_fails(
    lakeside_repo: GitRepo,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    forget_pack_modules: None,
) -> None:
    lakeside_repo.checkout("main")
    lakeside_repo.commit("House rules", files={"rules/house.py": STRICT})
    lakeside_repo.git("checkout", "-q", "-B", "feature")
    marker = tmp_path / "head-pack-was-imported"
    always_pass = HOUSE_RULE.format(
        extra=f"import pathlib\npathlib.Path({str(marker)!r}).write_text('imported')\n",
        body="    return passed('house rule met', LOGOFF)",
    )
    worse = edit(lakeside_text(), "security_reminders: true", "security_reminders: false")
    lakeside_repo.commit(
        "Relax the house rule, pause reminders",
        files={"rules/house.py": always_pass, CONFIG: worse},
    )

    code, out, _ = cli(
        capsys,
        "diff",
        *AS_OF,
        "--controls",
        "rules",
        "--fail-on-regression",
        "none",
        "--format",
        "json",
    )
    data = as_json(out)
    assert code == 1
    assert not marker.exists(), "the head's version of the pack was imported"
    assert [(c["id"], c["kind"]) for c in data["changes"]] == [
        ("ADM-011", "regressed")
    ]  # HOUSE-001 fails both
    assert data["gate"]["failures"] == [
        f"the score dropped {data['base']['score'] - data['head']['score']:.2f} points, from "
        f"{data['base']['score']:.2f} to {data['head']['score']:.2f} (--max-drop 0)"
    ]
    assert data["rule_changes"] == [
        {
            "kind": "control pack",
            "path": "rules/house.py",
            "status": "modified",
            "old_path": None,
            "note": "the base's version judged this change",
        }
    ]
    code, out, _ = cli(
        capsys, "diff", *AS_OF, "--controls", "rules", "--fail-on-regression", "none"
    )
    assert (
        "  ! control pack file modified: rules/house.py; the base's version judged this change"
        in out
    )
    code, out, _ = cli(capsys, "diff", *AS_OF, "--controls", "rules", "--format", "github")
    assert (
        "::warning file=rules/house.py,title=rule change%3A rules/house.py::control pack file "
        "modified: rules/house.py; the base's version judged this change"
    ) in out.splitlines()

    # Judged by its own (head) rules, the same change would have raised the score and passed.
    code, out, _ = cli(capsys, "check", "--controls", "rules", *AS_OF, "--format", "json")
    assert marker.exists()
    house = next(r for r in as_json(out)["results"] if r["id"] == "HOUSE-001")
    assert house["status"] == "pass"


def test_new_pack_folders_and_gate_files_are_flagged(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str], forget_pack_modules: None
) -> None:
    lakeside_repo.checkout("main")
    lakeside_repo.commit("Gate", files={".github/workflows/compliance.yml": "on: pull_request\n"})
    lakeside_repo.git("checkout", "-q", "-B", "feature")
    lakeside_repo.write(".github/workflows/compliance.yml", "on: workflow_dispatch\n")
    lakeside_repo.write("rules/house.py", STRICT)  # a new pack: not at the base, so not loaded
    code, out, _ = cli(capsys, "diff", *AS_OF, "--controls", "rules", "--format", "json")
    data = as_json(out)
    assert code == 0
    assert [(r["kind"], r["path"], r["status"], r["note"]) for r in data["rule_changes"]] == [
        (
            "control pack",
            "rules",
            "added",
            "the folder is not at the base, so its controls were not loaded",
        ),
        ("control pack", "rules/house.py", "added", "not at the base, so not loaded"),
        (
            "gate",
            ".github/workflows/compliance.yml",
            "modified",
            "a pull request runs its own copy of a workflow: protect these files with CODEOWNERS",
        ),
    ]
    assert data["changes"] == []  # HOUSE-001 was judged on neither side


# --- check --rev ---------------------------------------------------------------------------------


def test_check_rev_reads_the_committed_blob_not_the_working_tree(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    lakeside_repo.commit(
        "Raise logoff", files={CONFIG: edit(lakeside_text(), LOGOFF_15, LOGOFF_60)}
    )
    lakeside_repo.write(CONFIG, "not: [valid\n")
    code, out, err = cli(capsys, "check", "--rev", "HEAD~1", *AS_OF, "--format", "json")
    assert (code, err) == (0, "")
    results = {r["id"]: r for r in as_json(out)["results"]}
    assert results["TECH-026"]["status"] == "pass"
    assert results["TECH-026"]["locations"] == [{"file": CONFIG, "line": LOGOFF_LINE, "col": 29}]
    code, out, _ = cli(capsys, "check", "--rev", "HEAD", *AS_OF, "--format", "json")
    assert {r["id"]: r["status"] for r in as_json(out)["results"]}["TECH-026"] == "fail"
    assert cli(capsys, "check", *AS_OF)[0] == 2  # the working tree itself is broken


def test_a_renamed_config_is_followed(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    lakeside_repo.git("mv", CONFIG, "compliance.yaml")
    lakeside_repo.commit("Rename the config")
    lakeside_repo.commit(
        "Raise logoff", files={"compliance.yaml": edit(lakeside_text(), LOGOFF_15, LOGOFF_60)}
    )

    code, out, err = cli(
        capsys, "check", "compliance.yaml", "--rev", "main", *AS_OF, "--format", "json"
    )
    assert code == 0
    assert (
        err
        == f"phi-policy: note: at main the config was {CONFIG} (renamed to compliance.yaml since)\n"
    )
    assert as_json(out)["source"] == CONFIG

    code, out, _ = cli(capsys, "diff", "--config", "compliance.yaml", *AS_OF, "--format", "json")
    data = as_json(out)
    assert code == 1
    assert (data["base"]["path"], data["head"]["path"]) == (CONFIG, "compliance.yaml")
    assert data["notes"] == [f"the config was renamed from {CONFIG} to compliance.yaml"]
    assert [c["id"] for c in data["changes"]] == ["TECH-026"]


# --- errors: exit 2, a message and a hint ---------------------------------------------------------


def test_unknown_revision(lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "diff", "no-such-branch", *AS_OF)
    assert (code, out) == (2, "")
    assert err == (
        "phi-policy: error: unknown revision 'no-such-branch': git knows no commit by that name\n"
        "  hint: check the name with git log --oneline, and fetch the branch if it is remote\n"
    )
    assert cli(capsys, "check", "--rev", "v9.9", *AS_OF)[0] == 2


def test_not_a_repository(
    tmp_path: Path,
    isolated_git: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / CONFIG).write_text(lakeside_text(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    expected = (
        f"phi-policy: error: {tmp_path} is not inside a git repository\n"
        "  hint: run inside the repository or pass a config inside one\n"
    )
    assert cli(capsys, "diff", *AS_OF) == (2, "", expected)
    assert cli(capsys, "check", "--rev", "HEAD", *AS_OF) == (2, "", expected)


def test_config_absent_at_a_revision_names_the_path_and_revision(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    base = lakeside_repo.git("rev-parse", "--short", "HEAD")
    lakeside_repo.commit("Second site", files={"sites/tacoma.yaml": lakeside_text()})
    code, _, err = cli(capsys, "diff", "--config", "sites/tacoma.yaml", *AS_OF)
    assert code == 2
    assert err == (
        "phi-policy: error: sites/tacoma.yaml does not exist at the base, "
        f"merge base with main ({base})\n"
        "  hint: check --config; if this change adds the config, there is nothing to compare it "
        "with: run phi-policy check sites/tacoma.yaml instead\n"
    )
    code, _, err = cli(capsys, "check", "sites/tacoma.yaml", "--rev", "main", *AS_OF)
    assert code == 2
    assert err.startswith(f"phi-policy: error: sites/tacoma.yaml does not exist at main ({base}")


def test_a_shallow_clone_says_to_fetch_full_history(
    lakeside_repo: GitRepo,
    make_repo: MakeRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lakeside_repo.commit(
        "Raise logoff", files={CONFIG: edit(lakeside_text(), LOGOFF_15, LOGOFF_60)}
    )
    lakeside_repo.checkout("main")  # the server's default branch; CI fetches only the PR's
    clone = shallow_clone(lakeside_repo, tmp_path / "ci-checkout", branch="feature")
    try:
        monkeypatch.chdir(clone.path)
        code, _, err = cli(capsys, "diff", *AS_OF)
        assert code == 2
        assert err == (
            "phi-policy: error: cannot find the merge base of HEAD with the default branch (tried "
            "origin/HEAD, main, master, origin/main, origin/master)\n"
            f"  hint: {SHALLOW_HINT}\n"
        )
        code, _, err = cli(capsys, "diff", "HEAD~1", *AS_OF)
        assert (code, err) == (
            2,
            "phi-policy: error: unknown revision 'HEAD~1': git knows no commit by that "
            f"name\n  hint: {SHALLOW_HINT}\n",
        )
        assert cli(capsys, "check", "--rev", "HEAD~1", *AS_OF)[2].endswith(
            f"  hint: {SHALLOW_HINT}\n"
        )
    finally:
        clone.close()


def test_an_invalid_head_names_its_side(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    lakeside_repo.write(CONFIG, edit(lakeside_text(), LOGOFF_15, "automatic_logoff_minutes: soon "))
    code, _, err = cli(capsys, "diff", *AS_OF)
    assert code == 2
    assert err == (
        f"phi-policy: error: working tree: {CONFIG} is not a valid config (1 problem):\n"
        f"{CONFIG}:{LOGOFF_LINE}:29: error: access_control.automatic_logoff_minutes: expected "
        "a whole number, got the string 'soon'\n"
        "  hint: write a number, without quotes or units\n"
    )


# --- formats --------------------------------------------------------------------------------------


def _golden_repo(repo: GitRepo) -> None:
    repo.checkout("main")
    repo.commit("House rules", files={"rules/house.py": STRICT})
    repo.git("checkout", "-q", "-B", "feature")
    head = edit(lakeside_text(), LOGOFF_15, LOGOFF_60)
    head = edit(head, AES_128, AES_256)
    head = edit(head, "security_reminders: true", "security_reminders: false") + SELF_WAIVER
    repo.commit(
        "Loosen logoff, pause reminders, AES-256 for VitalWatch",
        files={CONFIG: head, "rules/house.py": STRICT.replace("weight=2.5", "weight=1")},
    )


def test_markdown_report_matches_the_golden_file(
    lakeside_repo: GitRepo,
    capsys: pytest.CaptureFixture[str],
    forget_pack_modules: None,
) -> None:
    _golden_repo(lakeside_repo)
    code, out, _ = cli(
        capsys, "diff", "main", "HEAD", *AS_OF, "--controls", "rules", "--format", "markdown"
    )
    assert code == 1
    assert_golden("diff-markdown.md", out)


def test_report_written_to_a_file_and_quiet(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lakeside_repo.write(CONFIG, edit(lakeside_text(), LOGOFF_15, LOGOFF_60))
    target = tmp_path / "summary.md"
    code, out, err = cli(capsys, "diff", *AS_OF, "--format", "markdown", "-o", str(target), "-q")
    assert (code, out) == (1, "")
    assert target.read_text(encoding="utf-8").startswith("## phi-policy diff: ❌ gate failed\n")
    assert err.count("phi-policy: gate failed: ") == 2


@pytest.mark.parametrize("fmt", ["sarif", "junit"])
def test_sarif_and_junit_describe_the_head(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    if importlib.util.find_spec(f"phi_policy.reporters.{fmt}") is None:
        pytest.skip(f"phi_policy.reporters.{fmt} (written by another helper) is not installed yet")
    lakeside_repo.write(CONFIG, edit(lakeside_text(), LOGOFF_15, LOGOFF_60))
    code, out, _ = cli(capsys, "diff", *AS_OF, "--format", fmt)
    assert code == 1
    assert "TECH-003" in out and "automatic logoff is 60 minutes" in out
    check_code, check_out, _ = cli(capsys, "check", *AS_OF, "--format", fmt)
    assert (check_code, check_out) == (0, out)
