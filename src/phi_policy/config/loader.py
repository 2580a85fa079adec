"""Load a config strictly: YAML text -> Document (plain data and a source map).

Why not `yaml.safe_load`: it silently keeps the last of two duplicate keys, turns `yes` into
True and `2024-01-15` into a date, follows aliases without limit (a 342-byte "billion laughs"
file becomes billions of values) and crashes or recurses without end on deep nesting. A
compliance config must mean exactly what it says, so this loader reads libyaml's *events* in
one flat loop (no recursion), enforces every limit while it reads, and builds the data itself,
recording where every value and key came from.

Rejected, each as a Problem with file:line:col, a message and a hint (the code in brackets):
YAML syntax errors [yaml-syntax], duplicate keys [duplicate-key], more than one document
[multiple-documents], any explicit tag, even `!!str` [tag], alias uses beyond MAX_ALIASES or
an expansion past MAX_NODES [alias-budget], unknown or self-referencing aliases [alias], merge
keys `<<` [merge-key], keys that are not plain strings [key], nesting deeper than MAX_DEPTH
[too-deep], more than MAX_NODES values or MAX_BYTES bytes [too-large], bytes that are not
UTF-8 or characters YAML forbids [encoding], an empty file [empty], a top level that is not a
mapping [not-a-mapping]. A file that cannot be opened is [unreadable]. All problems of one
pass are reported together; a syntax error or an exceeded limit ends the pass.

Scalars follow the YAML 1.2 core schema, stricter wherever YAML 1.1 surprises people:

- quoted ('...', "...") and block (|, >) scalars are always strings;
- plain `true`, `True`, `TRUE`, `false`, `False`, `FALSE` are booleans; `yes`, `no`, `on`,
  `off`, `y`, `n` stay strings (the schema then says to write true or false);
- plain `null`, `Null`, `NULL`, `~` and an empty value are None;
- plain integers `[-+]?(0|[1-9][0-9]*)` are ints; a leading zero (`0755`), `0x1F`, `0o17`,
  `1_000` and sexagesimal `1:30` stay strings, so nothing is read in an unexpected base;
- plain floats `[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?` with a `.` or an
  exponent are floats (so `1.10` is the number 1.1: versions must be quoted, "1.10", and the
  schema says so); `.inf` and `.nan` stay strings;
- dates and timestamps stay strings (`2024-01-15`, and `2024-13-45` too): the schema checks them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import yaml

from phi_policy.collector import collector_paused
from phi_policy.errors import InputError, UnreadableFile
from phi_policy.model import Location, Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_ALIASES = 50

# libyaml's parser when PyYAML was built with it (fast), else PyYAML's pure one: both give
# events with start marks, and neither recurses while parsing.
_EventLoader: type = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_DEEP_HINT = "flatten the structure: a phi-policy config nests a few levels at most"
_INT_MAX_DIGITS = 4000  # below Python's int-from-string limit (4300 digits)
# Characters YAML 1.2 allows in a stream (tab, line breaks, printable Unicode).
# U+0085 (NEL) is allowed by YAML but libyaml counts it as a line break (inside quotes it
# silently becomes a space, elsewhere every later line number is off by one): rejected too.
_FORBIDDEN = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


@dataclass(frozen=True)
class Document:
    """A loaded config: its text, its plain data, and where every value and key came from.

    `locations` maps a JSON pointer ("" for the root, "/platforms/0/name") to the start of the
    value; `key_locations` maps it to the key that introduces the value, which is where an
    "unknown key" error belongs. Values reached through an alias are located at the alias.
    """

    path: str
    text: str
    data: Any
    locations: Mapping[str, Location]
    key_locations: Mapping[str, Location]

    def location(self, pointer: str) -> Location:
        """The value's location, else its nearest located ancestor's, else line 1, column 1."""
        while True:
            found = self.locations.get(pointer)
            if found is not None:
                return found
            if not pointer:
                return Location(self.path, 1, 1)
            pointer = pointer[: pointer.rfind("/")] if "/" in pointer else ""


def load(path: str | os.PathLike[str]) -> Document:
    """Read and load a config file; raise InputError carrying every problem found."""
    shown = display_path(path)
    try:
        if os.path.islink(path):
            _fail(shown, [_linked(shown)])
        # O_NOFOLLOW: a link put in place after the check above is refused too (ELOOP).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_BYTES:
                _fail(shown, [_too_big(shown, size)])
            raw = stream.read(MAX_BYTES + 1)
    except OSError as error:
        if error.errno == errno.ELOOP:
            _fail(shown, [_linked(shown)])
        raise UnreadableFile(shown, error.strerror or str(error),
                             "check the path and the file's permissions") from None
    return load_text(raw, shown)


def load_text(text: str | bytes, path: str = "<string>") -> Document:
    """Load a config from its text (bytes must be UTF-8); raise InputError on any problem."""
    decoded = _decode(text, path)
    with collector_paused():
        data, locations, key_locations, problems = _Builder(decoded, path).run()
    if problems:
        _fail(path, problems)
    return Document(path, decoded, data, locations, key_locations)


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as the user gave it, with POSIX separators; relative when under the cwd."""
    candidate = Path(path)
    if candidate.is_absolute():
        with contextlib.suppress(ValueError):
            candidate = candidate.relative_to(Path.cwd())
    return candidate.as_posix()


