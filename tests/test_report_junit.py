"""The JUnit XML reporter: parsed back, counted, and read case by case."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from phi_policy.catalog.packs import load_catalog
from phi_policy.cli import run
from phi_policy.model import Assessment, Context
from phi_policy.pipeline import assess, load_valid_text
from phi_policy.reporters import RenderOptions, registry
from phi_policy.reporters.junit import render
from tests.report_fixtures import assess as assess_results
from tests.report_fixtures import replace_result, sample_assessment, sample_results

ROOT = Path(__file__).resolve().parents[1]
RIVERBEND = "examples/org-config/riverbend-clinic.yaml"


def parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def suite_of(root: ET.Element) -> ET.Element:
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    return suite


def case_of(suite: ET.Element, control_id: str) -> ET.Element:
    cases = suite.findall("testcase")
    (found,) = [c for c in cases if c.get("name", "").startswith(f"{control_id} ")]
    return found


def riverbend() -> Assessment:
    catalog = load_catalog()
    document = load_valid_text((ROOT / RIVERBEND).read_bytes(), RIVERBEND, catalog)
    return assess(document, catalog, Context(as_of=dt.date(2026, 11, 1)))


@pytest.fixture(scope="module")
def sample() -> ET.Element:
    return suite_of(parse(render(sample_assessment())))


def test_suite_counts_name_and_properties(sample: ET.Element) -> None:
    assert dict(sample.attrib) == {
        "name": "phi-policy: phi-policy.yaml",
        "tests": "13",
        "failures": "3",
        "errors": "1",
        "skipped": "2",
    }
    block = sample.find("properties")
    assert block is not None
    properties = {p.get("name"): p.get("value") for p in block}
    assert properties == {
        "score": "65.06",
        "raw_score": "53.01",
        "band": "red",
        "score_band": "yellow",
        "capped": "true",
        "cap_reason": "GOV-005 (critical) fails for Acme Video Cloud",
        "as_of": "2026-11-01",
        "profile": "hipaa-2025-nprm",
    }


def test_one_test_case_per_control_named_by_id_and_title(sample: ET.Element) -> None:
    cases = sample.findall("testcase")
    assert [c.get("name", "").split()[0] for c in cases] == [r.control_id for r in sample_results()]
    logoff = case_of(sample, "TECH-003")
    assert logoff.get("classname") == "phi-policy.technical"
    assert logoff.get("name") == (
        "TECH-003 Automatic logoff after 15 minutes or less of inactivity (benchmark)")
    assert (logoff.get("file"), logoff.get("line")) == ("phi-policy.yaml", "131")


def test_a_pass_is_a_plain_test_case(sample: ET.Element) -> None:
    case = case_of(sample, "GOV-001")
    assert list(case) == []
    assert case.get("classname") == "phi-policy.governance"


def test_a_fail_is_a_failure_typed_by_severity_with_where_cites_and_fix(sample: ET.Element) -> None:
    (failure,) = case_of(sample, "GOV-005")
    assert failure.tag == "failure"
    assert dict(failure.attrib) == {
        "message": "BAA with Acme Video Cloud expired on 2026-09-30 (severity critical; "
        "required by HIPAA)",
        "type": "critical",
    }
    assert (failure.text or "").splitlines() == [
        "BAA with Acme Video Cloud expired on 2026-09-30",
        "status: fail, severity critical; required by HIPAA, +24.1 points if it passed",
        "where: phi-policy.yaml:88:16",
        "cites: 164.308(b)(1) Business associate contracts and other arrangements",
        "cites: 164.314(a)(2)(i) Business associate contracts",
        "fix: Renew or sign a BAA with every vendor that creates, receives, maintains or "
        "transmits ePHI, and record it under business_associates[].baa with signed and expires "
        "dates.",
    ]


def test_a_partial_is_a_failure_with_its_credit(sample: ET.Element) -> None:
    (failure,) = case_of(sample, "TECH-003")
    assert failure.tag == "failure"
    assert failure.get("type") == "medium"
    # A benchmark's failure says it is one: never read as a HIPAA violation.
    assert failure.get("message") == (
        "partial (credit 0.50): automatic logoff is 30 minutes; the benchmark is 15 or less "
        "(severity medium; benchmark, not a HIPAA requirement)")
    assert (failure.text or "").splitlines()[1] == (
        "status: partial (credit 0.50), severity medium; benchmark, not a HIPAA requirement, "
        "+1.2 points if it passed")


def test_an_erroring_control_is_an_error(sample: ET.Element) -> None:
    (error,) = case_of(sample, "ADM-007")
    assert error.tag == "error"
    assert dict(error.attrib) == {
        "message": "control raised KeyError: 'last_tested' (severity medium; addressable HIPAA "
        "specification (164.306(d)(3)))",
        "type": "medium"}
    assert (error.text or "").splitlines()[1] == (
        "status: error, severity medium; addressable HIPAA specification (164.306(d)(3)), "
        "+4.8 points if it passed")


def test_not_applicable_and_proposed_gaps_are_skipped(sample: ET.Element) -> None:
    skipped = {
        c.get("name", "").split()[0]: c.findall("skipped")[0].get("message")
        for c in sample.findall("testcase")
        if c.findall("skipped")
    }
    assert skipped == {
        "PHYS-004": "not applicable: personal devices are not allowed (byod.allowed is false)",
        "NPRM-003": "proposed rule (NPRM 2025), not in force: the last vulnerability scan, on "
        "2026-01-15, is more than 6 months old",
    }
    assert list(case_of(sample, "NPRM-006")) == []  # a passing proposed check passes


def test_a_control_met_by_a_documented_decision_passes_and_says_so(sample: ET.Element) -> None:
    case = case_of(sample, "TECH-005")
    assert [child.tag for child in case] == ["system-out"]  # no failure, no skip: it passes
    out = case.find("system-out")
    assert out is not None
    assert (out.text or "").splitlines() == [
        "severity high; addressable HIPAA specification (164.306(d)(3))",
        "met by a documented decision (counts as compliant)",
        "kind alternative, for all instances; approved by Dana Whitfield (CISO) on 2025-11-25, "
        "next review by 2026-11-25 (12 months unless set: a convention)",
        "alternative measure: no ePHI is stored on the laptops: the VDI blocks downloads and "
        "clipboard, and laptops are wiped nightly",
        "reason: Clinic laptops are thin clients to the EHR's virtual desktop; full-disk "
        "encryption breaks the vendor's kiosk image",
        "as specified, without the decision: laptops used for telehealth are not full-disk "
        "encrypted",
    ]


def test_an_other_law_failure_says_it_is_not_hipaa() -> None:
    results = replace_result(sample_results(), "PRIV-002", basis="other_law")
    a = assess_results(results)
    suite = suite_of(parse(render(a)))
    (failure,) = case_of(suite, "PRIV-002")
    assert failure.get("message", "").endswith("(severity medium; other law, not HIPAA)")
    assert (failure.text or "").splitlines()[1] == (
        "status: fail, severity medium; other law, not HIPAA, +100.0 points of the other-law "
        "score (not HIPAA) if it passed")
    block = suite.find("properties")
    assert block is not None
    assert {p.get("name"): p.get("value") for p in block}["other_law_score"] == "0.0"


def test_a_control_without_locations_points_at_line_one() -> None:
    results = replace_result(sample_results(), "PRIV-002", locations=())
    case = case_of(suite_of(parse(render(assess_results(results)))), "PRIV-002")
    assert (case.get("file"), case.get("line")) == ("phi-policy.yaml", "1")
    (failure,) = case
    assert not any(line.startswith("where:") for line in (failure.text or "").splitlines())


def test_characters_xml_cannot_carry_are_replaced() -> None:
    results = replace_result(sample_results(), "GOV-005", message="vendor \x01Acme\x1b & <Co>")
    text = render(assess_results(results))
    (failure,) = case_of(suite_of(parse(text)), "GOV-005")
    assert failure.get("message") == (
        "vendor \ufffdAcme\ufffd & <Co> (severity critical; required by HIPAA)")
    assert "&amp; &lt;Co&gt;" in text


def test_the_riverbend_example_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "phi-policy.xml"
    argv = ["check", RIVERBEND, "--as-of", "2026-11-01", "--format", "junit", "-o", str(out)]
    assert run(argv) == 0
    suite = suite_of(parse(out.read_text(encoding="utf-8")))
    statuses = [r.status for r in riverbend().results]
    counts = [suite.get(key) for key in ("tests", "failures", "errors", "skipped")]
    assert counts == [
        str(len(statuses)),
        str(statuses.count("fail") + statuses.count("partial")),
        str(statuses.count("error")),
        str(statuses.count("not_applicable")),
    ]
    assert suite.get("name") == f"phi-policy: {RIVERBEND}"
    (failure,) = case_of(suite, "TECH-026")
    assert failure.tag in ("failure", "error")
    assert f"where: {RIVERBEND}:297:29" in (failure.text or "").splitlines()
    assert case_of(suite, "TECH-027").get("line") == "157"
    (skipped,) = case_of(suite, "ADM-006")
    assert skipped.tag == "skipped"
    assert skipped.get("message") == (
        "not applicable: the organization performs no clearinghouse functions")


def test_output_is_deterministic_and_reached_through_the_format_map() -> None:
    assessment = riverbend()
    first = render(assessment)
    assert first == render(assessment)
    assert first == registry.reporter("check", "junit").load()(assessment, RenderOptions())
    assert first.endswith("</testsuites>\n")
    assert "time=" not in first and "timestamp=" not in first
