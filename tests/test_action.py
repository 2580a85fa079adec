"""The composite action installs itself and gates for real.

requirements/action.txt pins, by hash, exactly what pyproject.toml asks for, and the slow test
runs the action's own `run:` scripts the way a GitHub runner does (bash -eo pipefail, the
runner's variables, `${{ }}` expressions substituted into `env:`), in a scratch repository,
with the step installing into a fresh virtual environment from the package index.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests import gitrepo
from tests.gitrepo import CONFIG, GitRepo, MakeRepo, edit, lakeside_text

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[1]
ACTION = ROOT / "action.yml"
REQUIREMENTS_IN = ROOT / "requirements" / "action.in"
REQUIREMENTS = ROOT / "requirements" / "action.txt"
EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")

isolated_git = gitrepo.isolated_git
make_repo = gitrepo.make_repo


def requirements_in() -> dict[str, Requirement]:
    lines = REQUIREMENTS_IN.read_text(encoding="utf-8").splitlines()
    found = [Requirement(line) for line in lines if line.strip() and not line.startswith("#")]
    return {canonicalize_name(r.name): r for r in found}


def pinned() -> dict[str, list[tuple[str, list[str]]]]:
    """name -> [(version, hashes)] in requirements/action.txt (a name may be pinned twice,
    once per Python range)."""
    text = REQUIREMENTS.read_text(encoding="utf-8").replace("\\\n", " ")
    found: dict[str, list[tuple[str, list[str]]]] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = re.match(r"([\w.-]+)==([\w.]+)", line)
        assert match, line
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
        found.setdefault(canonicalize_name(match[1]), []).append((match[2], hashes))
    return found


@pytest.mark.skipif(tomllib is None, reason="reads pyproject.toml with tomllib (3.11+)")
def test_the_action_requirements_are_the_projects_dependencies_and_build_backend() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [Requirement(r) for r in project["project"]["dependencies"]]
    wanted += [Requirement(r) for r in project["build-system"]["requires"]]
    assert {canonicalize_name(r.name): str(r.specifier) for r in wanted} == {
        name: str(r.specifier) for name, r in requirements_in().items()}


def test_every_requirement_is_pinned_with_hashes_within_the_projects_ranges() -> None:
    pins = pinned()
    for name, requirement in requirements_in().items():
        assert name in pins, f"{name} is not in requirements/action.txt: regenerate it"
        for version, _ in pins[name]:
            assert requirement.specifier.contains(version), (name, version)
    for name, versions in pins.items():
        for version, hashes in versions:
            assert hashes, f"{name}=={version} has no hash"
    header = REQUIREMENTS.read_text(encoding="utf-8").splitlines()[:2]
    assert header[1].strip() == (
        "#    uv pip compile --universal --python-version 3.10 --generate-hashes "
        "--output-file requirements/action.txt requirements/action.in")


# --- the action, run locally ----------------------------------------------------------------------


def action_steps() -> list[dict[str, Any]]:
    return list(yaml.safe_load(ACTION.read_text(encoding="utf-8"))["runs"]["steps"])


def expand(value: str, context: dict[str, str]) -> str:
    """A `${{ }}` value as the runner computes it, from `context` (every name must be known)."""
    def lookup(match: re.Match[str]) -> str:
        assert match[1] in context, f"the test does not know {match[1]}"
        return context[match[1]]

    return EXPRESSION.sub(lookup, value)


def read_outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())


class Runner:
    """The parts of a GitHub runner that the action's scripts use."""

    def __init__(self, tmp_path: Path, action_path: Path, workspace: Path) -> None:
        self.temp = tmp_path / "runner-temp"
        self.temp.mkdir()
        self.summary = tmp_path / "step-summary.md"
        self.summary.write_text("", encoding="utf-8")
        self.action_path = action_path
        self.workspace = workspace
        # `python` is the interpreter setup-python would have put first on PATH.
        tools = tmp_path / "setup-python"
        tools.mkdir()
        (tools / "python").symlink_to(sys.executable)
        self.path = f"{tools}{os.pathsep}{os.environ['PATH']}"
        self.steps = 0

    def run(self, step: dict[str, Any], context: dict[str, str]) -> tuple[int, str, str, dict]:
        self.steps += 1
        output = self.temp.parent / f"output-{self.steps}"
        output.write_text("", encoding="utf-8")
        env = {k: v for k, v in os.environ.items()
               if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
        env.update({
            "PATH": self.path,
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_ACTION_PATH": str(self.action_path),
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_OUTPUT": str(output),
            "RUNNER_TEMP": str(self.temp),
        })
        env.update({name: expand(str(value), context)
                    for name, value in (step.get("env") or {}).items()})
        assert step["shell"] == "bash"
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=self.workspace, env=env, capture_output=True, text=True, timeout=600,
        )
        return done.returncode, done.stdout, done.stderr, read_outputs(output)


