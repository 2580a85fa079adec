"""Scoring against numbers worked out by hand (DESIGN.md's formula)."""

from __future__ import annotations

import datetime as dt

import pytest

from phi_policy.engine.evaluate import evaluate
from phi_policy.engine.scoring import band, weight_of
from phi_policy.model import Context, Outcome
from tests.engine_fixtures import FakeDocument, make_control

AS_OF = dt.date(2026, 11, 1)
PASS = Outcome("pass", "ok", 1.0)
FAIL = Outcome("fail", "no", 0.0)
NA = Outcome("not_applicable", "absent", None)


def half(message: str = "half") -> Outcome:
    return Outcome("partial", message, 0.5)


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (None, None), (0.0, "red"), (59.99, "red"), (60.0, "yellow"), (79.99, "yellow"),
        (80.0, "green"), (100.0, "green"),
    ],
)
def test_band_edges(score: float | None, expected: str | None) -> None:
    assert band(score) == expected


def test_weighted_score_domains_gains_and_ledger() -> None:
    # weights 4 (pass), 3 (partial 0.5), 2 (fail), 1 (n/a): applicable weight 9
    # score = 100 * (4 + 1.5 + 0) / 9 = 61.111...
    controls = [
        make_control("TECH-001", PASS, weight=4, severity="critical"),
        make_control("TECH-002", half(), weight=3, severity="high"),
        make_control("ADM-001", FAIL, weight=2, domain="administrative", severity="medium"),
        make_control("ADM-002", NA, weight=1, domain="administrative"),
    ]
    a = evaluate(FakeDocument(), controls, Context(AS_OF))
    assert a.score == pytest.approx(550 / 9)
    assert a.band == "yellow"
    domains = {d.domain: d for d in a.domains}
    assert domains["technical"].score == pytest.approx(100 * 5.5 / 7)
    assert domains["administrative"].score == 0.0
    assert domains["governance"].score is None
    # gains: TECH-002 100*3*0.5/9 = 16.67, ADM-001 100*2/9 = 22.22
    # ranked by severity first: TECH-002 (high) before ADM-001 (medium), whatever the gain
    assert [(r.control_id, round(r.gain, 2)) for r in a.recommendations] == [
        ("TECH-002", 16.67), ("ADM-001", 22.22)
    ]
    assert sum(points for _, points in a.ledger) == pytest.approx(100 - a.score)


def test_error_counts_as_zero_and_run_goes_on() -> None:
    def boom(config: object, ctx: Context) -> Outcome:
        raise KeyError("platforms")

    controls = [make_control("TECH-001", boom, weight=1), make_control("TECH-002", PASS, weight=1)]
    a = evaluate(FakeDocument(), controls, Context(AS_OF))
    by_id = {r.control_id: r for r in a.results}
    assert by_id["TECH-001"].status == "error"
    assert "KeyError" in by_id["TECH-001"].outcome.message
    assert by_id["TECH-002"].status == "pass"
    assert a.score == 50.0


def test_nothing_applicable_has_no_score() -> None:
    a = evaluate(FakeDocument(), [make_control("TECH-001", NA)], Context(AS_OF))
    assert a.score is None and a.band is None and a.recommendations == ()


def test_weights_follow_severity_and_basis() -> None:
    """A steep scale, and a legal requirement never weighs less than a benchmark."""
    assert [weight_of(s, "required") for s in ("critical", "high", "medium", "low")] == [
        10.0, 5.0, 2.0, 1.0
    ]
    assert weight_of("high", "addressable") == 5.0
    assert weight_of("high", "benchmark") == 2.5
    for severity in ("critical", "high", "medium", "low"):
        assert weight_of(severity, "required") >= weight_of(severity, "benchmark")


def _many_passing(n: int) -> list[object]:
    return [
        make_control(f"ADM-{i:03d}", PASS, weight=1, domain="administrative")
        for i in range(1, n + 1)
    ]


def test_a_failing_critical_control_caps_the_band_at_red_and_says_why() -> None:
    failing = Outcome("fail", "no BAA", 0.0, instances=("AppointIQ",))
    controls = [make_control("GOV-012", failing, weight=1, severity="critical"), *_many_passing(9)]
    a = evaluate(FakeDocument(), controls, Context(AS_OF))
    assert a.score == 90.0 and a.score_band == "green"
    assert a.band == "red" and a.capped
    assert [str(r) for r in a.cap_reasons] == ["GOV-012 (critical) fails for AppointIQ"]


def test_a_partial_critical_caps_at_red_but_a_partial_high_does_not_cap() -> None:
    critical = [make_control("GOV-008", half(), weight=1, severity="critical"), *_many_passing(9)]
    assert evaluate(FakeDocument(), critical, Context(AS_OF)).band == "red"
    high = [make_control("TECH-018", half(), weight=1, severity="high"), *_many_passing(9)]
    a = evaluate(FakeDocument(), high, Context(AS_OF))
    assert a.band == "green" and a.cap_reasons == ()


def test_a_failing_high_control_caps_at_yellow() -> None:
    controls = [make_control("TECH-018", FAIL, weight=1, severity="high"), *_many_passing(19)]
    a = evaluate(FakeDocument(), controls, Context(AS_OF))
    assert a.score == 95.0 and a.band == "yellow"
    assert [str(r) for r in a.cap_reasons] == ["TECH-018 (high) fails"]


