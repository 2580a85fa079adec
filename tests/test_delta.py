"""Comparing two assessments: classification, points worked out by hand, values, decisions,
gates.

Pure: both sides are built from config text with the real loader, catalog and scoring, no git.
The Lakeside example scores 99.89 on 2026-11-01 with a counted weight of 458, and only TECH-008
(a low benchmark, weight 0.5: one platform uses AES-128) fails, which every number below
starts from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from phi_policy.audit.attribution import same_person
from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.config.loader import Document, load_text
from phi_policy.diff.compare import classify, compare, resolve_pointer
from phi_policy.diff.decisions import decision_lines
from phi_policy.engine.gates import gate_failures
from phi_policy.model import Assessment, Context, Decision, Location, Outcome, Result
from phi_policy.model.delta import Delta, GateSettings, Side
from phi_policy.pipeline import assess
from phi_policy.reporters.diff_wording import describe, describe_value, transition
from tests.gitrepo import CONFIG, edit, lakeside_text, line_of

AS_OF = dt.date(2026, 11, 1)
TOTAL = 458.0
LOGOFF_15 = "automatic_logoff_minutes: 15 "
LOGOFF_60 = "automatic_logoff_minutes: 60 "
BASE_SIDE = Side("main (1111111)", CONFIG, "main", "1" * 40, "1111111")
HEAD_SIDE = Side("working tree", CONFIG)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(entry_points=False)


def side(text: str, catalog: Catalog) -> tuple[Document, Assessment]:
    document = load_text(text, CONFIG)
    return document, assess(document, catalog, Context(as_of=AS_OF))


def delta_of(base_text: str, head_text: str, catalog: Catalog) -> Delta:
    base_doc, base = side(base_text, catalog)
    head_doc, head = side(head_text, catalog)
    return compare(base_doc, base, head_doc, head, base_side=BASE_SIDE, head_side=HEAD_SIDE)


# --- classification -----------------------------------------------------------------------------


DECISION = Decision("TECH-003", "alternative", "a reason long enough", "Dana Whitfield",
                    "2026-03-01", "2027-03-01", "badge tap-out", pointer="/decisions/0")


def _result(status: str, credit: float | None, message: str = "m") -> Result:
    """A result; the status "decided" is a pass that rests on a documented decision."""
    if status == "decided":
        raw = Outcome("fail", message, 0.0)
        met = Outcome("pass", "met by a documented decision", 1.0)
        return Result("TECH-003", "t", "technical", "high", "addressable", 5.0, (), "r", met, raw,
                      DECISION)
    outcome = Outcome(status, message, credit)  # type: ignore[arg-type]
    return Result(
        "TECH-003", "t", "technical", "high", "addressable", 5.0, (), "r", outcome, outcome
    )


@pytest.mark.parametrize(
    ("base", "head", "kind"),
    [
        (("pass", 1.0), ("fail", 0.0), "regressed"),
        (("pass", 1.0), ("partial", 0.5), "regressed"),
        (("pass", 1.0), ("error", 0.0), "regressed"),
        (("pass", 1.0), ("decided", None), "regressed"),
        (("not_applicable", None), ("fail", 0.0), "regressed"),
        (("decided", None), ("fail", 0.0), "regressed"),
        (("partial", 0.5), ("partial", 0.25), "regressed"),
        (("partial", 0.5), ("fail", 0.0), "regressed"),
        (("fail", 0.0), ("partial", 0.5), "improved"),
        (("partial", 0.25), ("partial", 0.5), "improved"),
        (("fail", 0.0), ("pass", 1.0), "improved"),
        (("decided", None), ("pass", 1.0), "improved"),
        (("fail", 0.0), ("decided", None), "changed"),
        (("fail", 0.0), ("not_applicable", None), "changed"),
        (("not_applicable", None), ("pass", 1.0), "changed"),
        (("fail", 0.0), ("error", 0.0), "changed"),
        (("pass", 1.0), ("pass", 1.0), None),
        (("decided", None), ("decided", None), None),
    ],
)
def test_classify(
    base: tuple[str, float | None], head: tuple[str, float | None], kind: str | None
) -> None:
    assert classify(_result(*base), _result(*head)) == kind


def test_same_status_with_a_new_finding_is_a_change_unless_it_passes() -> None:
    assert (
        classify(_result("fail", 0.0, "2 platforms"), _result("fail", 0.0, "3 platforms"))
        == "changed"
    )
    assert classify(_result("pass", 1.0, "10 minutes"), _result("pass", 1.0, "12 minutes")) is None
    assert classify(None, _result("pass", 1.0)) == "added"
    assert classify(_result("pass", 1.0), None) == "removed"


# --- comparing real configs ---------------------------------------------------------------------


def test_identical_configs_give_an_empty_delta(catalog: Catalog) -> None:
    delta = delta_of(lakeside_text(), lakeside_text(), catalog)
    assert delta.empty and delta.changes == () and delta.decisions == ()
    assert delta.score_change == 0.0
    assert gate_failures(delta, GateSettings(fail_on_band_change=True)) == ()


def test_raising_the_logoff_without_a_decision_is_a_regression_with_its_points(
    catalog: Catalog,
) -> None:
    base = lakeside_text()
    delta = delta_of(base, edit(base, LOGOFF_15, LOGOFF_60), catalog)
    (change,) = delta.changes
    assert (change.control_id, change.kind, change.base_status, change.head_status) == (
        "TECH-026",
        "regressed",
        "pass",
        "fail",
    )
    # a medium benchmark weighs 1: -0.22, what a 15-minute benchmark is worth, and no more
    assert change.points == pytest.approx(-100 * 1 / TOTAL)
    assert change.newly_failing
    assert [describe_value(v) for v in change.values] == [
        "access_control.automatic_logoff_minutes: 15 -> 60"
    ]
    line = line_of(base, LOGOFF_15)
    assert change.locations == (Location(CONFIG, line, 29),)
    assert describe(change) == (
        "-0.2 technical: TECH-026 Automatic logoff at 15 minutes or less (benchmark) "
        "(pass -> fail): automatic logoff is 60 minutes; benchmark: 15 minutes or less (CIS "
        "Controls v8 4.3 names 15; HIPAA sets no number) "
        "(access_control.automatic_logoff_minutes: 15 -> 60) "
        f"at {CONFIG}:{line} (164.312(a)(2)(iii))"
    )
    assert delta.score_change == pytest.approx(-100 * 1 / TOTAL)
    assert delta.decisions == ()
    assert gate_failures(delta, GateSettings(fail_on_regression=None)) == (
        "the score dropped 0.22 points, from 99.89 to 99.67 (--max-drop 0)",
    )


def test_a_regression_met_by_an_existing_decision_points_at_the_value_not_the_decision(
    catalog: Catalog,
) -> None:
    base = lakeside_text() + LOGOFF_DECISION
    delta = delta_of(base, edit(base, LOGOFF_15, LOGOFF_60), catalog)
    (change,) = delta.changes
    assert (change.kind, change.base_status, change.head_status) == ("regressed", "pass", "decided")
    assert change.points == 0.0  # a valid decision counts as met: the score does not move
    assert change.finding == (
        "automatic logoff is 60 minutes; benchmark: 15 minutes or less (CIS Controls v8 4.3 "
        "names 15; HIPAA sets no number); now met by the documented decision approved by Riley "
        "Chen, review by 2027-03-31"
    )
    assert change.locations[0].line == line_of(lakeside_text(), LOGOFF_15)
    assert delta.decisions == ()  # the decision was there before: not a change
    assert round(delta.base.score or 0, 2) == round(delta.head.score or 0, 2) == 99.89
    assert gate_failures(delta, GateSettings(fail_on_regression=None)) == ()
    assert gate_failures(delta, GateSettings()) == (
        "1 control at or above low severity passed at base and does not at head: TECH-026 "
        "(medium, decided) (--fail-on-regression low)",
    )


def test_an_improvement_earns_the_credit_it_gains(catalog: Catalog) -> None:
    head = edit(lakeside_text(), "algorithm: AES-128 ", "algorithm: AES-256 ")
    delta = delta_of(lakeside_text(), head, catalog)
    (change,) = delta.changes
    assert (change.control_id, change.kind, transition(change)) == (
        "TECH-008",
        "improved",
        "fail -> pass",
    )
    assert change.points == pytest.approx(100 * 0.5 / TOTAL)  # a low benchmark weighs 0.5
    assert delta.score_change == pytest.approx(100 * 0.5 / TOTAL)
    assert gate_failures(delta, GateSettings(fail_on_band_change=True)) == ()


def test_domains_compare_side_by_side(catalog: Catalog) -> None:
    base = lakeside_text()
    delta = delta_of(base, edit(base, LOGOFF_15, LOGOFF_60), catalog)
    changed = {d.domain: round(d.change or 0, 6) for d in delta.domains if d.change}
    assert list(changed) == ["technical"]
    assert changed["technical"] < 0


# --- decisions ----------------------------------------------------------------------------------

LOGOFF_DECISION = """  - control: TECH-026
    kind: alternative
    reason: The night-shift kiosks cannot re-authenticate fast enough in an emergency.
    alternative_measure: Kiosks sit in badge-controlled rooms with privacy filters.
    approved_by: Riley Chen
    approved_on: 2026-10-01
    review_by: 2027-03-31
