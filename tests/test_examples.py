"""The bundled example configs: each is valid, wired to the schema for editors, and is the
organization its comments describe (the facts that put it in its expected band).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from phi_policy.catalog.packs import load_catalog
from phi_policy.model import Assessment, Context
from phi_policy.pipeline import assess, load_valid
from phi_policy.resources import schema_path

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples" / "org-config"
EXAMPLES = [
    "lakeside-health.yaml",
    "quickdoc-startup.yaml",
    "riverbend-clinic.yaml",
    "telepsychiatry-group.yaml",
]
MODELINE = "# yaml-language-server: $schema=./org-config.schema.json"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class DatesAsStringsLoader(yaml.SafeLoader):
    """SafeLoader that leaves 2026-03-15 as the string the schema expects, not a date object."""


DatesAsStringsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(name: str) -> Any:
    text = (EXAMPLES_DIR / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=DatesAsStringsLoader)


def test_the_example_set_is_exactly_the_four_organizations() -> None:
    assert sorted(path.name for path in EXAMPLES_DIR.glob("*.yaml")) == EXAMPLES


def test_loader_keeps_dates_as_strings() -> None:
    assert yaml.load("d: 2026-03-15", Loader=DatesAsStringsLoader) == {"d": "2026-03-15"}


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_starts_with_the_schema_modeline(name: str) -> None:
    first_line = (EXAMPLES_DIR / name).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == MODELINE
    # The line names the copy beside the examples, which must be the installed schema itself:
    # regenerate it with `phi-policy schema --write examples/org-config/ --force`.
    beside = EXAMPLES_DIR / MODELINE.split("=", 1)[1]
    assert beside.read_bytes() == schema_path().read_bytes()


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_is_valid(name: str) -> None:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(load(name))]
    assert errors == []


def test_lakeside_is_strong_with_one_decision() -> None:
    config = load("lakeside-health.yaml")
    assert config["risk_analysis"]["last_performed"] == "2026-04-10"
    assert config["access_control"]["automatic_logoff_minutes"] == 15
    assert config["access_control"]["mfa"]["all_ephi_access"] is True
    assert {ba["baa"]["status"] for ba in config["business_associates"]} == {
        "signed",
        "not_required",
    }
    assert config["decisions"] == [
        {
            "control": "TECH-027",
            "kind": "alternative",
            "instances": ["VitalWatch RPM"],
            "reason": config["decisions"][0]["reason"],
            "alternative_measure": config["decisions"][0]["alternative_measure"],
            "approved_by": "Dana Whitfield (CISO)",
            "approved_on": "2026-03-01",
            "review_by": "2027-02-28",
        }
    ]


def test_riverbend_has_the_documented_gaps() -> None:
    config = load("riverbend-clinic.yaml")
    assert config["access_control"]["automatic_logoff_minutes"] == 30
    assert config["access_control"]["mfa"] == {
        "remote_access": False,
        "administrative_access": True,
        "all_ephi_access": False,
        "phishing_resistant": False,
    }
    assert config["risk_analysis"]["last_performed"] == "2025-05-01"  # 18 months before 2026-11-01
    assert "phishing" not in config["workforce"]["training"]["topics"]
    assert [
        ba["name"] for ba in config["business_associates"] if ba["baa"]["status"] == "pending"
    ] == ["AppointIQ Corp."]
    assert config["audit_controls"]["review_frequency_days"] == 90
    assert "last_test" not in config["contingency"]["testing"]


def test_quickdoc_is_a_byod_free_for_all() -> None:
    config = load("quickdoc-startup.yaml")
    byod = config["byod"]
    assert (
        byod["allowed"],
        byod["mdm_required"],
        byod["containerization"],
        byod["remote_wipe"],
    ) == (
        True,
        False,
        False,
        False,
    )
    expired = {
        ba["name"]: ba["baa"]["expires"]
        for ba in config["business_associates"]
        if "expires" in ba["baa"]
    }
    assert expired == {"NimbusCloud Hosting": "2025-06-30", "RxPronto Ltd.": "2026-03-31"}
    video = config["platforms"][0]
    assert (
        video["purpose"],
        video["video"]["end_to_end_encryption"],
        "business_associate" in video,
    ) == (
        "video_visits",
        False,
        False,
    )
    assert config["transmission_security"]["sms_for_ephi"] is True
    assert config["transmission_security"]["tls_min_version"] == "1.0"
    assert "last_performed" not in config["risk_analysis"]


def _assess(name: str) -> Assessment:
    catalog = load_catalog(entry_points=False)
    document = load_valid(EXAMPLES_DIR / name, catalog)
    return assess(document, catalog, Context(as_of=dt.date(2026, 11, 1)))


#: What the telepsychiatry example declares, and the controls each declaration must reach.
TELEPSYCHIATRY_REACHES = {
    "AI scribe": ("TELE-001", "TELE-002", "TELE-003"),
    "42 CFR Part 2 records": ("PART2-001", "PART2-002", "PART2-003", "PART2-004"),
    "psychotherapy notes": ("TELE-006",),
    "minors with guardians": ("TELE-008", "TELE-009"),
    "patient-requested unencrypted texts": ("TELE-011", "TECH-017"),
}


@pytest.mark.parametrize("area", sorted(TELEPSYCHIATRY_REACHES))
def test_telepsychiatry_declarations_reach_their_controls(area: str) -> None:
    assessment = _assess("telepsychiatry-group.yaml")
    outcomes = {r.control_id: r.outcome for r in assessment.results}
    for control_id in TELEPSYCHIATRY_REACHES[area]:
        outcome = outcomes[control_id]
        assert outcome.status == "pass", f"{control_id}: {outcome.status}: {outcome.message}"
    assert assessment.to_declare == ()
    assert "unencrypted SMS goes only to patients who asked after a risk warning" in outcomes[
        "TECH-017"
    ].message


def test_lakeside_declares_every_applicability_key() -> None:
    assert _assess("lakeside-health.yaml").to_declare == ()
