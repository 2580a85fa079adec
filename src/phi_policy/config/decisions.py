"""Documented decisions: how a config records what it does instead of a specification as stated.

HIPAA lets an entity meet an addressable implementation specification another way: it
documents why the specification is not reasonable and appropriate and what equivalent measure
it takes (164.306(d)(3)). A benchmark (a best-practice number such as a 15-minute logoff) is no
legal requirement at all, so a risk-based decision may tailor its number. A required
specification has no such door: no decision can excuse it, and saying so in a validation error
keeps the config honest.

A decision names its control, the instances it covers (one platform, one vendor, or all), who
approved it and when, and when it is next reviewed (12 months after approval unless it says;
that default is this tool's convention, not a HIPAA deadline). While in force:

- `alternative` / `not_reasonable`: the control counts as met for the instances covered; a
  failing instance the decision does not name still fails;
- `tailored`: the control is judged against the decision's value (`Context.limit`).

Past its review date a decision no longer counts, and the failure says so. The 0.1 `waivers:`
key is read as `alternative` decisions for one more release, with a notice per waiver saying
how to rewrite it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from phi_policy.catalog.kit import add_months, join, parse_date
from phi_policy.model import BASIS_WORDS, Context, Decision, Located, Outcome, Problem

#: Months until a decision's review when it names no review date: a convention of this tool.
DEFAULT_REVIEW_MONTHS = 12
KIND_WORDS: dict[str, str] = {
    "alternative": "an alternative measure",
    "not_reasonable": "not reasonable and appropriate",
    "tailored": "a tailored benchmark",
}


class CatalogControl(Protocol):
    """What decision checks need of a loaded control (phi_policy.catalog.packs.Control has it)."""

    @property
    def id(self) -> str: ...

    @property
    def basis(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def primary_citation(self) -> str: ...

    @property
    def tailorable(self) -> str | None: ...


def _text(item: Mapping[str, Any], key: str) -> str:
    value = item.get(key)
    return "" if value is None else str(value)


def _review_by(approved_on: str, review_by: str) -> str:
    if review_by:
        return review_by
    approved = parse_date(approved_on)
    return add_months(approved, DEFAULT_REVIEW_MONTHS).isoformat() if approved else ""


def read_decisions(config: Mapping[str, Any]) -> list[Decision]:
    """The decisions a (schema-valid) config declares, then its legacy waivers as decisions."""
    found: list[Decision] = []
    for index, item in enumerate(config.get("decisions") or []):
        if not isinstance(item, Mapping):
            continue
        value = item.get("value")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            value = None
        found.append(
            Decision(
                control=_text(item, "control"),
                kind=item.get("kind", "alternative"),
                reason=_text(item, "reason"),
                approved_by=_text(item, "approved_by"),
                approved_on=_text(item, "approved_on"),
                review_by=_review_by(_text(item, "approved_on"), _text(item, "review_by")),
                alternative_measure=_text(item, "alternative_measure"),
                value=None if value is None else float(value),
                instances=tuple(str(x) for x in item.get("instances") or ()),
                pointer=f"/decisions/{index}",
            )
        )
    for index, item in enumerate(config.get("waivers") or []):
        if not isinstance(item, Mapping):
            continue
        found.append(
            Decision(
                control=_text(item, "control"),
                kind="alternative",
                reason=_text(item, "justification"),
                approved_by=_text(item, "approved_by"),
                approved_on=_text(item, "approved_on"),
                review_by=_text(item, "expires"),
                alternative_measure=_text(item, "alternative_measure"),
                pointer=f"/waivers/{index}",
                legacy=True,
            )
        )
    return found


def by_control(decisions: Sequence[Decision]) -> dict[str, list[Decision]]:
    grouped: dict[str, list[Decision]] = {}
    for decision in decisions:
        grouped.setdefault(decision.control, []).append(decision)
    return grouped


def check_decisions(
    document: Located, data: Mapping[str, Any], controls: Mapping[str, CatalogControl]
) -> list[Problem]:
    """Problems with the decisions that the schema alone cannot see (they need the catalog)."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], str] = {}
    for decision in read_decisions(data):
        pointer = f"{decision.pointer}/control"
        where = document.location(pointer)
        control = controls.get(decision.control)
        if control is None:
            problems.append(
                Problem(where, f"decision names unknown control {decision.control!r}", pointer,
                        "run `phi-policy controls list` for the ids", "decision-unknown-control")
            )
            continue
        problems.extend(_basis_problems(document, decision, control))
        problems.extend(_kind_problems(document, decision))
        for instance in decision.instances or ("",):
            key = (decision.control, instance)
            if key in seen or (decision.control, "") in seen:
                first = seen.get(key) or seen[(decision.control, "")]
                what = f" for {instance}" if instance else ""
                problems.append(
                    Problem(where, f"{decision.control} has two decisions{what} (first at "
                            f"{first})", pointer, "keep one decision per control and instance",
                            "decision-duplicate")
                )
                break
        for instance in decision.instances or ("",):
            seen.setdefault((decision.control, instance), decision.pointer)
        approved, review = parse_date(decision.approved_on), parse_date(decision.review_by)
        if approved and review and review <= approved:
            field = "expires" if decision.legacy else "review_by"
            problems.append(
                Problem(document.location(f"{decision.pointer}/{field}"),
                        f"decision is due for review on {review} but was approved on {approved}",
                        f"{decision.pointer}/{field}",
                        "the review date must come after the approval", "decision-dates")
            )
    return problems