def _fail(path: str, problems: list[Problem]) -> NoReturn:
    raise InputError.invalid_config(path, problems)


def _linked(path: str) -> Problem:
    """A config that is a symbolic link is refused: it could name any file (a key, a token
    file), and its contents must never be read, let alone printed back in an error."""
    return Problem(
        Location(path, 1, 1),
        "the config is a symbolic link; phi-policy does not follow links",
        hint="give the path of the config file itself, or replace the link with the file",
        code="symlink",
    )


def _too_big(path: str, size: int) -> Problem:
    return Problem(
        Location(path, 1, 1),
        f"the file is {size:,} bytes; a config may be at most {MAX_BYTES:,} bytes",
        hint="a phi-policy config is a few hundred lines: is this the right file?",
        code="too-large",
    )


def _decode(text: str | bytes, path: str) -> str:
    """Check size and encoding before parsing, so no parser ever sees a hostile input."""
    if isinstance(text, bytes):
        text = _decode_bytes(text, path)
    else:
        size = len(text) if len(text) > MAX_BYTES else len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_BYTES:
            _fail(path, [_too_big(path, size)])
    if text.startswith("\ufeff"):
        text = text[1:]
    forbidden = _FORBIDDEN.search(text)
    if forbidden:
        at = forbidden.start()
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        _fail(path, [Problem(Location(path, line, col),
                             f"the character U+{ord(forbidden.group()):04X} is not allowed in YAML",
                             hint="remove it; save the file as UTF-8 text", code="encoding")])
    return text


