"""The `phi-policy init` questionnaire: the questions in order, asked or answered by default.

`--defaults` takes every default without asking; otherwise `ask` prompts, says what a wrong
answer should have been (the answers it accepts) and asks again: at a terminal until the
answer parses, from piped input once, and then stops naming the question, since every further
line read would be the answer to a later question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import cast

import click

from phi_policy.init.answers import Answers
from phi_policy.init.care_area_questions import CARE_AREA_QUESTIONS
from phi_policy.init.question import Question, Value, accepted, parse
from phi_policy.init.safeguard_questions import SAFEGUARD_QUESTIONS

#: Every question, in the order asked: the areas that apply to some practices come last, so
#: piped answers written for the safeguard questions keep their positions.
QUESTIONS: tuple[Question, ...] = SAFEGUARD_QUESTIONS + CARE_AREA_QUESTIONS


class NoValidAnswer(Exception):
    """Piped input answered a question wrongly twice; `question` and `error` say which and why."""

    def __init__(self, question: Question, error: str) -> None:
        super().__init__(error)
        self.question = question
        self.error = error


def defaults(as_of: dt.date) -> Answers:
    """Every question answered with its default (what `--defaults` writes)."""
    answers: dict[str, Value] = {}
    for q in QUESTIONS:
        if q.asked(answers):
            answers[q.key] = q.default if q.kind == "bool" else parse(q, q.default, as_of)
    return cast(Answers, answers)


def ask(
    as_of: dt.date, echo: Callable[[str], None] = click.echo, retries: int | None = None
) -> Answers:
    """Prompt for every question that applies, in order.

    A wrong answer is followed by what was wrong and the answers accepted, and the question is
    asked again: without end when `retries` is None (a person at a terminal), else at most
    `retries` times before NoValidAnswer (piped answers, where each retry reads the line meant
    for a later question). Raises click.Abort on EOF or Ctrl-C.
    """
    answers: dict[str, Value] = {}
    section = ""
    for q in QUESTIONS:
        if not q.asked(answers):
            continue
        if q.section != section:
            section = q.section
            echo(f"\n{section}")
        answers[q.key] = _answer(q, as_of, echo, retries)
    return cast(Answers, answers)


def _answer(
    q: Question, as_of: dt.date, echo: Callable[[str], None], retries: int | None
) -> Value:
    text, default = f"  {q.text}", q.default
    if q.kind == "bool":
        text += " [Y/n]" if q.default else " [y/N]"
        default = "y" if q.default else "n"
    elif q.kind == "applies":
        text += " [y/n, empty if unknown]"
    elif q.kind == "choice":
        text += f" ({'/'.join(q.choices)})"
    elif q.default == "" and "empty" not in q.text:
        text += " [empty if unknown]"
    wrong = 0
    while True:
        typed = click.prompt(
            text,
            default=default,
            show_default=q.kind not in ("bool", "applies") and default != "",
            type=click.STRING,
        )
        try:
            return parse(q, str(typed), as_of)
        except ValueError as error:
            if retries is not None and wrong >= retries:
                raise NoValidAnswer(q, str(error)) from None
            wrong += 1
            echo(f"Error: {error}")
            echo(f"  Accepted: {accepted(q, as_of)}.")
