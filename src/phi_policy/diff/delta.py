"""Delta: two assessments of one config compared, the way a reviewer reads a pull request.

Pure: the base and head documents and assessments go in, a Delta comes out; git facts (who
wrote a decision, which pack files changed) are passed in as plain values by `diff_run`. The
gates that decide the exit status of `phi-policy diff` are pure functions of the Delta too.

How a control's change is classified (b = status at base, h = status at head; "decided" is a
pass that rests on a documented decision):

- regressed: h is partial, fail or error and b passed, did not apply, was decided, or earned
  more credit; or h is decided and b passed or did not apply (the control now leans on a
  decision, which a reviewer must see);
- improved: h passes and b did not (n/a aside), or h earns more credit than b;
- changed: anything else that differs (now n/a, the same status with a new finding).

A change's points are its change in contribution to the overall score, 100 * w * s / sum(w)
at head minus the same at base, where a control that does not count (n/a) contributes 0. They
explain the score change control by control; they add up to it exactly only when the set of
counted controls is the same on both sides.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from phi_policy.config.decisions import lapsed, read_decisions
from phi_policy.control import parse_date
from phi_policy.engine import rounding
from phi_policy.engine.scoring import counts, credit
from phi_policy.model import (
    SEVERITY_RANK,
    Assessment,
    Citation,
    Decision,
    Domain,
    Located,
    Location,
    Result,
    Severity,
)
from phi_policy.reporters.problems import dotted

Kind = Literal["regressed", "improved", "changed", "added", "removed"]
KIND_ORDER: dict[str, int] = {"regressed": 0, "improved": 1, "changed": 2, "added": 3, "removed": 4}
DecisionKind = Literal["added", "changed", "removed", "expired"]
DECISION_ORDER: dict[str, int] = {"added": 0, "changed": 1, "expired": 2, "removed": 3}
DECISION_FIELDS = (
    "kind", "instances", "value", "reason", "alternative_measure", "approved_by", "approved_on",
    "review_by",
)
BAND_RANK: dict[str, int] = {"red": 0, "yellow": 1, "green": 2}
#: A status as a diff shows it: the assessment's status, or "decided" for a pass that rests
#: on a documented decision.
NOT_PASSING: frozenset[str] = frozenset({"partial", "fail", "error", "decided"})
MAX_VALUES = 3


@dataclass(frozen=True)
class Side:
    """One side of the comparison: how to name it, and where its config was read.

    `commit` is None for the working tree. `path` is relative to the repository's root.
    """

    label: str
    path: str
    rev: str | None = None
    commit: str | None = None
    short: str | None = None


@dataclass(frozen=True)
class ValueChange:
    """A config value a control looked at, as text on each side (None: absent there)."""

    pointer: str
    base: str | None
    head: str | None

    def __str__(self) -> str:
        return f"{dotted(self.pointer)}: {_or_absent(self.base)} -> {_or_absent(self.head)}"


@dataclass(frozen=True)
class ControlChange:
    """One control whose outcome differs between base and head."""

    control_id: str
    title: str
    domain: Domain
    severity: Severity
    kind: Kind
    base_status: str | None
    head_status: str | None
    base_credit: float | None
    head_credit: float | None
    points: float
    finding: str
    citations: tuple[Citation, ...]
    locations: tuple[Location, ...]
    values: tuple[ValueChange, ...] = ()
    remediation: str = ""

    @property
    def newly_failing(self) -> bool:
        """Passed at base and does not at head: what --fail-on-regression gates on."""
        return self.base_status == "pass" and self.head_status in NOT_PASSING

    @property
    def transition(self) -> str:
        """ "pass -> fail", "partial 0.50 -> partial 0.25", "new: fail"."""
        if self.base_status is None:
            return f"new: {_status(self.head_status, self.head_credit)}"
        if self.head_status is None:
            return f"removed: {_status(self.base_status, self.base_credit)}"
        before = _status(self.base_status, self.base_credit)
        return f"{before} -> {_status(self.head_status, self.head_credit)}"


@dataclass(frozen=True)
class DomainChange:
    domain: Domain
    base: float | None
    head: float | None

    @property
    def change(self) -> float | None:
        if self.base is None or self.head is None:
            return None
        return self.head - self.base


@dataclass(frozen=True)
class DecisionChange:
    """A documented decision the pull request added, changed or removed, or one past its
    review date.

    `author` is who last changed the decision's lines (a commit's author, the configured git
    user for uncommitted lines, or "uncommitted"); `self_approved` says that person is also
    the approver.
    """

    control: str
    kind: DecisionKind
    decision: Decision
    previous: Decision | None = None
    fields: tuple[str, ...] = ()
    location: Location | None = None
    expired: bool = False
    author: str | None = None
    author_commit: str | None = None
    self_approved: bool = False


@dataclass(frozen=True)
class RuleChange:
    """A change to what judges the config: a control pack file, the gate's own files."""

    kind: Literal["control pack", "gate"]
    path: str
    status: str
    old_path: str | None = None
    note: str = ""
    fails: bool = False  # fails the gate whatever the options (a pack gone at the head)


