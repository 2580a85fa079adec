"""The applicability keys: settings that decide whether whole controls apply, listed once.

Most settings are safeguards, and an absent one counts as not in place. These are different:
whether the organization holds 42 CFR Part 2 records, uses AI scribes, treats minors or
provides behavioral health care decides whether a control applies at all, and no answer can be
guessed for it. An absent applicability key is therefore neither a pass nor a fail: the
controls that depend on it are unscored, evaluation lists it under "to declare"
(`Assessment.to_declare`), and `validate --strict`, which runs no control, fails on it. Both
read this one table, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from phi_policy.model import ToDeclare

_ABSENT = object()


def _true(pointer: str) -> Callable[[Mapping[str, Any]], bool]:
    return lambda config: value_at(config, pointer) is True


def _offers_audio_only(config: Mapping[str, Any]) -> bool:
    services = value_at(config, "/organization/telehealth_services")
    return isinstance(services, list) and "audio_only" in services


@dataclass(frozen=True)
class Declaration:
    """One applicability key: the question it answers, how to answer it, what depends on it.

    `asked_when` says whether the question arises for a config (whether psychotherapy notes
    are kept matters only to a behavioral health practice); None when every organization must
    answer it.
    """

    pointer: str
    question: str
    hint: str
    controls: tuple[str, ...]
    asked_when: Callable[[Mapping[str, Any]], bool] | None = None

    def entry(self, known: Collection[str] | None = None) -> ToDeclare:
        """The report's item for this key, naming only the controls in `known` (when given)."""
        ids = self.controls if known is None else tuple(c for c in self.controls if c in known)
        return ToDeclare(self.pointer, self.question, self.hint, ids)


DECLARATIONS: tuple[Declaration, ...] = (
    Declaration(
        "/organization/holds_part2_records",
        "Does the organization hold substance use disorder records protected by 42 CFR Part 2?",
        "set organization.holds_part2_records to true (a federally assisted SUD program, or a "
        "holder of its records) or false",
        ("PART2-001", "PART2-002", "PART2-003", "PART2-004"),
    ),
    Declaration(
        "/organization/uses_ai_scribes",
        "Do clinicians use AI scribes or ambient listening tools that record or transcribe "
        "visits?",
        "set organization.uses_ai_scribes to true (and list each tool as a platform with "
        "purpose ai_scribe) or false",
        ("TELE-001", "TELE-002", "TELE-003"),
    ),
    Declaration(
        "/organization/treats_minors",
        "Does the organization treat patients under 18?",
        "set organization.treats_minors to true or false",
        ("TELE-009",),
    ),
    Declaration(
        "/organization/behavioral_health",
        "Does the organization provide mental health or substance use disorder treatment?",
        "set organization.behavioral_health to true or false",
        ("TELE-006", "TELE-007"),
    ),
    Declaration(
        "/privacy/psychotherapy_notes/kept",
        "Do clinicians keep psychotherapy notes apart from the medical record?",
        "set privacy.psychotherapy_notes.kept to true or false",
        ("TELE-006",),
        asked_when=_true("/organization/behavioral_health"),
    ),
    Declaration(
        "/audio_only/channels",
        "Over which channels are audio-only visits carried: landline, cellular, VoIP or an app? "
        "(HHS: the Security Rule applies to all but a traditional landline)",
        "list them in audio_only.channels (landline, cellular, voip, app)",
        ("TELE-004", "TELE-005"),
        asked_when=_offers_audio_only,
    ),
)

_BY_POINTER = {d.pointer: d for d in DECLARATIONS}


def value_at(config: Mapping[str, Any], pointer: str) -> object:
    """The value at a JSON pointer of plain data, or a sentinel when absent (see `absent`)."""
    node: object = config
    for part in pointer.split("/")[1:]:
        if not isinstance(node, Mapping) or part not in node:
            return _ABSENT
        node = node[part]
    return node


def absent(value: object) -> bool:
    """Whether `value_at` found nothing."""
    return value is _ABSENT


def declaration(pointer: str) -> Declaration:
    """The declaration of an applicability key (KeyError for a pointer that is not one)."""
    return _BY_POINTER[pointer]


def undeclared(config: Mapping[str, Any]) -> tuple[Declaration, ...]:
    """The applicability keys `config` leaves out, among those its answers make relevant."""
    missing = []
    for item in DECLARATIONS:
        if item.asked_when is not None and not item.asked_when(config):
            continue
        if absent(value_at(config, item.pointer)):
            missing.append(item)
    return tuple(missing)


def to_declare(config: Mapping[str, Any], known: Collection[str]) -> tuple[ToDeclare, ...]:
    """The report's "to declare" list: each undeclared key with the evaluated controls that
    wait on it (a key none of whose controls ran, under a custom catalog, is left out)."""
    entries = (item.entry(known) for item in undeclared(config))
    return tuple(e for e in entries if e.controls)
