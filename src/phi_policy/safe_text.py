"""Text from a config or a commit is data in every output, never a command or a line of its own.

A CI system reads what a step prints. GitHub's runner (actions/runner, ActionCommand.cs) runs a
line as a workflow command when, after trimming leading white space, it starts with `::`
(`::add-mask::`, `::error::`, `::stop-commands::`), and it also still parses the legacy form
`##[command]` anywhere in a line. It splits its input into lines at CR and at LF. A config
string or a commit message that reaches the log could therefore add a mask, forge an
annotation, or stop command processing for the rest of the job.

Three defences, each in one place:

- `SafeStream`, which `phi_policy.cli` wraps around standard output and standard error for the
  whole run: every line written through it that would start with `::` gets a `\\` in front,
  and `##[` becomes `## [`. Everything the tool prints (reports, notes, errors) passes through
  it, so no reporter can forget. The `github` formats, which print workflow commands on
  purpose, write through `emit(..., commands=True)` instead, and build every command with
  `command()` below, which escapes the data as the runner expects.
- `one_line` and `flatten`, which the human-readable formats apply to the data they render,
  so a line break inside a config string (or a terminal escape) shows as `\\n` (or `\\x1b`)
  instead of starting a new line of the report.
- `SafeStream` also falls back to ASCII where the stream cannot encode a character (a
  `PYTHONIOENCODING=ascii` or a C-locale log), instead of failing with UnicodeEncodeError.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import re
from collections.abc import Mapping
from typing import IO, Any

#: Line breaks and other control characters that must not pass from data into a text report:
#: C0 (tab excepted), DEL, C1 (NEL among them), and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r"}
#: Where the runner splits lines (StreamReader.ReadLine: CR, LF, CR LF).
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
_LEGACY = "##["
#: What a line that would start a workflow command starts with instead.
DEFUSED_PREFIX = "\\"


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF escaped (what the runner unescapes)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, plus `:` and `,`, which end one."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, properties: Mapping[str, str | int] | None = None) -> str:
    """`::level key=value,...::message`, every property and the message escaped, so a config's
    text can neither end the command early nor start another one."""
    props = ",".join(
        f"{key}={escape_property(str(value))}" for key, value in (properties or {}).items()
    )
    return f"::{level}{' ' + props if props else ''}::{escape_data(message)}"


def one_line(text: str) -> str:
    """`text` with every line break and control character shown as an escape (`\\n`, `\\x1b`),
    so it stays on the line the report puts it on and cannot move the terminal's cursor."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}")
                       if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def flatten(value: Any) -> Any:
    """`value` with `one_line` applied to every string inside it: dataclasses (frozen ones
    too), tuples, lists and mappings are copied as needed, anything else is kept as it is.

    A human-readable report is rendered from the flattened assessment, delta or history, so
    that no reporter has to remember which of its strings came from a config or a commit.
    """
    return _flatten(value, {})


def _flatten(value: Any, seen: dict[int, Any]) -> Any:
    """The flattened value, or `value` itself (the same object) when nothing in it changed."""
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, (int, float, bool, type(None))):
        return value
    key = id(value)
    if key in seen:
        return seen[key]
    result: Any = value
    if isinstance(value, (tuple, list)):
        items = [_flatten(v, seen) for v in value]
        if any(new is not old for new, old in zip(items, value, strict=True)):
            if isinstance(value, list):
                result = items
            elif hasattr(value, "_fields"):  # a NamedTuple
                result = type(value)(*items)
            else:
                result = tuple(items)
    elif isinstance(value, dict):
        pairs = [(_flatten(k, seen), _flatten(v, seen)) for k, v in value.items()]
        if any(k is not k0 or v is not v0 for (k, v), (k0, v0) in zip(pairs, value.items(),
                                                                    strict=True)):
            result = type(value)(pairs)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for f in dataclasses.fields(value):
            current = getattr(value, f.name)
            new = _flatten(current, seen)
            if new is not current:
                changed[f.name] = new
        if changed:
            result = copy.copy(value)
            for name, new in changed.items():
                object.__setattr__(result, name, new)
    seen[key] = result
    return result


#: Formats a person reads line by line: their data is flattened before rendering. (JSON,
#: SARIF, JUnit, OSCAL and HTML escape line breaks themselves; github escapes its data.)
FLATTENED_FORMATS = frozenset({"text", "markdown", "csv"})
#: Formats made of workflow commands on purpose.
COMMAND_FORMATS = frozenset({"github"})


