"""The OSCAL reporter: real output validated against the official NIST OSCAL 1.2.1
assessment-results schema, then the mapping an auditor's tool relies on: findings and their
states, risks for what costs points, the legal basis of each control, the capped band and its
reasons, documented decisions as compliant alternatives, evidence at YAML lines,
and UUIDs and timestamps that never depend on the clock.

The schema's token pattern uses \\p{L} and \\p{N}, which Python's `re` cannot compile; the
validator here checks every `pattern` with the `regex` package instead, and a test proves that
those checks run (a validator that skipped them would pass anything).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regex
from jsonschema import Draft7Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from phi_policy import __version__
from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.cli import run
from phi_policy.model import Assessment, Citation, Context, Revision
from phi_policy.pipeline import assess, load_valid
from phi_policy.reporters import RenderOptions, registry
from phi_policy.reporters.oscal import assessment_results, render
from phi_policy.reporters.oscal_ids import UUID_NAMESPACE, midnight
from phi_policy.reporters.oscal_props import NS, citation_href
from tests.reference import SHARED, reference_file
from tests.report_fixtures import assess as assess_results
from tests.report_fixtures import replace_result, sample_assessment, sample_results

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 1)
EXAMPLES = ["lakeside-health.yaml", "quickdoc-startup.yaml", "riverbend-clinic.yaml"]
PROFILES = ["hipaa", "hipaa-2025-nprm"]
RIVERBEND = "examples/org-config/riverbend-clinic.yaml"
LAKESIDE = "examples/org-config/lakeside-health.yaml"
TOKEN = r"^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$"
UUID_KEYS = re.compile(r"^(uuid|.+-uuid)$")


def _pattern(
    validator: Validator, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """The `pattern` keyword, compiled by `regex` (which knows \\p{L}) instead of `re`."""
    if validator.is_type(instance, "string") and regex.search(pattern, instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


OscalValidator = validators.extend(Draft7Validator, {"pattern": _pattern})


def _schema_formats() -> FormatChecker:
    """The metaschema's format checks, with `regex` patterns compiled by `regex`."""
    checker = FormatChecker()

    @checker.checks("regex", raises=regex.error)
    def is_regex(instance: object) -> bool:
        if isinstance(instance, str):
            regex.compile(instance)
        return True

    return checker


@pytest.fixture(scope="module")
def validator() -> Validator:
    """The official NIST schema, kept outside the project and never copied in."""
    path = reference_file("schemas/oscal_assessment-results_schema.json",
                          "the official OSCAL assessment-results schema")
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$id"] == "http://csrc.nist.gov/ns/oscal/1.2.1/oscal-ar-schema.json"
    Draft7Validator.check_schema(schema, format_checker=_schema_formats())
    return OscalValidator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def errors_of(validator: Validator, document: Any) -> list[str]:
    return sorted(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    )


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def example(name: str, catalog: Catalog, profile: str = "hipaa") -> Assessment:
    document = load_valid(f"examples/org-config/{name}", catalog)
    return assess(document, catalog, Context(as_of=AS_OF, profile=profile))


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Example paths are relative to the project root, as a user would type them."""
    monkeypatch.chdir(ROOT)


def body(document: dict[str, Any]) -> dict[str, Any]:
    return document["assessment-results"]


def only_result(document: dict[str, Any]) -> dict[str, Any]:
    (single,) = body(document)["results"]
    return single


def titled(items: list[dict[str, Any]], control_id: str) -> dict[str, Any]:
    (found,) = [x for x in items if x["title"].startswith(f"{control_id} ")]
    return found


def props_of(obj: dict[str, Any]) -> dict[str, str]:
    """name -> value for the single-valued properties, all of which must be phi-policy's."""
    assert {p["ns"] for p in obj.get("props", [])} <= {NS}
    return {p["name"]: p["value"] for p in obj.get("props", [])}


