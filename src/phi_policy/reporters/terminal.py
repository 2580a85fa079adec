"""Fitting text output to the terminal: lines wrapped to its width, words and locations whole.

A text report is written for a person at a terminal, so its lines must fit the window (80
columns when the output is not a terminal: a pipe, a file, a CI log). A line is only ever
broken at a space, so a `file:line:col`, a config path, a section number or a URL is never
split, and a token wider than the window keeps its line rather than being cut. A continued
line starts under the column it continues (the last cell of a table row, the text after a
label), so tables still read as tables. Escape codes (`--color`) take no width.

Files written with `--output` are not fitted: they are records, read and searched later.

`paint` colors what a reader scans for (bands, severities, `error:` and `warning:` labels) in
the text reports that have no painter of their own (history, validate, controls) when
`--color` asks for it; it only adds escape codes around words already there.
"""

from __future__ import annotations

import os
import re
import shutil
from typing import TextIO

import click

#: The width when the output is not a terminal.
DEFAULT_WIDTH = 80
#: Narrower than this, continued lines would hold a word or two: treat the window as this wide.
MIN_WIDTH = 40
#: A continued line starts under the last cell of its row unless that cell begins further
#: right than this share of the width; then it is indented by CONTINUE_INDENT instead.
MAX_HANG = 0.75
CONTINUE_INDENT = 4

_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
_CELL_GAP = re.compile(r"\S( {2,})(?=\S)")


def terminal_width(stream: TextIO | None = None) -> int:
    """The window's width when `stream` (standard output) is a terminal, else 80.

    COLUMNS, when set, wins (as for any command-line tool), so a user can ask for a width.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), MIN_WIDTH)
    is_tty = getattr(stream, "isatty", None)
    if is_tty is None or not is_tty():
        return DEFAULT_WIDTH
    return max(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, MIN_WIDTH)


def visible(text: str) -> str:
    """`text` as it shows: without the escape codes that color it."""
    return _ESCAPE.sub("", text)


def fit(text: str, width: int) -> str:
    """Every line of `text` wrapped to `width` columns at spaces only."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(fit_line(line, width))
    return "\n".join(out)


def fit_line(line: str, width: int) -> list[str]:
    """One line as the lines that show it within `width` (one if it already fits)."""
    shown = visible(line)
    if len(shown) <= width:
        return [line]
    hang = " " * _hang(shown, width)
    lines: list[str] = []
    rest = line
    prefix = ""
    while len(visible(prefix + rest)) > width:
        room = width - len(prefix)
        cut = _break_at(rest, room)
        if cut is None:  # one token wider than the window: it keeps its line whole
            break
        lines.append(prefix + rest[:cut].rstrip(" "))
        rest = rest[cut:].lstrip(" ")
        prefix = hang
    lines.append(prefix + rest)
    return lines


def _hang(shown: str, width: int) -> int:
    """Where a continued line starts: under the row's last cell, or after the label."""
    indent = len(shown) - len(shown.lstrip(" "))
    starts = [m.end(1) for m in _CELL_GAP.finditer(shown[: width + 1])]
    if starts and starts[-1] <= width * MAX_HANG:
        return starts[-1]
    return min(indent + CONTINUE_INDENT, int(width * MAX_HANG))


def _break_at(text: str, room: int) -> int | None:
    """The index in `text` of the last space that leaves at most `room` visible characters
    before it, or of the first space at all if no such one exists (None without one)."""
    best: int | None = None
    first: int | None = None
    seen = 0
    i = 0
    while i < len(text):
        escape = _ESCAPE.match(text, i)
        if escape:
            i = escape.end()
            continue
        if text[i] == " " and seen > 0 and text[:i].strip():
            if first is None:
                first = i
            if seen <= room:
                best = i
            else:
                break
        seen += 1
        i += 1
    return best if best is not None else first


#: word -> color (shown bold), for band words (as a cell or in capitals), severities (as a
#: cell) and problem labels.
_WORD_COLOR = {
    "red": "red", "yellow": "yellow", "green": "green", "critical": "red", "high": "yellow",
    "error": "red", "warning": "yellow",
}
_PAINTED = re.compile(
    r"\b(RED|YELLOW|GREEN)\b"  # a band in capitals, anywhere
    r"|(?<=  )(red|yellow|green|critical|high)(?=  |:|$)"  # a table cell, a labelled value
    r"|(?<=: )(error|warning)(?=: )",  # file:line:col: error: ...
    re.MULTILINE,
)


def paint(text: str) -> str:
    """`text` with its bands, severity cells and problem labels colored."""

    def styled(match: re.Match[str]) -> str:
        word = match.group(0)
        return click.style(word, fg=_WORD_COLOR[word.lower()], bold=True)

    return _PAINTED.sub(styled, text)
