"""The SARIF reporter: real output validated against the official SARIF 2.1.0 schema, then the
rules, levels, locations, fingerprints and suppressions a code-scanning service relies on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from phi_policy import __version__
from phi_policy.cli import run
from phi_policy.model import Assessment, Context, Location
from phi_policy.packs import Catalog, load_catalog
from phi_policy.pipeline import assess, load_valid_text
from phi_policy.reporters import RenderOptions, renderer
from phi_policy.reporters.sarif import artifact_uri, camel, fingerprint, render, sarif_log
from tests.report_fixtures import assess as assess_results
from tests.report_fixtures import replace_result, sample_assessment, sample_results

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 1)
EXAMPLES = ["lakeside-health.yaml", "quickdoc-startup.yaml", "riverbend-clinic.yaml"]
RIVERBEND = "examples/org-config/riverbend-clinic.yaml"


@pytest.fixture()
def validator(sarif_validator: Draft4Validator) -> Draft4Validator:
    """The official OASIS schema (tests/conftest.py), kept outside the project."""
    return sarif_validator


def assert_valid(validator: Draft4Validator, log: Any) -> None:
    errors = sorted(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)
    )
    assert errors == []


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def example(name: str, catalog: Catalog) -> Assessment:
    path = f"examples/org-config/{name}"
    document = load_valid_text((ROOT / path).read_bytes(), path, catalog)
    return assess(document, catalog, Context(as_of=AS_OF))


def values_at(path: str, key: str) -> list[tuple[str, int, int]]:
    """Where each `key: value` line of the file puts its value: found in the text itself, so
    these tests check the loader's locations rather than restate them."""
    needle = f"{key}: "
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    return [
        (path, number, line.index(needle) + len(needle) + 1)
        for number, line in enumerate(lines, 1)
        if line.lstrip().startswith(needle)
    ]


@pytest.fixture(scope="module")
def riverbend_assessment(catalog: Catalog) -> Assessment:
    return example("riverbend-clinic.yaml", catalog)


@pytest.fixture(scope="module")
def riverbend(riverbend_assessment: Assessment) -> dict[str, Any]:
    return json.loads(render(riverbend_assessment))


def only_run(log: dict[str, Any]) -> dict[str, Any]:
    (single,) = log["runs"]
    return single


def result_of(log: dict[str, Any], rule_id: str) -> dict[str, Any]:
    (found,) = [r for r in only_run(log)["results"] if r["ruleId"] == rule_id]
    return found


def rule_of(log: dict[str, Any], rule_id: str) -> dict[str, Any]:
    (found,) = [r for r in only_run(log)["tool"]["driver"]["rules"] if r["id"] == rule_id]
    return found


