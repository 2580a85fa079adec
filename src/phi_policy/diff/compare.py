"""Compare two assessments of one config into a Delta, the way a reviewer reads a pull request.

Pure: the base and head documents and assessments go in, a Delta comes out; git facts (which
pack files changed) are passed in as plain values by phi_policy.diff.single and .many.

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

from collections.abc import Iterable
from typing import Any

from phi_policy.diff.decisions import decision_changes
from phi_policy.engine.scoring import counts, credit
from phi_policy.model import SEVERITY_RANK, Assessment, Located, Result
from phi_policy.model.delta import (
    ChangeKind,
    ControlChange,
    Delta,
    DomainChange,
    RuleChange,
    Side,
    ValueChange,
    same_score,
)

KIND_ORDER: dict[str, int] = {"regressed": 0, "improved": 1, "changed": 2, "added": 3, "removed": 4}
MAX_VALUES = 3


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


def classify(base: Result | None, head: Result | None) -> ChangeKind | None:
    """How a control changed from base to head (module docstring), or None if it did not."""
    if base is None:
        return None if head is None else "added"
    if head is None:
        return "removed"
    b, h = base.outcome, head.outcome
    b_status, h_status = shown_status(base), shown_status(head)
    if b_status == h_status and same_score(b.credit, h.credit):
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


def _by_credit(base: float, head: float) -> ChangeKind:
    if head < base - 1e-9:
        return "regressed"
    if head > base + 1e-9:
        return "improved"
    return "changed"


def _change(
    kind: ChangeKind,
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
    """A config value as YAML would show it: true, 15, null, AES-128, so that a reviewer reads
    the value as they wrote it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
