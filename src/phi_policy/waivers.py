"""Waivers: documented decisions not to implement an addressable specification as stated.

HIPAA (164.306(d)(3)) lets an entity document why an addressable specification is not
reasonable and appropriate and implement an equivalent alternative measure. A waiver records
that decision in the config. It is honoured only while it is valid: an addressable control, a
justification, an alternative measure, an approver, and an expiry after `as_of` and at most a
year after approval. A required specification cannot be waived: that is a validation error,
found here before any control runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from phi_policy.control import parse_date
from phi_policy.model import Location, Outcome, Problem, Waiver

MAX_DAYS = 366


class _Located(Protocol):
    @property
    def path(self) -> str: ...

    def location(self, pointer: str) -> Location: ...


class _CatalogControl(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def requirement(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def primary_citation(self) -> str: ...


def read_waivers(config: Mapping[str, Any]) -> list[Waiver]:
    """The waivers a (schema-valid) config declares, with their JSON pointers."""
    waivers = []
    for index, item in enumerate(config.get("waivers") or []):
        waivers.append(
            Waiver(
                control=str(item.get("control", "")),
                justification=str(item.get("justification", "")),
                alternative_measure=str(item.get("alternative_measure", "")),
                approved_by=str(item.get("approved_by", "")),
                approved_on=str(item.get("approved_on", "")),
                expires=str(item.get("expires", "")),
                pointer=f"/waivers/{index}",
            )
        )
    return waivers


def check_waivers(
    document: _Located,
    data: Mapping[str, Any],
    controls: Mapping[str, _CatalogControl],
) -> list[Problem]:
    """Problems with the waivers that the schema alone cannot see (they need the catalog)."""
    problems = []
    seen: dict[str, str] = {}
    for waiver in read_waivers(data):
        pointer = f"{waiver.pointer}/control"
        where = document.location(pointer)
        control = controls.get(waiver.control)
        if control is None:
            problems.append(
                Problem(where, f"waiver names unknown control {waiver.control!r}", pointer,
                        "run `phi-policy controls list` for the ids", "waiver-unknown-control")
            )
            continue
        if control.requirement != "addressable":
            problems.append(
                Problem(
                    where,
                    f"{control.id} ({control.primary_citation} {control.title}) is a required "
                    "specification and cannot be waived",
                    pointer,
                    "only addressable specifications may be waived (164.306(d)(3)); remove the "
                    "waiver and implement the control",
                    "waiver-required",
                )
            )
        if waiver.control in seen:
            problems.append(
                Problem(where, f"{waiver.control} is waived twice (first at {seen[waiver.control]})",
                        pointer, "keep one waiver per control", "waiver-duplicate")
            )
        seen.setdefault(waiver.control, waiver.pointer)
        approved, expires = parse_date(waiver.approved_on), parse_date(waiver.expires)
        if approved and expires:
            if expires <= approved:
                problems.append(
                    Problem(document.location(f"{waiver.pointer}/expires"),
                            f"waiver expires on {expires} but was approved on {approved}",
                            f"{waiver.pointer}/expires", "the expiry must come after the approval",
                            "waiver-dates")
                )
            elif (expires - approved).days > MAX_DAYS:
                problems.append(
                    Problem(
                        document.location(f"{waiver.pointer}/expires"),
                        f"waiver runs {(expires - approved).days} days, from {approved} to {expires}",
                        f"{waiver.pointer}/expires",
                        "a waiver may run at most one year; set expires to "
                        f"{approved + dt.timedelta(days=365)} or earlier and review it then",
                        "waiver-too-long",
                    )
                )
    return problems


def apply_waiver(raw: Outcome, waiver: Waiver | None, as_of: dt.date, honoured: bool) -> Outcome:
    """The outcome that counts once a waiver is considered.

    A passing or not-applicable control needs no waiver. A valid waiver turns a failing
    control into `waived` (left out of the risk-accepted score). An expired one fails and says
    so, because an expired exception is a lapse in the documented decision.
    """
    if waiver is None or raw.status in ("pass", "not_applicable"):
        return raw
    if not honoured:
        return raw
    expires = parse_date(waiver.expires)
    approved = parse_date(waiver.approved_on)
    paths = (*raw.paths, f"{waiver.pointer}/expires")
    if expires is None or expires <= as_of:
        return Outcome(
            "fail",
            f"waiver expired on {waiver.expires}; {raw.message}",
            0.0,
            paths,
        )
    if approved is not None and approved > as_of:
        return raw
    return Outcome(
        "waived",
        f"waived until {waiver.expires} (approved by {waiver.approved_by}): "
        f"{waiver.alternative_measure}",
        None,
        (waiver.pointer, *raw.paths),
        turns_on=expires,
        turns_why=f"waiver for {waiver.control} expires",
    )


def by_control(waivers: Sequence[Waiver]) -> dict[str, Waiver]:
    result: dict[str, Waiver] = {}
    for waiver in waivers:
        result.setdefault(waiver.control, waiver)
    return result
