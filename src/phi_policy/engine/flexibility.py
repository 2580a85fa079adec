"""The flexibility of 164.306(b): a small organization's size shapes how, never whether.

164.306(b) lets a covered entity or business associate use any security measures that
reasonably and appropriately implement the Security Rule, taking into account its size,
complexity and capabilities, among other factors. The config records the size
(organization.size). It never changes a result: a required specification is required whatever
the size, and a decision still has to be written down to count. It changes what a finding
says to a small organization that fails an addressable specification or a Security Rule
benchmark: that its size is a legitimate factor, and how the rule lets it act on that (a
documented decision), so that a solo practice is not told to buy what a hospital buys.
Privacy Rule findings get no note: 164.306(b) belongs to the Security Rule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from phi_policy.catalog.packs import Control
from phi_policy.catalog.vocabulary import FRAMEWORKS
from phi_policy.model import Outcome

SECURITY_RULE = FRAMEWORKS["security_rule"]

NOTES = {
    "addressable": "164.306(b) lets a small organization weigh its size, complexity and "
    "capabilities in deciding how to meet this specification: if it is not reasonable and "
    "appropriate as stated, record a decision saying why and what is done instead "
    "(164.306(d)(3))",
    "benchmark": "164.306(b) lets a small organization weigh its size, complexity and "
    "capabilities: a documented decision may tailor this benchmark to what is reasonable for it",
}


def size_note(control: Control, config: Mapping[str, Any]) -> str | None:
    """The note for `control`'s finding in `config`, or None where size changes nothing."""
    organization = config.get("organization")
    if not isinstance(organization, Mapping) or organization.get("size") != "small":
        return None
    if not control.citations or control.citations[0].framework != SECURITY_RULE:
        return None
    return NOTES.get(control.basis)


def noted(outcome: Outcome, control: Control, config: Mapping[str, Any]) -> Outcome:
    """`outcome` with the size note appended when it fails or is partial; else unchanged."""
    if outcome.status not in ("fail", "partial"):
        return outcome
    note = size_note(control, config)
    if note is None:
        return outcome
    return dataclasses.replace(outcome, message=f"{outcome.message}; {note}")
