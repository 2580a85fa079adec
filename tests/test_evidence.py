"""`phi-policy evidence`: the bundle for the year, its schema, its flags, and its verification
against edited files, a forged bundle and rewritten history."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import git
import pytest
from jsonschema import Draft202012Validator

from phi_policy.audit import evidence
from phi_policy.audit import manifest as manifest_
from phi_policy.audit.catalog_digest import catalog_version
from phi_policy.audit.flags import flags
from phi_policy.audit.history import History, Row
from phi_policy.catalog.packs import load_catalog
from phi_policy.cli import run
from phi_policy.git.log import ConfigCommit
from phi_policy.resources import schema_path
from tests import gitrepo, test_history
from tests.gitrepo import REVIEWER
from tests.test_history import NEW, OLD, Year, YearRepo, commit

#: fixtures shared with the other history tests
isolated_git = test_history.isolated_git
year_template = test_history.year_template
year = test_history.year
make_repo = gitrepo.make_repo
FILES = ["assessment.json", "evidence.json", "manifest.json", "report.html"]


@pytest.fixture(scope="session")
def bundle_template(
    year_template: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The year's bundle, written once (from the template repository)."""
    repo, _ = year_template
    out = tmp_path_factory.mktemp("bundle") / "audit"
    home = tmp_path_factory.mktemp("bundle-home")
    (home / "gitconfig").write_text("", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        evidence.write(evidence.WriteRequest(out=str(out), config=NEW), cwd=repo)
    return out


@pytest.fixture()
def bundle(bundle_template: Path, year: YearRepo, tmp_path: Path) -> Path:
    """A private copy of the year's bundle, beside a private copy of its repository."""
    out = tmp_path / "audit"
    shutil.copytree(bundle_template, out)
    return out


def verify(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = run(["evidence", "verify", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


def mismatches(out: str) -> list[str]:
    return [line[4:] for line in out.splitlines() if line.startswith("  - ")]


def label(year: YearRepo, name: str, day: str, subject: str) -> str:
    return f'commit {year.short(name)} ({day}, "{subject}")'


# --- writing ------------------------------------------------------------------------------------


def test_the_bundle_is_written_and_verifies(
    year: YearRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "audit-2026"
    assert run(["evidence", "--out", str(out), NEW]) == 0
    err = capsys.readouterr().err
    assert err == (f"phi-policy: wrote {out}: {', '.join(FILES)} (10 commits of {NEW}, head "
                   f"{year.short('waiver')})\n")
    assert sorted(p.name for p in out.iterdir()) == FILES
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["head"] == year.ids["waiver"]
    assert sorted(manifest["files"]) == ["assessment.json", "evidence.json", "report.html"]
    code, stdout, stderr = verify(capsys, out)
    assert (code, stderr) == (0, "")
    assert stdout == (
        f"{out}: the evidence bundle verifies: 3 files match the manifest; 10 commits from "
        f"2026-01-05 to 2026-11-02 of {NEW} are in the repository and part of main "
        f"({year.short('waiver')}); every score and outcome recomputes with catalog "
        f"{catalog_version(load_catalog())[:12]}.\n"
    )


def test_jobs_reach_the_history_of_writing_and_of_verifying(
    year: YearRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    worker_counts: list[int],
) -> None:
    """--jobs N judges the versions in N workers; without it, the machine's cores (None)."""
    out = tmp_path / "audit"
    assert run(["evidence", "--out", str(out), NEW, "--jobs", "3"]) == 0
    assert verify(capsys, out)[0] == 0
    assert verify(capsys, out, "--jobs", "2")[0] == 0
    assert worker_counts == [3, None, 2]


def test_the_same_repository_gives_the_same_bytes(
    bundle: Path, year: YearRepo, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    assert run(["evidence", NEW, "--out", str(again)]) == 0
    for name in FILES:
        assert (again / name).read_bytes() == (bundle / name).read_bytes(), name


def test_evidence_json_follows_its_schema_and_records_every_commit(
    bundle: Path, year: YearRepo
) -> None:
    data = json.loads((bundle / "evidence.json").read_text(encoding="utf-8"))
    schema = json.loads(schema_path("evidence.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == data["$schema"] == "https://phi-policy.dev/schemas/evidence/v1.json"
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(data)] == []
    catalog = load_catalog()
    assert data["catalog"] == {"sha256": catalog_version(catalog),
                               "controls": len(catalog.controls), "packs": ["builtin"]}
    assert data["repository"] == {"head": year.ids["waiver"], "branch": "main", "config": NEW,
                                  "first_parent": True}
    assert (data["period"], data["profile"], data["require_signed"], data["before"]) == (
        {"since": None, "until": None, "today": dt.date.today().isoformat()}, "hipaa", False,
        None)
    order = ["add", "comment", "merge", "logoff", "revert", "invalid", "fix", "move", "renew",
             "waiver"]
    assert [c["sha"] for c in data["commits"]] == [year.ids[n] for n in order]
    merge = data["commits"][2]
    facts = {k: merge[k] for k in ("parents", "path", "blob", "author", "committer", "signature",
                                   "subject", "as_of", "score", "raw_score", "band")}
    assert facts == {
        "parents": [year.ids["comment"], year.ids["mfa"]],
        "path": OLD,
        "blob": year.git("rev-parse", f"{year.ids['merge']}:{OLD}"),
        "author": {"name": REVIEWER[0], "email": REVIEWER[1], "date": "2026-03-09T09:00:00+00:00"},
        "committer": {"name": REVIEWER[0], "email": REVIEWER[1],
                      "date": "2026-03-09T09:00:00+00:00"},
        "signature": "unsigned",
        "subject": "Merge pull request #7 from lakeside/mfa",
        "as_of": "2026-03-09",
        "score": 99.67,
        "raw_score": 99.45,
        "band": "green",
    }
    assert merge["tree"] == year.git("rev-parse", f"{year.ids['merge']}^{{tree}}")
    hipaa = [c.id for c in catalog.for_profile("hipaa")]
    assert [o["control"] for o in merge["outcomes"]] == hipaa
    by_id = {o["control"]: o for o in merge["outcomes"]}
    assert by_id["TECH-015"] == {"control": "TECH-015", "status": "pass", "credit": 1.0}
    # met by the documented decision for VitalWatch RPM: compliant, credit 1
    assert by_id["TECH-027"] == {"control": "TECH-027", "status": "pass", "credit": 1.0}
    # one platform on AES-128 fails the AES-256 benchmark: every instance counts
    assert by_id["TECH-008"] == {"control": "TECH-008", "status": "fail", "credit": 0.0}
    invalid = data["commits"][5]
    assert (invalid["valid"], invalid["score"], invalid["outcomes"]) == (False, None, [])
    assert data["current"] == {
        "file": "assessment.json", "commit": year.ids["waiver"], "path": NEW,
        "blob": year.git("rev-parse", f"HEAD:{NEW}"), "as_of": "2026-11-02", "score": 99.67,
        "raw_score": 99.45, "band": "green",
    }
    gov_012 = next(t for t in data["timelines"] if t["control"] == "GOV-012")
    assert [(i["status"], i["since"]["date"]) for i in gov_012["intervals"]] == [
        ("pass", "2026-01-05"), ("fail", "2026-07-06"), ("pass", "2026-09-14")]
    assessment = json.loads((bundle / "assessment.json").read_text(encoding="utf-8"))
    assert (assessment["as_of"], assessment["source"], assessment["score"]) == (
        "2026-11-02", NEW, 99.67)
    html = (bundle / "report.html").read_text(encoding="utf-8")
    assert 'id="history-chart"' in html and 'id="timeline-chart"' in html


def test_the_flags_an_auditor_should_look_at(bundle: Path, year: YearRepo) -> None:
    data = json.loads((bundle / "evidence.json").read_text(encoding="utf-8"))
    names = {sha: name for name, sha in year.ids.items()}
    assert [(f["kind"], names[f["commit"]]) for f in data["flags"]] == [
        ("direct_push", "add"),
        ("author_not_committer", "comment"),
        ("direct_push", "logoff"),
        ("direct_push", "revert"),
        ("direct_push", "invalid"),
        ("direct_push", "fix"),
        ("direct_push", "move"),
        ("author_not_committer", "renew"),
        ("direct_push", "waiver"),
        ("self_approved_decision", "waiver"),
    ]
    messages = {(f["kind"], names[f["commit"]]): f["message"] for f in data["flags"]}
    s = year.short
    assert messages[("author_not_committer", "renew")] == (
        f"commit {s('renew')} was authored by Dana Whitfield <dana.whitfield@lakeside.example> "
        "and committed by Riley Chen <riley.chen@lakeside.example>")
    assert messages[("direct_push", "logoff")] == (
        f"commit {s('logoff')} by Riley Chen landed on the branch without a merge by a second "
        "person (author and committer are the same)")
    assert messages[("self_approved_decision", "waiver")] == (
        f"commit {s('waiver')} by Dana Whitfield adds or changes the decision for TECH-027, "
        "approved by Dana Whitfield (CISO): the approver is the author")


def test_a_period_and_a_signing_policy(
    year: YearRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q2"
    assert run(["evidence", "--out", str(out), NEW, "--since", "2026-04-01", "--until",
                "2026-06-30", "--require-signed"]) == 0
    data = json.loads((out / "evidence.json").read_text(encoding="utf-8"))
    assert data["period"] == {"since": "2026-04-01", "until": "2026-06-30", "today": "2026-06-30"}
    assert data["before"]["sha"] == year.ids["merge"]
    names = ["logoff", "revert", "invalid", "fix"]
    assert [c["sha"] for c in data["commits"]] == [year.ids[n] for n in names]
    signature = [f["message"] for f in data["flags"] if f["kind"] == "signature"]
    assert signature == [
        f"commit {year.short(n)} is unsigned (the policy asks for signed commits)" for n in names
    ]
    # The posture at the period's end: the fixed config judged on 2026-06-30, the day the
    # CareLink BAA expires (a BAA is no longer in force on its expiry date).
    assert (data["current"]["commit"], data["current"]["as_of"]) == (year.ids["fix"], "2026-06-30")
    # the lapsed BAA is a critical gap: the band is capped at red
    assert (data["current"]["score"], data["current"]["band"]) == (95.31, "red")
    assessment = json.loads((out / "assessment.json").read_text(encoding="utf-8"))
    assert assessment["as_of"] == "2026-06-30"
    assert {r["id"]: r["status"] for r in assessment["results"]}["GOV-012"] == "fail"
    code, stdout, _ = verify(capsys, out)
    assert code == 0 and "4 commits from 2026-04-13 to 2026-05-19" in stdout


def test_a_commit_dated_before_its_parent_is_flagged(
    make_repo: gitrepo.MakeRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = make_repo()
    commit(repo, "Add the compliance config", "2026-03-01", {OLD: Year.base})
    late = commit(repo, "Require MFA for remote access", "2026-02-01", {OLD: Year.mfa})
    monkeypatch.chdir(repo.path)
    out = tmp_path / "audit"
    assert run(["evidence", "--out", str(out)]) == 0
    data = json.loads((out / "evidence.json").read_text(encoding="utf-8"))
    dated = [f for f in data["flags"] if f["kind"] == "date_before_parent"]
    parent = data["commits"][0]["sha"]
    assert dated == [{
        "kind": "date_before_parent",
        "commit": late,
        "message": f"commit {late[:7]} is dated 2026-02-01T09:00:00+00:00, earlier than its "
                   f"parent {parent[:7]} (2026-03-01T09:00:00+00:00): its date cannot be trusted",
    }]


def test_without_out_it_says_how_to_write_or_verify(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["evidence", NEW]) == 2
    assert capsys.readouterr().err == (
        "phi-policy: error: --out DIR is required: the folder to write the bundle into\n"
        "  hint: e.g. phi-policy evidence --out audit-2026; to check a bundle, phi-policy "
        "evidence verify DIR\n"
    )


def test_a_folder_that_is_not_empty_is_refused_unless_forced(
    year: YearRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "audit"
    out.mkdir()
    (out / "keep.txt").write_text("last year's bundle\n", encoding="utf-8")
    assert run(["evidence", "--out", str(out), NEW]) == 2
    assert capsys.readouterr().err == (
        f"phi-policy: error: {out} is not empty; an evidence bundle is written into a new or "
        "empty folder\n"
        "  hint: choose another --out folder, or pass --force to replace the bundle in it\n"
    )
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert run(["evidence", "--out", str(out), NEW, "--force"]) == 0
    capsys.readouterr()
    # --force replaces the folder whole: nothing of what was there stays to spoil verify.
    assert not (out / "keep.txt").exists()
    code, _, _ = verify(capsys, out)
    assert code == 0


# --- verifying ----------------------------------------------------------------------------------


def test_an_edited_score_is_named_twice_by_digest_and_by_recomputation(
    bundle: Path, year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    path = bundle / "evidence.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["commits"][3]["score"] = 100.0
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    code, stdout, _ = verify(capsys, bundle)
    assert code == 1
    assert stdout.startswith(f"{bundle}: the evidence bundle does NOT verify: 2 mismatches\n")
    found = mismatches(stdout)
    assert found[0].startswith("evidence.json: changed since the bundle was written (sha256 ")
    assert found[1] == (
        f"{label(year, 'logoff', '2026-04-13', 'Raise automatic logoff to 30 minutes')}: "
        "score recorded 100.00, recomputes to 99.56")


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("assessment.json", '"score": 99.67', '"score": 99.99'),
        ("report.html", "</main>", "<p>All controls pass.</p></main>"),
    ],
)
def test_editing_any_file_is_named(
    bundle: Path, year: YearRepo, capsys: pytest.CaptureFixture[str], name: str, old: str,
    new: str,
) -> None:
    path = bundle / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    code, stdout, _ = verify(capsys, bundle)
    assert code == 1
    [found] = mismatches(stdout)
    assert found.startswith(f"{name}: changed since the bundle was written (sha256 ")


def test_a_forged_bundle_with_a_matching_manifest_is_caught_by_recomputation(
    bundle: Path, year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whoever can edit a file can rewrite the manifest too: the repository still tells."""
    path = bundle / "evidence.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["commits"][7]["author"]["name"] = "Dana Whitfield"
    data["commits"][7]["changes"] = []
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    files = {n: (bundle / n).read_text(encoding="utf-8") for n in FILES if n != "manifest.json"}
    (bundle / "manifest.json").write_text(manifest_.manifest(year.ids["waiver"], files),
                                          encoding="utf-8")
    code, stdout, _ = verify(capsys, bundle)
    assert code == 1
    move = label(year, "move", "2026-07-06", "Move the config under compliance/")
    assert mismatches(stdout) == [
        f"{move}: author recorded Dana Whitfield <riley.chen@lakeside.example> "
        "2026-07-06T09:00:00+00:00, the repository has Riley Chen "
        "<riley.chen@lakeside.example> 2026-07-06T09:00:00+00:00",
        f'{move}: changes recorded [], recomputes to [{{"control": "GOV-012", "from": "pass", '
        '"title": "Every business associate handling ePHI has a signed BAA in force", "to": '
        '"fail"}, {"control": "GOV-016", "from": "pass", "title": "Every platform handling '
        "ePHI is covered by a business associate's BAA in force\", \"to\": \"fail\"}]",
    ]


def test_a_deleted_or_added_file_is_named(
    bundle: Path, year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    (bundle / "report.html").unlink()
    (bundle / "notes.txt").write_text("an auditor's note\n", encoding="utf-8")
    code, stdout, _ = verify(capsys, bundle)
    assert code == 1
    assert mismatches(stdout) == [
        "report.html: missing (the manifest lists it)",
        "notes.txt: not in the manifest (added after the bundle was written)",
    ]


def test_rewritten_history_is_named_commit_by_commit(
    bundle: Path, year: YearRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reword the April regression's message: it and every commit after it get new ids. The
    old objects stay (refs/original), but they are no longer on main; in a fresh clone they
    are gone altogether."""
    year.git("filter-branch", "-f", "--msg-filter", "sed 's/Raise automatic/Lift automatic/'",
             "--", "main", env={"FILTER_BRANCH_SQUELCH_WARNING": "1"})
    head = year.git("rev-parse", "main")[:7]
    code, stdout, _ = verify(capsys, bundle)
    assert code == 1
    rewritten = [
        ("logoff", "2026-04-13", "Raise automatic logoff to 30 minutes"),
        ("revert", "2026-04-20", 'Revert "Raise automatic logoff to 30 minutes"'),
        ("invalid", "2026-05-18", "Write the logoff in words"),
        ("fix", "2026-05-19", "Fix the logoff value"),
        ("move", "2026-07-06", "Move the config under compliance/"),
        ("renew", "2026-09-14", "Renew the CareLink BAA until 2027-06-30"),
        ("waiver", "2026-11-02", "Extend the TECH-027 decision"),
    ]
    assert mismatches(stdout) == [
        f"{label(year, *r)}: no longer an ancestor of main ({head}): the history was rewritten "
        "or force-pushed"
        for r in rewritten
    ] + [f"the recorded head {year.short('waiver')} is no longer an ancestor of main ({head}): "
         "the history was rewritten or force-pushed"]

    clone = tmp_path / "clone"
    git.Repo.clone_from(year.path, clone, no_local=True).close()
    code, stdout, _ = verify(capsys, bundle, "--repo", str(clone))
    assert code == 1
    assert mismatches(stdout) == [
        f"{label(year, *r)}: no longer in the repository (the history was rewritten or "
        "force-pushed, or this is another repository)"
        for r in rewritten
    ] + [f"the recorded head {year.short('waiver')} is not in this repository, so nothing could "
         "be recomputed"]


def test_a_reset_and_a_new_commit_is_named(
    bundle: Path, year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    year.git("reset", "-q", "--hard", year.ids["renew"])
    year.git("commit", "-q", "--allow-empty", "-m", "Start over",
             env={"GIT_AUTHOR_DATE": "2026-11-03T09:00:00+00:00",
                  "GIT_COMMITTER_DATE": "2026-11-03T09:00:00+00:00"})
    head = year.git("rev-parse", "HEAD")[:7]
    code, stdout, _ = verify(capsys, bundle)
    assert code == 1
    assert mismatches(stdout) == [
        f"{label(year, 'waiver', '2026-11-02', 'Extend the TECH-027 decision')}: no longer an "
        f"ancestor of main ({head}): the history was rewritten or force-pushed",
        f"the recorded head {year.short('waiver')} is no longer an ancestor of main ({head}): "
        "the history was rewritten or force-pushed",
    ]


def test_another_catalog_is_said_instead_of_blaming_the_scores(
    bundle: Path, year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = Path(gitrepo.ROOT / "examples" / "custom-controls")
    code, stdout, _ = verify(capsys, bundle, "--controls", str(pack))
    assert code == 1
    recorded = catalog_version(load_catalog())
    installed = catalog_version(load_catalog([pack]))
    assert mismatches(stdout) == [
        f"the control catalog differs from the one the bundle was written with (sha256 "
        f"{recorded[:12]}, installed {installed[:12]}): scores and outcomes were not "
        "recomputed; verify with phi-policy 0.1.0 and the same control packs"
    ]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "{dir} is not an evidence bundle: it has no manifest.json"),
        ({"manifest.json": "{not json"}, "{dir}/manifest.json: cannot read the manifest: "
                                          "Expecting property name enclosed in double quotes: "
                                          "line 1 column 2 (char 1)"),
        ({"manifest.json": '{"files": {}}'}, '{dir}/manifest.json is not an evidence bundle\'s '
                                             'manifest: it needs "head" and "files" (with '
                                             'evidence.json)'),
    ],
)
def test_an_unreadable_bundle_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str], message: str
) -> None:
    folder = tmp_path / "not-a-bundle"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    code, _, err = verify(capsys, folder)
    assert (code, err) == (2, f"phi-policy: error: {message.format(dir=folder)}\n")


def test_a_consistent_bundle_whose_evidence_breaks_the_schema_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "evidence.json").write_text("{}\n", encoding="utf-8")
    (folder / "manifest.json").write_text(
        manifest_.manifest("a" * 40, {"evidence.json": "{}\n"}), encoding="utf-8")
    code, _, err = verify(capsys, folder)
    assert code == 2
    assert err == (f"phi-policy: error: {folder}/evidence.json is not valid evidence: (top): "
                   "'$schema' is a required property\n")


# --- flags from plain values --------------------------------------------------------------------


def _row(sha: str, signature: str, parents: tuple[str, ...] = ("p" * 40,)) -> Row:
    when = "2026-05-01T09:00:00+00:00"
    c = ConfigCommit(
        sha=sha * 40, short_sha=sha * 7, tree="t" * 40, parents=parents, author_name="Riley Chen",
        author_email="riley@x.example", author_datetime=when, committer_name="GitHub",
        committer_email="noreply@github.com", committer_datetime=when, signature=signature,
        subject="s", path=OLD, blob="b" * 40, change="modified",
    )
    return Row(c, dt.date(2026, 5, 1), None, "not judged here")


@pytest.mark.parametrize(
    ("require_signed", "expected"),
    [
        (False, [
            "commit bbbbbbb has a BAD signature",
            "commit rrrrrrr is signed with a revoked key",
        ]),
        (True, [
            "commit bbbbbbb has a BAD signature (the policy asks for signed commits)",
            "commit uuuuuuu is unsigned (the policy asks for signed commits)",
            "commit kkkkkkk is signed with a key this machine cannot check (unknown or "
            "untrusted) (the policy asks for signed commits)",
            "commit rrrrrrr is signed with a revoked key (the policy asks for signed commits)",
            "commit eeeeeee is signed with an expired key or signature (the policy asks for "
            "signed commits)",
        ]),
    ],
)
def test_signature_flags(require_signed: bool, expected: list[str]) -> None:
    rows = tuple(_row(s, status) for s, status in (
        ("g", "good"), ("b", "bad"), ("u", "unsigned"), ("k", "unknown_key"), ("r", "revoked"),
        ("e", "expired")))
    history = History(path=OLD, head="g" * 40, first_parent=True, profile="hipaa", rows=rows)
    found = flags(history, require_signed=require_signed)
    assert [f.message for f in found if f.kind == "signature"] == expected
    # GitHub committed them all: author != committer on each, and none is a direct push.
    assert {f.kind for f in found} == {"signature", "author_not_committer"}
