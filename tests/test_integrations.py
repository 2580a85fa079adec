"""The CI integrations: the composite action, the example compliance workflow, the project's CI
and the pre-commit hooks. They parse, follow least privilege, pin what they use, and call only
commands and options that exist; the action's script and the hooks are also run for real.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from phi_policy.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[1]
ACTION = ROOT / "action.yml"
COMPLIANCE = ROOT / ".github" / "workflows" / "compliance.yml"
CI = ROOT / ".github" / "workflows" / "ci.yml"
RELEASE = ROOT / ".github" / "workflows" / "release.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
LAKESIDE = ROOT / "examples" / "org-config" / "lakeside-health.yaml"
QUICKDOC = ROOT / "examples" / "org-config" / "quickdoc-startup.yaml"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
SHELL_BREAKS = {";", "&&", "||", "|", "&", "(", ")", ">", ">>", "<", "2>", "2>&1"}


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, dict):
        return on
    names: list[str] = [on] if isinstance(on, str) else list(on or [])
    return dict.fromkeys(names)


def workflow_steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def action_steps() -> list[dict[str, Any]]:
    return list(load(ACTION)["runs"]["steps"])


def all_steps() -> Iterator[tuple[str, dict[str, Any]]]:
    for step in action_steps():
        yield "action.yml", step
    for path in (COMPLIANCE, CI, RELEASE):
        for step in workflow_steps(load(path)):
            yield path.name, step


# --- shell scripts: find every `phi-policy SUBCOMMAND ...` and check it against the CLI ------


def _arrays(script: str) -> dict[str, list[str]]:
    """Bash arrays assigned in a script (`args=(...)`, `args+=(...)`), every value they can hold."""
    arrays: dict[str, list[str]] = {}
    for name, body in re.findall(r"(\w+)\+?=\(([^)]*)\)", script):
        arrays.setdefault(name, []).extend(shlex.split(body.replace("\\\n", " ")))
    return arrays


def invocations(script: str) -> list[list[str]]:
    """The argument lists of every `phi-policy` command in a shell script.

    Continuation lines are joined, `"${name[@]}"` expands to what the array can hold, and a
    command ends at a shell operator or redirection.
    """
    arrays = _arrays(script)
    found = []
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|()<>")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        tokens = list(lexer)
        for i, token in enumerate(tokens):
            if token != "phi-policy" or (i and tokens[i - 1] not in SHELL_BREAKS):
                continue
            args: list[str] = []
            for arg in tokens[i + 1 :]:
                if arg in SHELL_BREAKS:
                    break
                array = re.fullmatch(r"\$\{(\w+)\[@\]\}", arg)
                args.extend(arrays.get(array.group(1), []) if array else [arg])
            found.append(args)
    return found


def scripts() -> Iterator[tuple[str, str]]:
    for where, step in all_steps():
        if "run" in step:
            yield f"{where}: {step.get('name', step['run'][:40])}", step["run"]


def hook_invocations() -> Iterator[tuple[str, list[str]]]:
    for hook in load(HOOKS):
        # pre-commit appends the matched file names; with one config, one name.
        entry = shlex.split(hook["entry"])
        yield f".pre-commit-hooks.yaml: {hook['id']}", [*entry[1:], "phi-policy.yaml"]


def every_invocation() -> list[tuple[str, list[str]]]:
    found = [(where, args) for where, script in scripts() for args in invocations(script)]
    return found + list(hook_invocations())


def command_named(name: str) -> click.Command:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None, f"phi-policy {name} is not a command"
    return command


def _literal(value: str) -> bool:
    return "$" not in value


def check_arguments(command: click.Command, args: list[str]) -> list[str]:
    """What is wrong with `args` for `command`: unknown options, missing or invalid values."""
    options: dict[str, click.Option] = {}
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in (*param.opts, *param.secondary_opts):
                options[opt] = param
    problems = []
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            break
        if not arg.startswith("-") or arg == "-":
            continue
        name, _, inline = arg.partition("=")
        option = options.get(name)
        if option is None:
            problems.append(f"unknown option {name}")
            continue
        if option.is_flag or option.count:
            continue
        value = inline or next(rest, None)
        if value is None:
            problems.append(f"{name} needs a value")
        elif _literal(value):
            try:
                option.type.convert(value, option, None)
            except click.BadParameter as error:
                problems.append(f"{name} {value}: {error.message}")
    return problems


def test_the_scripts_and_hooks_call_phi_policy() -> None:
    found = every_invocation()
    used = sorted({args[0] for _, args in found})
    assert used == ["check", "diff", "validate"]
    # Every report the gate needs: summary, annotations, SARIF, each from the action's gate.
    action = [args for where, args in found if where.startswith("action.yml")]
    assert [args[args.index("--format") + 1] for args in action] == [
        "markdown", "$PHI_FORMAT", "sarif"]


#: The example workflow names phi-policy's own action with a placeholder that the user
#: replaces with the commit of the release they use (the comment above it says how).
PHI_POLICY_PLACEHOLDER = "phi-policy/phi-policy@<commit sha>"


def test_the_compliance_workflow_uses_the_action_with_a_pin_placeholder() -> None:
    steps = workflow_steps(load(COMPLIANCE))
    (gate,) = [s for s in steps if s.get("uses", "").startswith("phi-policy/phi-policy@")]
    assert gate["uses"] == PHI_POLICY_PLACEHOLDER
    assert gate["id"] == "phi-policy"
    # fail-on-regression (low) and fail-on-self-approved (true) keep the action's defaults
    assert gate["with"] == {"config": "phi-policy.yaml", "max-drop": "0"}
    assert set(gate["with"]) <= set(load(ACTION)["inputs"])
    text = COMPLIANCE.read_text(encoding="utf-8")
    assert f"uses: {PHI_POLICY_PLACEHOLDER} # v0.1.0\n" in text
    assert "PIN IT: replace <commit sha> with the full 40-character commit" in text
    assert "git ls-remote https://github.com/phi-policy/phi-policy 'refs/tags/v0.1.0^{}'" in text
    assert "pip install" not in text  # the action installs phi-policy from its own checkout


INVOCATIONS = every_invocation()


@pytest.mark.parametrize(
    ("where", "args"),
    INVOCATIONS,
    ids=[f"{where} #{i}" for i, (where, _) in enumerate(INVOCATIONS)],
)
def test_every_invocation_names_an_existing_subcommand_and_options(
    where: str, args: list[str]
) -> None:
    name = args[0]
    if name == "diff" and name not in COMMANDS:
        pytest.skip("phi-policy diff is being added (issue 4); checked once it is registered")
    assert name in COMMANDS, f"{where}: phi-policy {name} does not exist"
    assert check_arguments(command_named(name), args[1:]) == [], where


def test_the_argument_checker_catches_mistakes() -> None:
    check = command_named("check")
    assert check_arguments(check, ["--quiet", "--fail-under", "60", "x.yaml"]) == []
    assert check_arguments(check, ["--fail-undr", "60"]) == ["unknown option --fail-undr"]
    assert check_arguments(check, ["--fail-on", "severe"]) == [
        "--fail-on severe: 'severe' is not one of 'critical', 'high', 'medium', 'low'."]
    assert check_arguments(check, ["--format"]) == ["--format needs a value"]
    assert check_arguments(check, ["--format", "$FORMAT", "-v", "--as-of=2026-11-01"]) == []


def test_invocations_are_found_through_continuations_arrays_and_operators() -> None:
    script = (
        'args=(--config "$C" --max-drop 0)\n'
        "args+=(--fail-on-band-change)\n"
        'phi-policy diff "${args[@]}" --format markdown \\\n'
        '  -- "$BASE" HEAD >> "$GITHUB_STEP_SUMMARY" || [ "$?" -eq 1 ]\n'
        "python -m pip install phi-policy==0.1.0 && phi-policy validate a.yaml # phi-policy x\n"
    )
    assert invocations(script) == [
        ["diff", "--config", "$C", "--max-drop", "0", "--fail-on-band-change", "--format",
         "markdown", "--", "$BASE", "HEAD"],
        ["validate", "a.yaml"],
    ]


# --- pinning, permissions, triggers -------------------------------------------------------


@pytest.mark.parametrize("path", [ACTION, COMPLIANCE, CI, RELEASE], ids=lambda p: p.name)
def test_every_action_used_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    uses = [step["uses"] for where, step in all_steps() if where == path.name and "uses" in step]
    assert uses
    for use in uses:
        if path == COMPLIANCE and use == PHI_POLICY_PLACEHOLDER:
            continue  # the user pins it (test_the_compliance_workflow_uses_the_action_...)
        assert PINNED.match(use), f"{path.name}: {use} is not pinned to a full commit sha"
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"\s*(-\s+)?uses:", line):
            assert re.search(r"@([0-9a-f]{40}|<commit sha>) # v\d+(\.\d+)*$", line), line


def test_the_compliance_workflow_runs_on_pull_request_only() -> None:
    workflow = load(COMPLIANCE)
    assert triggers(workflow) == {"pull_request": None}
    assert "pull_request_target" not in COMPLIANCE.read_text(encoding="utf-8").split("\non:")[1]


@pytest.mark.parametrize("path", [COMPLIANCE, CI, RELEASE], ids=lambda p: p.name)
def test_workflows_grant_nothing_at_the_top(path: Path) -> None:
    assert load(path)["permissions"] == {}


def test_the_compliance_job_may_only_read_and_upload_results() -> None:
    (job,) = load(COMPLIANCE)["jobs"].values()
    assert job["permissions"] == {"contents": "read", "security-events": "write"}


@pytest.mark.parametrize("path", [COMPLIANCE, CI], ids=lambda p: p.name)
def test_checkout_keeps_no_credentials_and_fetches_full_history(path: Path) -> None:
    for job in load(path)["jobs"].values():
        (checkout,) = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
        assert checkout["with"]["persist-credentials"] is False
        assert checkout["with"]["fetch-depth"] == 0


def test_the_compliance_workflow_uploads_sarif_even_when_the_gate_fails() -> None:
    steps = workflow_steps(load(COMPLIANCE))
    upload_sarif = "github/codeql-action/upload-sarif@"
    (upload,) = [s for s in steps if s.get("uses", "").startswith(upload_sarif)]
    assert upload["if"] == (
        "always() && steps.phi-policy.outputs.sarif-file != '' && "
        "github.event.pull_request.head.repo.full_name == github.repository")
    assert upload["with"]["sarif_file"] == "${{ steps.phi-policy.outputs.sarif-file }}"
    assert steps.index(upload) == len(steps) - 1  # after the gate, whose status is the job's


def test_the_compliance_workflow_says_to_protect_itself_with_codeowners() -> None:
    head = COMPLIANCE.read_text(encoding="utf-8").split("\nname:")[0]
    assert "CODEOWNERS" in head
    assert "Require review from Code Owners" in head


@pytest.mark.parametrize("path", [ACTION, COMPLIANCE, RELEASE], ids=lambda p: p.name)
def test_no_expression_is_interpolated_into_a_script(path: Path) -> None:
    steps = action_steps() if path == ACTION else workflow_steps(load(path))
    for step in steps:
        assert "${{" not in step.get("run", ""), step.get("name")


# --- the release workflow ------------------------------------------------------------------


def test_the_release_runs_on_version_tags_with_least_privilege() -> None:
    workflow = load(RELEASE)
    assert triggers(workflow) == {"push": {"tags": ["v*"]}}
    jobs = workflow["jobs"]
    assert {name: job["permissions"] for name, job in jobs.items()} == {
        "build": {"contents": "read"},
        "release": {"contents": "write", "id-token": "write", "attestations": "write"},
        "pypi": {"id-token": "write"},
    }
    assert (jobs["release"]["needs"], jobs["pypi"]["needs"]) == ("build", "release")
    assert jobs["pypi"]["environment"]["name"] == "pypi"  # PyPI's trusted publisher names it
    checkout = jobs["build"]["steps"][0]
    assert checkout["with"] == {"persist-credentials": False}


def test_the_release_builds_checks_attests_attaches_and_publishes() -> None:
    jobs = load(RELEASE)["jobs"]
    build = "\n".join(s.get("run", "") for s in jobs["build"]["steps"])
    assert "--require-hashes --no-deps \\\n  -r requirements/release.txt" in build
    assert 'if [ "$TAG" != "v$version" ]' in build
    assert "python -m build --no-isolation --sdist --wheel --outdir dist/" in build
    assert "python -m twine check --strict dist/*" in build
    uses = {name: [s["uses"].split("@")[0] for s in job["steps"] if "uses" in s]
            for name, job in jobs.items()}
    assert uses == {
        "build": ["actions/checkout", "actions/setup-python", "actions/upload-artifact"],
        "release": ["actions/download-artifact", "actions/attest-build-provenance"],
        "pypi": ["actions/download-artifact", "pypa/gh-action-pypi-publish"],
    }
    attest = next(s for s in jobs["release"]["steps"]
                  if s.get("uses", "").startswith("actions/attest-build-provenance@"))
    assert attest["with"] == {"subject-path": "dist/*"}
    publish = jobs["pypi"]["steps"][-1]
    assert "with" not in publish  # trusted publishing: no password, no token
    attach = jobs["release"]["steps"][-1]["run"]
    assert 'gh release create "$TAG" dist/* --verify-tag' in attach


def test_the_release_tools_are_pinned_by_hash() -> None:
    text = (ROOT / "requirements" / "release.txt").read_text(encoding="utf-8")
    for name in ("build", "twine", "hatchling"):
        assert re.search(rf"^{name}==[\w.]+ \\\n    --hash=sha256:[0-9a-f]{{64}}", text, re.M), name


# --- the composite action -----------------------------------------------------------------


def test_the_action_inputs_and_outputs() -> None:
    action = load(ACTION)
    inputs = action["inputs"]
    assert {name: spec.get("default") for name, spec in inputs.items()} == {
        "config": "phi-policy.yaml",
        "max-drop": "0",
        "fail-on-regression": "low",
        "fail-on-band-change": "false",
        "fail-on-self-approved": "true",
        "base": "${{ github.event.pull_request.base.sha }}",
        "python-version": "3.12",
        "format": "github",
    }
    assert set(action["outputs"]) == {"sarif-file", "status"}
    assert action["runs"]["using"] == "composite"


def test_the_action_installs_its_own_checkout_and_passes_inputs_through_env() -> None:
    setup, install, gate = action_steps()
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"] == {"python-version": "${{ inputs.python-version }}"}
    # Dependencies by hash, then phi-policy from the checkout with nothing else fetched.
    assert ('--require-hashes --no-deps -r "$GITHUB_ACTION_PATH/requirements/action.txt"'
            in install["run"])
    assert '--no-deps --no-build-isolation "$GITHUB_ACTION_PATH"' in install["run"]
    assert install["id"] == "install" and gate["id"] == "gate"
    assert {step["shell"] for step in (install, gate)} == {"bash"}
    env = dict(gate["env"])
    assert env.pop("PHI_POLICY_BIN") == "${{ steps.install.outputs.bin }}"
    passed = {re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", v).group(1)  # type: ignore[union-attr]
              for v in env.values()}
    assert passed == set(load(ACTION)["inputs"]) - {"python-version"}


FAKE_PHI_POLICY = """#!/usr/bin/env bash
echo "$*" >> "$FAKE_LOG"
out=""; prev=""
for a in "$@"; do [ "$prev" = "--output" ] && out="$a"; prev="$a"; done
[ -n "$out" ] && [ "$FAKE_STATUS" -le 1 ] && echo "report: $*" > "$out"
exit "$FAKE_STATUS"
"""


def run_action_script(
    tmp_path: Path, status: int, base: str, band: str = "false"
) -> dict[str, Any]:
    """Run the action's gate script with a stand-in phi-policy that records its arguments."""
    bindir = tmp_path / "bin"
    bindir.mkdir(exist_ok=True)
    fake = bindir / "phi-policy"
    fake.write_text(FAKE_PHI_POLICY, encoding="utf-8")
    fake.chmod(0o755)
    for name in ("summary.md", "output", "calls"):
        (tmp_path / name).write_text("", encoding="utf-8")
    gate = action_steps()[2]
    env = {
        **os.environ,
        "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
        "FAKE_LOG": str(tmp_path / "calls"),
        "FAKE_STATUS": str(status),
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "PHI_CONFIG": "configs/my clinic.yaml",
        "PHI_MAX_DROP": "0.5",
        "PHI_FAIL_ON_REGRESSION": "medium",
        "PHI_FAIL_ON_BAND_CHANGE": band,
        "PHI_FAIL_ON_SELF_APPROVED": "true",
        "PHI_BASE": base,
        "PHI_FORMAT": "github",
        "PHI_POLICY_BIN": str(bindir),
    }
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", gate["run"]],
        env=env, capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    return {
        "status": done.returncode,
        "calls": (tmp_path / "calls").read_text(encoding="utf-8").splitlines(),
        "output": (tmp_path / "output").read_text(encoding="utf-8").splitlines(),
        "summary": (tmp_path / "summary.md").read_text(encoding="utf-8"),
    }