def test_a_cap_never_raises_the_band() -> None:
    controls = [make_control("TECH-018", FAIL, weight=9, severity="high"), *_many_passing(1)]
    a = evaluate(FakeDocument(), controls, Context(AS_OF))
    assert a.band == "red" and not a.capped and a.cap_reasons == ()


def test_proposed_and_other_law_controls_never_cap_or_move_the_hipaa_score() -> None:
    controls = [
        make_control("TECH-001", PASS),
        make_control("NPRM-005", FAIL, severity="critical", basis="proposed"),
        make_control("PRIV-015", FAIL, severity="critical", basis="other_law"),
    ]
    a = evaluate(FakeDocument(), controls, Context(AS_OF, "hipaa-2025-nprm"))
    assert a.score == 100.0 and a.band == "green" and not a.capped
    assert a.readiness == 0.0 and a.other_law_score == 0.0
    assert [r.control_id for r in a.other_law_gaps] == ["PRIV-015"]
    assert a.recommendations == ()


def test_a_partial_outcome_without_a_declared_rule_is_an_error() -> None:
    """Partial credit only for graded measures that say how they grade."""
    ungraded = make_control("TECH-016", half("3 of 4 platforms have MFA"), partial_credit=None)
    result = evaluate(FakeDocument(), [ungraded], Context(AS_OF)).results[0]
    assert result.status == "error"
    assert result.outcome.message.startswith(
        "control gave partial credit (3 of 4 platforms have MFA) but declares no partial_credit"
    )


def test_proposed_controls_score_apart_as_readiness() -> None:
    controls = [
        make_control("TECH-001", PASS, weight=1),
        make_control("NPRM-001", FAIL, weight=1, basis="proposed"),
        make_control("NPRM-002", PASS, weight=3, basis="proposed"),
    ]
    a = evaluate(FakeDocument(), controls, Context(AS_OF, "hipaa-2025-nprm"))
    assert a.score == 100.0
    assert a.readiness == 75.0
    assert [r.control_id for r in a.readiness_gaps] == ["NPRM-001"]
    assert a.recommendations == ()


def test_recommendations_ranked_by_severity_then_basis_then_gain() -> None:
    controls = [
        make_control("TECH-001", FAIL, weight=2, severity="low"),
        make_control("TECH-002", FAIL, weight=2, severity="critical"),
        make_control("TECH-003", FAIL, weight=3, severity="low"),
        make_control("TECH-005", FAIL, weight=9, severity="high", basis="benchmark"),
        make_control("TECH-006", FAIL, weight=1, severity="high", basis="addressable"),
        make_control("TECH-004", PASS, weight=3),
    ]
    a = evaluate(FakeDocument(), controls, Context(AS_OF))
    assert [r.control_id for r in a.recommendations] == [
        "TECH-002", "TECH-006", "TECH-005", "TECH-003", "TECH-001"
    ]
    assert [r.priority for r in a.recommendations] == [
        "now", "30-days", "30-days", "next-review", "next-review"
    ]


def test_upcoming_lists_what_turns_within_the_horizon() -> None:
    soon = Outcome("pass", "BAA signed", 1.0, ("/business_associates/0/baa/expires",),
                   dt.date(2026, 11, 24), "BAA with Acme Video expires")
    later = Outcome("pass", "ok", 1.0, (), dt.date(2027, 3, 1), "review due")
    controls = [make_control("GOV-001", soon, weight=1), make_control("GOV-002", later, weight=3)]
    doc = FakeDocument(lines={"/business_associates/0/baa/expires": 42})
    a = evaluate(doc, controls, Context(AS_OF), horizon_days=30)
    assert [(u.control_id, u.in_days) for u in a.upcoming] == [("GOV-001", 23)]
    assert a.upcoming[0].message.startswith(
        "BAA with Acme Video expires in 23 days (2026-11-24; GOV-001 "
    )
    assert a.upcoming[0].points == 25.0
    assert a.results[0].locations[0].line == 42


def test_a_memo_across_dates_reruns_only_the_controls_that_read_the_date() -> None:
    calls: list[str] = []

    def dated(config: object, ctx: Context) -> Outcome:
        calls.append("A")
        return Outcome("pass" if ctx.as_of < dt.date(2026, 6, 1) else "fail", "")

    def fixed(config: object, ctx: Context) -> Outcome:
        calls.append("B")
        return Outcome("pass" if ctx.profile == "hipaa" else "fail", "")

    controls = [make_control("A-001", dated), make_control("B-001", fixed)]
    known: dict[str, Outcome] = {}
    early = evaluate(FakeDocument(), controls, Context(dt.date(2026, 1, 1)), known=known)
    late = evaluate(FakeDocument(), controls, Context(dt.date(2026, 7, 1)), known=known)
    assert calls == ["A", "B", "A"]
    assert [r.status for r in early.results] == ["pass", "pass"]
    assert [r.status for r in late.results] == ["fail", "pass"]
    assert late == evaluate(FakeDocument(), controls, Context(dt.date(2026, 7, 1)))
