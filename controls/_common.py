"""Helpers shared by the built-in control modules (not scanned: the name starts with "_").

The control modules load this file by its path (controls/ is a folder of files, not a package),
through `load_common()`'s twin at the top of each module. Everything here is pure: dates come
in as config strings plus the assessment date, never from the clock.

Cadence convention, used by every date-driven control so that the reports agree:
- a cycle of N months is current while as_of is before last + N months; the status turns ON
  that date (risk analysis done 2026-04-10 on a 12-month cycle turns on 2027-04-10);
- a cycle of N days (the NPRM's "monthly" test restore, read as 31 days) is current while at
  most N days have passed; it turns on last + N + 1 days (a restore test on 2026-10-01 is
  still in time on 2026-11-01, 31 days later, and turns on 2026-11-02);
- a "last done" date after as_of is not evidence but a typo or a plan: it fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from phi_policy.control import Config, add_months, failed, get, parse_date, passed
from phi_policy.model import Context, Outcome

CadenceState = Literal["missing", "future", "current", "overdue"]


@dataclass(frozen=True)
class Cadence:
    """Where a recurring activity stands on the assessment date.

    `due` is the date the activity falls (or fell) due: the `turns_on` date while current,
    the "overdue since" date once overdue.
    """

    state: CadenceState
    last: dt.date | None = None
    due: dt.date | None = None

    @property
    def current(self) -> bool:
        return self.state == "current"


def cadence(value: object, as_of: dt.date, months: int) -> Cadence:
    """Where an activity last done on `value` stands on a cycle of `months` months."""
    last = parse_date(value)
    if last is None:
        return Cadence("missing")
    if last > as_of:
        return Cadence("future", last)
    due = add_months(last, months)
    return Cadence("current" if as_of < due else "overdue", last, due)


def cadence_days(value: object, as_of: dt.date, days: int) -> Cadence:
    """Where an activity last done on `value` stands on a cycle of `days` days (inclusive)."""
    last = parse_date(value)
    if last is None:
        return Cadence("missing")
    if last > as_of:
        return Cadence("future", last)
    due = last + dt.timedelta(days=days + 1)
    return Cadence("current" if as_of < due else "overdue", last, due)


def describe(state: Cadence, what: str, cycle: str, as_of: dt.date) -> str:
    """One sentence on a cadence: "the last risk analysis was on 2025-01-10, overdue since ..."."""
    if state.state == "missing":
        return f"no date is recorded for the last {what}"
    if state.state == "future":
        return (
            f"the last {what} is dated {state.last}, after the assessment date {as_of}; "
            "record the date it was actually done"
        )
    if state.state == "overdue":
        return f"the last {what} was on {state.last}, overdue since {state.due} ({cycle} cycle)"
    return (
        f"the last {what} was on {state.last}; the next is due before {state.due} ({cycle} cycle)"
    )


def cadence_outcome(
    config: Config,
    pointer: str,
    months: int,
    ctx: Context,
    *,
    what: str,
    turns_why: str,
    prefix: str = "",
) -> Outcome:
    """pass with turns_on while a monthly cycle is current, fail when missing/future/overdue."""
    state = cadence(get(config, pointer), ctx.as_of, months)
    message = prefix + describe(state, what, f"{months}-month", ctx.as_of)
    if state.current:
        return passed(message, pointer, turns_on=state.due, turns_why=turns_why)
    return failed(message, where(config, pointer))


def cycle_months(config: Config, pointer: str, cap: int = 12) -> int:
    """The organization's own cycle from `pointer`, never longer than `cap` months.

    HIPAA sets no interval for most recurring activities; 12 months is the common benchmark
    (and the NPRM's proposed cadence), so a longer configured cycle is held to it while a
    shorter one, the organization's own stricter policy, is honoured.
    """
    value = get(config, pointer)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return cap
    return min(value, cap)


def where(config: Config, pointer: str) -> str:
    """`pointer` if the config has it, else its nearest existing parent (at least the section)."""
    parts = pointer.split("/")[1:]
    while len(parts) > 1:
        candidate = "/" + "/".join(parts)
        if get(config, candidate) is not None:
            return candidate
        parts.pop()
    return "/" + parts[0] if parts else pointer


def is_true(config: Config, pointer: str) -> bool:
    """A boolean key that is absent counts as "not in place"."""
    return get(config, pointer) is True


def items(config: Config, pointer: str) -> list[tuple[str, Mapping[str, Any]]]:
    """The objects of a list in the config with their JSON pointers ("/platforms/0")."""
    value = get(config, pointer)
    if not isinstance(value, list):
        return []
    return [(f"{pointer}/{i}", item) for i, item in enumerate(value) if isinstance(item, Mapping)]


def ephi_associates(config: Config) -> list[tuple[str, Mapping[str, Any]]]:
    """Business associates that handle ePHI and are not pure conduits: each needs a BAA."""
    return [
        (pointer, ba)
        for pointer, ba in items(config, "/business_associates")
        if ba.get("handles_ephi") is True and ba.get("conduit_only") is not True
    ]


def signed_associates(config: Config) -> list[tuple[str, Mapping[str, Any]]]:
    """ePHI business associates whose BAA is signed: the ones whose terms can be examined."""
    return [
        (pointer, ba)
        for pointer, ba in ephi_associates(config)
        if isinstance(ba.get("baa"), Mapping) and ba["baa"].get("status") == "signed"
    ]


def name_of(item: Mapping[str, Any], fallback: str) -> str:
    name = item.get("name") or item.get("title") or item.get("topic")
    return str(name) if name else fallback


def join(parts: Iterable[str]) -> str:
    """Human list: "a", "a and b", "a, b and c"."""
    words = list(parts)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def earliest(dates: Iterable[dt.date | None]) -> dt.date | None:
    known = [d for d in dates if d is not None]
    return min(known) if known else None


def plural(count: int, singular: str, many: str | None = None) -> str:
    """ "1 policy", "3 policies" (the plural is singular + "s" unless given)."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def all_of(count: int, singular: str, many: str | None = None) -> str:
    """ "the signed BAA" for one, "all 3 signed BAAs" for more."""
    return f"the {singular}" if count == 1 else f"all {plural(count, singular, many)}"


def were(count: int) -> str:
    return "was" if count == 1 else "were"


def unique(paths: Iterable[str]) -> list[str]:
    """Paths in first-seen order without repeats (two gaps may point at the same parent)."""
    return list(dict.fromkeys(paths))