"""


def test_decisions_added_changed_removed_and_lapsed(catalog: Catalog) -> None:
    with_decision = lakeside_text() + LOGOFF_DECISION
    (added,) = delta_of(lakeside_text(), with_decision, catalog).decisions
    assert (added.kind, added.control, added.decision.approved_by, added.expired) == (
        "added",
        "TECH-026",
        "Riley Chen",
        False,
    )
    assert added.location == Location(CONFIG, line_of(with_decision, "control: TECH-026"), 5)
    assert decision_lines(load_text(with_decision, CONFIG), added.decision) == (
        line_of(with_decision, "control: TECH-026"),
        len(with_decision.splitlines()),
    )

    extended = edit(with_decision, "review_by: 2027-03-31", "review_by: 2027-04-30")
    (changed,) = delta_of(with_decision, extended, catalog).decisions
    assert (changed.kind, changed.fields) == ("changed", ("review_by",))

    (removed,) = delta_of(with_decision, lakeside_text(), catalog).decisions
    assert (removed.kind, removed.control) == ("removed", "TECH-026")
    assert removed.location == added.location

    base_doc, base = side(with_decision, catalog)
    late = dataclasses.replace(base, as_of=dt.date(2027, 5, 1))
    again = compare(base_doc, late, base_doc, late, base_side=BASE_SIDE, head_side=HEAD_SIDE)
    assert ("expired", "TECH-026", True) in [
        (w.kind, w.control, w.expired) for w in again.decisions
    ]


def test_decision_lines_span_the_whole_item_of_a_decision_in_the_middle() -> None:
    head = edit(lakeside_text(), "decisions:\n", "decisions:\n" + LOGOFF_DECISION)
    document = load_text(head, CONFIG)
    first = Decision("TECH-026", "alternative", "", "", "", "", pointer="/decisions/0")
    items = [n for n, line in enumerate(head.splitlines(), 1) if line.startswith("  - control: ")]
    assert decision_lines(document, first) == (items[0], items[1] - 1)


@pytest.mark.parametrize(
    ("approver", "author", "same"),
    [
        ("Dana Whitfield (CISO)", "Dana Whitfield", True),
        ("dana whitfield", "Dana  Whitfield", True),
        ("Dana Whitfield <dana@lakeside.example>", "Dana Whitfield", True),
        ("Executive Committee", "Dana Whitfield", False),
        ("", "", False),
    ],
)
def test_same_person(approver: str, author: str, same: bool) -> None:
    assert same_person(approver, author) is same


# --- gates --------------------------------------------------------------------------------------


def _scored(
    delta: Delta, base: float | None, head: float | None, bands: tuple[str | None, str | None]
) -> Delta:
    return dataclasses.replace(
        delta,
        base=dataclasses.replace(delta.base, score=base, band=bands[0]),  # type: ignore[arg-type]
        head=dataclasses.replace(delta.head, score=head, band=bands[1]),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("base", "head", "max_drop", "failure"),
    [
        (99.934, 99.933, 0.0, None),  # both 99.93 at two decimals
        (99.934, 99.924, 0.0, "the score dropped 0.01 points, from 99.93 to 99.92 (--max-drop 0)"),
        (90.0, 88.5, 1.5, None),
        (90.0, 88.4, 1.5, "the score dropped 1.60 points, from 90.00 to 88.40 (--max-drop 1.5)"),
        (70.0, 75.0, 0.0, None),
        (
            70.0,
            None,
            0.0,
            "the head has no applicable controls, so no score to compare with the base's 70.00",
        ),
        (None, 70.0, 0.0, None),
    ],
)
def test_max_drop(
    catalog: Catalog, base: float | None, head: float | None, max_drop: float, failure: str | None
) -> None:
    delta = _scored(
        delta_of(lakeside_text(), lakeside_text(), catalog), base, head, ("green", "green")
    )
    expected = () if failure is None else (failure,)
    assert (
        gate_failures(delta, GateSettings(max_drop=max_drop, fail_on_regression=None)) == expected
    )


@pytest.mark.parametrize(
    ("bands", "failure"),
    [
        (("green", "yellow"), "the band dropped from green to yellow (--fail-on-band-change)"),
        (("yellow", "red"), "the band dropped from yellow to red (--fail-on-band-change)"),
        (("green", None), "the band dropped from green to no score (--fail-on-band-change)"),
        (("yellow", "green"), None),
        (("red", "red"), None),
    ],
)
def test_band_change(
    catalog: Catalog, bands: tuple[str | None, str | None], failure: str | None
) -> None:
    delta = _scored(delta_of(lakeside_text(), lakeside_text(), catalog), 80.0, 80.0, bands)
    settings = GateSettings(max_drop=None, fail_on_regression=None, fail_on_band_change=True)
    assert gate_failures(delta, settings) == (() if failure is None else (failure,))


def test_regression_gate_counts_only_severities_at_or_above_the_floor(catalog: Catalog) -> None:
    base = lakeside_text()
    head = edit(
        edit(base, LOGOFF_15, LOGOFF_60), "security_reminders: true", "security_reminders: false"
    )
    delta = delta_of(base, head, catalog)
    assert [(c.control_id, c.severity, c.kind) for c in delta.changes] == [
        ("TECH-026", "medium", "regressed"),
        ("ADM-011", "low", "regressed"),
    ]
    medium = gate_failures(delta, GateSettings(max_drop=None, fail_on_regression="medium"))
    assert medium == (
        "1 control at or above medium severity passed at base and does not at head: "
        "TECH-026 (medium, fail) (--fail-on-regression medium)",
    )
    assert gate_failures(delta, GateSettings(max_drop=None, fail_on_regression="high")) == ()


def test_resolve_pointer() -> None:
    data = {"a": [{"b~c": 1, "d/e": None}]}
    assert resolve_pointer(data, "/a/0/b~0c") == (True, 1)
    assert resolve_pointer(data, "/a/0/d~1e") == (True, None)
    assert resolve_pointer(data, "/a/1") == (False, None)
    assert resolve_pointer(data, "") == (True, data)
