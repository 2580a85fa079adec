"""Commented YAML written line by line: the writer every section of the starter config uses.

The starter config is text, not a dumped mapping, because its comments (what a section is,
which HIPAA section asks for it, what each TODO should become) are the point of it. An unknown
answer never becomes a claim: `flag` writes a safeguard not confirmed as not in place, and
`missing` leaves an unknown value commented out, each with a `# TODO:`.
"""

from __future__ import annotations

import re
import textwrap

import yaml

from phi_policy.init.question import Value

WIDTH = 96
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def scalar(value: Value) -> str:
    """A value as one line of YAML (quoted only where YAML would misread it)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return value  # written plain, like every date in the examples; the loader keeps it a string
    text = yaml.safe_dump([value], default_flow_style=True, width=10**9, allow_unicode=True).strip()
    return text[1:-1]


class Writer:
    """The lines written so far; a section appends to them in the order they appear."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def blank(self) -> None:
        self.lines.append("")

    def comment(self, text: str, indent: int = 0) -> None:
        """`text` as comment lines wrapped to the width, so no line is too long to read."""
        pad = " " * indent + "# "
        self.lines += textwrap.wrap(
            text, WIDTH - len(pad), initial_indent=pad, subsequent_indent=pad
        )

    def section(self, name: str, about: str) -> None:
        """A top-level key after a comment saying what it is and which rule asks for it."""
        self.blank()
        self.comment(about)
        self.lines.append(f"{name}:")

    def open(self, name: str, indent: int) -> None:
        """A mapping key whose entries follow, indented."""
        self.lines.append(" " * indent + f"{name}:")

    def key(
        self, name: str, value: Value, indent: int, todo: str | None = None, note: str | None = None
    ) -> None:
        """One `name: value` line, with a TODO (what to complete) or else a note after it."""
        line = " " * indent + f"{name}: {scalar(value)}"
        if todo:
            line += f"  # TODO: {todo}"
        elif note:
            line += f"  # {note}"
        self.lines.append(line)

    def missing(self, name: str, example: str, indent: int, todo: str) -> None:
        """A key left out because its value is unknown, shown commented out with what to write."""
        self.lines.append(" " * indent + f"# {name}: {example}  # TODO: {todo}")

    def flag(self, name: str, answer: Value, indent: int, todo: str) -> None:
        """A yes/no safeguard: true as answered, false (not in place) with a TODO otherwise."""
        if answer:
            self.key(name, True, indent)
        else:
            self.key(name, False, indent, todo)

    def date(self, name: str, answer: Value, indent: int, todo: str) -> None:
        """A date as answered, or commented out with a TODO when unknown."""
        if answer:
            self.key(name, answer, indent)
        else:
            self.missing(name, "YYYY-MM-DD", indent, todo)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"
