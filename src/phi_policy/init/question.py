"""One `phi-policy init` question: its kind, and how a typed answer to it is checked.

A wrong answer raises ValueError saying what to type instead, and `accepted` puts every
answer a question takes into words, so the prompt after a mistake and the error after a
second piped mistake say the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from phi_policy.init.answers import NO_EXPIRY, UNKNOWN

#: `applies` is yes, no or unknown: whether a whole area (Part 2 records, minors) applies,
#: where no answer may be assumed, unlike a safeguard's `bool` whose default is "not in place".
Kind = Literal["text", "int", "bool", "applies", "date", "choice", "list"]
#: What an answer parses to (see init.answers.Answers for which key holds which).
Value = str | int | bool | list[str] | None
#: The answers so far, which decide whether a follow-up question is asked.
Given = Mapping[str, Value]

STATE = re.compile(r"^[A-Z]{2}$")
YES = ("y", "yes")
NO = ("n", "no")


@dataclass(frozen=True)
class Question:
    """One question. `when` says, from the answers so far, whether it is asked at all."""

    key: str
    text: str
    kind: Kind
    default: Value
    section: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    past: bool = True
    when: Callable[[Given], bool] | None = None

    def asked(self, answers: Given) -> bool:
        """Whether this question applies, given the answers before it."""
        return self.when is None or self.when(answers)


def yes(key: str) -> Callable[[Given], bool]:
    """A `when` for a follow-up asked only after a yes (or a non-empty answer) to `key`."""
    return lambda answers: bool(answers.get(key))


def parse(question: Question, value: Value, as_of: dt.date) -> Value:
    """An answer as typed, checked and normalised; raises ValueError with what to type instead."""
    text = str(value).strip()
    if question.kind == "text":
        return text
    if question.kind in ("bool", "applies"):
        if text.lower() in YES:
            return True
        if text.lower() in NO:
            return False
        if question.kind == "applies" and text.lower() in ("", "none", UNKNOWN):
            return None
        raise ValueError(f"{text!r} is not yes or no")
    if question.kind == "int":
        return _number(question, text)
    if question.kind == "date":
        return _date(question, text, as_of)
    if question.kind == "choice":
        if text not in question.choices:
            raise ValueError(f"{text!r} is not one of {', '.join(question.choices)}")
        return text
    if question.kind == "list":
        return _items(question, text)
    raise AssertionError(question.kind)  # pragma: no cover


def _number(question: Question, text: str) -> int | str:
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


def _date(question: Question, text: str, as_of: dt.date) -> str:
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


def _items(question: Question, text: str) -> list[str]:
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


def accepted(question: Question, as_of: dt.date) -> str:
    """The answers a question accepts, in words: shown after a wrong answer and in the error."""
    q = question
    if q.kind == "bool":
        return "y, yes, n or no (Enter for the default)"
    if q.kind == "applies":
        return "y, yes, n or no, or nothing if unknown"
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