needs_bash = pytest.mark.skipif(
    shutil.which("bash") is None or os.name == "nt", reason="runs the action's bash script"
)


@needs_bash
def test_the_action_reports_three_ways_and_exits_with_the_gate_status(tmp_path: Path) -> None:
    ran = run_action_script(tmp_path, status=1, base="0123abc")
    common = ("diff --config configs/my clinic.yaml --max-drop 0.5 --fail-on-regression medium "
              "--fail-on-self-approved")
    assert ran["calls"] == [
        f"{common} --format markdown --output {tmp_path}/phi-policy-summary.md -- 0123abc HEAD",
        f"{common} --format github -- 0123abc HEAD",
        f"{common} --format sarif --output {tmp_path}/phi-policy.sarif -- 0123abc HEAD",
    ]
    assert ran["status"] == 1
    assert ran["output"] == [f"sarif-file={tmp_path}/phi-policy.sarif", "status=1"]
    assert ran["summary"].startswith("report: diff --config")


@needs_bash
def test_the_action_without_a_base_lets_diff_choose_the_merge_base(tmp_path: Path) -> None:
    ran = run_action_script(tmp_path, status=0, base="", band="true")
    assert ran["calls"][0].endswith("--fail-on-band-change --fail-on-self-approved --format "
                                    "markdown --output "
                                    f"{tmp_path}/phi-policy-summary.md --")
    assert ran["status"] == 0
    assert ran["output"][-1] == "status=0"