@dataclass(frozen=True)
class GateSettings:
    """The gates `phi-policy diff` was asked to apply (see `gate_failures`)."""

    max_drop: float | None = 0.0
    fail_on_regression: str | None = "low"
    fail_on_band_change: bool = False
    fail_on_self_approved: bool = False

    def describe(self) -> str:
        """The gates as the options that ask for them ("--max-drop 0, ..."), or "no gates"."""
        asked = []
        if self.max_drop is not None:
            asked.append(f"--max-drop {self.max_drop:g}")
        if self.fail_on_regression is not None:
            asked.append(f"--fail-on-regression {self.fail_on_regression}")
        if self.fail_on_band_change:
            asked.append("--fail-on-band-change")
        if self.fail_on_self_approved:
            asked.append("--fail-on-self-approved")
        return ", ".join(asked) or "no gates"


@dataclass(frozen=True)
class Delta:
    """Two assessments compared: scores, domains, controls, decisions, rule changes, gates."""

    base_side: Side
    head_side: Side
    base: Assessment
    head: Assessment
    domains: tuple[DomainChange, ...]
    changes: tuple[ControlChange, ...]
    decisions: tuple[DecisionChange, ...] = ()
    rule_changes: tuple[RuleChange, ...] = ()
    notes: tuple[str, ...] = ()
    gate: GateSettings = field(default_factory=GateSettings)
    failures: tuple[str, ...] = ()

    @property
    def score_change(self) -> float | None:
        return _minus(self.head.score, self.base.score)

    @property
    def raw_score_change(self) -> float | None:
        return _minus(self.head.raw_score, self.base.raw_score)

    def of_kind(self, kind: Kind) -> list[ControlChange]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def empty(self) -> bool:
        """Nothing to report: same scores, no control, decision or rule changed."""
        return (
            not self.changes
            and not self.decisions
            and not self.rule_changes
            and _same(self.base.score, self.head.score)
            and _same(self.base.raw_score, self.head.raw_score)
        )

    @property
    def warnings(self) -> list[str]:
        """One line per change to the rules or the decisions: what a reviewer must look at."""
        return [describe_decision(w) for w in self.decisions] + [
            describe_rule(r) for r in self.rule_changes
        ]


# --- comparing ----------------------------------------------------------------------------------


def compare(
    base_doc: Located,
    base: Assessment,
    head_doc: Located,
    head: Assessment,
    *,
    base_side: Side,
    head_side: Side,
    rule_changes: Iterable[RuleChange] = (),
    notes: Iterable[str] = (),
) -> Delta:
    """The Delta from `base` to `head` (both assessed with the same catalog, as_of and profile)."""
    base_total = _total(base.results)
    head_total = _total(head.results)
    base_by_id = {r.control_id: r for r in base.results if r.scored}
    head_by_id = {r.control_id: r for r in head.results if r.scored}
    changes = []
    for control_id in sorted(base_by_id.keys() | head_by_id.keys()):
        b, h = base_by_id.get(control_id), head_by_id.get(control_id)
        kind = classify(b, h)
        if kind is None:
            continue
        points = _contribution(h, head_total) - _contribution(b, base_total)
        changes.append(_change(kind, b, h, points, base_doc, head_doc))
    changes.sort(
        key=lambda c: (
            KIND_ORDER[c.kind],
            round(c.points, 9) if c.kind == "regressed" else -round(c.points, 9),
            -SEVERITY_RANK[c.severity],
            c.control_id,
        )
    )
    domains = tuple(
        DomainChange(bd.domain, bd.score, hd.score)
        for bd, hd in zip(base.domains, head.domains, strict=True)
    )
    return Delta(
        base_side=base_side,
        head_side=head_side,
        base=base,
        head=head,
        domains=domains,
        changes=tuple(changes),
        decisions=decision_changes(base_doc, head_doc, head.as_of),
        rule_changes=tuple(rule_changes),
        notes=tuple(notes),
    )


