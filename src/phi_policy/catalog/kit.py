"""The toolkit for a control's body: reading the config, dates and cadences, wording messages.

Every pack, built-in or your own, reads the same validated config (plain dicts and lists, dates
as "YYYY-MM-DD" strings) and should follow the same conventions, so that reports agree with one
another whoever wrote the control:

- an absent boolean means "not in place" (`is_on`);
- a finding about an absent key points at its nearest present parent (`where`), so the report
  still lands on a line of the YAML, where the key should be added;
- a recurring activity is current until the day it falls due, and a "last done" date after
  `as_of` is a typo or a plan, not evidence (`cadence`).

Everything here is pure (dates come in as config values plus `as_of`, never from the clock) and
builds no Outcome. `phi_policy.control` re-exports all of it beside the outcome helpers, so a
control imports everything it needs from that one module.

Cadence convention:
- a cycle of N months is current while as_of is before last + N months; the status turns on
  that date (a risk analysis done 2026-04-10 on a 12-month cycle turns on 2027-04-10);
- a cycle of N days is current while at most N days have passed; it turns on last + N + 1 days
  (a restore test on 2026-10-01 is still in time on 2026-11-01, 31 days later, on a 31-day
  cycle, and turns on 2026-11-02).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

Config = Mapping[str, Any]

_ABSENT = object()


# --------------------------------------------------------------------------------------------
# Reading the config by JSON pointer
# --------------------------------------------------------------------------------------------


def get(config: Config, pointer: str, default: Any = None) -> Any:
    """The value at a JSON pointer ("/access_control/mfa/remote_access"), or `default`."""
    node: Any = config
    for part in pointer.split("/")[1:]:
        if isinstance(node, Mapping):
            if part not in node:
                return default
            node = node[part]
        elif isinstance(node, list):
            try:
                node = node[int(part)]
            except (ValueError, IndexError):
                return default
        else:
            return default
    return node


def where(config: Config, pointer: str) -> str:
    """`pointer` if the config has that key, else its nearest present parent (at least the section).

    An absent key has no line in the YAML; its parent object has one, and it is where the fix
    goes: a finding about "/byod/remote_wipe" in a config without that key points at "/byod".
    The top-level section is the last resort even when it is absent too, so every finding names
    a section. "Present" means the key exists, whatever its value; list indexes count as keys
    ("/business_associates/2/baa/expires" falls back to "/business_associates/2/baa").
    """
    parts = pointer.split("/")[1:]
    if not parts:
        return pointer
    for end in range(len(parts), 1, -1):
        candidate = "/" + "/".join(parts[:end])
        if get(config, candidate, _ABSENT) is not _ABSENT:
            return candidate
    return "/" + parts[0]


def is_on(config: Config, pointer: str) -> bool:
    """Whether the boolean at `pointer` is true: an absent (or non-boolean) value is "not in place".

    A safeguard nobody recorded cannot be shown to an auditor, so only an explicit `true` counts.
    """
    return get(config, pointer) is True


def not_in_place(config: Config, checks: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (label, pointer to report) of each (label, boolean pointer) check that is not on.

    For controls over a group of yes/no safeguards: the labels name what is missing in the
    message, and each pointer is `where` the fix goes. The order of `checks` is kept.
    """
    return [
        (label, where(config, pointer)) for label, pointer in checks if not is_on(config, pointer)
    ]


def key_path(pointer: str) -> str:
    """A JSON pointer as the key a person writes in the YAML: the hint for a key not declared.

    "/byod/policy_documented" is "byod.policy_documented"; list indexes stay visible
    ("/business_associates/0/baa/return_or_destroy" is
    "business_associates[0].baa.return_or_destroy").
    """
    path = ""
    for part in pointer.split("/")[1:]:
        if part.isdigit():
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path