@needs_bash
def test_the_action_stops_at_an_input_error(tmp_path: Path) -> None:
    ran = run_action_script(tmp_path, status=2, base="0123abc")
    assert len(ran["calls"]) == 1
    assert ran["status"] == 2
    assert ran["output"] == ["status=2"]
    assert ran["summary"] == ""


# --- the pre-commit hooks -----------------------------------------------------------------


def test_the_hooks_are_declared_for_phi_policy_configs() -> None:
    validate, check = load(HOOKS)
    assert (validate["id"], validate["entry"], validate["language"]) == (
        "phi-policy-validate", "phi-policy validate", "python")
    assert (check["id"], check["entry"], check["language"]) == (
        "phi-policy-check", "phi-policy check --quiet --fail-under 60", "python")
    assert check["require_serial"] is True and check["pass_filenames"] is True
    for hook in (validate, check):
        files = re.compile(hook["files"])
        for name in ("phi-policy.yaml", "phi-policy.yml", "sites/east/phi-policy.yaml"):
            assert files.search(name), name
        for name in ("my-phi-policy.yaml", "phi-policy.yaml.bak", "phi-policy.json"):
            assert not files.search(name), name


DATE = "2026-11-01T09:00:00+00:00"
#: The tag the pre-commit docs pin (`rev:` in docs/ci-integration.md and .pre-commit-hooks.yaml).
RELEASE_TAG = "v0.1.0"


