"""`phi-policy init`: write a starter config from a short questionnaire.

It never overwrites a file without `--force`, and writes through a temporary file in the same
folder that replaces the target in one step, so an interrupted run leaves nothing half-written.
Answers come from a terminal, from piped standard input, or with `--defaults` from nowhere; a
standard input that ends too soon is an error that says to use `--defaults`, never a hang or a
traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from phi_policy.commands.options import DATE
from phi_policy.errors import UsageError
from phi_policy.output import write_atomic

if TYPE_CHECKING:
    from phi_policy.init.answers import Answers

#: How long to wait for piped answers before saying to use --defaults.
STDIN_WAIT_SECONDS = 2.0


@click.command()
@click.argument(
    "path",
    required=False,
    default="phi-policy.yaml",
    metavar="[PATH]",
    type=click.Path(dir_okay=False),
)
@click.option(
    "--defaults",
    is_flag=True,
    help="Answer every question with its (conservative) default, without asking; whether "
    "each care area applies is left to declare.",
)
@click.option("--force", is_flag=True,
              help="Overwrite PATH if it exists, and a different org-config.schema.json beside it.")
@click.option("--no-schema", is_flag=True,
              help="Do not write org-config.schema.json beside PATH (the config's first line "
              "still names it: provide it yourself).")
@click.option(
    "--as-of",
    type=DATE,
    help="The date written as 'today' and that answers are checked against. [default: today]",
)
def init(path: str, defaults: bool, force: bool, no_schema: bool, as_of: dt.date | None) -> int:
    """Write a starter config to PATH (default: phi-policy.yaml) from a short questionnaire.

    The JSON Schema is written beside it, as org-config.schema.json, and the config's first
    line names it, so an editor checks the config as you type, offline; keep the two files
    together (`phi-policy schema --write` writes the schema again).

    The questions are the ones a HIPAA compliance calculator asks: organization, officials,
    risk analysis, training, video platform and its BAA, access control, encryption, devices,
    physical safeguards, contingency, incident response, privacy and patient identity. An
    unknown answer (an empty one, or 'unknown') is written conservatively with a TODO comment.

    Then the areas only some practices have: behavioral health, 42 CFR Part 2 records,
    minors, AI scribes and audio-only visits. Their follow-up questions (psychotherapy notes,
    Part 2 duties, the scribe's terms, the call channels) are asked only after a yes. Whether
    an area applies is never assumed: left empty, it is written as a TODO and `phi-policy
    check` lists it under "to declare" until it is answered.

    Answers may be piped, one per line. A wrong answer is followed by the answers the
    question accepts and asked again: at a terminal until it is right, from piped input once,
    and then init stops with status 2, naming the question, and writes nothing.

    \b
    Examples:
      phi-policy init
      phi-policy init --defaults clinic.yaml

    \b
    Exit status: 0 the config was written; 2 bad arguments, PATH exists (without --force),
    is a folder or cannot be written, its folder does not exist, or standard input ended
    before every question was answered; 3 internal error; 130 interrupted (nothing is
    written).
    """
    from phi_policy.config import schema_file
    from phi_policy.init import questionnaire
    from phi_policy.init.template import render_config

    today = as_of or dt.date.today()
    target = Path(path)
    _check_target(target, force)
    answers = questionnaire.defaults(today) if defaults else _ask(today)
    text = render_config(answers, today)
    _check_target(target, force)
    write_atomic(target, text)
    todos = text.count("# TODO:")
    click.echo(f"wrote {target} ({todos} TODO comments mark answers to complete)")
    if not no_schema:
        beside = target.parent / schema_file.SCHEMA_FILE
        written = schema_file.write(beside, force=force)
        if written == "differs":
            click.echo(f"phi-policy: note: kept {beside}, which is not this version's schema; "
                       f"`phi-policy schema --write {beside} --force` replaces it", err=True)
        else:
            click.echo(f"{'wrote' if written == 'written' else 'kept'} {beside}, the schema "
                       "that editors check the config against")
    click.echo("Next steps:")
    click.echo(f"  1. Replace each TODO in {target} with what is true for your organization.")
    click.echo(f"  2. phi-policy validate {target}   # check it against the schema")
    click.echo(f"  3. phi-policy check {target}      # score it and see what to fix first")
    click.echo(f"  4. git add {target} && git commit   # its history is the evidence")
    return 0


def _check_target(target: Path, force: bool) -> None:
    if target.is_dir():
        raise UsageError(f"{target} is a folder", hint="give the path of the YAML file to write")
    if target.exists() and not force:
        raise UsageError(
            f"{target} already exists; nothing was written",
            hint="pass --force to overwrite it, or give another PATH",
        )
    if not target.parent.is_dir():
        raise UsageError(
            f"folder {target.parent} does not exist", hint="create it first, or give another PATH"
        )


#: How often a wrong piped answer is asked again before init stops: each retry reads the line
#: meant for a later question, so more would only shift every answer after it.
PIPED_RETRIES = 1


def _ask(as_of: dt.date) -> Answers:
    from phi_policy.init.question import accepted
    from phi_policy.init.questionnaire import NoValidAnswer, ask

    stdin = sys.stdin
    piped = stdin is None or stdin.closed or not stdin.isatty()
    if piped:
        if stdin is None or stdin.closed or not _has_input(stdin):
            raise UsageError(
                "standard input is not a terminal and gives no answers",
                hint="run `phi-policy init --defaults` to write the conservative defaults "
                "without questions",
            )
        click.echo(
            "phi-policy: standard input is not a terminal: reading the answers from it", err=True
        )
    click.echo(
        "Answer each question; press Enter for the default in brackets. Empty means unknown."
    )
    try:
        answers = ask(as_of, retries=PIPED_RETRIES if piped else None)
    except NoValidAnswer as wrong:
        raise UsageError(
            f"no valid answer to {wrong.question.text!r} ({wrong.question.section}) after "
            f"{PIPED_RETRIES + 1} tries: {wrong.error}; nothing was written",
            hint=f"answer it with {accepted(wrong.question, as_of)}; check that the piped "
            "answers are one per line, in the order of the questions",
        ) from None
    except click.exceptions.Abort as abort:
        if isinstance(abort.__context__, EOFError):
            raise UsageError(
                "standard input ended before every question was answered; nothing was written",
                hint="answer every question, or run `phi-policy init --defaults`",
            ) from None
        raise
    return answers


def _has_input(stream: IO[str]) -> bool:
    """False when a pipe stays silent (a CI job without input) rather than waiting for ever."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        return True  # an in-memory stream (tests, embedding): reading will not block
    if os.name != "posix":
        return True
    import select

    try:
        ready, _, _ = select.select([fd], [], [], STDIN_WAIT_SECONDS)
    except (OSError, ValueError):
        return True
    return bool(ready)
