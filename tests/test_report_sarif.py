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
from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.cli import run
from phi_policy.model import Assessment, Context, Location
from phi_policy.pipeline import assess, load_valid_text
from phi_policy.reporters import RenderOptions, registry
from phi_policy.reporters.sarif import render, sarif_log
from phi_policy.reporters.sarif_results import artifact_uri, fingerprint
from phi_policy.reporters.sarif_rules import camel
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
    assert [region(result_of(log, "TECH-026"))] == values_at(RIVERBEND, "automatic_logoff_minutes")
    assert values_at(RIVERBEND, "automatic_logoff_minutes") == [(RIVERBEND, 297, 29)]


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
        "band": a.band,
        "score_band": a.score_band,
        "capped": a.capped,
        "cap_reasons": [str(reason) for reason in a.cap_reasons],
        "domains": {d.domain: round(d.score, 2) for d in a.domains if d.score is not None},
        "profile": "hipaa",
        "raw_band": a.raw_band,
        "raw_score": round(a.raw_score, 2),
        "readiness": None,
        "other_law_score": None if a.other_law_score is None else round(a.other_law_score, 2),
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
    assert {"GOV-020", "TECH-026", "TECH-027", "PRIV-013"} <= set(expected)
    for result in only_run(riverbend)["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_the_run_says_the_band_is_capped_and_why() -> None:
    properties = only_run(sarif_log(sample_assessment()))["properties"]
    assert (properties["score"], properties["band"], properties["score_band"]) == (
        65.06, "red", "yellow")
    assert properties["capped"] is True
    assert properties["cap_reasons"] == ["GOV-005 (critical) fails for Acme Video Cloud"]


def test_a_benchmark_rule_says_it_is_not_a_hipaa_requirement() -> None:
    log = sarif_log(sample_assessment())
    rule = rule_of(log, "TECH-003")
    assert rule["name"] == "AutomaticLogoffAfter15MinutesOrLessOfInactivityBenchmark"
    assert rule["shortDescription"] == {
        "text": "Automatic logoff after 15 minutes or less of inactivity (benchmark)"
    }
    assert rule["fullDescription"] == {
        "text": "Automatic logoff after 15 minutes or less of inactivity (benchmark). Benchmark, "
        "not a HIPAA requirement; cites 164.312(a)(2)(iii) Automatic logoff."
    }
    assert "required" not in rule["fullDescription"]["text"]
    # A medium benchmark gap is a note; its security-severity still follows its risk.
    assert rule["defaultConfiguration"] == {"level": "note"}
    assert rule["properties"]["security-severity"] == "5.0"
    assert rule["properties"]["problem.severity"] == "recommendation"
    assert rule["properties"]["basis"] == "benchmark"
    assert "requirement" not in rule["properties"]
    assert rule["properties"]["tags"] == [
        "security", "HIPAA", "technical", "medium", "benchmark", "164.312(a)(2)(iii)"]
    help_text = rule["help"]["text"].splitlines()
    assert help_text[0] == "Automatic logoff after 15 minutes or less of inactivity (benchmark)"
    assert help_text[2] == (
        "Legal basis: benchmark, not a HIPAA requirement. Severity: medium.")
    # A citation's own flag is not repeated: a benchmark must not read as "required".
    assert help_text[4] == "Cites: 164.312(a)(2)(iii) Automatic logoff (HIPAA Security Rule)"
    assert help_text[6].startswith("How to fix: Set access_control.automatic_logoff_minutes")
    assert "- 164.312(a)(2)(iii) Automatic logoff (HIPAA Security Rule)" in (
        rule["help"]["markdown"])
    assert "access\\_control.automatic\\_logoff\\_minutes" in rule["help"]["markdown"]
    result = result_of(log, "TECH-003")
    assert result["level"] == "note"
    assert result["message"]["text"] == (
        "Benchmark, not a HIPAA requirement: automatic logoff is 30 minutes; the benchmark is "
        "15 or less (164.312(a)(2)(iii) Automatic logoff)")
    assert result["properties"]["basis"] == "benchmark"


def test_a_required_rule_says_so_and_a_critical_gap_is_an_error() -> None:
    log = sarif_log(sample_assessment())
    rule = rule_of(log, "GOV-005")
    assert rule["fullDescription"]["text"] == (
        "Business associate agreement in force with every vendor handling ePHI. Required by "
        "HIPAA; cites 164.308(b)(1) Business associate contracts and other arrangements; "
        "164.314(a)(2)(i) Business associate contracts.")
    assert rule["defaultConfiguration"] == {"level": "error"}
    assert rule["properties"]["problem.severity"] == "error"
    assert rule["properties"]["security-severity"] == "9.0"
    result = result_of(log, "GOV-005")
    assert result["level"] == "error"
    assert result["properties"]["instances"] == ["Acme Video Cloud"]
    assert result["properties"]["basis"] == "required"


@pytest.mark.parametrize(("basis", "severity", "level"), [
    ("required", "critical", "error"), ("addressable", "high", "error"),
    ("required", "medium", "warning"), ("addressable", "low", "note"),
    ("benchmark", "critical", "warning"), ("benchmark", "high", "warning"),
    ("benchmark", "low", "note"), ("other_law", "critical", "warning"),
    ("other_law", "medium", "note"), ("proposed", "critical", "note"),
])
def test_levels_follow_severity_and_only_hipaa_gaps_are_errors(
    basis: str, severity: str, level: str, validator: Draft4Validator
) -> None:
    results = replace_result(sample_results(), "PRIV-002", basis=basis, severity=severity)
    log = sarif_log(assess_results(results))
    assert_valid(validator, log)
    assert result_of(log, "PRIV-002")["level"] == level
    assert rule_of(log, "PRIV-002")["defaultConfiguration"] == {"level": level}


def test_an_other_law_gap_is_marked_as_not_hipaa() -> None:
    results = replace_result(sample_results(), "PRIV-002", basis="other_law")
    log = sarif_log(assess_results(results))
    rule = rule_of(log, "PRIV-002")
    assert rule["properties"]["basis"] == "other_law"
    assert rule["properties"]["tags"][:5] == [
        "security", "other law", "privacy", "medium", "other_law"]
    assert "HIPAA" not in rule["properties"]["tags"]
    assert rule["fullDescription"]["text"].split(". ", 1)[1].startswith(
        "Other law, not HIPAA; cites ")
    assert result_of(log, "PRIV-002")["message"]["text"].startswith(
        "Other law (DEA, state), not HIPAA: breach_notification.individual_notice_days is 90")
    assert only_run(log)["properties"]["other_law_score"] == 0.0


def test_every_riverbend_rule_states_its_basis_in_words(riverbend: dict[str, Any]) -> None:
    words = {"required": "Required by HIPAA", "addressable": "Addressable HIPAA specification",
             "benchmark": "Benchmark, not a HIPAA requirement",
             "proposed": "Proposed rule, not in force", "other_law": "Other law, not HIPAA"}
    for rule in only_run(riverbend)["tool"]["driver"]["rules"]:
        basis = rule["properties"]["basis"]
        assert basis in rule["properties"]["tags"]
        assert words[basis] in rule["fullDescription"]["text"], rule["id"]
        if basis != "required":
            assert "Required by HIPAA" not in rule["fullDescription"]["text"], rule["id"]


def test_the_automatic_logoff_finding_points_at_its_line(
    riverbend: dict[str, Any], riverbend_assessment: Assessment
) -> None:
    result = result_of(riverbend, "TECH-026")
    (logoff,) = [r for r in riverbend_assessment.results if r.control_id == "TECH-026"]
    gains = {x.control_id: x.gain for x in riverbend_assessment.recommendations}
    assert result["message"]["text"].endswith(
        f"{logoff.outcome.message} (164.312(a)(2)(iii) Automatic logoff)")
    assert [region(result)] == values_at(RIVERBEND, "automatic_logoff_minutes")
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == (
        "%SRCROOT%")
    assert result["properties"] == {
        "credit": logoff.outcome.credit, "domain": "technical",
        "gain": round(gains["TECH-026"], 2), "proposed": False, "basis": logoff.basis,
        "severity": logoff.severity, "status": logoff.status,
    }
    assert "suppressions" not in result


def test_a_control_failing_on_four_platforms_points_at_each(riverbend: dict[str, Any]) -> None:
    result = result_of(riverbend, "TECH-027")
    timeouts = values_at(RIVERBEND, "session_timeout_minutes")
    assert [line for _, line, _ in timeouts] == [157, 175, 191, 207]
    assert [region(result, i) for i in range(4)] == timeouts


def _expected_level(basis: str, severity: str) -> str:
    if basis == "proposed":
        return "note"
    if basis in ("benchmark", "other_law"):
        return "warning" if severity in ("critical", "high") else "note"
    return {"critical": "error", "high": "error", "medium": "warning", "low": "note"}[severity]


def test_results_are_the_fails_and_partials_with_levels_from_severity_and_basis(
    riverbend: dict[str, Any], riverbend_assessment: Assessment
) -> None:
    results = {r["ruleId"]: r for r in only_run(riverbend)["results"]}
    found = {r.control_id: r for r in riverbend_assessment.results}
    assert {k: r["properties"]["status"] for k, r in results.items()} == {
        r.control_id: r.status for r in riverbend_assessment.results
        if r.status in ("fail", "partial", "error") or r.decided
    }
    for rule_id, result in results.items():
        r = found[rule_id]
        assert result["level"] == _expected_level(r.basis, r.severity), rule_id
        assert result["properties"]["basis"] == r.basis
    # A benchmark, proposed or other-law gap is never an error-level HIPAA violation.
    assert not [k for k, r in results.items()
                if r["level"] == "error" and found[k].basis not in ("required", "addressable")]
    assert {r["level"] for r in results.values()} == {"error", "warning", "note"}
    for control_id in ("TECH-001", "ADM-006"):
        if found[control_id].status in ("pass", "not_applicable"):
            assert control_id not in results


def test_the_strong_example_reports_only_what_is_not_passing(catalog: Catalog) -> None:
    assessment = example("lakeside-health.yaml", catalog)
    log = sarif_log(assessment)
    reported = {r.control_id: r for r in assessment.results
                if r.status in ("fail", "partial", "error") or r.decided}
    assert [r["ruleId"] for r in only_run(log)["results"]] == sorted(reported)
    assert any(r.decided for r in reported.values())
    for result in only_run(log)["results"]:
        control = reported[result["ruleId"]]
        assert region(result)[1:] == (control.locations[0].line, control.locations[0].col)
        if control.decided:
            assert control.decision is not None
            (suppression,) = result["suppressions"]
            assert (suppression["kind"], suppression["status"]) == ("external", "accepted")
            assert ".. " not in suppression["justification"]
            assert suppression["justification"].startswith("Documented decision (")
            assert f"approved by {control.decision.approved_by} on " in (
                suppression["justification"])
            assert result["properties"]["status"] == "pass"
            assert result["properties"]["raw_status"] == control.raw_outcome.status
        else:
            assert "suppressions" not in result


def test_a_control_met_by_a_decision_is_a_suppressed_result(validator: Draft4Validator) -> None:
    log = sarif_log(sample_assessment())
    assert_valid(validator, log)
    result = result_of(log, "TECH-005")
    # The finding as specified, with the decision as the reason it is dismissed.
    assert result["message"]["text"] == (
        "laptops used for telehealth are not full-disk encrypted "
        "(164.312(a)(2)(iv) Encryption and decryption)")
    assert result["suppressions"] == [{
        "kind": "external",
        "status": "accepted",
        "justification": "Documented decision (an alternative measure), counted as compliant: "
        "approved by Dana Whitfield (CISO) on 2025-11-25, next review by 2026-11-25. Clinic "
        "laptops are thin clients to the EHR's virtual desktop; full-disk encryption breaks "
        "the vendor's kiosk image. Alternative measure: no ePHI is stored on the laptops: the "
        "VDI blocks downloads and clipboard, and laptops are wiped nightly.",
    }]
    assert "waiver" not in json.dumps(result).lower()
    assert "risk accepted" not in json.dumps(result).lower()
    assert [region(result, i)[1:] for i in range(2)] == [(142, 7), (201, 5)]
    assert "gain" not in result["properties"]
    assert (result["properties"]["status"], result["properties"]["raw_status"],
            result["properties"]["decision"]) == ("pass", "fail", "alternative")


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
        "phiPolicyFinding/v1": fingerprint(dataclasses.replace(laptops, decision=None))}


def test_output_is_deterministic_sorted_and_ends_in_a_newline() -> None:
    first = render(sample_assessment())
    assert first == render(sample_assessment())
    assert first.endswith("}\n")
    assert first == json.dumps(json.loads(first), indent=2, sort_keys=True,
                               ensure_ascii=False) + "\n"
    assert registry.reporter("check", "sarif").load()(sample_assessment(), RenderOptions()) == first


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