def test_the_release_tag_is_in_this_repository_and_holds_that_version() -> None:
    """The tag the docs pin exists here, annotated, on a commit whose pyproject says 0.1.0 and
    which ships the pre-commit hooks; a copy without tags (a shallow or exported one) skips."""
    def git_out(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)

    found = git_out("cat-file", "-t", RELEASE_TAG)
    if found.returncode != 0:
        pytest.skip(f"this copy of the repository has no tag {RELEASE_TAG} (shallow or exported)")
    assert found.stdout.strip() == "tag"  # annotated, as docs/releasing.md makes them
    version = git_out("show", f"{RELEASE_TAG}:pyproject.toml").stdout
    assert re.search(r'^version = "0\.1\.0"$', version, re.M)
    assert git_out("cat-file", "-e", f"{RELEASE_TAG}:.pre-commit-hooks.yaml").returncode == 0
    assert git_out("merge-base", "--is-ancestor", RELEASE_TAG, "HEAD").returncode == 0


def test_the_pre_commit_docs_pin_the_release_tag() -> None:
    hooks_header = HOOKS.read_text(encoding="utf-8")
    assert f"#       rev: {RELEASE_TAG}\n" in hooks_header
    (repo,) = guide_yaml_blocks()[1]["repos"]
    assert repo["rev"] == RELEASE_TAG


