"""The `phi-policy init` questionnaire: the questions a HIPAA compliance calculator asks, as data.

Each question names its answer, its kind and its default. Defaults are conservative: a
safeguard not confirmed is "not in place" and a date not known is left out, so a starter
config never scores better than what someone actually knows. `--defaults` takes every default
without asking; otherwise `ask` prompts, says what a wrong answer should have been (the
answers it accepts) and asks again: at a terminal until the answer parses, from piped input
once, and then stops naming the question, since every further line read would be the answer
to a later question.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import click

Kind = Literal["text", "int", "bool", "date", "choice", "list"]
Answers = dict[str, Any]

#: A date answer for "does not expire" (a BAA with no end date).
NO_EXPIRY = "none"
UNKNOWN = "unknown"
DEFAULT_ORG_NAME = "My Telehealth Organization"
STATE = re.compile(r"^[A-Z]{2}$")
ID_METHODS = (
    "government_id",
    "knowledge_based",
    "video_id_match",
    "patient_portal_login",
    "insurance_card",
    "verbal_demographics",
    "two_factor_sms",
)


@dataclass(frozen=True)
class Question:
    """One question. `when` says, from the answers so far, whether it is asked at all."""

    key: str
    text: str
    kind: Kind
    default: Any
    section: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    past: bool = True
    when: Callable[[Mapping[str, Any]], bool] | None = None


def _yes(key: str) -> Callable[[Mapping[str, Any]], bool]:
    return lambda answers: bool(answers.get(key))


def _encrypted(answers: Mapping[str, Any]) -> bool:
    return answers.get("at_rest_algorithm") not in (None, "none", UNKNOWN)


QUESTIONS: tuple[Question, ...] = (
    Question("org_name", "Organization name", "text", DEFAULT_ORG_NAME, "Organization"),
    Question(
        "org_type",
        "Entity type",
        "choice",
        "covered_entity",
        "Organization",
        choices=("covered_entity", "business_associate", "hybrid_entity"),
    ),
    Question(
        "org_size",
        "Size (small <50 workforce, medium 50-500, large >500)",
        "choice",
        "small",
        "Organization",
        choices=("small", "medium", "large"),
    ),
    Question(
        "sites", "Number of physical sites (0 = fully virtual)", "int", 1, "Organization", minimum=0
    ),
    Question(
        "states",
        "States where you see patients (2-letter codes, comma-separated)",
        "list",
        "",
        "Organization",
    ),
    Question(
        "security_official", "Security official's name (164.308(a)(2))", "text", "", "Officials"
    ),
    Question("privacy_official", "Privacy official's name (164.530(a))", "text", "", "Officials"),
    Question(
        "risk_analysis_date",
        "Date of the last risk analysis (YYYY-MM-DD)",
        "date",
        "",
        "Risk analysis",
    ),
    Question(
        "training_frequency_months",
        "Security training cadence in months",
        "int",
        12,
        "Training",
        minimum=1,
        maximum=60,
    ),
    Question(
        "training_last_completed",
        "Date the last training cycle was completed (YYYY-MM-DD)",
        "date",
        "",
        "Training",
    ),
    Question(
        "video_platform", "Video visit platform name (empty if none)", "text", "", "Platforms"
    ),
    Question(
        "video_vendor",
        "Its vendor (empty if the same as the platform name)",
        "text",
        "",
        "Platforms",
        when=_yes("video_platform"),
    ),
    Question(
        "video_e2ee",
        "Are its video visits end-to-end encrypted?",
        "bool",
        False,
        "Platforms",
        when=_yes("video_platform"),
    ),
    Question(
        "video_baa_signed",
        "Is a business associate agreement (BAA) signed with the vendor?",
        "bool",
        False,
        "Platforms",
        when=_yes("video_platform"),
    ),
    Question(
        "video_baa_expires",
        "When does the BAA expire (YYYY-MM-DD, or 'none' if it does not)",
        "date",
        "",
        "Platforms",
        past=False,
        when=_yes("video_baa_signed"),
    ),
    Question(
        "mfa_remote",
        "Is multi-factor authentication required for remote access?",
        "bool",
        False,
        "Access control",
    ),
    Question(
        "mfa_admin",
        "Is multi-factor authentication required for administrative access?",
        "bool",
        False,
        "Access control",
    ),
    Question(
        "logoff_minutes",
        "Automatic logoff after how many minutes of inactivity",
        "int",
        "",
        "Access control",
        minimum=1,
        maximum=1440,
    ),
    Question(
        "at_rest_algorithm",
        "Encryption of ePHI at rest",
        "choice",
        UNKNOWN,
        "Encryption",
        choices=("AES-256", "AES-192", "AES-128", "other", "none", UNKNOWN),
    ),
    Question(
        "at_rest_fips",
        "Are the encryption modules FIPS 140 validated?",
        "bool",
        False,
        "Encryption",
        when=_encrypted,
    ),
    Question(
        "tls_min_version",
        "Minimum TLS version accepted for ePHI in transit",
        "choice",
        UNKNOWN,
        "Encryption",
        choices=("1.3", "1.2", "1.1", "1.0", UNKNOWN),
    ),
    Question(
        "byod_allowed",
        "Do staff use personal phones, tablets or laptops for ePHI or telehealth?",
        "bool",
        True,
        "Devices",
    ),
    Question(
        "byod_mdm",
        "Is mobile device management (MDM) required on them?",
        "bool",
        False,
        "Devices",
        when=_yes("byod_allowed"),
    ),
    Question(
        "byod_remote_wipe",
        "Can they be wiped remotely?",
        "bool",
        False,
        "Devices",
        when=_yes("byod_allowed"),
    ),
    Question(
        "byod_containerization",
        "Is ePHI kept in a managed container or work profile on them?",
        "bool",
        False,
        "Devices",
        when=_yes("byod_allowed"),
    ),
    Question(
        "facility_plan", "Is there a written facility security plan?", "bool", False, "Physical"
    ),
    Question(
        "disposal_method",
        "How are devices and media holding ePHI disposed of",
        "choice",
        UNKNOWN,
        "Physical",
        choices=(
            "nist_800_88_clear",
            "nist_800_88_purge",
            "nist_800_88_destroy",
            "vendor_certified",
            "none",
            UNKNOWN,
        ),
    ),
    Question("backups", "Are ePHI backups taken?", "bool", False, "Contingency"),
    Question(
        "backup_last_restore_test",
        "Date of the last test restore from backup (YYYY-MM-DD)",
        "date",
        "",
        "Contingency",
        when=_yes("backups"),
    ),
    Question(
        "contingency_last_test",
        "Date the contingency plan was last tested (YYYY-MM-DD)",
        "date",
        "",
        "Contingency",
    ),
    Question(
        "ir_plan",
        "Is there a documented incident response plan?",
        "bool",
        False,
        "Incident response",
    ),
    Question(
        "npp_published", "Is a notice of privacy practices published?", "bool", False, "Privacy"
    ),
    Question(
        "npp_telehealth",
        "Does it cover telehealth visits?",
        "bool",
        False,
        "Privacy",
        when=_yes("npp_published"),
    ),
    Question(
        "id_methods",
        "How is a patient's identity verified (comma-separated: " + ", ".join(ID_METHODS) + ")",
        "list",
        "",
        "Patient identity",
        choices=ID_METHODS,
    ),
    Question(
        "controlled_substances",
        "Are controlled substances prescribed through telehealth?",
        "bool",
        True,
        "Patient identity",
    ),
    Question(
        "cs_enhanced",
        "Is identity verified with extra steps before prescribing them?",
        "bool",
        False,
        "Patient identity",
        when=_yes("controlled_substances"),
    ),
)


YES = ("y", "yes")
NO = ("n", "no")


class NoValidAnswer(Exception):
    """Piped input answered a question wrongly twice; `question` and `error` say which and why."""

    def __init__(self, question: Question, error: str) -> None:
        super().__init__(error)
        self.question = question
        self.error = error


def parse(question: Question, value: Any, as_of: dt.date) -> Any:
    """An answer as typed, checked and normalised; raises ValueError with what to type instead."""
    text = str(value).strip()
    if question.kind == "text":
        return text
    if question.kind == "bool":
        if text.lower() in YES:
            return True
        if text.lower() in NO:
            return False
        raise ValueError(f"{text!r} is not yes or no")
    if question.kind == "int":
        if text == "":
            return ""
        if not re.fullmatch(r"-?[0-9]+", text):
            raise ValueError(f"{text!r} is not a whole number")
        number = int(text)
        if question.minimum is not None and number < question.minimum:
            raise ValueError(f"{number} is less than {question.minimum}")
        if question.maximum is not None and number > question.maximum:
            raise ValueError(f"{number} is more than {question.maximum}")
        return number
    if question.kind == "date":
        if text == "" or (not question.past and text.lower() == NO_EXPIRY):
            return text.lower()
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"{text!r} is not a date; write it as YYYY-MM-DD, or leave it empty if unknown"
            ) from None
        if question.past and day > as_of:
            raise ValueError(f"{day} is after {as_of}; this is a date in the past")
        return day.isoformat()
    if question.kind == "choice":
        if text not in question.choices:
            raise ValueError(f"{text!r} is not one of {', '.join(question.choices)}")
        return text
    if question.kind == "list":
        items = [part.strip() for part in text.split(",") if part.strip()]
        if not question.choices:
            items = [item.upper() for item in items]
            bad = [item for item in items if not STATE.match(item)]
            if bad:
                raise ValueError(
                    f"{', '.join(bad)}: write each state as its 2-letter code, e.g. WA, OR"
                )
        else:
            bad = [item for item in items if item not in question.choices]
            if bad:
                raise ValueError(f"{', '.join(bad)}: choose from {', '.join(question.choices)}")
        return list(dict.fromkeys(items))
    raise AssertionError(question.kind)  # pragma: no cover


def accepted(question: Question, as_of: dt.date) -> str:
    """The answers a question accepts, in words: shown after a wrong answer and in the error."""
    q = question
    if q.kind == "bool":
        return "y, yes, n or no (Enter for the default)"
    if q.kind == "int":
        if q.minimum is not None and q.maximum is not None:
            bounds = f" from {q.minimum} to {q.maximum}"
        elif q.minimum is not None:
            bounds = f", {q.minimum} or more"
        elif q.maximum is not None:
            bounds = f" up to {q.maximum}"
        else:
            bounds = ""
        return f"a whole number{bounds}, or nothing if unknown"
    if q.kind == "date":
        when = f"on or before {as_of.isoformat()}" if q.past else "any date"
        never = f", {NO_EXPIRY} if it does not expire" if not q.past else ""
        return f"a date written YYYY-MM-DD, {when}{never}, or nothing if unknown"
    if q.kind == "choice":
        return "one of " + ", ".join(q.choices)
    if q.kind == "list" and q.choices:
        return "any of " + ", ".join(q.choices) + ", separated by commas, or nothing"
    if q.kind == "list":
        return "2-letter state codes separated by commas (e.g. WA, OR), or nothing"
    return "any text"


def _asked(question: Question, answers: Mapping[str, Any]) -> bool:
    return question.when is None or question.when(answers)


def defaults(as_of: dt.date) -> Answers:
    """Every question answered with its default (what `--defaults` writes)."""
    answers: Answers = {}
    for q in QUESTIONS:
        if _asked(q, answers):
            answers[q.key] = q.default if q.kind == "bool" else parse(q, q.default, as_of)
    return answers


def ask(
    as_of: dt.date, echo: Callable[[str], None] = click.echo, retries: int | None = None
) -> Answers:
    """Prompt for every question that applies, in order.

    A wrong answer is followed by what was wrong and the answers accepted, and the question is
    asked again: without end when `retries` is None (a person at a terminal), else at most
    `retries` times before NoValidAnswer (piped answers, where each retry reads the line meant
    for a later question). Raises click.Abort on EOF or Ctrl-C.
    """
    answers: Answers = {}
    section = ""
    for q in QUESTIONS:
        if not _asked(q, answers):
            continue
        if q.section != section:
            section = q.section
            echo(f"\n{section}")
        answers[q.key] = _answer(q, as_of, echo, retries)
    return answers


def _answer(q: Question, as_of: dt.date, echo: Callable[[str], None], retries: int | None) -> Any:
    text, default = f"  {q.text}", q.default
    if q.kind == "bool":
        text += " [Y/n]" if q.default else " [y/N]"
        default = "y" if q.default else "n"
    elif q.kind == "choice":
        text += f" ({'/'.join(q.choices)})"
    elif q.default == "" and "empty" not in q.text:
        text += " [empty if unknown]"
    wrong = 0
    while True:
        typed = click.prompt(
            text,
            default=default,
            show_default=q.kind != "bool" and default != "",
            type=click.STRING,
        )
        try:
            return parse(q, typed, as_of)
        except ValueError as error:
            if retries is not None and wrong >= retries:
                raise NoValidAnswer(q, str(error)) from None
            wrong += 1
            echo(f"Error: {error}")
            echo(f"  Accepted: {accepted(q, as_of)}.")