def _basis_problems(
    document: Located, decision: Decision, control: CatalogControl
) -> list[Problem]:
    pointer = f"{decision.pointer}/control"
    where = document.location(pointer)
    cited = f"{control.primary_citation} " if control.primary_citation else ""
    if control.basis == "required":
        return [
            Problem(
                where,
                f"{control.id} ({cited}{control.title}) is {BASIS_WORDS['required']}: no "
                "decision can excuse a required specification",
                pointer,
                "implement the control; documented decisions apply to addressable "
                "specifications (164.306(d)(3)) and to benchmarks",
                "decision-required",
            )
        ]
    if control.basis in ("proposed", "other_law"):
        return [
            Problem(
                where,
                f"{control.id} ({control.title}) is {BASIS_WORDS[control.basis]}: a HIPAA "
                "documented decision does not apply to it",
                pointer,
                "remove the decision; this control is reported apart and never changes the "
                "HIPAA score",
                "decision-basis",
            )
        ]
    if decision.kind == "tailored" and not control.tailorable:
        return [
            Problem(
                document.location(f"{decision.pointer}/kind"),
                f"{control.id} has no benchmark number to tailor",
                f"{decision.pointer}/kind",
                "use kind: alternative (what is done instead) or not_reasonable (why the "
                "measure is not reasonable and appropriate)",
                "decision-not-tailorable",
            )
        ]
    return []


def _kind_problems(document: Located, decision: Decision) -> list[Problem]:
    """What each kind needs that the others do not: a measure, or a value."""
    where = document.location(decision.pointer)
    if decision.kind == "alternative" and not decision.alternative_measure.strip():
        return [Problem(where, f"the `alternative` decision for {decision.control} names no "
                        "alternative_measure", f"{decision.pointer}/alternative_measure",
                        "say what is done instead, or use kind: not_reasonable with the reason",
                        "decision-missing-alternative")]
    if decision.kind == "tailored" and decision.value is None:
        return [Problem(where, f"the `tailored` decision for {decision.control} sets no value",
                        f"{decision.pointer}/value",
                        "add value: the number the benchmark is judged against instead",
                        "decision-missing-value")]
    if decision.kind != "tailored" and decision.value is not None:
        return [Problem(document.location(f"{decision.pointer}/value"),
                        f"only a `tailored` decision sets a value, not {decision.kind!r}",
                        f"{decision.pointer}/value",
                        "remove value, or use kind: tailored", "decision-value")]
    return []


def legacy_notices(document: Located, data: Mapping[str, Any]) -> list[Problem]:
    """One notice per deprecated waiver, with the decision to write instead."""
    notices = []
    for decision in read_decisions(data):
        if not decision.legacy:
            continue
        notices.append(
            Problem(
                document.location(decision.pointer),
                "`waivers:` is deprecated and will be removed in 0.3; this waiver is read as "
                "a documented decision",
                decision.pointer,
                "move it under `decisions:` as: {control: " + decision.control
                + ", kind: alternative, reason: <the justification>, alternative_measure: "
                "<as before>, approved_by: <as before>, approved_on: "
                + (decision.approved_on or "<date>") + ", review_by: "
                + (decision.review_by or "<date>") + "}",
                "deprecated-waivers",
            )
        )
    return notices