def git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": DATE,
        "GIT_COMMITTER_DATE": DATE,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    subprocess.run(
        ["git", "-c", "user.name=Pat Tester", "-c", "user.email=pat@example.org",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd, env=env, check=True, capture_output=True,
    )


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of the project's installable tree, tagged as the release.

    pre-commit installs a hook repository from git, and `try-repo` adds only tracked files'
    changes; a copy committed here tests the working tree exactly as it is, whatever its state.
    """
    dest = tmp_path_factory.mktemp("phi-policy-hooks")
    for name in ("pyproject.toml", "README.md", "LICENSE", "NOTICE", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("src", "schemas", "controls"):
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "phi-policy under test")
    # The release tag the docs tell users to pin (`rev: v0.1.0`), as the release makes it.
    git(dest, "tag", "-a", RELEASE_TAG, "-m", f"phi-policy {RELEASE_TAG}")
    return dest


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def user_repo(tmp_path: Path, config: bytes) -> Path:
    repo = tmp_path / "clinic"
    repo.mkdir()
    (repo / "phi-policy.yaml").write_bytes(config)
    git(repo, "init", "-q")
    git(repo, "add", "phi-policy.yaml")
    git(repo, "commit", "-q", "-m", "our telemedicine setup")
    return repo


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PIP_DISABLE_PIP_VERSION_CHECK": "1",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900)


def break_config(repo: Path) -> None:
    config = repo / "phi-policy.yaml"
    text = config.read_text(encoding="utf-8")
    broken = text.replace("\n  automatic_logoff_minutes: 15", "\n  automatic_logof_minutes: 15")
    assert broken != text
    config.write_text(broken, encoding="utf-8")
    git(repo, "add", "phi-policy.yaml")


@pytest.mark.slow
def test_try_repo_runs_the_validate_hook_at_the_release_tag(
    hook_repo: Path, pre_commit_home: Path, tmp_path: Path
) -> None:
    repo = user_repo(tmp_path, LAKESIDE.read_bytes())
    at_tag = ("try-repo", str(hook_repo), "phi-policy-validate", "--ref", RELEASE_TAG,
              "--files", "phi-policy.yaml")
    ok = pre_commit(repo, pre_commit_home, *at_tag)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert re.search(r"^phi-policy validate\.+Passed$", ok.stdout, re.M), ok.stdout

    break_config(repo)
    bad = pre_commit(repo, pre_commit_home, *at_tag)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert re.search(r"^phi-policy validate\.+Failed$", bad.stdout, re.M), bad.stdout
    assert "- exit code: 2" in bad.stdout
    assert ("phi-policy.yaml:378:3: error: access_control: unknown key "
            "'automatic_logof_minutes'") in bad.stdout
    assert "hint: did you mean 'automatic_logoff_minutes'?" in bad.stdout


def hook_config(hook_repo: Path, *hooks: dict[str, Any]) -> str:
    """A .pre-commit-config.yaml as the docs write it: the hook repository at the release tag."""
    return yaml.safe_dump(
        {"repos": [{"repo": str(hook_repo), "rev": RELEASE_TAG, "hooks": list(hooks)}]})


@pytest.mark.slow
def test_the_check_hook_gates_on_the_score(hook_repo: Path, pre_commit_home: Path,
                                           tmp_path: Path) -> None:
    # A fixed --as-of, as a user may add through `args`, so the scores do not age.
    repo = user_repo(tmp_path, LAKESIDE.read_bytes())
    (repo / ".pre-commit-config.yaml").write_text(hook_config(
        hook_repo,
        {"id": "phi-policy-validate"},
        {"id": "phi-policy-check", "args": ["--as-of", "2026-11-01"]},
    ), encoding="utf-8")
    git(repo, "add", ".pre-commit-config.yaml")

    ok = pre_commit(repo, pre_commit_home, "run", "--all-files")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert re.search(r"^phi-policy check\.+Passed$", ok.stdout, re.M), ok.stdout

    (repo / "phi-policy.yaml").write_bytes(QUICKDOC.read_bytes())
    git(repo, "add", "phi-policy.yaml")
    red = pre_commit(repo, pre_commit_home, "run", "--all-files")
    assert red.returncode == 1
    assert re.search(r"^phi-policy validate\.+Passed$", red.stdout, re.M), red.stdout
    assert re.search(r"^phi-policy check\.+Failed$", red.stdout, re.M), red.stdout
    assert re.search(r"^phi-policy: gate failed: score \d\d?\.\d is under --fail-under 60$",
                     red.stdout, re.M), red.stdout
    assert "- exit code: 1" in red.stdout

    (repo / "phi-policy.yaml").write_bytes(LAKESIDE.read_bytes())
    break_config(repo)
    bad = pre_commit(repo, pre_commit_home, "run", "phi-policy-check", "--all-files")
    assert bad.returncode == 1
    assert "phi-policy.yaml:378:3: error: access_control: unknown key" in bad.stdout


# --- the guide's examples -----------------------------------------------------------------

GUIDE = ROOT / "docs" / "ci-integration.md"


def guide_yaml_blocks() -> list[Any]:
    text = GUIDE.read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def test_the_guide_examples_parse_and_match_the_files() -> None:
    workflow, pre_commit_config, extra_hooks = guide_yaml_blocks()
    assert triggers(workflow) == {"pull_request": None}
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "security-events": "write"}
    checkout, gate, upload = job["steps"]
    assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 0}
    assert set(gate["with"]) <= set(load(ACTION)["inputs"])
    assert upload["with"]["sarif_file"] == "${{ steps.phi-policy.outputs.sarif-file }}"
    for step in (checkout, upload):
        assert PINNED.match(step["uses"]), step["uses"]
    assert {s["uses"] for s in all_steps_of(load(COMPLIANCE))} >= {checkout["uses"], upload["uses"]}
    hook_ids = {hook["id"] for hook in load(HOOKS)}
    (repo,) = pre_commit_config["repos"]
    assert {hook["id"] for hook in repo["hooks"]} == hook_ids
    assert {hook["id"] for hook in extra_hooks} == {"phi-policy-check"}


def all_steps_of(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for step in workflow_steps(workflow) if "uses" in step]
