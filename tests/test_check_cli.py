"""`phi-policy check` end to end: the examples' bands, golden JSON reports, gates, schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from phi_policy.cli import run

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "org-config"
GOLDEN = Path(__file__).with_name("golden")
AS_OF = "2026-11-01"
#: Riverbend scores in the 70s but a vendor handling ePHI has no BAA in force (critical):
#: the band is capped at red, as OCR's resolution agreements would read it.
BANDS = {"lakeside-health": "green", "riverbend-clinic": "red", "quickdoc-startup": "red"}


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # report paths are as given: relative, stable
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize("name", sorted(BANDS))
def test_examples_land_in_their_bands_and_match_golden_json(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = check(
        capsys, f"examples/org-config/{name}.yaml", "--as-of", AS_OF, "--format", "json"
    )
    assert code == 0
    report = json.loads(out)
    assert report["band"] == BANDS[name]
    golden = GOLDEN / f"check-{name}.json"
    if os.environ.get("PHI_POLICY_UPDATE_GOLDEN") == "1":
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; review, then regenerate with PHI_POLICY_UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("name", sorted(BANDS))
def test_json_report_follows_its_published_schema(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    for profile in ("hipaa", "hipaa-2025-nprm"):
        _, out, _ = check(
            capsys,
            f"examples/org-config/{name}.yaml",
            "--as-of",
            AS_OF,
            "--format",
            "json",
            "--profile",
            profile,
        )
        report = json.loads(out)
        errors = sorted(
            Draft202012Validator(
                schema, format_checker=Draft202012Validator.FORMAT_CHECKER
            ).iter_errors(report),
            key=str,
        )
        assert not errors, errors[0]
        # each entry is rounded to 2 decimals, so the sum may drift by half a cent per entry
        drift = 0.005 * (len(report["ledger"]) + 1)
        assert sum(x["points"] for x in report["ledger"]) == pytest.approx(
            100 - report["score"], abs=drift
        )


def test_fail_under_on_the_weak_example_exits_1_and_names_what_to_fix_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = check(
        capsys, "examples/org-config/quickdoc-startup.yaml", "--as-of", AS_OF, "--fail-under", "80"
    )
    assert code == 1
    assert "gate failed: score " in err and "is under --fail-under 80" in err
    first = err.split("fix first: ", 1)[1].split()[0]
    plan = out.split("Action plan", 1)[1]
    assert first == next(
        line.split()[2] for line in plan.splitlines() if line.strip().startswith("1. ")
    )


def test_fail_under_on_the_strong_example_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(
        capsys, "examples/org-config/lakeside-health.yaml", "--as-of", AS_OF, "--fail-under", "80"
    )
    assert code == 0 and err == ""


def test_fail_on_severity(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(
        capsys,
        "examples/org-config/riverbend-clinic.yaml",
        "--as-of",
        AS_OF,
        "--fail-on",
        "critical",
        "-q",
    )
    # Lakeside misses one low benchmark (AES-256 on one platform), nothing above it
    lakeside, _, _ = check(
        capsys,
        "examples/org-config/lakeside-health.yaml",
        "--as-of",
        AS_OF,
        "--fail-on",
        "medium",
        "-q",
    )
    assert lakeside == 0
    assert code in (0, 1)
    if code == 1:
        assert "at or above --fail-on critical fail" in err


def test_custom_pack_appears_in_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(
        capsys,
        "examples/org-config/riverbend-clinic.yaml",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--controls",
        "examples/custom-controls",
    )
    assert code == 0
    acme = [r for r in json.loads(out)["results"] if r["id"] == "ACME-001"]
    assert len(acme) == 1 and acme[0]["domain"] == "privacy" and acme[0]["basis"] == "benchmark"


def test_output_file_is_written_and_stdout_stays_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.md"
    code, out, _ = check(
        capsys,
        "examples/org-config/riverbend-clinic.yaml",
        "--as-of",
        AS_OF,
        "--format",
        "markdown",
        "-o",
        str(target),
    )
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("## phi-policy: ")


def test_text_is_plain_when_not_a_terminal_and_colored_when_forced(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, plain, _ = check(capsys, "examples/org-config/riverbend-clinic.yaml", "--as-of", AS_OF)
    _, colored, _ = check(
        capsys, "examples/org-config/riverbend-clinic.yaml", "--as-of", AS_OF, "--color", "always"
    )
    assert "\x1b[" not in plain and "\x1b[" in colored


def test_no_color_env_wins_over_auto(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = check(capsys, "examples/org-config/riverbend-clinic.yaml", "--as-of", AS_OF)
    assert "\x1b[" not in out


def test_invalid_config_exits_2_with_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "phi-policy.yaml"
    text = (EXAMPLES / "riverbend-clinic.yaml").read_text(encoding="utf-8")
    bad.write_text(
        text.replace("automatic_logoff_minutes:", "automatic_logoff_minute:"), encoding="utf-8"
    )
    code, out, err = check(capsys, str(bad))
    assert code == 2 and out == ""
    rows = enumerate(text.splitlines(), 1)
    line = next(i for i, row in rows if "automatic_logoff_minutes:" in row)
    assert f"{bad}:{line}:" in err
    assert "automatic_logoff_minutes" in err and "Traceback" not in err


def test_a_decision_for_a_required_control_is_rejected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (EXAMPLES / "lakeside-health.yaml").read_text(encoding="utf-8")
    assert "control: TECH-027" in text
    bad = tmp_path / "phi-policy.yaml"
    bad.write_text(text.replace("control: TECH-027", "control: TECH-001"), encoding="utf-8")
    code, _, err = check(capsys, str(bad), "--as-of", AS_OF)
    assert code == 2
    assert "is required by HIPAA: no decision can excuse a required specification" in err


def test_missing_default_config_says_how_to_create_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = check(capsys)
    assert (code, out) == (2, "")
    assert err == (
        "phi-policy: error: no phi-policy.yaml in the current directory\n"
        "  hint: run `phi-policy init` to create one, or give the config's path\n"
    )


def test_a_missing_config_is_reported_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = check(capsys, "clinic.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "phi-policy: error: clinic.yaml: cannot read the file: No such file or directory\n"
        "  hint: check the path and the file's permissions\n"
    )


def test_a_yaml_syntax_error_is_reported_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "phi-policy.yaml").write_text("schema_version: 1\nplatforms: [\n", encoding="utf-8")
    code, out, err = check(capsys)
    assert (code, out) == (2, "")
    assert err == (
        "phi-policy: error: phi-policy.yaml is not a valid config (1 problem):\n"
        "phi-policy.yaml:3:1: error: invalid YAML: did not find expected node content "
        "(while parsing a flow node)\n"
        "  hint: check the YAML syntax on this line and the one before it\n"
    )


def test_bad_as_of_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(
        capsys, "examples/org-config/lakeside-health.yaml", "--as-of", "2026-13-01"
    )
    assert code == 2 and "YYYY-MM-DD" in err


def test_module_entry_point_runs_without_traceback() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "phi_policy",
            "check",
            "examples/org-config/lakeside-health.yaml",
            "--as-of",
            AS_OF,
            "--fail-under",
            "80",
            "-q",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""


def test_validate_rejects_a_decision_for_a_required_control(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (EXAMPLES / "lakeside-health.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "phi-policy.yaml"
    bad.write_text(text.replace("control: TECH-027", "control: TECH-001"), encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "control: TECH-027" in row)
    code = run(["validate", str(bad)])
    out, _ = capsys.readouterr()
    assert code == 2
    assert f"{bad}:{line}:14: error: decisions[0].control: TECH-001 (164.312(a)(2)(i) " in out


def test_check_warns_once_per_deprecated_waiver_with_the_decision_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (EXAMPLES / "lakeside-health.yaml").read_text(encoding="utf-8")
    old = text.replace("decisions:\n", "waivers:\n").replace("    kind: alternative\n", "")
    old = old.replace("    instances: [VitalWatch RPM]\n", "").replace(
        "    reason: >-", "    justification: >-"
    )
    old = old.replace("review_by: 2027-02-28", "expires: 2027-02-28")
    config = tmp_path / "phi-policy.yaml"
    config.write_text(old, encoding="utf-8")
    code, out, err = check(capsys, str(config), "--as-of", AS_OF, "--format", "json")
    assert code == 0
    line = next(i for i, row in enumerate(old.splitlines(), 1) if "control: TECH-027" in row)
    assert err.splitlines() == [
        f"{config}:{line}:5: warning: `waivers:` is deprecated and will be removed in 0.3; this "
        "waiver is read as a documented decision; move it under `decisions:` as: {control: "
        "TECH-027, kind: alternative, reason: <the justification>, alternative_measure: <as "
        "before>, approved_by: <as before>, approved_on: 2026-03-01, review_by: 2027-02-28}"
    ]
    result = next(r for r in json.loads(out)["results"] if r["id"] == "TECH-027")
    assert result["status"] == "pass" and result["decision"]["deprecated_waiver"] is True
