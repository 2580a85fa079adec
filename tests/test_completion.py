"""Shell completion: the scripts for bash, zsh and fish, and the candidates phi-policy gives
when the shell asks (the way click's own tests drive it: the completion variable, COMP_WORDS
and COMP_CWORD in the environment, and the answer on standard output).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from phi_policy.catalog.packs import load_catalog
from phi_policy.cli import run
from phi_policy.reporters import registry
from tests import gitrepo
from tests.gitrepo import CONFIG, GitRepo, MakeRepo, lakeside_text

ROOT = Path(__file__).resolve().parents[1]
VAR = "_PHI_POLICY_COMPLETE"

isolated_git = gitrepo.isolated_git
make_repo = gitrepo.make_repo


def ask(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], line: str,
        shell: str = "bash") -> list[str]:
    """What phi-policy answers when `shell` asks to complete the last word of `line` (a line
    ending in a space completes a new, empty word)."""
    words = line.split()
    incomplete = "" if line.endswith(" ") else words[-1]
    monkeypatch.setenv(VAR, f"{shell}_complete")
    monkeypatch.setenv("COMP_WORDS", line)
    # bash and zsh give the index of the word being completed, fish the word itself.
    cword = len(words) if line.endswith(" ") else len(words) - 1
    monkeypatch.setenv("COMP_CWORD", incomplete if shell == "fish" else str(cword))
    code = run([])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return out.splitlines()


def values(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
           line: str) -> list[str]:
    """The bash candidates' values (bash answers one `type,value` line per candidate)."""
    return [entry.split(",", 1)[1] for entry in ask(monkeypatch, capsys, line)]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_command_prints_the_script_the_shell_sources(
    shell: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert f"{VAR}={shell}_complete" in script
    monkeypatch.setenv(VAR, f"{shell}_source")
    assert run([]) == 0
    assert capsys.readouterr().out == script  # the same as click's own way of asking


def test_an_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["completion", "powershell"]) == 2
    assert "'powershell' is not one of 'bash', 'zsh', 'fish'" in capsys.readouterr().err


def test_subcommands_and_options(monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert values(monkeypatch, capsys, "phi-policy co") == ["completion", "controls"]
    assert values(monkeypatch, capsys, "phi-policy controls ") == ["coverage", "list", "show"]
    assert "--fail-under" in values(monkeypatch, capsys, "phi-policy check --fail")


def test_formats_profiles_and_severities(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert values(monkeypatch, capsys, "phi-policy check --format ") == registry.formats("check")
    assert values(monkeypatch, capsys, "phi-policy check --format s") == ["sarif"]
    assert values(monkeypatch, capsys, "phi-policy check --profile ") == [
        "hipaa", "hipaa-2025-nprm"]
    assert values(monkeypatch, capsys, "phi-policy controls list --profile hipaa-") == [
        "hipaa-2025-nprm"]
    assert values(monkeypatch, capsys, "phi-policy diff --fail-on-regression ") == [
        "critical", "high", "medium", "low", "none"]


def test_control_ids_come_from_the_loaded_catalog(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    builtin = sorted(c.id for c in load_catalog().controls)
    assert sorted(values(monkeypatch, capsys, "phi-policy controls show ")) == builtin
    tech_00 = sorted(i for i in builtin if i.startswith("TECH-00"))
    assert tech_00 and sorted(values(monkeypatch, capsys, "phi-policy controls show tech-00")) == (
        tech_00)
    # A pack given with --controls is part of the catalog, so its ids complete too.
    pack = ROOT / "examples" / "custom-controls"
    assert values(monkeypatch, capsys, f"phi-policy controls show --controls {pack} ACME") == [
        "ACME-001"]
    # zsh shows each id's title beside it.
    title = load_catalog().by_id()["TECH-003"].title
    assert ask(monkeypatch, capsys, "phi-policy controls show TECH-003", "zsh") == [
        "plain", "TECH-003", title]
    assert ask(monkeypatch, capsys, "phi-policy controls show TECH-003", "fish") == [
        f"plain,TECH-003\t{title}"]


@pytest.fixture()
def repo(make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    made = make_repo()
    made.commit("Add the compliance config", files={CONFIG: lakeside_text()})
    made.git("tag", "v1.0")
    made.branch("feature")
    monkeypatch.chdir(made.path)
    return made


def test_revisions_are_the_repository_branches_and_tags(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    everything = ["HEAD", "feature", "main", "v1.0"]
    assert values(monkeypatch, capsys, "phi-policy diff ") == everything
    assert values(monkeypatch, capsys, "phi-policy diff main ") == everything
    assert values(monkeypatch, capsys, "phi-policy diff m") == ["main"]
    assert values(monkeypatch, capsys, "phi-policy check --rev v") == ["v1.0"]
    assert values(monkeypatch, capsys, "phi-policy history --rev fe") == ["feature"]
    assert values(monkeypatch, capsys, "phi-policy evidence verify audit --rev ") == everything


def test_outside_a_repository_only_head_and_no_error(
    tmp_path: Path, isolated_git: None, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert values(monkeypatch, capsys, "phi-policy diff ") == ["HEAD"]  # `ask` checks stderr


def test_paths_fall_back_to_the_shells_file_names(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert ask(monkeypatch, capsys, "phi-policy check ex") == ["file,ex"]
    assert ask(monkeypatch, capsys, "phi-policy validate ") == ["file,"]
    assert ask(monkeypatch, capsys, "phi-policy diff --config s") == ["file,s"]
    assert ask(monkeypatch, capsys, "phi-policy evidence --out a") == ["dir,a"]
    assert ask(monkeypatch, capsys, "phi-policy evidence ver") == ["plain,verify"]
    assert ask(monkeypatch, capsys, "phi-policy evidence --out a p") == ["file,p"]
    assert "--repo" in values(monkeypatch, capsys, "phi-policy evidence verify audit --")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_through_the_sourced_script(tmp_path: Path) -> None:
    """The real loop: bash sources the script, and its function runs phi-policy for the
    candidates (the console script installed beside this Python)."""
    bindir = Path(sys.executable).parent
    if not (bindir / "phi-policy").exists():
        pytest.skip(f"no phi-policy console script in {bindir} (pip install -e .)")
    program = (
        'source <(phi-policy completion bash)\n'
        "COMP_WORDS=(phi-policy controls show TECH-00); COMP_CWORD=3\n"
        "_phi_policy_completion phi-policy\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-c", program], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    expected = sorted(c.id for c in load_catalog().controls if c.id.startswith("TECH-00"))
    assert sorted(done.stdout.split()) == expected
