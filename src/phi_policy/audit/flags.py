"""The evidence bundle's flags: what in the config's history an auditor should look at.

What git can prove is limited, and the flags say so: author and committer are claims made by
whoever committed (recorded separately), dates are claims too (a commit dated before its
parent is flagged), and only a good signature ties a commit to a key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from phi_policy.audit.attribution import approver_matches, same_person
from phi_policy.audit.history import SHORT, History, Row
from phi_policy.model import Decision

FLAG_KINDS = (
    "signature",
    "date_before_parent",
    "future_date",
    "author_not_committer",
    "direct_push",
    "self_approved_decision",
)
#: Signature statuses flagged whatever the policy: they say something is wrong.
ALWAYS_FLAGGED = frozenset({"bad", "revoked"})
SIGNATURE_WORDS = {
    "bad": "has a BAD signature",
    "revoked": "is signed with a revoked key",
    "unsigned": "is unsigned",
    "unknown_key": "is signed with a key this machine cannot check (unknown or untrusted)",
    "expired": "is signed with an expired key or signature",
}


@dataclass(frozen=True)
class Flag:
    """Something in the history an auditor should look at, and why."""

    kind: str
    commit: str
    message: str


def _same_identity(c: Any) -> bool:
    return c.author_email.casefold() == c.committer_email.casefold() or same_person(
        c.author_name, c.committer_name
    )


def _who(name: str, email: str) -> str:
    return f"{name} <{email}>"


def flags(history: History, *, require_signed: bool = False) -> list[Flag]:
    """The flags for the commits of the period, in commit order.

    - signature: bad or revoked always; with `require_signed`, anything but a good signature;
    - date_before_parent: a committer date earlier than a parent's (dates are claims);
    - future_date: a committer date after the date the run took as today (`Row.dating`);
    - author_not_committer: git records two people; the bundle shows both;
    - direct_push (first-parent history only): a non-merge commit on the branch whose author
      is its committer, so no second person merged it (a heuristic: a local fast-forward
      merge after an off-line review looks the same);
    - self_approved_decision: the commit adds or changes a documented decision its own author
      approves (by name in any common form, or by e-mail:
      phi_policy.audit.attribution.approver_matches).
    """
    found: list[Flag] = []
    previous: Row | None = history.before if history.before and history.before.verdict else None
    for row in history.rows:
        c, short = row.commit, row.commit.sha[:SHORT]
        status = c.signature
        if status in ALWAYS_FLAGGED or (require_signed and status != "good"):
            policy = " (the policy asks for signed commits)" if require_signed else ""
            words = SIGNATURE_WORDS.get(status, status)
            found.append(Flag("signature", c.sha, f"commit {short} {words}{policy}"))
        found += [Flag(note.kind, note.commit, note.message) for note in row.dating]
        same = _same_identity(c)
        if not same:
            found.append(Flag(
                "author_not_committer", c.sha,
                f"commit {short} was authored by {_who(c.author_name, c.author_email)} and "
                f"committed by {_who(c.committer_name, c.committer_email)}",
            ))
        if history.first_parent and same and len(c.parents) <= 1:
            found.append(Flag(
                "direct_push", c.sha,
                f"commit {short} by {c.author_name} landed on the branch without a merge by a "
                "second person (author and committer are the same)",
            ))
        if row.verdict is not None:
            known = {_decision_key(d) for d in previous.decisions} if previous else set()
            for decision in row.decisions:
                if _decision_key(decision) in known:
                    continue
                if approver_matches(decision.approved_by, c.author_name, c.author_email):
                    found.append(Flag(
                        "self_approved_decision", c.sha,
                        f"commit {short} by {c.author_name} adds or changes the decision for "
                        f"{decision.control}, approved by {decision.approved_by}: the approver "
                        "is the author",
                    ))
            previous = row
    return found


def _decision_key(d: Decision) -> tuple[object, ...]:
    """A decision's content, wherever it sits in the list."""
    return (
        d.control, d.kind, d.instances, d.value, d.reason, d.alternative_measure, d.approved_by,
        d.approved_on, d.review_by,
    )