def action_checkout(dest: Path) -> Path:
    """What `uses: phi-policy/phi-policy@<sha>` checks out: the repository's files."""
    for name in ("action.yml", "pyproject.toml", "README.md", "LICENSE", "NOTICE"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("src", "schemas", "controls", "requirements"):
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dest


@pytest.fixture()
def clinic(make_repo: MakeRepo) -> GitRepo:
    """A user's repository: the config on main, and a pull request that loosens the logoff."""
    repo = make_repo()
    repo.commit("Add the compliance config", files={CONFIG: lakeside_text()})
    repo.branch("weaker")
    repo.commit("Raise automatic logoff to an hour", files={
        CONFIG: edit(lakeside_text(), "automatic_logoff_minutes: 15 ",
                     "automatic_logoff_minutes: 60 ")})
    return repo


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt" or shutil.which("bash") is None,
                    reason="runs the action's bash steps")
def test_the_action_installs_itself_by_hash_and_gates_a_pull_request(
    clinic: GitRepo, tmp_path: Path
) -> None:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    setup, install, gate = action_steps()
    assert setup["uses"].startswith("actions/setup-python@")  # stood in for by `python`
    checkout = tmp_path / "action"
    checkout.mkdir()
    runner = Runner(tmp_path, action_checkout(checkout), clinic.path)
    base = clinic.git("rev-parse", "main")
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    context = {"github.event.pull_request.base.sha": base}
    context |= {f"inputs.{name}": expand(value, context) for name, value in inputs.items()}

    code, out, err, outputs = runner.run(install, context)
    assert code == 0, out + err
    assert out.splitlines()[-1] == "phi-policy, version 0.1.0"
    venv_bin = Path(outputs["bin"])
    assert venv_bin.parent == runner.temp / "phi-policy-venv"
    freeze = subprocess.run([str(venv_bin / "python"), "-m", "pip", "freeze"],
                            capture_output=True, text=True, check=True).stdout
    assert "phi-policy @ file://" in freeze  # built from the action's checkout
    context["steps.install.outputs.bin"] = outputs["bin"]

    # The pull request loosens the logoff: the score drops, and TECH-026 (the 15-minute
    # benchmark) regresses.
    code, out, err, outputs = runner.run(gate, context)
    assert code == 1, out + err
    assert outputs["status"] == "1"
    sarif = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} >= {"TECH-026"}
    summary = runner.summary.read_text(encoding="utf-8")
    assert summary.startswith("## phi-policy diff: ❌ gate failed\n")
    assert re.search(r"^::(error|warning) file=phi-policy\.yaml,line=\d+", out, re.M), out

    # The same pull request, now restoring the value: the gate holds.
    clinic.commit("Back to 15 minutes", files={CONFIG: lakeside_text()})
    runner.summary.write_text("", encoding="utf-8")
    code, out, err, outputs = runner.run(gate, context)
    assert (code, outputs["status"]) == (0, "0"), out + err
    assert runner.summary.read_text(encoding="utf-8").startswith("## phi-policy diff: ✅")

    # An input that cannot be used: exit 2, no reports, and the log says why.
    code, out, err, outputs = runner.run(gate, context | {"inputs.config": "missing.yaml"})
    assert (code, outputs) == (2, {"status": "2"})
    assert "missing.yaml" in err