def classify(base: Result | None, head: Result | None) -> Kind | None:
    """How a control changed from base to head (module docstring), or None if it did not."""
    if base is None:
        return None if head is None else "added"
    if head is None:
        return "removed"
    b, h = base.outcome, head.outcome
    b_status, h_status = shown_status(base), shown_status(head)
    if b_status == h_status and _same(b.credit, h.credit):
        if h_status in ("partial", "fail", "error") and b.message != h.message:
            return "changed"
        return None
    if h_status in ("partial", "fail", "error"):
        if b_status in ("pass", "not_applicable", "decided"):
            return "regressed"
        return _by_credit(credit(b), credit(h))
    if h_status == "decided":
        return "regressed" if b_status in ("pass", "not_applicable") else "changed"
    if h_status == "pass":
        return "changed" if b_status == "not_applicable" else "improved"
    return "changed"


def shown_status(result: Result | None) -> str | None:
    """The status a diff shows: "decided" for a pass that rests on a documented decision."""
    if result is None:
        return None
    return "decided" if result.decided else result.status


def _by_credit(base: float, head: float) -> Kind:
    if head < base - 1e-9:
        return "regressed"
    if head > base + 1e-9:
        return "improved"
    return "changed"


def _change(
    kind: Kind,
    b: Result | None,
    h: Result | None,
    points: float,
    base_doc: Located,
    head_doc: Located,
) -> ControlChange:
    about = h or b
    assert about is not None
    if h is None:
        assert b is not None
        finding, locations = b.raw_outcome.message, b.locations
    elif h.decided:
        finding = h.raw_outcome.message
        if h.decision is not None:
            finding += (
                f"; now met by the documented decision approved by {h.decision.approved_by}, "
                f"review by {h.decision.review_by}"
            )
        # Point at what changed, not at the decision.
        locations = (
            tuple(dict.fromkeys(head_doc.location(p) for p in h.raw_outcome.paths)) or h.locations
        )
    elif h.status == "not_applicable":
        finding, locations = f"no longer applies: {h.outcome.message}", h.locations
    else:
        finding, locations = h.outcome.message, h.locations
    pointers = [p for r in (h, b) if r is not None for p in r.raw_outcome.paths]
    return ControlChange(
        control_id=about.control_id,
        title=about.title,
        domain=about.domain,
        severity=about.severity,
        kind=kind,
        base_status=shown_status(b),
        head_status=shown_status(h),
        base_credit=_shown_credit(b),
        head_credit=_shown_credit(h),
        points=points,
        finding=finding,
        citations=about.citations,
        locations=locations,
        values=value_changes(base_doc.data, head_doc.data, pointers),
        remediation=about.remediation,
    )


def _shown_credit(result: Result | None) -> float | None:
    if result is None or not counts(result.outcome):
        return None
    return credit(result.outcome)


def _total(results: Iterable[Result]) -> float:
    return sum(r.weight for r in results if r.scored and counts(r.outcome))


def _contribution(result: Result | None, total: float) -> float:
    if result is None or not total or not counts(result.outcome):
        return 0.0
    return 100.0 * result.weight * credit(result.outcome) / total


# --- config values ------------------------------------------------------------------------------


def value_changes(base: Any, head: Any, pointers: Iterable[str]) -> tuple[ValueChange, ...]:
    """The values at `pointers` that differ between the two configs, scalars only."""
    found = []
    for pointer in dict.fromkeys(pointers):
        if pointer.startswith(("/waivers", "/decisions")):
            continue
        b_ok, b_value = resolve_pointer(base, pointer)
        h_ok, h_value = resolve_pointer(head, pointer)
        if (b_ok, b_value) == (h_ok, h_value):
            continue
        if (b_ok and isinstance(b_value, (dict, list))) or (
            h_ok and isinstance(h_value, (dict, list))
        ):
            continue
        found.append(
            ValueChange(pointer, show(b_value) if b_ok else None, show(h_value) if h_ok else None)
        )
        if len(found) == MAX_VALUES:
            break
    return tuple(found)


def resolve_pointer(data: Any, pointer: str) -> tuple[bool, Any]:
    """(True, the value at the JSON pointer) or (False, None) when nothing is there."""
    if not pointer:
        return True, data
    node = data
    for token in pointer.lstrip("/").split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False, None
    return True, node