def for_format(fmt: str, value: Any) -> Any:
    """`value` as the `fmt` reporter should see it: flattened for the formats a person
    reads line by line, as it is for the others."""
    return flatten(value) if fmt in FLATTENED_FORMATS else value


def defuse(line: str) -> str:
    """One line as it may appear in a CI log: it cannot start a workflow command."""
    if _LEGACY in line:
        line = line.replace(_LEGACY, "## [")
    if line.lstrip().startswith("::"):
        line = DEFUSED_PREFIX + line
    return line


#: Characters the reports use that an ASCII stream cannot carry, and what they read as there.
ASCII_FALLBACK: dict[str, str] = {
    "\u2588": "#",  # full block (score bars)
    "\u2593": "#",
    "\u2592": "=",
    "\u2591": ".",  # light shade
    "\u2502": "|",
    "\u2500": "-",
    "\u2192": "->",
    "\u2190": "<-",
    "\u2191": "^",
    "\u2193": "v",
    "\u2014": "--",
    "\u2013": "-",
    "\u2026": "...",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00b7": "*",
    "\u2022": "*",
    "\u2713": "ok",
    "\u2714": "ok",
    "\u2717": "x",
    "\u2718": "x",
    "\u26a0": "!",
    "\u00a7": "S",
    "\u00a0": " ",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u00b1": "+/-",
    "\u00d7": "x",
    "\u2212": "-",
}


def to_ascii(text: str, encoding: str) -> str:
    """`text` as `encoding` can carry it: known symbols spelled in ASCII, anything else `?`."""
    out = []
    for ch in text:
        try:
            ch.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            ch = ASCII_FALLBACK.get(ch, "?")
        out.append(ch)
    return "".join(out)


class SafeStream(io.TextIOBase):
    """A text stream in front of another that defuses every line (see `defuse`) and falls
    back to ASCII when the stream cannot encode a character.

    Lines are held until their end (or a flush) is written, so a `::` split across two
    writes is still seen; CR ends a line as LF does, since the runner splits at both.
    `raw` writes what a reporter built as workflow commands on purpose, unchanged.
    """

    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self.stream = stream
        self._pending = ""

    # -- what click and print need of a stream --------------------------------------------
    # The two ignores below stay: typeshed declares TextIOBase.encoding and .errors writable
    # attributes, so mypy rejects a read-only property over them. At run time the base's are
    # read-only too (setting one raises AttributeError), and a setter added only to satisfy the
    # stub would promise a write this stream cannot honour: it reads both from the stream it
    # wraps, on every access, so a reconfigured stream is followed.
    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.stream, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.stream, "errors", None)

    def isatty(self) -> bool:
        return bool(getattr(self.stream, "isatty", lambda: False)())

    def fileno(self) -> int:
        return int(self.stream.fileno())

    def writable(self) -> bool:
        return True

    def write(self, text: str | bytes) -> int:
        if isinstance(text, (bytes, bytearray)):
            # click writes bytes (a completion script) where a stream takes them: they are
            # decoded and pass the same boundary as text, never around it.
            text = bytes(text).decode("utf-8", "replace")
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        data = self._pending + text
        parts = _LINE_BREAK.split(data)
        # parts: line, break, line, break, ..., last (incomplete) line
        self._pending = parts[-1]
        out = []
        for i in range(0, len(parts) - 1, 2):
            out.append(defuse(parts[i]) + parts[i + 1])
        if out:
            self._put("".join(out))
        return len(text)

    def raw(self, text: str) -> None:
        """Write `text` unchanged but for the encoding fallback (workflow commands that
        `command()` built), after whatever line is pending."""
        self.flush()
        self._put(text)
        self._flush_stream()

    def flush(self) -> None:
        if self._pending:
            # A partial line leaves now; the rest of it is still checked, as its own start.
            pending, self._pending = self._pending, ""
            self._put(defuse(pending))
        self._flush_stream()

    def _flush_stream(self) -> None:
        flush = getattr(self.stream, "flush", None)
        if flush is not None:
            flush()

    def _put(self, text: str) -> None:
        try:
            self.stream.write(text)
        except UnicodeEncodeError:
            self.stream.write(to_ascii(text, self.encoding))
