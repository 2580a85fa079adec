"""Property tests: whatever the input, the loader raises nothing but InputError and the schema
check raises nothing at all.

Inputs are YAML-ish text built from YAML's own tokens (keys, colons, dashes, indentation,
quotes, anchors, aliases, tags, brackets, directives, odd Unicode), raw bytes, and the example
configs mutated line by line (deleted, duplicated, swapped, re-indented, scalars replaced).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phi_policy.config import yaml_builder
from phi_policy.config.loader import Document, load_text
from phi_policy.config.validation import check
from phi_policy.errors import InputError

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples" / "org-config"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.yaml"))
EXAMPLE_LINES = [path.read_text(encoding="utf-8").splitlines() for path in EXAMPLES]

FAST = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TOKENS = [
    "a", "mfa", "byod", "schema_version", "platforms", "name", "0", "1", "1.2", "0755", "1:30",
    "yes", "no", "true", "null", "~", "2024-01-15", "2024-13-45", ".inf", "1e3", "-", "- ", ":",
    ": ", "? ", ",", "[", "]", "{", "}", "'", '"', "\\", "#", " # c", "&a", "&b", "*a", "*b",
    "!!str", "!!python/object:os.system", "!x", "!", "<<", "|", ">", "|-", "---", "...",
    "%YAML 1.2", "%TAG ! tag:x,2024:", "\n", "\n  ", "\n    ", "\n- ", "\t", " ", "  ", "@", "`",
    "%", "\ufeff", "\u00e9", "\u2028", "\x85", "\x00", "\ud800", "\U0001f600",
]


def checked(text: str | bytes) -> None:
    """Load, then (if it loaded) check: only InputError may escape, and it carries problems."""
    try:
        document = load_text(text, "fuzz.yaml")
    except InputError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.location.file == "fuzz.yaml"
            assert problem.location.line >= 1 and problem.location.col >= 1
            assert problem.message and problem.hint
        return
    assert isinstance(document.data, dict)
    assert_locations_resolve(document)
    for problem in check(document):
        assert problem.location.line >= 1 and problem.location.col >= 1
        assert problem.message


def assert_locations_resolve(document: Document) -> None:
    """Every located pointer names a value that exists in the data."""
    for pointer in document.locations:
        value: Any = document.data
        for raw in pointer.split("/")[1:]:
            part = raw.replace("~1", "/").replace("~0", "~")
            value = value[int(part)] if isinstance(value, list) else value[part]


@FAST
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=40))
def test_yaml_token_soup(tokens: list[str]) -> None:
    checked("".join(tokens))


@FAST
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=40))
def test_yaml_token_soup_on_the_pure_parser(tokens: list[str]) -> None:
    used = yaml_builder.EventParser
    yaml_builder.EventParser = yaml.BaseLoader
    try:
        checked("".join(tokens))
    finally:
        yaml_builder.EventParser = used


@FAST
@given(st.lists(st.tuples(st.integers(0, 6), st.sampled_from(TOKENS[:40]),
                          st.sampled_from(["", ": ", ":", " ", "- "]),
                          st.sampled_from(TOKENS[:60])), max_size=25))
def test_indented_lines(lines: list[tuple[int, str, str, str]]) -> None:
    checked("".join(f"{' ' * indent}{key}{sep}{value}\n" for indent, key, sep, value in lines))


@FAST
@given(st.binary(max_size=200))
def test_random_bytes(data: bytes) -> None:
    checked(data)


@FAST
@given(st.binary(max_size=60))
def test_bytes_after_a_valid_prefix(data: bytes) -> None:
    checked(b"schema_version: 1\norganization:\n  name: " + data)


SCALARS = ["yes", "1.2", "'1.2'", "", "~", "[", "]", "{a: 1}", "&x", "*x", "!!str 1", "2024-13-45",
           "0755", "-1", "99999999999999999999", '"unterminated', "a: b", "- item", "|", "<<"]


@st.composite
def mutated_example(draw: st.DrawFn) -> str:
    lines = list(draw(st.sampled_from(EXAMPLE_LINES)))
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent",
                                       "scalar", "key"]))
        line = lines[index]
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, line)
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], line
        elif action == "indent":
            lines[index] = " " * draw(st.integers(1, 3)) + line
        elif action == "dedent":
            lines[index] = line[draw(st.integers(1, 3)):]
        elif action == "scalar" and ": " in line:
            lines[index] = line.split(": ", 1)[0] + ": " + draw(st.sampled_from(SCALARS))
        elif action == "key" and ":" in line:
            lines[index] = draw(st.sampled_from(["  x", "1", "? a", "- ", "<<", "   mfa"])) + \
                line[line.index(":"):]
    return "\n".join(lines) + "\n"


@SLOW
@given(mutated_example())
def test_mutated_examples(text: str) -> None:
    checked(text)


def test_the_examples_themselves_load_and_pass() -> None:
    assert EXAMPLES, "the example configs are missing"
    for lines in EXAMPLE_LINES:
        document = load_text("\n".join(lines) + "\n", "example.yaml")
        assert_locations_resolve(document)
        assert check(document) == []