def in_force(decision: Decision, as_of: dt.date) -> bool:
    """Approved on or before `as_of`, and not yet due for review."""
    approved, review = parse_date(decision.approved_on), parse_date(decision.review_by)
    if approved is None or review is None:
        return False
    return approved <= as_of < review


def lapsed(decision: Decision, as_of: dt.date) -> bool:
    review = parse_date(decision.review_by)
    return review is not None and review <= as_of


def limits(decisions: Sequence[Decision], as_of: dt.date) -> tuple[tuple[str | None, float], ...]:
    """The tailored values in force, for `Context.limits`."""
    found: list[tuple[str | None, float]] = []
    for d in decisions:
        if d.kind == "tailored" and d.value is not None and in_force(d, as_of):
            found.extend([(name, d.value) for name in d.instances] or [(None, d.value)])
    return tuple(found)


def tailored_context(ctx: Context, decisions: Sequence[Decision]) -> Context | None:
    """The context to judge a tailored benchmark in, or None when no tailoring is in force."""
    values = limits(decisions, ctx.as_of)
    if not values:
        return None
    return Context(ctx.as_of, ctx.profile, values)


def apply(
    raw: Outcome,
    tailored: Outcome | None,
    decisions: Sequence[Decision],
    as_of: dt.date,
) -> tuple[Outcome, Decision | None]:
    """The outcome that counts once the control's decisions are considered, and the decision
    that made the difference (None when none did).

    `raw` is the outcome as specified; `tailored` the outcome at the tailored values (when a
    tailored decision is in force). An `error` stays an error: a decision answers for a
    finding, and a control that could not evaluate has none.
    """
    if tailored is not None:
        decision = next(d for d in decisions if d.kind == "tailored" and in_force(d, as_of))
        if tailored.status in ("pass", "not_applicable"):
            return tailored, decision
        raw = tailored
    if raw.status in ("pass", "not_applicable", "error"):
        # A control that could not decide has no finding a decision could answer for.
        return raw, None
    active = [d for d in decisions if d.kind != "tailored" and in_force(d, as_of)]
    if active:
        covered = _covered(raw, active)
        if covered is True:
            return _met(raw, active[0]), active[0]
        if covered:
            return _partly(raw, active, covered), active[0]
    expired = [d for d in decisions if lapsed(d, as_of)]
    if expired:
        d = expired[0]
        return (
            Outcome(
                "fail",
                f"the documented decision approved by {d.approved_by} was due for review on "
                f"{d.review_by} and no longer counts; {raw.message}",
                0.0,
                (*raw.paths, d.pointer),
                instances=raw.instances,
            ),
            d,
        )
    return raw, None


def _covered(raw: Outcome, active: Sequence[Decision]) -> bool | tuple[str, ...]:
    """True when the decisions cover every failing instance; else the instances left."""
    if any(not d.instances for d in active):
        return True
    if not raw.instances:
        return False
    named = {name for d in active for name in d.instances}
    left = tuple(name for name in raw.instances if name not in named)
    return True if not left else (left if len(left) < len(raw.instances) else False)


def _met(raw: Outcome, d: Decision) -> Outcome:
    what = d.alternative_measure or d.reason
    scope = f" for {join(d.instances)}" if d.instances else ""
    return Outcome(
        "pass",
        f"met by a documented decision{scope} ({KIND_WORDS[d.kind]}), approved by "
        f"{d.approved_by} on {d.approved_on}, next review by {d.review_by}: {what}",
        1.0,
        (d.pointer, *raw.paths),
        turns_on=parse_date(d.review_by),
        turns_why=f"the decision for {d.control} falls due for review",
    )


def _partly(raw: Outcome, active: Sequence[Decision], left: tuple[str, ...]) -> Outcome:
    pointers = tuple(d.pointer for d in active)
    return Outcome(
        raw.status,
        f"{raw.message}; documented decisions cover the rest, not {join(left)}",
        raw.credit,
        (*raw.paths, *pointers),
        instances=left,
    )