def show(value: Any) -> str:
    """A config value as YAML would show it: true, 15, null, AES-128."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- decisions ----------------------------------------------------------------------------------


def _key(d: Decision) -> tuple[str, tuple[str, ...]]:
    """What a decision is about (its control and instances), wherever it sits in the list."""
    return d.control, tuple(sorted(d.instances))


def decision_changes(
    base_doc: Located, head_doc: Located, as_of: dt.date
) -> tuple[DecisionChange, ...]:
    """Decisions added, changed or removed by the head, and the head's lapsed ones."""
    base = {_key(d): d for d in read_decisions(base_doc.data)}
    head = {_key(d): d for d in read_decisions(head_doc.data)}
    found = []
    for key in sorted(base.keys() | head.keys()):
        control = key[0]
        b, h = base.get(key), head.get(key)
        if h is None:
            assert b is not None
            found.append(
                DecisionChange(control, "removed", b, None, (), base_doc.location(b.pointer))
            )
            continue
        where = head_doc.location(h.pointer)
        expired = is_expired(h, as_of)
        if b is None:
            found.append(
                DecisionChange(control, "added", h, None, DECISION_FIELDS, where, expired)
            )
            continue
        fields = tuple(f for f in DECISION_FIELDS if getattr(b, f) != getattr(h, f))
        if fields:
            found.append(DecisionChange(control, "changed", h, b, fields, where, expired))
        elif expired:
            found.append(DecisionChange(control, "expired", h, b, (), where, True))
    found.sort(key=lambda w: (DECISION_ORDER[w.kind], w.control))
    return tuple(found)


def is_expired(decision: Decision, as_of: dt.date) -> bool:
    """Past its review date, or with no date to be reviewed by."""
    return lapsed(decision, as_of) or parse_date(decision.review_by) is None


def decision_lines(document: Located, decision: Decision) -> tuple[int, int]:
    """The first and last line of a decision's item in the YAML (for `git blame`)."""
    locations = getattr(document, "locations", {})
    start = document.location(decision.pointer).line
    own = [
        loc.line
        for p, loc in locations.items()
        if p == decision.pointer or p.startswith(decision.pointer + "/")
    ]
    last_value = max(own, default=start)
    later = [loc.line for loc in locations.values() if loc.line > last_value]
    text = getattr(document, "text", "")
    end = (min(later) - 1) if later else max(last_value, len(text.splitlines()))
    return start, max(start, end)


def attach_authors(
    delta: Delta,
    authors: Mapping[str, tuple[str, str | None]],
    self_approved: Mapping[str, bool] | None = None,
) -> Delta:
    """Set who wrote each added or changed decision ({pointer: (name, short sha or None)})
    and whether they approve it themselves (`self_approved`, as phi_policy.audit.attribution decided
    over every commit that wrote it; else the approver compared with the name)."""
    changes = []
    for w in delta.decisions:
        key = w.decision.pointer
        if key in authors and w.kind in ("added", "changed"):
            name, commit = authors[key]
            mine = (self_approved or {}).get(key)
            w = replace(
                w,
                author=name,
                author_commit=commit,
                self_approved=same_person(w.decision.approved_by, name) if mine is None else mine,
            )
        changes.append(w)
    return replace(delta, decisions=tuple(changes))


def same_person(approver: str, author: str) -> bool:
    """Whether an approver ("Dana Whitfield (CISO)") names the same person as a git author."""
    a, b = _person(approver), _person(author)
    return bool(a) and a == b


def _person(name: str) -> str:
    name = re.sub(r"\([^)]*\)|<[^>]*>", " ", name)
    return " ".join(re.sub(r"[^\w\s.'-]", " ", name).split()).casefold()


# --- gates --------------------------------------------------------------------------------------