def walk(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def values_at(path: str, key: str) -> list[str]:
    """"file:line:col" of each `key: value` line's value, found in the file itself."""
    needle = f"{key}: "
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    return [
        f"{path}:{number}:{line.index(needle) + len(needle) + 1}"
        for number, line in enumerate(lines, 1)
        if line.lstrip().startswith(needle)
    ]


# --- schema validity ---------------------------------------------------------------------------


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_gives_schema_valid_oscal(
    name: str, profile: str, catalog: Catalog, validator: Validator
) -> None:
    document = json.loads(render(example(name, catalog, profile)))
    assert errors_of(validator, document) == []
    assert body(document)["metadata"]["oscal-version"] == "1.2.1"


def test_the_hand_built_assessment_with_every_status_is_schema_valid(validator: Validator) -> None:
    assert errors_of(validator, assessment_results(sample_assessment())) == []


def test_the_cli_writes_schema_valid_oscal(
    tmp_path: Path, validator: Validator, catalog: Catalog
) -> None:
    out = tmp_path / "assessment-results.json"
    status = run(["check", RIVERBEND, "--as-of", "2026-11-01", "--format", "oscal", "-o", str(out)])
    assert status == 0
    text = out.read_text(encoding="utf-8")
    document = json.loads(text)
    assert errors_of(validator, document) == []
    assert text == render(example("riverbend-clinic.yaml", catalog))
    logoff = titled(only_result(document)["observations"], "TECH-003")
    assert [e["description"] for e in logoff["relevant-evidence"]] == values_at(
        RIVERBEND, "automatic_logoff_minutes"
    )


def test_the_cli_prints_oscal_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    status = run(["check", LAKESIDE, "--as-of", "2026-11-01", "--format", "oscal"])
    assert status == 0
    document = json.loads(capsys.readouterr().out)
    assert body(document)["metadata"]["title"] == (
        f"phi-policy HIPAA assessment of {LAKESIDE} as of 2026-11-01"
    )


# --- the validator is not vacuous ----------------------------------------------------------------


def test_python_re_cannot_compile_the_token_pattern_but_regex_can() -> None:
    """Why the validator needs `regex`: the stock Draft7Validator would raise on this."""
    official = SHARED / "schemas" / "oscal_assessment-results_schema.json"
    schema = json.loads(official.read_text(encoding="utf-8")) if official.is_file() else {}
    if schema:
        assert schema["definitions"]["TokenDatatype"]["pattern"] == TOKEN
    with pytest.raises(re.error):
        re.compile(TOKEN)
    assert regex.search(TOKEN, "tech-003")
    assert regex.search(TOKEN, "données")  # any letter, not only ASCII
    assert not regex.search(TOKEN, "1st")


def test_a_prop_name_with_a_space_is_rejected(validator: Validator) -> None:
    document = assessment_results(sample_assessment())
    props = only_result(document)["props"]
    assert props[0]["name"] == "score"
    props[0]["name"] = "risk score"
    assert errors_of(validator, document) == [
        f"assessment-results/results/0/props/0/name: 'risk score' does not match {TOKEN!r}"
    ]


def test_a_prop_name_starting_with_a_digit_and_a_non_uuid_are_rejected(
    validator: Validator,
) -> None:
    document = assessment_results(sample_assessment())
    only_result(document)["props"][0]["name"] = "2nd-score"
    body(document)["uuid"] = "not-a-uuid"
    errors = errors_of(validator, document)
    assert len(errors) == 2
    assert errors[0].startswith("assessment-results/results/0/props/0/name: '2nd-score' does not")
    assert errors[1].startswith("assessment-results/uuid: 'not-a-uuid' does not match")


def test_the_schema_check_is_real(validator: Validator) -> None:
    document = assessment_results(sample_assessment())
    finding = only_result(document)["findings"][0]
    finding["target"]["status"]["state"] = "compliant"
    del body(document)["import-ap"]
    messages = errors_of(validator, document)
    assert "assessment-results: 'import-ap' is a required property" in messages
    assert any(
        m.startswith("assessment-results/results/0/findings/0/target/status/state: 'compliant'")
        for m in messages
    )


# --- determinism, UUIDs, timestamps ------------------------------------------------------------


def test_output_is_deterministic_sorted_and_ends_in_a_newline(catalog: Catalog) -> None:
    first = render(example("riverbend-clinic.yaml", catalog))
    assert first == render(example("riverbend-clinic.yaml", catalog))
    assert first.endswith("}\n")
    canonical = json.dumps(json.loads(first), indent=2, sort_keys=True, ensure_ascii=False)
    assert first == canonical + "\n"
    registered = registry.reporter("check", "oscal").load()
    assert registered(sample_assessment(), RenderOptions()) == render(sample_assessment())


def test_every_uuid_is_a_version_5_uuid_and_every_object_has_its_own(catalog: Catalog) -> None:
    document = assessment_results(example("riverbend-clinic.yaml", catalog))
    own = [value for key, value in walk(document) if key == "uuid"]
    referenced = [value for key, value in walk(document) if UUID_KEYS.match(key) and key != "uuid"]
    for value in own + referenced:
        assert uuid.UUID(value).version == 5
        assert str(uuid.UUID(value)) == value
    assert len(own) == len(set(own))
    assert set(referenced) <= set(own)


def test_uuids_derive_from_source_date_profile_commit_and_control() -> None:
    a = sample_assessment()
    subject = (a.source, "2026-11-01", "hipaa-2025-nprm", "")
    expected = uuid.uuid5(UUID_NAMESPACE, "\x1f".join(("observation", *subject, "TECH-003")))
    assert titled(only_result(assessment_results(a))["observations"], "TECH-003")["uuid"] == str(
        expected
    )
    assert uuid.uuid5(uuid.NAMESPACE_URL, "https://phi-policy.dev/ns/oscal") == UUID_NAMESPACE

    later = dataclasses.replace(a, as_of=dt.date(2026, 11, 2))
    other = dataclasses.replace(a, source="clinic/phi-policy.yaml")
    at_commit = dataclasses.replace(a, revision=Revision("HEAD~1", "ab" * 20, "cd" * 20))
    ids = {
        body(assessment_results(x))["uuid"]
        for x in (a, sample_assessment(), later, other, at_commit)
    }
    assert len(ids) == 4  # the same input twice gives the same UUID; each change a new one


def test_timestamps_come_from_as_of_never_the_clock() -> None:
    document = assessment_results(sample_assessment())
    metadata = body(document)["metadata"]
    assert metadata["last-modified"] == "2026-11-01T00:00:00Z"
    assert metadata["version"] == "2026-11-01"
    assert only_result(document)["start"] == "2026-11-01T00:00:00Z"
    assert {o["collected"] for o in only_result(document)["observations"]} == {
        "2026-11-01T00:00:00Z"
    }
    assert midnight(dt.date(2027, 2, 28)) == "2027-02-28T00:00:00Z"


def test_a_config_read_from_git_names_its_commit() -> None:
    a = dataclasses.replace(sample_assessment(), revision=Revision(
        "HEAD~1", "0123456789abcdef" * 2 + "01234567", "f" * 40))
    document = assessment_results(a)
    assert body(document)["metadata"]["version"] == "2026-11-01 (commit 0123456789ab)"
    config = body(document)["back-matter"]["resources"][1]
    assert props_of(config) == {
        "git-revision": "HEAD~1",
        "git-commit": "0123456789abcdef0123456789abcdef01234567",
        "git-blob": "f" * 40,
    }


# --- the mapping ---------------------------------------------------------------------------------


def test_metadata_plan_and_reviewed_controls(catalog: Catalog) -> None:
    a = example("riverbend-clinic.yaml", catalog)
    document = assessment_results(a)
    ar = body(document)
    assert props_of(ar["metadata"]) == {
        "tool": "phi-policy",
        "tool-version": __version__,
        "profile": "hipaa",
        "as-of": "2026-11-01",
        "source": RIVERBEND,
    }
    plan, config = ar["back-matter"]["resources"]
    assert ar["import-ap"]["href"] == f"#{plan['uuid']}"
    assert plan["title"] == "phi-policy control catalog, profile hipaa"
    assert config["rlinks"] == [{"href": RIVERBEND, "media-type": "application/yaml"}]
    result = only_result(document)
    (selection,) = result["reviewed-controls"]["control-selections"]
    assert [c["control-id"] for c in selection["include-controls"]] == [
        c.id.lower() for c in catalog.for_profile("hipaa")
    ]
    assert a.score is not None and a.raw_score is not None
    props = props_of(result)
    assert (props["score"], props["raw-score"], props["band"], props["score-band"]) == (
        str(round(a.score, 2)), str(round(a.raw_score, 2)), a.band, a.score_band)
    assert props.get("band-capped") == ("true" if a.capped else None)
    assert [p["value"] for p in result["props"] if p["name"] == "cap-reason"] == [
        str(reason) for reason in a.cap_reasons]
    domains = {p["class"]: p["value"] for p in result["props"] if p["name"] == "domain-score"}
    assert domains == {d.domain: str(round(d.score, 2)) for d in a.domains if d.score is not None}
    assert "readiness" not in props


def test_one_observation_per_control_and_a_finding_for_all_but_not_applicable(
    catalog: Catalog,
) -> None:
    a = example("riverbend-clinic.yaml", catalog)
    result = only_result(assessment_results(a))
    observed = {props_of(o)["control-id"]: props_of(o)["status"] for o in result["observations"]}
    assert observed == {r.control_id: r.status for r in a.results}
    findings = {f["target"]["target-id"]: f for f in result["findings"]}
    applicable = {r.control_id.lower() for r in a.results if r.status != "not_applicable"}
    assert set(findings) == applicable
    for r in a.results:
        if r.status == "not_applicable":
            assert r.control_id.lower() not in findings
            continue
        finding = findings[r.control_id.lower()]
        assert finding["target"]["type"] == "objective-id"
        state = "satisfied" if r.status == "pass" else "not-satisfied"
        assert finding["target"]["status"]["state"] == state, r.control_id
        assert props_of(finding)["status"] == r.status
    assert {r.status for r in a.results} >= {"pass", "fail", "not_applicable"}
    for o in result["observations"]:
        props = props_of(o)
        assert props["basis"] == {r.control_id: r.basis for r in a.results}[props["control-id"]]
    assert observed["ADM-006"] == "not_applicable"


def test_every_non_passing_control_of_every_example_is_a_not_satisfied_finding(
    catalog: Catalog,
) -> None:
    for name in EXAMPLES:
        for profile in PROFILES:
            a = example(name, catalog, profile)
            result = only_result(assessment_results(a))
            states = {f["target"]["target-id"]: f["target"]["status"]["state"]
                      for f in result.get("findings", [])}
            failing = {r.control_id.lower() for r in a.results
                       if r.status in ("fail", "partial", "error", "waived")}
            assert failing, (name, profile)
            assert {cid: states.get(cid) for cid in failing} == dict.fromkeys(
                failing, "not-satisfied")


def test_a_partial_benchmark_carries_its_basis_credit_gain_evidence_and_citation() -> None:
    a = sample_assessment()
    document = assessment_results(a)
    result = only_result(document)
    (gain,) = [x.gain for x in a.recommendations if x.control_id == "TECH-003"]
    observation = titled(result["observations"], "TECH-003")
    assert observation["title"] == (
        "TECH-003 Automatic logoff after 15 minutes or less of inactivity (benchmark)")
    assert observation["description"] == (
        "automatic logoff is 30 minutes; the benchmark is 15 or less")
    assert observation["methods"] == ["EXAMINE"]
    assert observation["types"] == ["finding"]
    config = body(document)["back-matter"]["resources"][1]
    assert observation["subjects"] == [{"subject-uuid": config["uuid"], "type": "resource"}]
    assert observation["relevant-evidence"] == [
        {"href": f"#{config['uuid']}", "description": "phi-policy.yaml:131:29"}]
    assert props_of(observation) == {
        "control-id": "TECH-003", "status": "partial", "credit": "0.5", "domain": "technical",
        "severity": "medium", "basis": "benchmark", "weight": "1.0",
        "citation": "164.312(a)(2)(iii) Automatic logoff",
        "config-path": "/access_control/automatic_logoff_minutes",
    }
    (citation,) = [p for p in observation["props"] if p["name"] == "citation"]
    assert citation["class"] == "security-rule"
    assert observation["links"] == [{
        "href": "https://www.ecfr.gov/current/title-45/section-164.312#p-164.312(a)(2)(iii)",
        "rel": "reference",
        "text": "HIPAA Security Rule 164.312(a)(2)(iii) Automatic logoff",
    }]
    assert observation["remarks"].startswith(
        "How to fix: Set access_control.automatic_logoff_minutes to 15 or less")
    assert observation["remarks"].endswith(
        "Benchmark, not a HIPAA requirement: a best-practice number the rule itself does not "
        "set.")

    finding = titled(result["findings"], "TECH-003")
    assert finding["target"] == {
        "type": "objective-id",
        "target-id": "tech-003",
        "status": {"state": "not-satisfied", "reason": "fail"},
        "implementation-status": {"state": "partial"},
    }
    assert props_of(finding) == {
        "status": "partial", "credit": "0.5", "gain": str(round(gain, 2)), "severity": "medium",
        "basis": "benchmark"}
    assert finding["remarks"].startswith("Benchmark, not a HIPAA requirement")
    assert finding["related-observations"] == [{"observation-uuid": observation["uuid"]}]
    risk = titled(result["risks"], "TECH-003")
    assert finding["related-risks"] == [{"risk-uuid": risk["uuid"]}]
    assert risk["status"] == "open"
    assert props_of(risk) == {"basis": "benchmark"}
    assert risk["statement"] == (
        "automatic logoff is 30 minutes; the benchmark is 15 or less "
        "(164.312(a)(2)(iii) Automatic logoff)")
    (remediation,) = risk["remediations"]
    assert remediation["lifecycle"] == "recommendation"
    assert remediation["title"] == "Remediate TECH-003"
    assert remediation["description"].startswith("Set access_control.automatic_logoff_minutes")
    assert risk["characterizations"][0]["facets"] == [
        {"name": "severity", "system": NS, "value": "medium"}]


def test_the_result_says_the_band_is_capped_and_why() -> None:
    result = only_result(assessment_results(sample_assessment()))
    props = props_of(result)
    assert (props["score"], props["band"], props["score-band"], props["band-capped"]) == (
        "65.06", "red", "yellow", "true")
    (reason,) = [p for p in result["props"] if p["name"] == "cap-reason"]
    assert (reason["value"], reason["class"]) == (
        "GOV-005 (critical) fails for Acme Video Cloud", "critical")
    assert ("Band capped at RED (the score alone gives YELLOW): GOV-005 (critical) fails for "
            "Acme Video Cloud.") in result["description"].splitlines()
    observation = titled(result["observations"], "GOV-005")
    assert [p["value"] for p in observation["props"] if p["name"] == "instance"] == [
        "Acme Video Cloud"]


def test_an_other_law_check_is_marked_and_kept_apart(validator: Validator) -> None:
    results = replace_result(sample_results(), "PRIV-002", basis="other_law")
    document = assessment_results(assess_results(results))
    assert errors_of(validator, document) == []
    result = only_result(document)
    observation = titled(result["observations"], "PRIV-002")
    assert props_of(observation)["basis"] == "other_law"
    assert props_of(observation)["other-law"] == "true"
    assert observation["remarks"].endswith(
        "Other law (DEA, state), not HIPAA: reported apart, never in the HIPAA score.")
    finding = titled(result["findings"], "PRIV-002")
    assert props_of(finding)["other-law"] == "true"
    assert finding["remarks"] == (
        "Other law (DEA, state), not HIPAA: reported apart, never in the HIPAA score.")
    risk = titled(result["risks"], "PRIV-002")
    assert props_of(risk) == {"basis": "other_law", "other-law": "true"}
    assert risk["description"].endswith("never in the HIPAA score.")
    assert props_of(result)["other-law-score"] == "0.0"
    assert "Other law (other law (DEA, state), not HIPAA), scored apart: 0.0." in (
        result["description"].splitlines())


def test_a_passing_control_is_satisfied_and_raises_no_risk(catalog: Catalog) -> None:
    result = only_result(assessment_results(example("riverbend-clinic.yaml", catalog)))
    finding = titled(result["findings"], "TECH-001")
    assert finding["target"]["status"] == {"state": "satisfied", "reason": "pass"}
    assert finding["target"]["implementation-status"] == {"state": "implemented"}
    assert "related-risks" not in finding
    assert titled(result["observations"], "TECH-001")["types"] == ["control-objective"]
    assert "TECH-001" not in {r["title"].split()[0] for r in result["risks"]}


def test_a_not_applicable_control_is_only_an_observation(catalog: Catalog) -> None:
    result = only_result(assessment_results(example("riverbend-clinic.yaml", catalog)))
    observation = titled(result["observations"], "ADM-006")
    assert observation["description"] == "the organization performs no clearinghouse functions"
    assert observation["types"] == ["control-objective"]
    assert props_of(observation)["status"] == "not_applicable"
    assert "credit" not in props_of(observation)
    assert "remarks" not in observation
    assert "adm-006" not in {f["target"]["target-id"] for f in result["findings"]}


def test_a_documented_decision_is_a_compliant_alternative() -> None:
    """164.306(d)(3): an addressable specification met by a documented alternative measure is
    met. The finding is satisfied (implementation: alternative); the finding as specified stays
    on record as a closed risk, mitigated by the alternative measure."""
    result = only_result(assessment_results(sample_assessment()))
    finding = titled(result["findings"], "TECH-005")
    decision = (
        "Met by a documented decision, counted as compliant (164.306(d)(3)): an alternative "
        "measure, approved by Dana Whitfield (CISO) on 2025-11-25, next review by 2026-11-25. "
        "Clinic laptops are thin clients to the EHR's virtual desktop; full-disk encryption "
        "breaks the vendor's kiosk image. Alternative measure: no ePHI is stored on the laptops: "
        "the VDI blocks downloads and clipboard, and laptops are wiped nightly")
    assert finding["target"]["status"] == {"state": "satisfied", "reason": "pass",
                                           "remarks": decision}
    assert finding["target"]["implementation-status"] == {"state": "alternative"}
    assert props_of(finding)["basis"] == "addressable"
    risk = titled(result["risks"], "TECH-005")
    assert finding["related-risks"] == [{"risk-uuid": risk["uuid"]}]
    assert risk["status"] == "closed"
    assert "deadline" not in risk
    (factor,) = risk["mitigating-factors"]
    assert factor["description"] == (
        "no ePHI is stored on the laptops: the VDI blocks downloads and clipboard, and laptops "
        "are wiped nightly")
    (entry,) = risk["risk-log"]["entries"]
    assert (entry["title"], entry["start"], entry["status-change"], entry["description"]) == (
        "Documented decision approved", "2025-11-25T00:00:00Z", "closed", decision)
    assert risk["statement"] == (
        "laptops used for telehealth are not full-disk encrypted (164.312(a)(2)(iv) Encryption "
        "and decryption)")
    observation = titled(result["observations"], "TECH-005")
    assert observation["types"] == ["finding", "mitigation"]
    assert observation["description"].startswith(
        "laptops used for telehealth are not full-disk encrypted\n\n")
    props = props_of(observation)
    assert (props["status"], props["raw-status"], props["decision"]) == (
        "pass", "fail", "alternative")
    assert decision in observation["remarks"]
    text = json.dumps(result).lower()
    assert "waiver" not in text and "deviation" not in text and "risk accepted" not in text


def test_a_decided_example_stays_schema_valid(catalog: Catalog, validator: Validator) -> None:
    a = example("lakeside-health.yaml", catalog)
    decided = [r for r in a.results if r.decided]
    assert decided
    result = only_result(assessment_results(a))
    assert errors_of(validator, assessment_results(a)) == []
    for r in decided:
        finding = titled(result["findings"], r.control_id)
        assert finding["target"]["status"]["state"] == "satisfied"
        assert titled(result["risks"], r.control_id)["status"] == "closed"


def test_an_erroring_control_is_under_investigation() -> None:
    result = only_result(assessment_results(sample_assessment()))
    finding = titled(result["findings"], "ADM-007")
    assert finding["target"]["status"] == {
        "state": "not-satisfied",
        "reason": "other",
        "remarks": "The control could not decide: control raised KeyError: 'last_tested'",
    }
    assert titled(result["risks"], "ADM-007")["status"] == "investigating"


def test_a_proposed_rule_gap_is_a_finding_without_a_risk() -> None:
    result = only_result(assessment_results(sample_assessment()))
    finding = titled(result["findings"], "NPRM-003")
    assert finding["target"]["status"]["state"] == "not-satisfied"
    assert finding["remarks"] == (
        "Proposed rule (NPRM 2025, not in force): a readiness check, not a violation of the "
        "current rule.")
    assert "related-risks" not in finding
    # TECH-005's risk is closed: a documented decision meets it.
    assert sorted(r["title"].split()[0] for r in result["risks"]) == [
        "ADM-007", "GOV-005", "PRIV-002", "TECH-003", "TECH-005"]
    observation = titled(result["observations"], "NPRM-003")
    assert props_of(observation)["proposed"] == "true"
    assert observation["links"] == [{
        "href": "https://www.federalregister.gov/d/2024-30983",
        "rel": "reference",
        "text": "HIPAA Security Rule NPRM 2025 (proposed) NPRM 164.312(h)(2)(i) Vulnerability "
        "scanning at least every 6 months",
    }]
    assert props_of(result)["readiness"] == "66.67"
    assert props_of(finding)["basis"] == "proposed"
    assert props_of(finding)["proposed"] == "true"


def test_citations_link_to_the_regulation_text() -> None:
    sr = "HIPAA Security Rule"
    assert citation_href(Citation(sr, "164.308(a)(1)(ii)(A)", "Risk analysis")) == (
        "https://www.ecfr.gov/current/title-45/section-164.308#p-164.308(a)(1)(ii)(A)")
    assert citation_href(Citation("HIPAA Privacy Rule", "164.520", "Notice")) == (
        "https://www.ecfr.gov/current/title-45/section-164.520")
    assert citation_href(Citation("HIPAA Security Rule NPRM 2025 (proposed)",
                                  "NPRM 164.308(b)(1)-(2)", "BA verification")) == (
        "https://www.federalregister.gov/d/2024-30983")
    assert citation_href(Citation("State law", "Cal. Civ. Code 56.10", "Confidentiality")) is None


def test_a_custom_framework_becomes_a_token_class_or_none(validator: Validator) -> None:
    a = sample_assessment()
    custom = Citation("ACME Policy 4.2", "4.2", "Laptops")
    first = a.results[0]
    changed = dataclasses.replace(first, citations=(custom, Citation("42 CFR", "2.1", "x")))
    document = assessment_results(dataclasses.replace(a, results=(changed, *a.results[1:])))
    assert errors_of(validator, document) == []
    observation = titled(only_result(document)["observations"], first.control_id)
    citations = [p for p in observation["props"] if p["name"] == "citation"]
    assert [(p["value"], p.get("class")) for p in citations] == [
        ("4.2 Laptops", "acme-policy-4.2"), ("2.1 x", None)]
