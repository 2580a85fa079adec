"""Waivers: honoured only while valid, never for required specifications."""

from __future__ import annotations

import datetime as dt
from typing import Any

from phi_policy.evaluate import evaluate
from phi_policy.model import Context, Outcome
from phi_policy.waivers import check_waivers
from tests.engine_fixtures import LOGOFF, FakeDocument, make_control

AS_OF = dt.date(2026, 11, 1)
FAIL = Outcome("fail", "automatic logoff is 30 minutes", 0.0, ("/access_control/automatic_logoff_minutes",))
PASS = Outcome("pass", "ok", 1.0)


def waiver(control: str = "TECH-003", approved_on: str = "2026-03-01", expires: str = "2027-02-28") -> dict[str, Any]:
    return {
        "control": control,
        "justification": "Operating-room workstations must stay signed in during surgery.",
        "alternative_measure": "Badge tap-out and a locked OR suite",
        "approved_by": "Dana Whitfield (CISO)",
        "approved_on": approved_on,
        "expires": expires,
    }


def controls() -> list[Any]:
    return [
        make_control("TECH-003", FAIL, weight=3, requirement="addressable", citation=LOGOFF),
        make_control("TECH-001", PASS, weight=1),
    ]


def test_valid_waiver_is_honoured_and_raw_score_ignores_it() -> None:
    a = evaluate(FakeDocument({"waivers": [waiver()]}), controls(), Context(AS_OF))
    logoff = a.results[1]
    assert logoff.control_id == "TECH-003" and logoff.status == "waived"
    assert logoff.raw_outcome.status == "fail"
    assert logoff.waiver is not None and logoff.waiver.approved_by == "Dana Whitfield (CISO)"
    assert a.score == 100.0
    assert a.raw_score == 25.0
    assert a.band == "green" and a.raw_band == "red"


def test_expired_waiver_fails_and_says_so() -> None:
    doc = FakeDocument({"waivers": [waiver(approved_on="2025-10-01", expires="2026-10-01")]})
    a = evaluate(doc, controls(), Context(AS_OF))
    logoff = a.results[1]
    assert logoff.status == "fail"
    assert logoff.outcome.message.startswith("waiver expired on 2026-10-01; ")
    assert "/waivers/0/expires" in logoff.outcome.paths
    assert a.score == 25.0


def test_waiver_expiring_on_as_of_counts_as_expired() -> None:
    doc = FakeDocument({"waivers": [waiver(approved_on="2026-01-01", expires="2026-11-01")]})
    assert evaluate(doc, controls(), Context(AS_OF)).results[1].status == "fail"


def test_waiver_of_a_passing_control_changes_nothing() -> None:
    ok = [make_control("TECH-003", PASS, requirement="addressable", citation=LOGOFF)]
    a = evaluate(FakeDocument({"waivers": [waiver()]}), ok, Context(AS_OF))
    assert a.results[0].status == "pass" and a.results[0].waiver is None


def test_waivers_are_not_honoured_under_the_proposed_rule() -> None:
    a = evaluate(FakeDocument({"waivers": [waiver()]}), controls(), Context(AS_OF, "hipaa-2025-nprm"))
    assert a.results[1].status == "fail"
    assert a.score == 25.0


def test_waiver_soon_to_expire_is_upcoming() -> None:
    doc = FakeDocument({"waivers": [waiver(approved_on="2026-01-01", expires="2026-11-13")]})
    a = evaluate(doc, controls(), Context(AS_OF))
    assert [u.message for u in a.upcoming] == [
        "waiver for TECH-003 expires in 12 days (2026-11-13; TECH-003 164.312(a)(2)(iii))"
    ]


def _problems(waivers: list[dict[str, Any]]) -> list[tuple[str, str]]:
    catalog = {c.id: c for c in controls()}
    found = check_waivers(FakeDocument({"waivers": waivers}), {"waivers": waivers}, catalog)
    return [(p.code, p.message) for p in found]


def test_waiving_a_required_control_is_a_validation_error() -> None:
    assert _problems([waiver("TECH-001")]) == [
        ("waiver-required",
         "TECH-001 (164.312(a)(2)(i) title of TECH-001) is a required specification and cannot be waived")
    ]


def test_unknown_control_duplicate_and_overlong_waivers() -> None:
    problems = _problems([waiver("TECH-999"), waiver(), waiver(approved_on="2026-01-01", expires="2027-06-01")])
    assert problems == [
        ("waiver-unknown-control", "waiver names unknown control 'TECH-999'"),
        ("waiver-duplicate", "TECH-003 is waived twice (first at /waivers/1)"),
        ("waiver-too-long", "waiver runs 516 days, from 2026-01-01 to 2027-06-01"),
    ]


def test_expiry_before_approval() -> None:
    assert _problems([waiver(approved_on="2026-05-01", expires="2026-04-01")]) == [
        ("waiver-dates", "waiver expires on 2026-04-01 but was approved on 2026-05-01")
    ]
