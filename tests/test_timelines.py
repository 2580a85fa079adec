"""Control timelines: each control's intervals of constant status, from the year's history and
from plain values."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from phi_policy.audit.judging import Mark
from phi_policy.audit.timelines import Step, build, changed
from phi_policy.cli import run
from phi_policy.model import ControlTimeline, Interval
from tests import test_history
from tests.test_history import NEW, YearRepo

#: fixtures shared with the other history tests
isolated_git = test_history.isolated_git
year_template = test_history.year_template
year = test_history.year

D = dt.date.fromisoformat


def timelines_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, dict]:
    assert run(["history", NEW, "--timelines", "--format", "json", *args]) == 0
    out = capsys.readouterr().out
    return {t["control"]: t for t in json.loads(out)["timelines"]}


def interval(status: str, since: str, day: str, author: str, until: str | None = None,
             until_day: str | None = None) -> dict:
    return {
        "status": status,
        "since": {"commit": since, "date": day, "author": author},
        "until": None if until is None else {"commit": until, "date": until_day},
    }


def test_the_baa_control_lapses_with_the_agreement_and_returns_with_its_renewal(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CareLink BAA expired on 2026-06-30; the first commit judged after that (the move,
    which changed no text) starts the failing interval; the renewal ends it."""
    found = timelines_json(capsys)
    i = year.ids
    assert found["GOV-012"] == {
        "control": "GOV-012",
        "title": "Every business associate handling ePHI has a signed BAA in force",
        "intervals": [
            interval("pass", i["add"], "2026-01-05", "Riley Chen", i["move"], "2026-07-06"),
            interval("fail", i["move"], "2026-07-06", "Riley Chen", i["renew"], "2026-09-14"),
            interval("pass", i["renew"], "2026-09-14", "Dana Whitfield"),
        ],
    }


def test_mfa_passes_from_the_merge_of_its_pull_request(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    found = timelines_json(capsys)
    i = year.ids
    assert found["TECH-015"]["intervals"] == [
        interval("fail", i["add"], "2026-01-05", "Riley Chen", i["merge"], "2026-03-09"),
        interval("pass", i["merge"], "2026-03-09", "Dana Whitfield"),
    ]


def test_an_invalid_commit_neither_opens_nor_closes_an_interval(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The regression and its revert are two intervals; the invalid commit of 2026-05-18 and
    its fix the next day are not boundaries."""
    found = timelines_json(capsys)
    i = year.ids
    assert found["TECH-026"]["intervals"] == [
        interval("pass", i["add"], "2026-01-05", "Riley Chen", i["logoff"], "2026-04-13"),
        interval("partial", i["logoff"], "2026-04-13", "Riley Chen", i["revert"], "2026-04-20"),
        interval("pass", i["revert"], "2026-04-20", "Riley Chen"),
    ]
    # met by the documented decision all year: a pass throughout
    assert found["TECH-027"]["intervals"] == [
        interval("pass", i["add"], "2026-01-05", "Riley Chen")
    ]
    moved = sorted(c for c, t in found.items() if len(t["intervals"]) > 1)
    # TECH-039: the one vulnerability scan, of 2025-12-01, is overdue from March on
    assert moved == ["GOV-012", "GOV-016", "TECH-015", "TECH-026", "TECH-039"]


def test_a_period_starts_each_interval_where_it_really_began(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --since, the status in force at the period's start opens at the change before it."""
    found = timelines_json(capsys, "--since", "2026-04-01")
    assert found["TECH-015"]["intervals"] == [
        interval("pass", year.ids["merge"], "2026-03-09", "Dana Whitfield")
    ]


def test_text_timelines_list_the_controls_that_moved(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["history", NEW, "--timelines", "--since", "2026-09-01"]) == 0
    out = capsys.readouterr().out
    s = year.short
    timeline = out[out.index("Control timelines"):]
    assert timeline == (
        "Control timelines: 2 controls changed status (169 kept one status throughout)\n"
        "\n"
        "GOV-012  Every business associate handling ePHI has a signed BAA in force\n"
        f"  fail     since 2026-07-06  {s('move')}  Riley Chen      until 2026-09-14 "
        f" {s('renew')}\n"
        f"  pass     since 2026-09-14  {s('renew')}  Dana Whitfield  to date\n"
        "\n"
        "GOV-016  Every platform handling ePHI is covered by a business associate's BAA in force\n"
        f"  fail     since 2026-07-06  {s('move')}  Riley Chen      until 2026-09-14 "
        f" {s('renew')}\n"
        f"  pass     since 2026-09-14  {s('renew')}  Dana Whitfield  to date\n"
    )


def test_csv_timelines_are_the_intervals(
    year: YearRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["history", NEW, "--timelines", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.split("\r\n")
    assert lines[0] == "control,title,status,since_commit,since_date,author,until_commit,until_date"
    tech_015 = [line for line in lines if line.startswith("TECH-015,")]
    title = "Multi-factor authentication for remote and administrative access (benchmark)"
    add, merge = year.ids["add"], year.ids["merge"]
    assert tech_015 == [
        f"TECH-015,{title},fail,{add},2026-01-05,Riley Chen,{merge},2026-03-09",
        f"TECH-015,{title},pass,{merge},2026-03-09,Dana Whitfield,,",
    ]


# --- pure ---------------------------------------------------------------------------------------


def step(sha: str, day: str, statuses: dict[str, str]) -> Step:
    marks = tuple(
        Mark(cid, f"title of {cid}", status, None)  # type: ignore[arg-type]
        for cid, status in statuses.items()
    )
    return Step(sha, D(day), f"author {sha}", marks)


def test_build_from_plain_steps() -> None:
    steps = [
        step("a", "2026-01-01", {"X-001": "pass", "Y-001": "fail"}),
        step("b", "2026-02-01", {"X-001": "pass", "Y-001": "waived"}),
        step("c", "2026-03-01", {"X-001": "error", "Y-001": "waived"}),
        step("d", "2026-04-01", {"Y-001": "fail"}),  # X-001 is gone from the catalog
    ]
    assert build(steps) == (
        ControlTimeline("X-001", "title of X-001", (
            Interval("pass", "a", D("2026-01-01"), "author a", "c", D("2026-03-01")),
            Interval("error", "c", D("2026-03-01"), "author c", "d", D("2026-04-01")),
        )),
        ControlTimeline("Y-001", "title of Y-001", (
            Interval("fail", "a", D("2026-01-01"), "author a", "b", D("2026-02-01")),
            Interval("waived", "b", D("2026-02-01"), "author b", "d", D("2026-04-01")),
            Interval("fail", "d", D("2026-04-01"), "author d"),
        )),
    )
    assert [t.control_id for t in changed(build(steps))] == ["X-001", "Y-001"]
    assert build([]) == ()