def _decode_bytes(raw: bytes, path: str) -> str:
    if len(raw) > MAX_BYTES:
        _fail(path, [_too_big(path, len(raw))])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(path, [Problem(Location(path, 1, 1), "the file is UTF-16, not UTF-8",
                             hint="save the file as UTF-8", code="encoding")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        col = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        bad = raw[error.start : error.start + 1].hex()
        _fail(path, [Problem(Location(path, line, col),
                             f"the file is not valid UTF-8 (byte 0x{bad})",
                             hint="save the file as UTF-8", code="encoding")])


def resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar's value under the rules in this module's docstring."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value[:1].isalpha():  # most values and keys: neither pattern below starts with a letter
        return value
    if _INT.fullmatch(value):
        return int(value) if len(value) <= _INT_MAX_DIGITS else value
    if ("." in value or "e" in value or "E" in value) and _FLOAT.fullmatch(value):
        return float(value)
    return value


def escape(key: str) -> str:
    """One JSON pointer segment (RFC 6901)."""
    if "~" not in key and "/" not in key:
        return key
    return key.replace("~", "~0").replace("/", "~1")


class _Stop(Exception):
    """A fatal problem was recorded: stop reading events."""


def _make_location() -> Any:
    """A Location built without the frozen dataclass's __init__ (three object.__setattr__
    calls, three times slower): a config has a thousand values, each located. The object is
    the same in every respect (fields, equality, hash, repr)."""
    if hasattr(Location, "__slots__"):
        return Location
    new = object.__new__

    def location(file: str, line: int, col: int) -> Location:
        made = new(Location)
        made.__dict__.update(file=file, line=line, col=col)
        return made

    return location


_location = _make_location()
_AWAIT_KEY = object()  # a mapping frame waiting for its next key
_DROP = object()  # the pending value belongs to a rejected or duplicate key


class _Frame:
    """An open mapping or sequence. `pointer` is None inside keys and dropped values."""

    __slots__ = ("anchor", "first_lines", "key", "key_mark", "pointer", "size", "start", "value")

    def __init__(self, value: Any, pointer: str | None, anchor: str | None,
                 start: Location) -> None:
        self.value = value
        self.pointer = pointer
        self.anchor = anchor
        self.start = start
        self.size = 1
        self.key: Any = _AWAIT_KEY
        self.key_mark: Location | None = None
        self.first_lines: dict[str, int] = {}


class _Builder:
    """Turn parser events into data, locations and problems in one flat loop."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.stack: list[_Frame] = []
        self.locations: dict[str, Location] = {}
        self.key_locations: dict[str, Location] = {}
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.nodes = 0
        self.aliases = 0
        self.documents = 0
        self.root: Any = None
        self.root_empty = False

    def run(self) -> tuple[Any, dict[str, Location], dict[str, Location], list[Problem]]:
        parser = _EventLoader(self.text)
        try:
            self.read(parser)
        except _Stop:
            pass
        except yaml.MarkedYAMLError as error:
            self.problems.append(self.syntax_problem(error))
        except yaml.YAMLError as error:
            self.problems.append(self.problem(None, f"invalid YAML: {error}",
                                              "check the YAML syntax", "yaml-syntax"))
        finally:
            parser.dispose()
        if not self.problems:
            if self.documents == 0 or self.root_empty:
                self.problems.append(self.problem(
                    None, "empty config: the file holds no settings",
                    "start from `phi-policy init`, or copy an example config", "empty"))
            elif not isinstance(self.root, dict):
                self.problems.append(self.problem(
                    self.locations.get(""),
                    f"the top level must be a mapping of keys, got {_kind(self.root)}",
                    "start the file with 'schema_version: 1' and the sections under it",
                    "not-a-mapping"))
        return self.root, self.locations, self.key_locations, self.problems

    # -- events -------------------------------------------------------------------------------

    def read(self, parser: Any) -> None:
        """Every event of the stream, in one loop.

        A config is a thousand events or so, and this loop is most of the loader's own time, so
        the common events take a short way here: a plain or quoted scalar without anchor or tag
        as a key (not a duplicate, not `<<`), as a value under a kept key, or as a list item;
        and the start or end of a mapping or list without anchor or tag. They do exactly what
        `on_event` does for them, with fewer calls. Every other event, and every case that
        leads to a problem, goes through `on_event`.
        """
        more, take, on_event = parser.check_event, parser.get_event, self.on_event
        scalar_event, path, stack = yaml.ScalarEvent, self.path, self.stack
        starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        locations, key_locations, new_location = self.locations, self.key_locations, _location
        while more():
            event = take()
            kind = type(event)
            if kind is scalar_event and event.anchor is None and event.tag is None and stack:
                start = event.start_mark
                mark = new_location(path, start.line + 1, start.column + 1)
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    self.count(mark, 0, "too-large")
                text = event.value
                plain = not event.style
                value = resolve_plain(text) if plain else text
                frame = stack[-1]
                container = frame.value
                if type(container) is dict:
                    key = frame.key
                    if key is _AWAIT_KEY:
                        if (isinstance(value, str) and value not in frame.first_lines
                                and not (plain and text == "<<")):
                            frame.size += 1
                            frame.key_mark = mark
                            frame.first_lines[value] = mark.line
                            frame.key = value
                        else:
                            self.take_key(frame, value, mark, plain=plain, text=text, what=None)
                        continue
                    if key is not _DROP and frame.pointer is not None:
                        pointer = f"{frame.pointer}/{escape(key)}"
                        locations[pointer] = mark
                        if frame.key_mark is not None:
                            key_locations[pointer] = frame.key_mark
                        frame.size += 1
                        container[key] = value
                        frame.key, frame.key_mark = _AWAIT_KEY, None
                        continue
                elif frame.pointer is not None:
                    locations[f"{frame.pointer}/{len(container)}"] = mark
                    frame.size += 1
                    container.append(value)
                    continue
                self.attach(value, mark, 1)
            elif kind in starts and event.anchor is None and event.tag is None:
                mark = self.mark(event)
                self.count(mark, 1, "too-large")
                self.on_start(event, mark)
            elif kind in ends:
                self.on_end()
            else:
                on_event(event)

    def on_event(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.fatal(self.mark(event),
                           "the file holds more than one YAML document (a second starts here)",
                           "keep one config per file: remove this '---' and what follows, or "
                           "move it to its own file", "multiple-documents")
            return
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent, yaml.AliasEvent)):
            mark = self.mark(event)
            self.count(mark, 1, "too-large")
            if getattr(event, "tag", None) is not None:
                self.reject_tag(event)
            if isinstance(event, yaml.ScalarEvent):
                self.on_scalar(event, mark)
            elif isinstance(event, yaml.AliasEvent):
                self.on_alias(event, mark)
            else:
                self.on_start(event, mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            self.on_end()

    def on_scalar(self, event: yaml.ScalarEvent, mark: Location) -> None:
        plain = not event.style and event.tag is None
        value = resolve_plain(event.value) if plain else event.value
        if not self.stack and plain and event.value == "":
            self.root_empty = True
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.value, dict) and frame.key is _AWAIT_KEY:
            self.take_key(frame, value, mark, plain=plain, text=event.value, what=None)
        else:
            self.attach(value, mark, 1)

    def on_alias(self, event: yaml.AliasEvent, mark: Location) -> None:
        name = event.anchor
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            self.fatal(mark, f"more than {MAX_ALIASES} aliases (*name) in one config",
                       "write the values out instead of reusing them with anchors and aliases",
                       "alias-budget")
        value: Any = None
        size = 1
        if name in self.open_anchors:
            self.problems.append(self.problem(
                mark, f"the alias '*{name}' refers to the mapping or list that contains it",
                "a config cannot contain itself: write the values out", "alias"))
        elif name not in self.anchors:
            self.problems.append(self.problem(
                mark, f"the alias '*{name}' refers to no anchor '&{name}' defined before it",
                f"define '&{name}' before using '*{name}', or write the value out", "alias"))
        else:
            value, size = self.anchors[name]
            if self.nodes - 1 + size > MAX_NODES:
                self.fatal(mark, f"the alias '*{name}' would expand the config past "
                           f"{MAX_NODES:,} values (a 'billion laughs' document)",
                           "write the values out instead of nesting aliases", "alias-budget")
            self.nodes += size - 1
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.value, dict) and frame.key is _AWAIT_KEY:
            self.take_key(frame, None, mark, plain=False, text="", what="an alias")
        else:
            self.attach(value, mark, size)

    def on_start(self, event: yaml.CollectionStartEvent, mark: Location) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self.fatal(mark, f"the config nests deeper than {MAX_DEPTH} levels", _DEEP_HINT,
                       "too-deep")
        pointer = self.child_pointer()
        if pointer is not None:
            self.record(pointer, mark)
        value: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
        if not self.stack:
            self.root = value
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame(value, pointer, event.anchor, mark))

    def on_end(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.value, frame.size)
        if not self.stack:
            return
        parent = self.stack[-1]
        if isinstance(parent.value, dict) and parent.key is _AWAIT_KEY:
            what = "a mapping" if isinstance(frame.value, dict) else "a list"
            self.take_key(parent, None, frame.start, plain=False, text="", what=what)
            parent.size += frame.size - 1
        else:
            self.attach_done(parent, frame.value, frame.size)

    # -- building -----------------------------------------------------------------------------

    def child_pointer(self) -> str | None:
        """The pointer of the node about to start, or None if it is a key or dropped."""
        if not self.stack:
            return ""
        frame = self.stack[-1]
        if frame.pointer is None:
            return None
        if isinstance(frame.value, list):
            return f"{frame.pointer}/{len(frame.value)}"
        if frame.key is _AWAIT_KEY or frame.key is _DROP:
            return None
        return f"{frame.pointer}/{escape(frame.key)}"

    def record(self, pointer: str, mark: Location) -> None:
        self.locations[pointer] = mark
        if self.stack and isinstance(self.stack[-1].value, dict):
            key_mark = self.stack[-1].key_mark
            if key_mark is not None:
                self.key_locations[pointer] = key_mark

    def attach(self, value: Any, mark: Location, size: int) -> None:
        """A complete scalar or alias in value position."""
        if not self.stack:
            self.root = value
            self.locations[""] = mark
            return
        pointer = self.child_pointer()
        if pointer is not None:
            self.record(pointer, mark)
        self.attach_done(self.stack[-1], value, size)

    def attach_done(self, frame: _Frame, value: Any, size: int) -> None:
        frame.size += size
        if isinstance(frame.value, list):
            frame.value.append(value)
            return
        if frame.key is not _DROP:
            frame.value[frame.key] = value
        frame.key, frame.key_mark = _AWAIT_KEY, None

    def take_key(self, frame: _Frame, value: Any, mark: Location, *, plain: bool, text: str,
                 what: str | None) -> None:
        frame.size += 1
        frame.key, frame.key_mark = _DROP, mark
        where = frame.pointer or ""
        if what is not None:
            self.problems.append(self.problem(
                mark, f"keys must be plain names, not {what}",
                "write a plain name followed by ':'", "key", where))
            return
        if plain and text == "<<":
            self.problems.append(self.problem(
                mark, "merge keys ('<<') are not supported",
                "write the keys out in full in this mapping", "merge-key", where))
            return
        if not isinstance(value, str):
            self.problems.append(self.problem(
                mark, f"keys must be plain names; this key reads as {_kind(value)}",
                f"quote the key (\"{text}\") or use a name" if text else "write a name before ':'",
                "key", where))
            return
        first = frame.first_lines.get(value)
        if first is not None:
            self.problems.append(self.problem(
                mark, f"duplicate key '{value}' (first at line {first})",
                "remove one of them: YAML would silently keep only the last", "duplicate-key",
                where))
            return
        frame.first_lines[value] = mark.line
        frame.key = value

    # -- problems -----------------------------------------------------------------------------

    def reject_tag(self, event: Any) -> None:
        tag = str(event.tag)
        standard = "tag:yaml.org,2002:"
        shown = "!!" + tag[len(standard):] if tag.startswith(standard) else tag
        self.problems.append(self.problem(
            self.mark(event), f"the tag '{shown}' is not allowed",
            "remove the tag: a config is plain data (quote a value to make it text)", "tag",
            self.child_pointer() or ""))

    def count(self, mark: Location, size: int, code: str) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            self.fatal(mark, f"the config holds more than {MAX_NODES:,} values",
                       "a phi-policy config holds a few hundred values: is this the right file?",
                       code)

    def fatal(self, mark: Location | None, message: str, hint: str, code: str) -> NoReturn:
        self.problems.append(self.problem(mark, message, hint, code))
        raise _Stop

    def mark(self, event: Any) -> Location:
        start = event.start_mark
        return _location(self.path, start.line + 1, start.column + 1)

    def problem(self, mark: Location | None, message: str, hint: str, code: str,
                pointer: str = "") -> Problem:
        return Problem(mark or Location(self.path, 1, 1), message, pointer=pointer, hint=hint,
                       code=code)

    def syntax_problem(self, error: yaml.MarkedYAMLError) -> Problem:
        problem = error.problem or "syntax error"
        context = error.context or ""
        mark = error.problem_mark or error.context_mark
        if "nesting depth" in problem:  # libyaml's own limit (1000), met while scanning ahead
            where = Location(self.path, mark.line + 1, mark.column + 1) if mark else None
            return self.problem(where, f"the config nests deeper than {MAX_DEPTH} levels",
                                _DEEP_HINT, "too-deep")
        error_line = mark.line if mark is not None else 0
        opened = _unclosed_quote(self.text, error_line)
        if opened is not None:
            line, col = opened
            lines = len(self.text.splitlines())
            until = f"line {error_line + 1}" if error_line < lines else "the end of the file"
            return self.problem(
                Location(self.path, line, col),
                f"invalid YAML: the quote opened here is not closed on its line (YAML reads on "
                f"to {until})", "close the quote on the same line", "yaml-syntax")
        message, hint, use_context = _explain(problem, context, self.char_at(mark))
        if use_context and error.context_mark is not None:
            mark = error.context_mark
        where = (Location(self.path, mark.line + 1, mark.column + 1) if mark is not None
                 else None)
        return self.problem(where, f"invalid YAML: {message}", hint, "yaml-syntax")

    def char_at(self, mark: Any) -> str:
        if mark is None:
            return ""
        lines = self.text.splitlines()
        if mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
            return ""
        return lines[mark.line][mark.column]


_QUOTE_START = re.compile(r"""^\s*(?:-\s+)*(?:[^\s#'"][^#]*?:\s+)?(["'])""")
_QUOTE_CLOSE = {'"': re.compile(r'(?:[^"\\]|\\.)*"'), "'": re.compile(r"(?:[^']|'')*'")}


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int] | None:
    """(line, col) of a value whose opening quote has no closing quote on its line, on a line
    before the 0-based `error_line`: a quoted scalar may span lines, so an unclosed quote shows
    up as a puzzling error far below it."""
    for number, line in enumerate(text.splitlines()[:error_line]):
        start = _QUOTE_START.match(line)
        if start and not _QUOTE_CLOSE[start.group(1)].match(line, start.end()):
            return number + 1, start.start(1) + 1
    return None


def _explain(problem: str, context: str, char: str) -> tuple[str, str, bool]:
    """A parser error in plain words: (message, hint, whether to point at the context mark)."""
    if "mapping values are not allowed" in problem:
        return ("a ':' is not allowed here",
                "quote a value that contains ': ', and put a nested key on its own line, "
                "indented under its parent", False)
    if "cannot start any token" in problem or "found a tab" in problem:
        if char == "\t":
            return "a tab character is not allowed here", "indent with spaces, never tabs", False
        shown = repr(char) if char else "this character"
        return (f"{shown} cannot start a value", "quote the value ('...')", False)
    if "could not find expected ':'" in problem:
        return ("this line is neither 'key: value' nor part of a value",
                "add ':' after the key, or quote a value that spans lines", True)
    if "end of stream" in problem and "quoted" in context:
        return "this quoted value is never closed", "add the closing quote", True
    if "escape" in problem:
        return ("unknown escape sequence in a double-quoted value",
                "use single quotes ('C:\\path'), or double the backslash", False)
    if "tag" in problem:
        return "unknown tag handle", "remove the tag: a config is plain data", False
    if "']'" in problem or "flow sequence" in context:
        return ("a [ ... ] list is not closed, or its items are not separated by commas",
                "close the list with ']' and separate its items with ', '", False)
    if "'}'" in problem or "flow mapping" in context:
        return ("a { ... } mapping is not closed, or its entries are not separated by commas",
                "close the mapping with '}' and separate its entries with ', '", False)
    if "block collection" in context or "'-' indicator" in problem:
        return ("this line does not fit the list above it",
                "start every item of a list with '- ' at the same indentation", False)
    if "block mapping" in context or "expected key" in problem:
        return ("this line is not indented like the keys around it",
                "line the key up with the other keys of its mapping (indent with spaces)", False)
    if "directive" in problem or "directive" in context:
        return (f"{problem} ({context})" if context else problem,
                "remove the line starting with '%'", False)
    detail = f"{problem} ({context})" if context else problem
    return detail, "check the YAML syntax on this line and the one before it", False


def _kind(value: Any) -> str:
    """How a value reads to a person, for messages."""
    if value is None:
        return "null (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        # Never the text itself: a file that is not a config (a key, a token file) would be
        # printed back whole.
        return f"a string of {len(value):,} character{'s' if len(value) != 1 else ''}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"