def gate_failures(delta: Delta, settings: GateSettings) -> tuple[str, ...]:
    """One message per gate that fails; empty when every gate holds.

    --max-drop: the risk-accepted score, both rounded to 2 decimals, fell by more than the
    allowed points (a head with no score fails when the base had one). --fail-on-regression:
    a control at or above that severity passed at base and does not at head, even if the score
    rose. --fail-on-band-change: the band dropped (green to yellow, yellow to red).
    --fail-on-self-approved: a decision the head adds or changes is approved by a person who
    wrote it (phi_policy.audit.attribution).
    """
    failures = []
    base, head = delta.base.score, delta.head.score
    if settings.max_drop is not None and base is not None:
        if head is None:
            failures.append(
                f"the head has no applicable controls, so no score to compare with the "
                f"base's {base:.2f}"
            )
        else:
            # base - head, both as shown: the drop a reader computes from the two scores.
            drop = rounding.change(head, base)
            assert drop is not None
            if drop > settings.max_drop:
                failures.append(
                    f"the score dropped {drop:.2f} points, from {base:.2f} to "
                    f"{head:.2f} (--max-drop {settings.max_drop:g})"
                )
    if settings.fail_on_regression is not None:
        floor = SEVERITY_RANK[settings.fail_on_regression]
        bad = [c for c in delta.changes if c.newly_failing and SEVERITY_RANK[c.severity] >= floor]
        if bad:
            names = ", ".join(f"{c.control_id} ({c.severity}, {c.head_status})" for c in bad)
            failures.append(
                f"{len(bad)} control{'s' if len(bad) != 1 else ''} at or above "
                f"{settings.fail_on_regression} severity passed at base and "
                f"{'do' if len(bad) != 1 else 'does'} not at head: {names} "
                f"(--fail-on-regression {settings.fail_on_regression})"
            )
    if settings.fail_on_band_change and delta.base.band is not None:
        head_band = delta.head.band
        if head_band is None or BAND_RANK[head_band] < BAND_RANK[delta.base.band]:
            failures.append(
                f"the band dropped from {delta.base.band} to {head_band or 'no score'} "
                "(--fail-on-band-change)"
            )
    if settings.fail_on_self_approved:
        mine = [w for w in delta.decisions if w.self_approved]
        if mine:
            names = ", ".join(f"{w.control} (approved by {w.decision.approved_by}, written by "
                              f"{w.author})" for w in mine)
            failures.append(
                f"{len(mine)} decision{'s' if len(mine) != 1 else ''} approved by "
                f"{'their' if len(mine) != 1 else 'its'} own author: {names} "
                "(--fail-on-self-approved)"
            )
    return tuple(failures)


def gated(delta: Delta, settings: GateSettings) -> Delta:
    """The delta with its gate settings and failures recorded, for the reports."""
    return replace(delta, gate=settings, failures=gate_failures(delta, settings))


# --- one-line explanations (text and GitHub reports) --------------------------------------------


def signed(points: float) -> str:
    """ "-6.4", "+1.2", or "0.0" when it rounds to nothing."""
    text = f"{abs(points):.1f}"
    if text == "0.0":
        return "0.0"
    return ("-" if points < 0 else "+") + text


def describe(change: ControlChange) -> str:
    """The one line a reviewer can act on: points, domain, control, finding, values, where, cite."""
    line = (
        f"{signed(change.points)} {change.domain}: {change.control_id} {change.title} "
        f"({change.transition}): {change.finding}"
    )
    if change.values:
        line += " (" + "; ".join(str(v) for v in change.values) + ")"
    if change.locations:
        loc = change.locations[0]
        line += f" at {loc.file}:{loc.line}"
    if change.citations:
        line += " (" + ", ".join(c.section for c in change.citations) + ")"
    return line


def describe_decision(w: DecisionChange) -> str:
    """ "decision added for TECH-009 at phi-policy.yaml:501: approved by ..., review by ..."."""
    where = f" at {w.location.file}:{w.location.line}" if w.location else ""
    scope = f" ({', '.join(w.decision.instances)})" if w.decision.instances else ""
    text = f"decision {w.kind} for {w.control}{scope}{where}"
    if w.kind == "removed":
        return text + (
            f" (it was approved by {w.decision.approved_by}, review by {w.decision.review_by})"
        )
    text += (
        f": {w.decision.kind}, approved by {w.decision.approved_by}, review by "
        f"{w.decision.review_by}"
    )
    if w.kind == "changed":
        text += "; changed " + ", ".join(_field_change(w, f) for f in w.fields)
    if w.author:
        text += f"; written by {w.author}" + (f" in {w.author_commit}" if w.author_commit else "")
    if w.self_approved:
        text += "; self-approved: the approver is the author"
    if w.expired:
        text += "; past its review date, so it no longer counts"
    return text


def _field_change(w: DecisionChange, name: str) -> str:
    if name in ("review_by", "approved_on", "approved_by", "kind", "value") and w.previous:
        return f"{name} {getattr(w.previous, name)} -> {getattr(w.decision, name)}"
    return name


def describe_rule(r: RuleChange) -> str:
    """ "control pack file modified: rules/house.py (the base's version judged this change)"."""
    what = "control pack file" if r.kind == "control pack" else "gate file"
    moved = f" (from {r.old_path})" if r.old_path else ""
    return f"{what} {r.status}: {r.path}{moved}" + (f"; {r.note}" if r.note else "")


# --- small helpers ------------------------------------------------------------------------------


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) < 1e-9


def _or_absent(value: str | None) -> str:
    return "(absent)" if value is None else value


def _status(status: str | None, credit_: float | None) -> str:
    if status == "partial" and credit_ is not None:
        return f"partial {credit_:.2f}"
    return status or "absent"
