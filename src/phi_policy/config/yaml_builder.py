"""YAML parser events -> plain data, the source map of every value and key, and problems.

libyaml's *events* are read in one flat loop (no recursion), every limit is enforced while
they are read, and the data is built here, so nothing hostile (a "billion laughs" alias bomb,
nesting a thousand deep, a duplicate key) gets past it or becomes a Python object first.
phi_policy.config.loader says which problems it reports, and wraps it.
"""

from __future__ import annotations

from typing import Any, NoReturn

import yaml

from phi_policy.config.source_map import escape, new_location
from phi_policy.config.yaml_errors import syntax_problem
from phi_policy.config.yaml_scalars import described, resolve_plain
from phi_policy.model import Location, Problem

MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_ALIASES = 50

# libyaml's parser when PyYAML was built with it (fast), else PyYAML's pure one: both give
# events with start marks, and neither recurses while parsing.
EventParser: type = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader

_DEEP_HINT = "flatten the structure: a phi-policy config nests a few levels at most"


Built = tuple[Any, dict[str, Location], dict[str, Location], list[Problem]]


def build(text: str, path: str) -> Built:
    """(data, value locations, key locations, problems) of one config's text."""
    return _Builder(text, path).run()


class _Stop(Exception):
    """A fatal problem was recorded: stop reading events."""


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

    def run(self) -> Built:
        parser = EventParser(self.text)
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
                    f"the top level must be a mapping of keys, got {described(self.root)}",
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
        locations, key_locations, located = self.locations, self.key_locations, new_location
        while more():
            event = take()
            kind = type(event)
            if kind is scalar_event and event.anchor is None and event.tag is None and stack:
                start = event.start_mark
                mark = located(path, start.line + 1, start.column + 1)
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
                mark, f"keys must be plain names; this key reads as {described(value)}",
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
        return new_location(self.path, start.line + 1, start.column + 1)

    def problem(self, mark: Location | None, message: str, hint: str, code: str,
                pointer: str = "") -> Problem:
        return Problem(mark or Location(self.path, 1, 1), message, pointer=pointer, hint=hint,
                       code=code)

    def syntax_problem(self, error: yaml.MarkedYAMLError) -> Problem:
        problem = error.problem or "syntax error"
        if "nesting depth" in problem:  # libyaml's own limit (1000), met while scanning ahead
            mark = error.problem_mark or error.context_mark
            where = Location(self.path, mark.line + 1, mark.column + 1) if mark else None
            return self.problem(where, f"the config nests deeper than {MAX_DEPTH} levels",
                                _DEEP_HINT, "too-deep")
        return syntax_problem(error, self.text, self.path)
