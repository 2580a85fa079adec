"""The documented decisions a pull request adds, changes or removes, and who wrote them.

A decision lets a control pass without its setting, so the diff lists every such change
for a reviewer, whatever it does to the score; lapsed ones too, since they no longer count.
Who wrote each one comes in from git as plain values (phi_policy.diff.authors).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from phi_policy.audit.attribution import same_person
from phi_policy.config.decisions import lapsed, read_decisions
from phi_policy.control import parse_date
from phi_policy.model import Decision, Located
from phi_policy.model.delta import DecisionChange, Delta

DECISION_ORDER: dict[str, int] = {"added": 0, "changed": 1, "expired": 2, "removed": 3}
DECISION_FIELDS = (
    "kind", "instances", "value", "reason", "alternative_measure", "approved_by", "approved_on",
    "review_by",
)


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
    and whether they approve it themselves (`self_approved`, as phi_policy.audit.attribution
    decided over every commit that wrote it; else the approver compared with the name)."""
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