def shortfalls(config: Config, checks: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """`not_in_place`, with each absent key labelled "(not declared: set KEY)".

    An absent key is never a pass, and a reader should not have to guess whether a duty was
    left out of the config or recorded as not met: the label says which, and names the key.
    """
    result = []
    for label, pointer in checks:
        value = get(config, pointer, _ABSENT)
        if value is True:
            continue
        if value is _ABSENT:
            label = f"{label} (not declared: set {key_path(pointer)})"
        result.append((label, where(config, pointer)))
    return result


def items(config: Config, pointer: str) -> list[tuple[str, Mapping[str, Any]]]:
    """The objects of a list in the config, each with its own pointer ("/platforms/0").

    Controls over lists report each failing item by its pointer, so the report points at it.
    """
    value = get(config, pointer)
    if not isinstance(value, list):
        return []
    return [(f"{pointer}/{i}", item) for i, item in enumerate(value) if isinstance(item, Mapping)]


def ephi_associates(config: Config) -> list[tuple[str, Mapping[str, Any]]]:
    """Business associates that handle ePHI and are not pure conduits: each one needs a BAA.

    A conduit (an ISP, a courier) only transports ePHI and needs no BAA (HHS guidance), so it
    is left out; a business associate handling no ePHI is outside the Security Rule.
    """
    return [
        (pointer, ba)
        for pointer, ba in items(config, "/business_associates")
        if ba.get("handles_ephi") is True and ba.get("conduit_only") is not True
    ]


def baa_problem(pointer: str, ba: Mapping[str, Any], as_of: dt.date) -> tuple[str, str] | None:
    """Why a business associate has no BAA in force at `as_of` (problem, pointer), or None.

    In force means `status: signed` (or `other_arrangement`: a memorandum of understanding or
    law between government entities, 164.314(a)(2)(ii)), a signing date (if recorded) not after
    `as_of`, and no expiry on or before `as_of` (no `expires` = evergreen). The problem is worded
    to follow the associate's name ("CareLink Health Inc.: BAA expired on 2026-03-01").
    """
    baa = ba.get("baa")
    if not isinstance(baa, Mapping) or baa.get("status") in (None, "none"):
        return "no BAA", f"{pointer}/baa" if isinstance(baa, Mapping) else pointer
    status = baa.get("status")
    if status == "pending":
        return "BAA pending, not signed", f"{pointer}/baa/status"
    if status == "not_required":
        return (
            "BAA marked not_required although the associate handles ePHI and is not a conduit",
            f"{pointer}/baa/status",
        )
    if status not in ("signed", "other_arrangement"):
        return f"BAA status {status!r} is not signed", f"{pointer}/baa/status"
    signed = parse_date(baa.get("signed"))
    if signed is not None and signed > as_of:
        return (
            f"BAA dated as signed on {signed}, after the assessment date {as_of}",
            f"{pointer}/baa/signed",
        )
    expires = parse_date(baa.get("expires"))
    if expires is not None and expires <= as_of:
        return f"BAA expired on {expires}", f"{pointer}/baa/expires"
    return None


def associates_with_baa_in_force(
    config: Config, as_of: dt.date
) -> list[tuple[str, Mapping[str, Any]]]:
    """ePHI business associates whose BAA is in force: the ones whose terms can be examined.

    An expired, pending or future-dated BAA is not in force and its terms bind no one; the
    control that every ePHI associate has a BAA in force (GOV-012) reports it.
    """
    return [
        (pointer, ba) for pointer, ba in ephi_associates(config)
        if baa_problem(pointer, ba, as_of) is None
    ]


#: Platform purposes that carry ePHI by their nature: a video visit, a portal, a record, a
#: message thread, a monitoring feed or a prescription is about a patient's health.
CLINICAL_PURPOSES = frozenset(
    {"video_visits", "patient_portal", "ehr", "secure_messaging", "remote_monitoring",
     "e_prescribing", "ai_scribe"}
)


def handles_ephi(platform: Mapping[str, Any]) -> bool:
    """Whether a platform is in scope for the ePHI controls: the one definition every control
    uses.

    It is when the config says it handles ePHI, and also when its purpose is clinical whatever
    the flag says: a video-visit platform marked `handles_ephi: false` is a contradiction, and
    a pull request must not be able to take a platform out of scope by flipping the flag.
    """
    return platform.get("handles_ephi") is True or platform.get("purpose") in CLINICAL_PURPOSES


def ephi_platforms(config: Config) -> list[tuple[str, Mapping[str, Any]]]:
    """The platforms in scope for the ePHI controls (`handles_ephi`), each with its pointer."""
    return [(pointer, p) for pointer, p in items(config, "/platforms") if handles_ephi(p)]


MfaUsers = Literal["workforce", "patients"]
_MFA_KEYS: dict[str, str] = {"workforce": "workforce_mfa", "patients": "patient_mfa"}


def mfa_enforced(platform: Mapping[str, Any], users: MfaUsers) -> tuple[bool, str]:
    """Whether a platform enforces MFA for `users`, and the key that says so.

    `workforce_mfa` and `patient_mfa` say it for each kind of user; a config written before
    them has only `mfa`, "enforced for every user", which stands for whichever of the two is
    absent. Only `true` counts.
    """
    key = _MFA_KEYS[users]
    if key not in platform and "mfa" in platform:
        key = "mfa"
    return platform.get(key) is True, key


# --------------------------------------------------------------------------------------------
# Dates and cadences
# --------------------------------------------------------------------------------------------


def parse_date(value: object) -> dt.date | None:
    """A config date (validated as YYYY-MM-DD by the schema) as a date; None when absent."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus calendar months, clamped to the month's end (Jan 31 + 1 month = Feb 28)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


CadenceState = Literal["missing", "future", "current", "overdue"]


@dataclass(frozen=True)
class Cadence:
    """Where a recurring activity stands on the assessment date.

    `due` is the date the activity falls (or fell) due: the `turns_on` date while current, the
    "overdue since" date once overdue; None when the last date is missing or in the future.
    """

    state: CadenceState
    last: dt.date | None = None
    due: dt.date | None = None

    @property
    def current(self) -> bool:
        return self.state == "current"


def cadence(value: object, as_of: dt.date, months: int) -> Cadence:
    """Where an activity last done on `value` (a config date) stands on a cycle of `months`."""
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


def describe_cadence(state: Cadence, what: str, cycle: str, as_of: dt.date) -> str:
    """One sentence on a cadence ("the last risk analysis was on 2025-01-10, overdue since ...").

    `cycle` is how the cycle reads in the sentence ("12-month", "31-day").
    """
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


# --------------------------------------------------------------------------------------------
# Wording messages
# --------------------------------------------------------------------------------------------


def name_of(item: Mapping[str, Any], fallback: str) -> str:
    """What to call a list item in a message: its name, title or topic, else `fallback`."""
    name = item.get("name") or item.get("title") or item.get("topic")
    return str(name) if name else fallback


def join(parts: Iterable[str]) -> str:
    """A list for a sentence: "a", "a and b", "a, b and c"."""
    words = list(parts)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def plural(count: int, singular: str, many: str | None = None) -> str:
    """ "1 policy", "3 policies" (the plural is singular + "s" unless given)."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def all_of(count: int, singular: str, many: str | None = None) -> str:
    """ "the signed BAA" for one, "all 3 signed BAAs" for more."""
    return f"the {singular}" if count == 1 else f"all {plural(count, singular, many)}"


def were(count: int) -> str:
    """ "was" for one, "were" for more: the verb that follows `all_of`."""
    return "was" if count == 1 else "were"


def unique(paths: Iterable[str]) -> list[str]:
    """Paths in first-seen order without repeats (two gaps may point at the same parent)."""
    return list(dict.fromkeys(paths))