def region(result: dict[str, Any], index: int = 0) -> tuple[str, int, int]:
    physical = result["locations"][index]["physicalLocation"]
    return (
        physical["artifactLocation"]["uri"],
        physical["region"]["startLine"],
        physical["region"]["startColumn"],
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_gives_schema_valid_sarif(
    name: str, catalog: Catalog, validator: Draft4Validator
) -> None:
    log = json.loads(render(example(name, catalog)))
    assert_valid(validator, log)
    assert log["version"] == "2.1.0"


def test_the_cli_writes_schema_valid_sarif(tmp_path: Path, validator: Draft4Validator,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "phi-policy.sarif"
    status = run(["check", RIVERBEND, "--as-of", "2026-11-01", "--format", "sarif", "-o", str(out)])
    assert status == 0
    log = json.loads(out.read_text(encoding="utf-8"))
    assert_valid(validator, log)
    assert [region(result_of(log, "TECH-003"))] == values_at(RIVERBEND, "automatic_logoff_minutes")
    assert values_at(RIVERBEND, "automatic_logoff_minutes") == [(RIVERBEND, 252, 29)]


def test_the_hand_built_assessment_with_every_status_is_schema_valid(
    validator: Draft4Validator,
) -> None:
    assert_valid(validator, json.loads(render(sample_assessment())))


def test_tool_driver_and_run_properties(
    riverbend: dict[str, Any], riverbend_assessment: Assessment
) -> None:
    a = riverbend_assessment
    run_ = only_run(riverbend)
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == (
        "phi-policy", __version__, __version__)
    assert driver["informationUri"] == "https://github.com/phi-policy/phi-policy"
    assert a.score is not None and a.raw_score is not None
    assert run_["properties"] == {
        "as_of": "2026-11-01",
        "band": "yellow",
        "capped": False,
        "domains": {d.domain: round(d.score, 2) for d in a.domains if d.score is not None},
        "profile": "hipaa",
        "raw_band": "yellow",
        "raw_score": round(a.raw_score, 2),
        "readiness": None,
        "score": round(a.score, 2),
    }
    assert sorted(run_["properties"]["domains"]) == [
        "administrative", "governance", "physical", "privacy", "technical"]
    assert run_["artifacts"] == [{
        "location": {"uri": RIVERBEND, "uriBaseId": "%SRCROOT%"},
        "mimeType": "application/yaml",
        "roles": ["analysisTarget"],
    }]
    assert run_["invocations"] == [{"executionSuccessful": True}]


def test_one_rule_per_control_in_the_assessment_in_order(
    riverbend: dict[str, Any], catalog: Catalog
) -> None:
    rules = only_run(riverbend)["tool"]["driver"]["rules"]
    expected = [c.id for c in catalog.for_profile("hipaa")]
    assert [r["id"] for r in rules] == expected
    assert {"GOV-008", "TECH-003", "TECH-004", "PRIV-013"} <= set(expected)
    for result in only_run(riverbend)["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_the_automatic_logoff_rule(riverbend: dict[str, Any]) -> None:
    rule = rule_of(riverbend, "TECH-003")
    assert rule["name"] == "AutomaticLogoffAfter15MinutesOrLessOfInactivity"
    assert rule["shortDescription"] == {
        "text": "Automatic logoff after 15 minutes or less of inactivity"
    }
    assert rule["fullDescription"] == {
        "text": "Automatic logoff after 15 minutes or less of inactivity. HIPAA addressable: "
        "164.312(a)(2)(iii) Automatic logoff."
    }
    assert rule["defaultConfiguration"] == {"level": "error"}
    assert rule["properties"]["security-severity"] == "7.0"
    assert rule["properties"]["problem.severity"] == "error"
    assert rule["properties"]["tags"] == [
        "security", "HIPAA", "technical", "high", "addressable", "164.312(a)(2)(iii)"]
    help_text = rule["help"]["text"].splitlines()
    assert help_text[0] == "Automatic logoff after 15 minutes or less of inactivity"
    assert help_text[2] == (
        "Cites: 164.312(a)(2)(iii) Automatic logoff (HIPAA Security Rule, addressable)")
    assert help_text[4].startswith("How to fix: Set access_control.automatic_logoff_minutes")
    assert "- 164.312(a)(2)(iii) Automatic logoff (HIPAA Security Rule, addressable)" in (
        rule["help"]["markdown"])
    assert "access\\_control.automatic\\_logoff\\_minutes" in rule["help"]["markdown"]


def test_the_automatic_logoff_finding_points_at_its_line(
    riverbend: dict[str, Any], riverbend_assessment: Assessment
) -> None:
    result = result_of(riverbend, "TECH-003")
    (gain,) = [x.gain for x in riverbend_assessment.recommendations if x.control_id == "TECH-003"]
    assert result["level"] == "error"
    assert result["message"] == {
        "text": "automatic logoff is 30 minutes; the benchmark is 15 or less "
        "(164.312(a)(2)(iii) Automatic logoff)"
    }
    assert [region(result)] == values_at(RIVERBEND, "automatic_logoff_minutes")
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == (
        "%SRCROOT%")
    assert result["properties"] == {
        "credit": 0.5, "domain": "technical", "gain": round(gain, 2), "proposed": False,
        "severity": "high", "status": "partial",
    }
    assert "suppressions" not in result


def test_a_control_failing_on_four_platforms_points_at_each(riverbend: dict[str, Any]) -> None:
    result = result_of(riverbend, "TECH-004")
    timeouts = values_at(RIVERBEND, "session_timeout_minutes")
    assert [line for _, line, _ in timeouts] == [153, 171, 187, 203]
    assert [region(result, i) for i in range(4)] == timeouts


def test_results_are_the_fails_and_partials_with_levels_from_severity(
    riverbend: dict[str, Any], riverbend_assessment: Assessment
) -> None:
    results = {r["ruleId"]: (r["level"], r["properties"]["status"])
               for r in only_run(riverbend)["results"]}
    assert {k: status for k, (_, status) in results.items()} == {
        r.control_id: r.status for r in riverbend_assessment.results
        if r.status in ("fail", "partial", "error", "waived")
    }
    fails = sorted(k for k, (_, status) in results.items() if status == "fail")
    assert {"GOV-008", "PHYS-005", "PRIV-013", "TECH-004", "TECH-016"} <= set(fails)
    assert results["GOV-008"] == ("error", "fail")      # critical/high
    assert results["TECH-004"] == ("warning", "fail")   # medium
    assert results["PHYS-005"] == ("note", "fail")      # low
    assert results["TECH-008"] == ("note", "partial")   # low
    assert "TECH-001" not in results                    # passes
    assert "ADM-006" not in results                     # not applicable


def test_the_strong_example_reports_only_what_is_not_passing(catalog: Catalog) -> None:
    assessment = example("lakeside-health.yaml", catalog)
    log = sarif_log(assessment)
    reported = {r.control_id: r for r in assessment.results
                if r.status in ("fail", "partial", "error", "waived")}
    assert [r["ruleId"] for r in only_run(log)["results"]] == sorted(reported)
    assert "TECH-008" in reported  # AES-128 on one platform: partial
    for result in only_run(log)["results"]:
        control = reported[result["ruleId"]]
        assert region(result)[1:] == (control.locations[0].line, control.locations[0].col)
        if control.status == "waived":
            assert control.waiver is not None
            (suppression,) = result["suppressions"]
            assert suppression["kind"] == "external"
            assert ".. " not in suppression["justification"]
            assert suppression["justification"].startswith(
                f"Waiver approved by {control.waiver.approved_by} on ")
        else:
            assert "suppressions" not in result


def test_a_waived_control_is_a_suppressed_result() -> None:
    log = sarif_log(sample_assessment())
    result = result_of(log, "TECH-005")
    assert result["message"]["text"] == (
        "laptops used for telehealth are not full-disk encrypted "
        "(164.312(a)(2)(iv) Encryption and decryption)")
    assert result["suppressions"] == [{
        "kind": "external",
        "status": "accepted",
        "justification": "Waiver approved by Dana Whitfield (CISO) on 2025-11-25, expires "
        "2026-11-25: Clinic laptops are thin clients to the EHR's virtual desktop; full-disk "
        "encryption breaks the vendor's kiosk image. Alternative measure: no ePHI is stored on "
        "the laptops: the VDI blocks downloads and clipboard, and laptops are wiped nightly",
    }]
    assert [region(result, i)[1:] for i in range(2)] == [(142, 7), (201, 5)]
    assert "gain" not in result["properties"]


def test_an_erroring_control_is_a_result_and_a_tool_notification() -> None:
    log = sarif_log(sample_assessment())
    result = result_of(log, "ADM-007")
    assert (result["level"], result["properties"]["status"]) == ("warning", "error")
    assert only_run(log)["invocations"] == [{
        "executionSuccessful": True,
        "toolExecutionNotifications": [{
            "level": "error",
            "message": {"text": "ADM-007 could not decide: control raised KeyError: 'last_tested'"},
            "associatedRule": {"id": "ADM-007", "index": 1},
        }],
    }]


def test_a_proposed_rule_gap_is_only_a_note() -> None:
    log = sarif_log(sample_assessment())
    result = result_of(log, "NPRM-003")
    assert result["level"] == "note"
    assert result["message"]["text"].startswith(
        "Proposed rule (NPRM 2025, not in force): the last vulnerability scan")
    assert "NPRM 2025" in rule_of(log, "NPRM-003")["properties"]["tags"]
    assert "NPRM-006" not in {r["ruleId"] for r in only_run(log)["results"]}


def test_only_keeps_the_named_results_and_every_rule() -> None:
    log = sarif_log(sample_assessment(), only={"TECH-003", "GOV-001"})
    assert [r["ruleId"] for r in only_run(log)["results"]] == ["TECH-003"]
    assert len(only_run(log)["tool"]["driver"]["rules"]) == len(sample_results())


def test_a_result_without_locations_points_at_line_one() -> None:
    results = replace_result(sample_results(), "PRIV-002", locations=())
    result = result_of(sarif_log(assess_results(results)), "PRIV-002")
    assert region(result) == ("phi-policy.yaml", 1, 1)


def test_fingerprints_follow_the_config_paths_not_the_lines() -> None:
    (logoff,) = [r for r in sample_results() if r.control_id == "TECH-003"]
    moved = dataclasses.replace(logoff, locations=(Location("phi-policy.yaml", 140, 29),))
    assert fingerprint(moved) == fingerprint(logoff)
    other = dataclasses.replace(
        logoff, raw_outcome=dataclasses.replace(logoff.raw_outcome, paths=("/platforms/0",)))
    assert fingerprint(other) != fingerprint(logoff)
    assert len(fingerprint(logoff)) == 32
    waived = result_of(sarif_log(sample_assessment()), "TECH-005")
    (laptops,) = [r for r in sample_results() if r.control_id == "TECH-005"]
    assert waived["partialFingerprints"] == {
        "phiPolicyFinding/v1": fingerprint(dataclasses.replace(laptops, waiver=None))}


def test_output_is_deterministic_sorted_and_ends_in_a_newline() -> None:
    first = render(sample_assessment())
    assert first == render(sample_assessment())
    assert first.endswith("}\n")
    assert first == json.dumps(json.loads(first), indent=2, sort_keys=True,
                               ensure_ascii=False) + "\n"
    assert renderer("sarif")(sample_assessment(), RenderOptions()) == first


def test_paths_become_relative_posix_uris_or_file_uris() -> None:
    assert artifact_uri("examples/org-config/riverbend-clinic.yaml") == (
        "examples/org-config/riverbend-clinic.yaml", "%SRCROOT%")
    assert artifact_uri("./configs/my clinic/phi-policy.yaml") == (
        "configs/my%20clinic/phi-policy.yaml", "%SRCROOT%")
    if os.name != "nt":
        assert artifact_uri("/srv/repo/phi-policy.yaml") == (
            "file:///srv/repo/phi-policy.yaml", None)


def test_rule_names_are_camel_case_titles() -> None:
    assert camel("MFA on every telemedicine platform handling ePHI") == (
        "MFAOnEveryTelemedicinePlatformHandlingEPHI")
    assert camel("BAAs are reviewed at least every 12 months") == (
        "BAAsAreReviewedAtLeastEvery12Months")


def test_the_schema_check_is_real(validator: Draft4Validator) -> None:
    log = sarif_log(sample_assessment())
    only_run(log)["results"][0]["level"] = "fatal"
    del only_run(log)["tool"]["driver"]["name"]
    messages = sorted(e.message for e in validator.iter_errors(log))
    assert "'name' is a required property" in messages
    assert any("'fatal' is not one of" in m for m in messages)
