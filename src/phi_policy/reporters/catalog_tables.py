"""Aligned text tables and Markdown tables, as the catalog's listings and documents print them.

The control list, the coverage map and the generated docs line their columns up the same way
and escape a Markdown cell the same way, so they share these.
"""

from __future__ import annotations

from collections.abc import Sequence


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """Each column as wide as its widest cell, so tables printed one after another line up."""
    return [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]


def text_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int] = ()
) -> list[str]:
    """Columns two spaces apart, as a terminal shows them; `widths` to match another table."""
    widths = widths or column_widths(headers, rows)
    lines = []
    for cells in (headers, *rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    return lines


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def md_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table whose cells hold any text (line breaks folded, pipes escaped)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return lines


def counted(n: int, noun: str) -> str:
    """"1 control", "2 controls": the listings and documents count the same way."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
