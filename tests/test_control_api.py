"""The helpers every control pack imports from phi_policy.control: pointers, booleans, cadences,
dates and outcome constructors, each pinned to exact values (the built-in catalog relies on
them, so a change here moves every report)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from phi_policy import control
from phi_policy.catalog import kit as control_kit
from phi_policy.catalog.packs import load_dir
from phi_policy.control import (
    Cadence,
    add_months,
    all_of,
    by_fraction,
    cadence,
    cadence_days,
    cadence_outcome,
    cycle_months,
    each,
    ephi_associates,
    flag,
    get,
    is_on,
    items,
    join,
    name_of,
    not_in_place,
    parse_date,
    partial,
    plural,
    unique,
    were,
    where,
)
from phi_policy.model import Context, Outcome

AS_OF = dt.date(2026, 11, 1)
CTX = Context(as_of=AS_OF)

CONFIG: dict[str, Any] = {
    "access_control": {"unique_user_ids": True, "shared_accounts": False, "mfa": {}},
    "byod": {"allowed": "yes"},
    "business_associates": [
        {"name": "Acme Video", "handles_ephi": True, "baa": {"status": "signed"}},
        {"name": "FiberNet", "handles_ephi": True, "conduit_only": True},
        {"name": "PrintCo", "handles_ephi": False},
        "not an object",
        {"name": "CareLink", "handles_ephi": True, "conduit_only": False},
    ],
}


# --------------------------------------------------------------------------------------------
# where: the pointer a finding reports
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        # present keys point at themselves, whatever their value (false and {} included)
        ("/access_control/unique_user_ids", "/access_control/unique_user_ids"),
        ("/access_control/shared_accounts", "/access_control/shared_accounts"),
        ("/access_control/mfa", "/access_control/mfa"),
        # an absent key points at its parent, the nearest present ancestor when nested deeper
        ("/access_control/automatic_logoff_minutes", "/access_control"),
        ("/access_control/mfa/remote_access", "/access_control/mfa"),
        ("/access_control/emergency_access/last_tested", "/access_control"),
        # an absent section is still the section: every finding names one
        ("/encryption/at_rest/enabled", "/encryption"),
        ("/encryption", "/encryption"),
        ("/byod", "/byod"),
        # list items are addressed by index
        ("/business_associates/0/baa/status", "/business_associates/0/baa/status"),
        ("/business_associates/0/baa/expires", "/business_associates/0/baa"),
        ("/business_associates/1/baa/expires", "/business_associates/1"),
        ("/business_associates/9/baa", "/business_associates"),
        ("/business_associates/x/baa", "/business_associates"),
        ("", ""),
    ],
)
def test_where(pointer: str, expected: str) -> None:
    assert where(CONFIG, pointer) == expected


def test_where_counts_a_present_null_as_present() -> None:
    """The schema rejects nulls; if one gets through, its own line is still the best place."""
    assert where({"risk_analysis": {"scope": None}}, "/risk_analysis/scope") == (
        "/risk_analysis/scope"
    )


def test_get_reads_pointers_and_falls_back_to_the_default() -> None:
    assert get(CONFIG, "/business_associates/0/name") == "Acme Video"
    assert get(CONFIG, "/business_associates/7/name", "none") == "none"
    assert get(CONFIG, "/byod/allowed/deeper") is None
    assert get(CONFIG, "/access_control/mfa") == {}


# --------------------------------------------------------------------------------------------
# is_on, flag, not_in_place: yes/no safeguards
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/access_control/unique_user_ids", True),
        ("/access_control/shared_accounts", False),
        ("/byod/allowed", False),  # "yes" is not a recorded true
        ("/access_control/mfa", False),  # {} is not a boolean
        ("/access_control/mfa/remote_access", False),  # absent means not in place
        ("/physical/facility/security_plan", False),
    ],
)
def test_is_on(pointer: str, expected: bool) -> None:
    assert is_on(CONFIG, pointer) is expected


def test_flag_passes_on_true_and_points_at_the_key() -> None:
    assert flag(CONFIG, "/access_control/unique_user_ids", "ids are unique", "ids are shared") == (
        Outcome("pass", "ids are unique", 1.0, ("/access_control/unique_user_ids",))
    )


def test_flag_fails_on_false_at_the_key_and_on_absent_at_the_parent() -> None:
    assert flag(CONFIG, "/access_control/shared_accounts", "good", "bad") == Outcome(
        "fail", "bad", 0.0, ("/access_control/shared_accounts",)
    )
    assert flag(CONFIG, "/access_control/mfa/remote_access", "good", "no MFA") == Outcome(
        "fail", "no MFA", 0.0, ("/access_control/mfa",)
    )


def test_not_in_place_keeps_order_and_reports_where_the_fix_goes() -> None:
    checks = [
        ("shared accounts off", "/access_control/shared_accounts"),
        ("unique ids", "/access_control/unique_user_ids"),
        ("remote MFA", "/access_control/mfa/remote_access"),
        ("BYOD", "/byod/allowed"),
    ]
    assert not_in_place(CONFIG, checks) == [
        ("shared accounts off", "/access_control/shared_accounts"),
        ("remote MFA", "/access_control/mfa"),
        ("BYOD", "/byod/allowed"),
    ]
    assert not_in_place(CONFIG, {"unique ids": "/access_control/unique_user_ids"}.items()) == []


# --------------------------------------------------------------------------------------------
# Lists
# --------------------------------------------------------------------------------------------


def test_items_gives_each_object_its_pointer_and_skips_the_rest() -> None:
    assert [pointer for pointer, _ in items(CONFIG, "/business_associates")] == [
        "/business_associates/0",
        "/business_associates/1",
        "/business_associates/2",
        "/business_associates/4",
    ]
    assert items(CONFIG, "/platforms") == []
    assert items(CONFIG, "/byod") == []


def test_ephi_associates_leaves_out_conduits_and_those_without_ephi() -> None:
    assert [(p, ba["name"]) for p, ba in ephi_associates(CONFIG)] == [
        ("/business_associates/0", "Acme Video"),
        ("/business_associates/4", "CareLink"),
    ]
    assert ephi_associates({}) == []


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-01", dt.date(2026, 11, 1)),
        (dt.date(2026, 2, 28), dt.date(2026, 2, 28)),
        ("2026-02-30", None),
        ("yesterday", None),
        (20261101, None),
        (None, None),
    ],
)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2026, 3, 31), 1, dt.date(2026, 4, 30)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2026, 4, 10), 12, dt.date(2027, 4, 10)),
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),
        (dt.date(2026, 2, 1), 36, dt.date(2029, 2, 1)),
        (dt.date(2026, 1, 15), -1, dt.date(2025, 12, 15)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(day, months) == expected


# --------------------------------------------------------------------------------------------
# Cadences
# --------------------------------------------------------------------------------------------


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("last", "as_of", "months", "expected"),
    [
        # due exactly on as_of: no longer current, overdue since that day
        ("2025-11-01", AS_OF, 12, Cadence("overdue", _d("2025-11-01"), AS_OF)),
        # one day before the due date: still current, turning on the due date
        ("2025-11-02", AS_OF, 12, Cadence("current", _d("2025-11-02"), _d("2026-11-02"))),
        # done on as_of itself: current
        ("2026-11-01", AS_OF, 6, Cadence("current", AS_OF, _d("2027-05-01"))),
        # a "last done" date in the future is not evidence
        ("2026-11-02", AS_OF, 12, Cadence("future", _d("2026-11-02"))),
        (None, AS_OF, 12, Cadence("missing")),
        ("not a date", AS_OF, 12, Cadence("missing")),
        # Jan 31 + 1 month falls due on Feb 28: current the day before, overdue that day
        ("2026-01-31", _d("2026-02-27"), 1, Cadence("current", _d("2026-01-31"), _d("2026-02-28"))),
        ("2026-01-31", _d("2026-02-28"), 1, Cadence("overdue", _d("2026-01-31"), _d("2026-02-28"))),
    ],
)
def test_cadence(last: object, as_of: dt.date, months: int, expected: Cadence) -> None:
    state = cadence(last, as_of, months)
    assert state == expected
    assert state.current is (expected.state == "current")


def test_cadence_days_counts_the_last_day_inclusive() -> None:
    # a 31-day cycle: a test on 2026-10-01 is still in time on 2026-11-01 and turns on 11-02
    assert cadence_days("2026-10-01", AS_OF, 31) == Cadence(
        "current", dt.date(2026, 10, 1), dt.date(2026, 11, 2)
    )
    assert cadence_days("2026-10-01", dt.date(2026, 11, 2), 31) == Cadence(
        "overdue", dt.date(2026, 10, 1), dt.date(2026, 11, 2)
    )
    assert cadence_days("2026-11-05", AS_OF, 31) == Cadence("future", dt.date(2026, 11, 5))
    assert cadence_days(None, AS_OF, 31) == Cadence("missing")


RISK = {"risk_analysis": {"last_performed": "2026-04-10"}}


def test_cadence_outcome_passes_until_due_and_says_when_it_turns() -> None:
    outcome = cadence_outcome(
        RISK, "/risk_analysis/last_performed", 12, CTX, what="risk analysis", turns_why="it is due"
    )
    assert outcome == Outcome(
        "pass",
        "the last risk analysis was on 2026-04-10; the next is due before 2027-04-10 "
        "(12-month cycle)",
        1.0,
        ("/risk_analysis/last_performed",),
        dt.date(2027, 4, 10),
        "it is due",
    )


def test_cadence_outcome_fails_on_the_due_date() -> None:
    outcome = cadence_outcome(
        RISK,
        "/risk_analysis/last_performed",
        12,
        Context(as_of=dt.date(2027, 4, 10)),
        what="risk analysis",
        turns_why="it is due",
        prefix="proposed: ",
    )
    assert outcome == Outcome(
        "fail",
        "proposed: the last risk analysis was on 2026-04-10, overdue since 2027-04-10 "
        "(12-month cycle)",
        0.0,
        ("/risk_analysis/last_performed",),
    )


def test_cadence_outcome_fails_a_future_date() -> None:
    config = {"risk_analysis": {"last_performed": "2026-11-02"}}
    outcome = cadence_outcome(
        config, "/risk_analysis/last_performed", 12, CTX, what="risk analysis", turns_why="due"
    )
    assert outcome == Outcome(
        "fail",
        "the last risk analysis is dated 2026-11-02, after the assessment date 2026-11-01; "
        "record the date it was actually done",
        0.0,
        ("/risk_analysis/last_performed",),
    )


def test_cadence_outcome_fails_a_missing_date_at_the_parent() -> None:
    outcome = cadence_outcome(
        {"risk_analysis": {}}, "/risk_analysis/last_performed", 12, CTX, what="audit", turns_why="x"
    )
    assert outcome == Outcome(
        "fail", "no date is recorded for the last audit", 0.0, ("/risk_analysis",)
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, 12), (6, 6), (12, 12), (24, 12), (0, 12), (-3, 12), (True, 12), ("6", 12)],
)
def test_cycle_months_honours_shorter_cycles_only(value: object, expected: int) -> None:
    config = {} if value is None else {"evaluation": {"frequency_months": value}}
    assert cycle_months(config, "/evaluation/frequency_months") == expected


def test_cycle_months_cap() -> None:
    config = {"evaluation": {"frequency_months": 30}}
    assert cycle_months(config, "/evaluation/frequency_months", cap=36) == 30
    assert cycle_months(config, "/evaluation/frequency_months", cap=24) == 24


# --------------------------------------------------------------------------------------------
# Outcome constructors
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("met", "total", "expected"),
    [
        (3, 3, Outcome("pass", "m", 1.0, ("/a",))),
        (4, 3, Outcome("pass", "m", 1.0, ("/a",))),
        (0, 3, Outcome("fail", "m", 0.0, ("/a",))),
        (1, 3, Outcome("partial", "m", 0.3333, ("/a",))),
        (2, 3, Outcome("partial", "m", 0.6667, ("/a",))),
        (0, 0, Outcome("not_applicable", "m", None, ("/a",))),
    ],
)
def test_by_fraction(met: int, total: int, expected: Outcome) -> None:
    assert by_fraction(met, total, "m", "/a") == expected


@pytest.mark.parametrize("credit", [0.0, 1.0, -0.5, 1.5])
def test_partial_credit_must_be_strictly_between_0_and_1(credit: float) -> None:
    with pytest.raises(ValueError) as error:
        partial(credit, "m")
    assert str(error.value) == (f"partial credit must be strictly between 0 and 1, not {credit!r}")


def test_partial_rounds_credit_and_keeps_the_turn() -> None:
    outcome = partial(0.5, "m", ["/a", "/b"], turns_on=AS_OF, turns_why="w")
    assert outcome == Outcome("partial", "m", 0.5, ("/a", "/b"), AS_OF, "w")
    assert partial(1 / 3, "m").credit == 0.3333


# --------------------------------------------------------------------------------------------
# Wording
# --------------------------------------------------------------------------------------------


def test_wording_helpers() -> None:
    assert [join([]), join(["a"]), join(["a", "b"]), join(iter(["a", "b", "c"]))] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]
    assert [plural(1, "policy", "policies"), plural(3, "policy", "policies")] == [
        "1 policy",
        "3 policies",
    ]
    assert [plural(0, "hour"), plural(2, "hour")] == ["0 hours", "2 hours"]
    assert [all_of(1, "signed BAA"), all_of(3, "signed BAA")] == [
        "the signed BAA",
        "all 3 signed BAAs",
    ]
    assert [were(1), were(2)] == ["was", "were"]
    assert unique(["/a", "/b", "/a", "/c", "/b"]) == ["/a", "/b", "/c"]
    assert name_of({"title": "Access policy", "topic": "access"}, "/x") == "Access policy"
    assert name_of({"topic": "access_control"}, "/x") == "access_control"
    assert name_of({"name": ""}, "/policies/documents/2") == "/policies/documents/2"


# --------------------------------------------------------------------------------------------
# One import for a pack
# --------------------------------------------------------------------------------------------


def test_control_re_exports_the_kit() -> None:
    defined = sorted(
        name
        for name, value in vars(control_kit).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == control_kit.__name__
    )
    assert defined == [
        "Cadence",
        "add_months",
        "all_of",
        "associates_with_baa_in_force",
        "baa_problem",
        "cadence",
        "cadence_days",
        "cycle_months",
        "describe_cadence",
        "ephi_associates",
        "ephi_platforms",
        "get",
        "handles_ephi",
        "is_on",
        "items",
        "join",
        "key_path",
        "mfa_enforced",
        "name_of",
        "not_in_place",
        "parse_date",
        "plural",
        "shortfalls",
        "unique",
        "were",
        "where",
    ]
    for name in [*defined, "Config", "CadenceState"]:
        assert name in control.__all__, name
        assert getattr(control, name) is getattr(control_kit, name), name
    assert [name for name in control.__all__ if not hasattr(control, name)] == []


def test_a_users_pack_uses_the_helpers(tmp_path: Path) -> None:
    (tmp_path / "house.py").write_text(
        "from phi_policy.control import Config, control, flag\n"
        "from phi_policy.model import Context, Outcome\n"
        "\n"
        "\n"
        "@control(\n"
        '    id="HOUSE-001",\n'
        '    title="Screens lock",\n'
        '    domain="physical",\n'
        '    cites=["164.310(c)"],\n'
        '    basis="required",\n'
        '    severity="low",\n'
        '    risk="An unlocked screen shows what is open on it.",\n'
        '    rationale="House rule.",\n'
        '    remediation="Set physical.workstations.security_measures: true.",\n'
        ")\n"
        "def screens_lock(config: Config, ctx: Context) -> Outcome:\n"
        '    """House rule."""\n'
        "    return flag(\n"
        '        config, "/physical/workstations/security_measures", "screens lock", "no locks"\n'
        "    )\n",
        encoding="utf-8",
    )
    controls, problems = load_dir(tmp_path)
    assert problems == []
    assert [c.id for c in controls] == ["HOUSE-001"]
    assert controls[0].check({"physical": {}}, CTX) == Outcome(
        "fail", "no locks", 0.0, ("/physical",)
    )


class TestAtMost:
    """The shared shape of threshold controls: at or under the limit, a tolerance, beyond."""

    @staticmethod
    def run(config: dict[str, Any]) -> Outcome:
        return control.at_most(
            config,
            "/access_control/automatic_logoff_minutes",
            15,
            half_credit_up_to=30,
            missing="no automatic logoff is configured",
            within=lambda m: f"logoff after {m} minutes",
            over=lambda m: f"logoff is {m} minutes; the benchmark is 15 or less",
        )

    @pytest.mark.parametrize(
        ("minutes", "status", "credit", "message"),
        [
            (15, "pass", 1.0, "logoff after 15 minutes"),
            (16, "partial", 0.5, "logoff is 16 minutes; the benchmark is 15 or less"),
            (30, "partial", 0.5, "logoff is 30 minutes; the benchmark is 15 or less"),
            (31, "fail", 0.0, "logoff is 31 minutes; the benchmark is 15 or less"),
        ],
    )
    def test_boundaries(self, minutes: int, status: str, credit: float, message: str) -> None:
        outcome = self.run({"access_control": {"automatic_logoff_minutes": minutes}})
        assert (outcome.status, outcome.credit, outcome.message) == (status, credit, message)
        assert outcome.paths == ("/access_control/automatic_logoff_minutes",)

    def test_absent_value_fails_at_where_it_belongs(self) -> None:
        outcome = self.run({"access_control": {}})
        assert (outcome.status, outcome.message, outcome.paths) == (
            "fail", "no automatic logoff is configured", ("/access_control",)
        )


class TestEach:
    """Controls over instances: one failing instance fails the control, and is named."""

    NONE = Outcome("not_applicable", "no platforms", None)

    def test_all_hold(self) -> None:
        outcome = each(
            [("/platforms/0", "CareLink", None), ("/platforms/1", "Portal", None)],
            what="ePHI platforms", none=self.NONE,
        )
        assert outcome == Outcome(
            "pass", "2 ePHI platforms checked, all hold: CareLink and Portal", 1.0,
            ("/platforms/0", "/platforms/1"),
        )

    def test_one_failing_instance_fails_the_control_whatever_the_others(self) -> None:
        rows = [(f"/platforms/{i}", f"P{i}", None) for i in range(9)]
        rows.append(("/platforms/9", "Portal", "accepts TLS 1.0"))
        outcome = each(rows, what="ePHI platforms", none=self.NONE)
        assert outcome == Outcome(
            "fail", "1 of 10 ePHI platforms fail: Portal: accepts TLS 1.0", 0.0,
            ("/platforms/9",), instances=("Portal",),
        )

    def test_nothing_in_scope(self) -> None:
        assert each([], what="ePHI platforms", none=self.NONE) is self.NONE


def test_context_limit_prefers_the_instance_then_all_then_the_default() -> None:
    ctx = dataclasses.replace(CTX, limits=((None, 20.0), ("Kiosk", 30.0)))
    assert ctx.limit(15, instance="Kiosk") == 30.0
    assert ctx.limit(15, instance="Portal") == 20.0
    assert CTX.limit(15, instance="Kiosk") == 15
