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

Scalars follow the YAML 1.2 core schema, stricter wherever YAML 1.1 surprises people
(phi_policy.config.yaml_scalars): only `true` and `false` are booleans, `0755` and dates stay
strings. The limits other than MAX_BYTES are enforced while the events are read
(phi_policy.config.yaml_builder).
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

from phi_policy.collector import collector_paused
from phi_policy.config.yaml_builder import build
from phi_policy.errors import InputError, UnreadableFile
from phi_policy.model import Location, Problem

MAX_BYTES = 5 * 1024 * 1024

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
        data, locations, key_locations, problems = build(decoded, path)
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
