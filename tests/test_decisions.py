"""Documented decisions: what counts as met, what is judged at a tailored value, what lapses,
and what no decision can excuse (DESIGN.md, scoring rule 4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from phi_policy.config.decisions import check_decisions, legacy_notices, read_decisions
from phi_policy.engine.evaluate import evaluate
from phi_policy.model import Context, Outcome
from tests.engine_fixtures import LOGOFF, FakeDocument, make_control

AS_OF = dt.date(2026, 11, 1)
FAIL = Outcome(
    "fail", "automatic logoff is 30 minutes", 0.0, ("/access_control/automatic_logoff_minutes",)
)
PASS = Outcome("pass", "ok", 1.0)
MFA = make_control("TECH-015", FAIL, basis="benchmark", severity="high")


def decision(control: str = "TECH-003", **changes: Any) -> dict[str, Any]:
    item = {
        "control": control,
        "kind": "alternative",
        "reason": "Operating-room workstations must stay signed in during surgery.",
        "alternative_measure": "Badge tap-out and a locked OR suite",
        "approved_by": "Dana Whitfield (CISO)",
        "approved_on": "2026-03-01",
    }
    item.update(changes)
    return {k: v for k, v in item.items() if v is not None}


def waiver(control: str = "TECH-003", approved_on: str = "2026-03-01",
           expires: str = "2027-02-28") -> dict[str, Any]:
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
        make_control("TECH-003", FAIL, severity="high", basis="addressable", citation=LOGOFF),
        make_control("TECH-001", PASS, severity="low"),
    ]


def test_a_valid_decision_counts_as_met_and_the_raw_score_is_as_specified() -> None:
    a = evaluate(FakeDocument({"decisions": [decision()]}), controls(), Context(AS_OF))
    logoff = a.results[1]
    assert logoff.control_id == "TECH-003" and logoff.status == "pass" and logoff.decided
    assert logoff.outcome.credit == 1.0
    assert logoff.outcome.message.startswith(
        "met by a documented decision (an alternative measure), approved by Dana Whitfield "
        "(CISO) on 2026-03-01, next review by 2027-03-01: Badge tap-out"
    )
    assert logoff.raw_outcome.status == "fail"
    assert a.score == 100.0
    assert a.raw_score == pytest.approx(100 * 1 / 6)  # TECH-003 high 5 fails, TECH-001 low 1
    assert a.band == "green" and a.raw_band == "red"


def test_the_review_date_defaults_to_twelve_months_after_approval() -> None:
    (d,) = read_decisions({"decisions": [decision(approved_on="2026-01-31")]})
    assert d.review_by == "2027-01-31"


def test_a_decision_past_its_review_fails_and_says_so() -> None:
    doc = FakeDocument({"decisions": [decision(approved_on="2025-09-01", review_by="2026-10-01")]})
    logoff = evaluate(doc, controls(), Context(AS_OF)).results[1]
    assert logoff.status == "fail"
    assert logoff.outcome.message.startswith(
        "the documented decision approved by Dana Whitfield (CISO) was due for review on "
        "2026-10-01 and no longer counts; automatic logoff is 30 minutes"
    )
    assert "/decisions/0" in logoff.outcome.paths


def test_a_decision_approved_after_the_assessment_date_does_not_count_yet() -> None:
    doc = FakeDocument({"decisions": [decision(approved_on="2026-12-01")]})
    assert evaluate(doc, controls(), Context(AS_OF)).results[1].status == "fail"


def test_decisions_count_the_same_under_the_proposed_rule_profile() -> None:
    """The proposed rule must never change the current-rule score."""
    doc = FakeDocument({"decisions": [decision()]})
    current = evaluate(doc, controls(), Context(AS_OF, "hipaa"))
    proposed = evaluate(doc, controls(), Context(AS_OF, "hipaa-2025-nprm"))
    assert current.score == proposed.score == 100.0


def _per_vendor(config: Any, ctx: Context) -> Outcome:
    return Outcome("fail", "two vendors have no BAA", 0.0, ("/business_associates",),
                   instances=("AppointIQ", "ScribeCo"))


def test_a_decision_scoped_to_some_instances_leaves_the_others_failing() -> None:
    check = make_control("TECH-007", _per_vendor, basis="addressable", severity="high",
                         citation=LOGOFF)
    doc = FakeDocument({"decisions": [decision("TECH-007", instances=["AppointIQ"])]})
    result = evaluate(doc, [check], Context(AS_OF)).results[0]
    assert result.status == "fail"
    assert result.outcome.instances == ("ScribeCo",)
    assert result.outcome.message.endswith("; documented decisions cover the rest, not ScribeCo")
    both = FakeDocument({"decisions": [decision("TECH-007", instances=["AppointIQ", "ScribeCo"])]})
    assert evaluate(both, [check], Context(AS_OF)).results[0].status == "pass"


def _logoff_at_limit(config: Any, ctx: Context) -> Outcome:
    limit = ctx.limit(15, instance="Kiosk")
    minutes = 20
    if minutes <= limit:
        return Outcome("pass", f"logoff at {minutes} minutes, limit {limit:g}", 1.0)
    return Outcome("fail", f"logoff at {minutes} minutes, over {limit:g}", 0.0,
                   instances=("Kiosk",))


def test_a_tailored_benchmark_is_judged_at_the_tailored_value() -> None:
    bench = make_control("TECH-026", _logoff_at_limit, basis="benchmark",
                         tailorable="minutes of inactivity before logoff")
    at_20 = FakeDocument({"decisions": [decision("TECH-026", kind="tailored", value=20)]})
    result = evaluate(at_20, [bench], Context(AS_OF)).results[0]
    assert result.status == "pass" and result.outcome.message == "logoff at 20 minutes, limit 20"
    assert result.raw_outcome.status == "fail" and result.decided
    at_18 = FakeDocument({"decisions": [decision("TECH-026", kind="tailored", value=18,
                                                 instances=["Kiosk"])]})
    tighter = evaluate(at_18, [bench], Context(AS_OF)).results[0]
    assert tighter.status == "fail" and tighter.outcome.message == "logoff at 20 minutes, over 18"


def test_mfa_under_the_current_rule_accepts_a_decision() -> None:
    """MFA is a benchmark under the rule in force: a documented decision is accepted."""
    assert _problems([decision("TECH-015")], [MFA]) == []
    a = evaluate(FakeDocument({"decisions": [decision("TECH-015")]}), [MFA], Context(AS_OF))
    assert a.results[0].status == "pass"


def test_the_old_waivers_key_is_read_as_alternative_decisions() -> None:
    doc = FakeDocument({"waivers": [waiver()]})
    logoff = evaluate(doc, controls(), Context(AS_OF)).results[1]
    assert logoff.status == "pass" and logoff.decision is not None
    assert logoff.decision.legacy and logoff.decision.review_by == "2027-02-28"
    (notice,) = legacy_notices(doc, doc.data)
    assert notice.code == "deprecated-waivers"
    assert notice.hint == (
        "move it under `decisions:` as: {control: TECH-003, kind: alternative, reason: <the "
        "justification>, alternative_measure: <as before>, approved_by: <as before>, "
        "approved_on: 2026-03-01, review_by: 2027-02-28}"
    )


def test_a_decision_on_a_passing_control_changes_nothing() -> None:
    ok = [make_control("TECH-003", PASS, basis="addressable", citation=LOGOFF)]
    a = evaluate(FakeDocument({"decisions": [decision()]}), ok, Context(AS_OF))
    assert a.results[0].status == "pass" and a.results[0].decision is None


def test_a_decision_soon_due_for_review_is_upcoming() -> None:
    doc = FakeDocument({"decisions": [decision(review_by="2026-11-13")]})
    a = evaluate(doc, controls(), Context(AS_OF))
    assert [u.message for u in a.upcoming] == [
        "the decision for TECH-003 falls due for review in 12 days (2026-11-13; TECH-003 "
        "164.312(a)(2)(iii))"
    ]


def _problems(items: list[dict[str, Any]], catalog: list[Any] | None = None,
              key: str = "decisions") -> list[tuple[str, str]]:
    by_id = {c.id: c for c in (catalog or controls())}
    found = check_decisions(FakeDocument({key: items}), {key: items}, by_id)
    return [(p.code, p.message) for p in found]


def test_no_decision_can_excuse_a_required_specification() -> None:
    assert _problems([decision("TECH-001")]) == [
        ("decision-required",
         "TECH-001 (164.312(a)(2)(i) title of TECH-001) is required by HIPAA: no decision can "
         "excuse a required specification")
    ]
    assert _problems([waiver("TECH-001")], key="waivers")[0][0] == "decision-required"


def test_decisions_do_not_apply_to_proposed_or_other_law_controls() -> None:
    nprm = make_control("NPRM-005", FAIL, basis="proposed")
    dea = make_control("PRIV-015", FAIL, basis="other_law")
    assert _problems([decision("NPRM-005"), decision("PRIV-015")], [nprm, dea]) == [
        ("decision-basis", "NPRM-005 (title of NPRM-005) is proposed rule, not in force: a HIPAA "
         "documented decision does not apply to it"),
        ("decision-basis", "PRIV-015 (title of PRIV-015) is other law, not HIPAA: a HIPAA "
         "documented decision does not apply to it"),
    ]


def test_only_a_tailorable_benchmark_takes_a_tailored_value() -> None:
    assert _problems([decision(kind="tailored", value=20)]) == [
        ("decision-not-tailorable", "TECH-003 has no benchmark number to tailor")
    ]


def test_unknown_control_duplicate_and_dates() -> None:
    problems = _problems([
        decision("TECH-999"),
        decision(),
        decision(instances=["Kiosk"]),
        decision("TECH-015", approved_on="2026-05-01", review_by="2026-04-01"),
    ], [*controls(), MFA])
    assert problems == [
        ("decision-unknown-control", "decision names unknown control 'TECH-999'"),
        ("decision-duplicate", "TECH-003 has two decisions for Kiosk (first at /decisions/1)"),
        ("decision-dates",
         "decision is due for review on 2026-04-01 but was approved on 2026-05-01"),
    ]


def test_each_kind_names_what_it_needs() -> None:
    assert _problems([
        decision(alternative_measure=None),
        decision("TECH-015", kind="tailored"),
        decision("TECH-026", kind="not_reasonable", value=20, alternative_measure=None),
    ], [*controls(), MFA, make_control("TECH-026", FAIL, basis="benchmark")]) == [
        ("decision-missing-alternative",
         "the `alternative` decision for TECH-003 names no alternative_measure"),
        ("decision-not-tailorable", "TECH-015 has no benchmark number to tailor"),
        ("decision-missing-value", "the `tailored` decision for TECH-015 sets no value"),
        ("decision-value", "only a `tailored` decision sets a value, not 'not_reasonable'"),
    ]


def test_a_decision_does_not_turn_an_error_into_a_pass() -> None:
    broken = Outcome("error", "control raised KeyError: 'platforms'", 0.0)
    check = [make_control("TECH-003", broken, basis="addressable", citation=LOGOFF)]
    result = evaluate(FakeDocument({"decisions": [decision()]}), check, Context(AS_OF)).results[0]
    assert result.status == "error" and result.decision is None
