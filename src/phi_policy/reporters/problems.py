"""Render validation results (path, problems) as text or JSON: pure functions returning str.

The text form is the `path:line:col: severity: what` line that editors, grep and CI log
parsers already understand, with the fix on an indented `hint:` line. The JSON form is
deterministic (sorted keys, fixed indentation, problems in file order) so that it can be
compared in tests and diffed in CI.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from phi_policy.model import Problem

FileResult = tuple[str, Sequence[Problem]]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def dotted(pointer: str) -> str:
    """A JSON pointer as a person reads it: "/platforms/0/tls" -> "platforms[0].tls"."""
    if not pointer:
        return ""
    out = ""
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if part.isdigit():
            out += f"[{part}]"
        elif _NAME.fullmatch(part):
            out += f".{part}" if out else part
        else:
            out += "[" + json.dumps(part, ensure_ascii=False) + "]"
    return out


def render_problem(problem: Problem) -> str:
    """`path:line:col: error: dotted.path: message`, then `  hint: ...` when there is one.

    Each stays one line whatever the config holds: a key or value with a line break (quoted
    in the message) shows it as `\\n` (phi_policy.safe_text.one_line).
    """
    from phi_policy.safe_text import one_line

    where = dotted(problem.pointer)
    what = f"{where}: {problem.message}" if where else problem.message
    line = one_line(f"{problem.location}: error: {what}")
    return f"{line}\n  hint: {one_line(problem.hint)}" if problem.hint else line


def problem_line(problem: Problem | None) -> str:
    """"file:line:col: setting: message": a problem on one line, without its hint, where a
    fleet's or a combined diff's row has room for no more ("" for a valid config: no problem).
    """
    from phi_policy.safe_text import one_line

    if problem is None:
        return ""
    where = dotted(problem.pointer)
    what = f"{where}: {problem.message}" if where else problem.message
    return one_line(f"{problem.location}: {what}")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _ordered(problems: Sequence[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.location.line, p.location.col, p.pointer, p.message))


def render_text(results: Sequence[FileResult]) -> str:
    """Every problem of every file, then one summary line."""
    lines = [render_problem(p) for _, problems in results for p in _ordered(problems)]
    invalid = sum(1 for _, problems in results if problems)
    total = sum(len(problems) for _, problems in results)
    lines.append(
        f"{_plural(len(results), 'file')} checked, {invalid} invalid, {_plural(total, 'problem')}"
    )
    return "\n".join(lines)


def render_json(results: Sequence[FileResult]) -> str:
    """{"files": [{"path", "valid", "problems": [...]}], "summary": {...}}, deterministic."""
    files = [
        {
            "path": path,
            "valid": not problems,
            "problems": [
                {
                    "line": p.location.line,
                    "col": p.location.col,
                    "pointer": p.pointer,
                    "path": dotted(p.pointer),
                    "code": p.code,
                    "message": p.message,
                    "hint": p.hint,
                }
                for p in _ordered(problems)
            ],
        }
        for path, problems in results
    ]
    summary = {
        "files": len(results),
        "valid": sum(1 for _, problems in results if not problems),
        "invalid": sum(1 for _, problems in results if problems),
        "problems": sum(len(problems) for _, problems in results),
    }
    return json.dumps({"files": files, "summary": summary}, sort_keys=True, indent=2,
                      ensure_ascii=False)
