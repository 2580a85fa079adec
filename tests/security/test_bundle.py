"""The evidence bundle (item 9): whole or nothing, every file required, code in the digest.

The catalog digest hashed only the controls' metadata (a bundle written and verified with an
always-pass pack verified); `verify` accepted a bundle with assessment.json removed from the
folder and the manifest; two runs into one folder both said "wrote" and one replaced the
other; `--force` left stale files; an interrupted run left a partial folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phi_policy.audit import evidence
from phi_policy.audit.catalog_digest import catalog_version
from phi_policy.catalog.packs import load_catalog
from tests import gitrepo, test_packs
from tests.gitrepo import CONFIG, GitRepo, edit, lakeside_text
from tests.security._attack import cli, commit_as
from tests.test_diff_cli import HOUSE_RULE, STRICT

isolated_git = gitrepo.isolated_git
make_repo = gitrepo.make_repo
forget_pack_modules = test_packs._forget_pack_modules

ALWAYS_PASS = HOUSE_RULE.format(extra="", body="    return passed('house rule met', LOGOFF)")


@pytest.fixture()
def repo(make_repo: gitrepo.MakeRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    made = make_repo()
    commit_as(made, "Add the config", date="2026-04-01T09:00:00+00:00",
              files={CONFIG: lakeside_text()})
    commit_as(made, "Relax logoff", date="2026-05-01T09:00:00+00:00", files={
        CONFIG: edit(lakeside_text(), "automatic_logoff_minutes: 15 ",
                     "automatic_logoff_minutes: 60 ")})
    monkeypatch.chdir(made.path)
    return made


def _pack(folder: Path, source: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "house.py").write_text(source, encoding="utf-8")
    return folder


def test_the_catalog_digest_covers_the_controls_code(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str], forget_pack_modules: None
) -> None:
    honest = _pack(tmp_path / "honest", STRICT)
    lenient = _pack(tmp_path / "lenient", ALWAYS_PASS)
    assert catalog_version(load_catalog([honest])) != catalog_version(
        load_catalog([lenient]))
    out = tmp_path / "audit"
    assert cli(capsys, "evidence", "--out", str(out), "--controls", str(lenient))[0] == 0
    code, stdout, _ = cli(capsys, "evidence", "verify", str(out), "--controls", str(honest))
    assert code == 1
    assert "the control catalog differs from the one the bundle was written with" in stdout


def test_verify_requires_every_file_the_format_defines(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "audit"
    assert cli(capsys, "evidence", "--out", str(out))[0] == 0
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    del manifest["files"]["assessment.json"]
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (out / "assessment.json").unlink()
    code, stdout, _ = cli(capsys, "evidence", "verify", str(out))
    assert code == 1
    assert ("  - assessment.json: missing from the bundle and its manifest (the format "
            "requires it)") in stdout.splitlines()


def test_a_second_run_into_the_same_folder_does_not_replace_the_first(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two runs start on an empty folder; the other one finishes first."""
    out = tmp_path / "audit"
    real = evidence.read_history

    def other_run_finishes_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real(*args, **kwargs)
        out.mkdir(exist_ok=True)
        (out / "evidence.json").write_text("the other run's bundle\n", encoding="utf-8")
        return found

    monkeypatch.setattr(evidence, "read_history", other_run_finishes_meanwhile)
    code, _, err = cli(capsys, "evidence", "--out", str(out))
    assert code == 2
    assert "wrote" not in err
    assert f"phi-policy: error: {out} was filled by another run" in err
    assert (out / "evidence.json").read_text("utf-8") == "the other run's bundle\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".audit")] == []


def test_force_replaces_the_bundle_whole(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "audit"
    out.mkdir()
    (out / "report.html").write_text("last year's report\n", encoding="utf-8")
    (out / "notes.txt").write_text("stale\n", encoding="utf-8")
    assert cli(capsys, "evidence", "--out", str(out), "--force")[0] == 0
    assert not (out / "notes.txt").exists()
    assert (out / "report.html").read_text("utf-8") != "last year's report\n"
    assert cli(capsys, "evidence", "verify", str(out))[0] == 0


def test_an_interrupted_run_leaves_no_partial_bundle(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C after the first file is written (through whichever writer the bundle uses)."""
    from phi_policy import output

    out = tmp_path / "audit"
    written: list[str] = []

    def counting(real):  # type: ignore[no-untyped-def]
        def write(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            written.append(str(path))
            if len(written) == 2:
                raise KeyboardInterrupt
            return real(path, *args, **kwargs)
        return write

    monkeypatch.setattr(Path, "write_text", counting(Path.write_text))
    monkeypatch.setattr(output, "write_atomic", counting(output.write_atomic))
    assert cli(capsys, "evidence", "--out", str(out))[0] == 130
    assert len(written) == 2
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".audit")] == []
