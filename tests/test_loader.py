"""The strict loader: every hazard is one Problem with an exact code, line, column and message.

Most tests run twice, on libyaml's parser and on PyYAML's pure one, since the loader uses
whichever is installed and both must give the same data, locations and problems.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from phi_policy.config import loader, yaml_builder
from phi_policy.config.loader import Document, load, load_text
from phi_policy.errors import InputError
from phi_policy.model import Location

FIXTURE = """\
schema_version: 1
organization:
  name: Lakeside
  states: [WA, OR]
access_control:
  automatic_logoff_minutes: 15
  mfa:
    remote_access: true
platforms:
  - name: CareLink Video
    tls_min_version: "1.2"
    mfa: true
  - name: Portal
    tls_min_version: "1.3"
    sso: false
"""


@pytest.fixture(params=["libyaml", "pure"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test on one of the two parsers the loader may use."""
    if request.param == "libyaml":
        if not getattr(yaml, "__with_libyaml__", False):
            pytest.skip("PyYAML is built without libyaml here; the pure parser is tested")
        monkeypatch.setattr(yaml_builder, "EventParser", yaml.CBaseLoader)
    else:
        monkeypatch.setattr(yaml_builder, "EventParser", yaml.BaseLoader)
    return str(request.param)


def problems_of(text: str | bytes) -> list[tuple[str, int, int, str]]:
    with pytest.raises(InputError) as caught:
        load_text(text, "cfg.yaml")
    return [(p.code, p.location.line, p.location.col, p.message) for p in caught.value.problems]


def only_problem(text: str | bytes) -> tuple[str, int, int, str]:
    found = problems_of(text)
    assert len(found) == 1, found
    return found[0]


# -- data and locations -------------------------------------------------------------------------


def test_fixture_data(parser: str) -> None:
    document = load_text(FIXTURE, "cfg.yaml")
    assert document.data == {
        "schema_version": 1,
        "organization": {"name": "Lakeside", "states": ["WA", "OR"]},
        "access_control": {"automatic_logoff_minutes": 15, "mfa": {"remote_access": True}},
        "platforms": [
            {"name": "CareLink Video", "tls_min_version": "1.2", "mfa": True},
            {"name": "Portal", "tls_min_version": "1.3", "sso": False},
        ],
    }
    assert document.path == "cfg.yaml"
    assert document.text == FIXTURE


@pytest.mark.parametrize(
    ("pointer", "line", "col"),
    [
        ("", 1, 1),
        ("/schema_version", 1, 17),
        ("/organization", 3, 3),
        ("/organization/name", 3, 9),
        ("/organization/states", 4, 11),
        ("/organization/states/0", 4, 12),
        ("/organization/states/1", 4, 16),
        ("/access_control/automatic_logoff_minutes", 6, 29),
        ("/access_control/mfa/remote_access", 8, 20),
        ("/platforms", 10, 3),
        ("/platforms/0", 10, 5),
        ("/platforms/0/tls_min_version", 11, 22),
        ("/platforms/1/tls_min_version", 14, 22),
        ("/platforms/1/sso", 15, 10),
    ],
)
def test_value_locations(parser: str, pointer: str, line: int, col: int) -> None:
    document = load_text(FIXTURE, "cfg.yaml")
    assert document.locations[pointer] == Location("cfg.yaml", line, col)
    assert document.location(pointer) == Location("cfg.yaml", line, col)


@pytest.mark.parametrize(
    ("pointer", "line", "col"),
    [
        ("/schema_version", 1, 1),
        ("/organization", 2, 1),
        ("/organization/states", 4, 3),
        ("/access_control/mfa", 7, 3),
        ("/access_control/mfa/remote_access", 8, 5),
        ("/platforms/1/tls_min_version", 14, 5),
    ],
)
def test_key_locations(parser: str, pointer: str, line: int, col: int) -> None:
    document = load_text(FIXTURE, "cfg.yaml")
    assert document.key_locations[pointer] == Location("cfg.yaml", line, col)


def test_list_items_have_no_key_location(parser: str) -> None:
    document = load_text(FIXTURE, "cfg.yaml")
    assert "/platforms/0" not in document.key_locations
    assert "/organization/states/1" not in document.key_locations


@pytest.mark.parametrize(
    ("pointer", "line", "col"),
    [
        ("/platforms/1/missing", 13, 5),  # nearest ancestor: the second platform
        ("/platforms/7/name", 10, 3),  # no such item: the list
        ("/nowhere/deeper", 1, 1),  # no such key: the root
    ],
)
def test_location_falls_back_to_the_nearest_ancestor(
    parser: str, pointer: str, line: int, col: int
) -> None:
    assert load_text(FIXTURE, "cfg.yaml").location(pointer) == Location("cfg.yaml", line, col)


def test_location_of_an_empty_document_map_defaults_to_line_one() -> None:
    document = Document("x.yaml", "", {}, {}, {})
    assert document.location("/a/b") == Location("x.yaml", 1, 1)


def test_keys_with_slash_and_tilde_are_escaped_in_pointers(parser: str) -> None:
    document = load_text('"a/b": 1\n"c~d": 2\n', "cfg.yaml")
    assert document.locations["/a~1b"] == Location("cfg.yaml", 1, 8)
    assert document.locations["/c~0d"] == Location("cfg.yaml", 2, 8)


def test_alias_values_are_located_at_the_alias(parser: str) -> None:
    document = load_text("a: &x\n  b: 1\nc: *x\n", "cfg.yaml")
    assert document.data == {"a": {"b": 1}, "c": {"b": 1}}
    assert document.location("/c/b") == Location("cfg.yaml", 3, 4)


# -- scalars --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("n", "n"),
        ("Yes", "Yes"),
        ("2024-01-15", "2024-01-15"),
        ("2024-13-45", "2024-13-45"),
        ("2024-01-15T10:00:00Z", "2024-01-15T10:00:00Z"),
        ("0755", "0755"),
        ("-007", "-007"),
        ("0x1F", "0x1F"),
        ("0o17", "0o17"),
        ("1_000", "1_000"),
        ("1:30", "1:30"),
        ("0", 0),
        ("-0", 0),
        ("15", 15),
        ("+15", 15),
        ("-3", -3),
        ("1.10", 1.1),
        ("1.2", 1.2),
        ("0.5", 0.5),
        (".5", 0.5),
        ("1.", 1.0),
        ("1e3", 1000.0),
        ("-2.5E-1", -0.25),
        (".inf", ".inf"),
        ("-.inf", "-.inf"),
        (".nan", ".nan"),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("~", None),
        ("", None),
        ("'true'", "true"),
        ('"15"', "15"),
        ("'1.10'", "1.10"),
        ("''", ""),
        ('"null"', "null"),
        ("|\n  two\n  lines", "two\nlines\n"),
        (">-\n  folded\n  text", "folded text"),
        ("9" * 5000, "9" * 5000),
    ],
)
def test_scalars(parser: str, written: str, expected: Any) -> None:
    value = load_text(f"v: {written}\n").data["v"]
    assert value == expected
    assert type(value) is type(expected)


def test_utf8_bom_is_accepted_and_stripped(parser: str) -> None:
    as_bytes = load_text(b"\xef\xbb\xbfname: caf\xc3\xa9\n", "cfg.yaml")
    as_text = load_text("\ufeffname: café\n", "cfg.yaml")
    assert as_bytes.data == as_text.data == {"name": "café"}
    assert as_bytes.text == "name: café\n"
    assert as_bytes.locations["/name"] == Location("cfg.yaml", 1, 7)


def test_columns_count_characters_not_bytes(parser: str) -> None:
    document = load_text("é: ü\nnäme: x\n", "cfg.yaml")
    assert document.locations["/é"] == Location("cfg.yaml", 1, 4)
    assert document.locations["/näme"] == Location("cfg.yaml", 2, 7)


# -- hazards ----------------------------------------------------------------------------------


def test_duplicate_key_names_both_lines(parser: str) -> None:
    text = "access_control:\n  mfa: true\n  shared_accounts: false\n  mfa: false\n"
    with pytest.raises(InputError) as caught:
        load_text(text, "cfg.yaml")
    (problem,) = caught.value.problems
    assert problem.code == "duplicate-key"
    assert problem.location == Location("cfg.yaml", 4, 3)
    assert problem.message == "duplicate key 'mfa' (first at line 2)"
    assert problem.pointer == "/access_control"
    assert problem.hint == "remove one of them: YAML would silently keep only the last"


def test_every_duplicate_key_is_reported_in_one_pass(parser: str) -> None:
    text = "a: 1\nb:\n  c: 1\n  c: 2\na: 3\nd: [{e: 1, e: 2}]\n"
    assert problems_of(text) == [
        ("duplicate-key", 4, 3, "duplicate key 'c' (first at line 3)"),
        ("duplicate-key", 5, 1, "duplicate key 'a' (first at line 1)"),
        ("duplicate-key", 6, 12, "duplicate key 'e' (first at line 6)"),
    ]


def test_problems_before_a_syntax_error_are_kept(parser: str) -> None:
    text = "a: 1\na: 2\nb: c: d\n"
    assert problems_of(text) == [
        ("duplicate-key", 2, 1, "duplicate key 'a' (first at line 1)"),
        ("yaml-syntax", 3, 5, "invalid YAML: a ':' is not allowed here"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        ("a: b: c\n", 1, 5, "invalid YAML: a ':' is not allowed here"),
        ("a:\n\tb: 1\n", 2, 1, "invalid YAML: a tab character is not allowed here"),
        ("a:\n  b: 1\n c: 2\n", 3, 2,
         "invalid YAML: this line is not indented like the keys around it"),
        ("a: 1\nb\nc: 2\n", 2, 1,
         "invalid YAML: this line is neither 'key: value' nor part of a value"),
        ("a:\n  - 1\n  b: 2\n", 3, 3, "invalid YAML: this line does not fit the list above it"),
        ("a: [1, 2\nb: 3\n", 2, 2, "invalid YAML: a [ ... ] list is not closed, "
         "or its items are not separated by commas"),
        ("a: {b: 1\nc: 3\n", 2, 2, "invalid YAML: a { ... } mapping is not closed, "
         "or its entries are not separated by commas"),
        ("a: @x\n", 1, 4, "invalid YAML: '@' cannot start a value"),
        ("a: `x\n", 1, 4, "invalid YAML: '`' cannot start a value"),
        ("a: !x!y 1\n", 1, 4, "invalid YAML: unknown tag handle"),
        ('a: "abc\n', 1, 4, "invalid YAML: the quote opened here is not closed on its line "
         "(YAML reads on to the end of the file)"),
        ("name: 'x\nb: 1\nc: 'y'\nd: 2\n", 1, 7,
         "invalid YAML: the quote opened here is not closed on its line (YAML reads on to line 3)"),
        ('list:\n  - "a\n  - b\nc: ]\n', 2, 5, "invalid YAML: the quote opened here is not closed "
         "on its line (YAML reads on to the end of the file)"),
    ],
)
def test_syntax_errors(parser: str, text: str, line: int, col: int, message: str) -> None:
    assert only_problem(text) == ("yaml-syntax", line, col, message)


def test_syntax_error_hint_says_how_to_fix(parser: str) -> None:
    with pytest.raises(InputError) as caught:
        load_text("a:\n\tb: 1\n", "cfg.yaml")
    assert caught.value.problems[0].hint == "indent with spaces, never tabs"


def test_unknown_escape_in_double_quotes(parser: str) -> None:
    code, line, col, message = only_problem('a: "C:\\q"\n')
    assert (code, line, message) == (
        "yaml-syntax", 1, "invalid YAML: unknown escape sequence in a double-quoted value"
    )
    assert col == (7 if parser == "libyaml" else 8)  # libyaml points at the backslash


def test_multiple_documents(parser: str) -> None:
    assert only_problem("a: 1\n---\nb: 2\n") == (
        "multiple-documents", 2, 1,
        "the file holds more than one YAML document (a second starts here)",
    )


def test_explicit_single_document_markers_are_fine(parser: str) -> None:
    assert load_text("---\na: 1\n...\n").data == {"a": 1}


@pytest.mark.parametrize(
    ("text", "col", "shown"),
    [
        ("a: !!python/object:os.system x\n", 4, "!!python/object:os.system"),
        ("a: !!python/object/apply:os.system [ls]\n", 4, "!!python/object/apply:os.system"),
        ("a: !custom x\n", 4, "!custom"),
        ("a: !!str 5\n", 4, "!!str"),
        ("a: ! 5\n", 4, "!"),
        ("a: !!map {b: 1}\n", 4, "!!map"),
        ("a: !<tag:example.com,2024:x> 1\n", 4, "tag:example.com,2024:x"),
    ],
)
def test_every_explicit_tag_is_rejected(parser: str, text: str, col: int, shown: str) -> None:
    with pytest.raises(InputError) as caught:
        load_text(text, "cfg.yaml")
    (problem,) = caught.value.problems
    assert (problem.code, problem.location.line, problem.location.col) == ("tag", 1, col)
    assert problem.message == f"the tag '{shown}' is not allowed"
    assert problem.pointer == "/a"
    assert problem.hint == "remove the tag: a config is plain data (quote a value to make it text)"


def test_merge_keys_are_rejected(parser: str) -> None:
    text = "base: &b\n  x: 1\nother:\n  <<: *b\n  y: 2\n"
    assert only_problem(text) == ("merge-key", 4, 3, "merge keys ('<<') are not supported")


def test_a_quoted_merge_key_is_an_ordinary_key(parser: str) -> None:
    assert load_text('"<<": 1\n').data == {"<<": 1}


def test_billion_laughs_is_rejected_fast(parser: str, broken_dir: Path) -> None:
    text = (broken_dir / "billion-laughs.yaml").read_text(encoding="utf-8")
    started = time.perf_counter()
    code, line, col, message = only_problem(text)
    assert time.perf_counter() - started < 1.0
    assert (code, line, col) == ("alias-budget", 10, 20)
    assert message == (
        "the alias '*lol5' would expand the config past 200,000 values (a 'billion laughs' "
        "document)"
    )


def test_alias_use_budget(parser: str) -> None:
    aliases = ", ".join(["*a"] * (yaml_builder.MAX_ALIASES + 1))
    text = f"a: &a 1\nb: [{aliases}]\n"
    col = len("b: [") + 1 + yaml_builder.MAX_ALIASES * len("*a, ")
    assert only_problem(text) == (
        "alias-budget", 2, col, "more than 50 aliases (*name) in one config"
    )


def test_aliases_within_budget_are_expanded(parser: str) -> None:
    document = load_text("a: &a [1, 2]\nb: [*a, *a]\n")
    assert document.data == {"a": [1, 2], "b": [[1, 2], [1, 2]]}


def test_undefined_and_recursive_aliases(parser: str) -> None:
    assert problems_of("a: *nope\nb: &self [1, *self]\n") == [
        ("alias", 1, 4, "the alias '*nope' refers to no anchor '&nope' defined before it"),
        ("alias", 2, 14, "the alias '*self' refers to the mapping or list that contains it"),
    ]


def test_nesting_deeper_than_the_limit(parser: str) -> None:
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(100))
    # Level 65 is the value of key k63, on line 65 at column 2*64+1.
    assert only_problem(text) == ("too-deep", 65, 129, "the config nests deeper than 64 levels")


def test_nesting_at_the_limit_is_fine(parser: str) -> None:
    text = "a:" + " [" * 63 + " 1" + "]" * 63 + "\n"
    value = load_text(text).data["a"]
    for _ in range(62):
        value = value[0]
    assert value == [1]


def test_25000_nested_lists_neither_crash_nor_recurse(parser: str) -> None:
    started = time.perf_counter()
    code, line, _, message = only_problem("[" * 25_000 + "]" * 25_000)
    assert time.perf_counter() - started < 2.0
    assert (code, line, message) == ("too-deep", 1, "the config nests deeper than 64 levels")


def test_node_count_limit() -> None:
    text = "x: [" + ",".join(["1"] * yaml_builder.MAX_NODES) + "]\n"
    # root mapping, the key x, the list: the 200,001st value is item 199,998 (0-based).
    col = len("x: [") + 1 + 2 * (yaml_builder.MAX_NODES - 3)
    assert only_problem(text) == ("too-large", 1, col, "the config holds more than 200,000 values")


def test_size_limit_is_checked_before_parsing() -> None:
    text = b"a: '" + b"x" * loader.MAX_BYTES + b"'\n"
    started = time.perf_counter()
    assert only_problem(text) == (
        "too-large", 1, 1, "the file is 5,242,886 bytes; a config may be at most 5,242,880 bytes"
    )
    assert only_problem(text.decode())[0] == "too-large"
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("data", "line", "col", "message"),
    [
        (b"a: 1\nname: caf\xe9\n", 2, 10, "the file is not valid UTF-8 (byte 0xe9)"),
        (b"\xc3\xa9: \xff\n", 1, 4, "the file is not valid UTF-8 (byte 0xff)"),
        ("a: 1\n".encode("utf-16"), 1, 1, "the file is UTF-16, not UTF-8"),
        (b"a: 1\nb: x\x00y\n", 2, 5, "the character U+0000 is not allowed in YAML"),
        (b"a: \x1b[31m\n", 1, 4, "the character U+001B is not allowed in YAML"),
    ],
)
def test_encoding(parser: str, data: bytes, line: int, col: int, message: str) -> None:
    assert only_problem(data) == ("encoding", line, col, message)


def test_lone_surrogate_in_text_is_an_encoding_problem(parser: str) -> None:
    assert only_problem("a: \ud800\n") == (
        "encoding", 1, 4, "the character U+D800 is not allowed in YAML"
    )


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n# and another\n", "---\n",
                                  "\ufeff", "---\n...\n"])
def test_empty_config(parser: str, text: str) -> None:
    assert only_problem(text) == ("empty", 1, 1, "empty config: the file holds no settings")


@pytest.mark.parametrize(
    ("text", "line", "col", "got"),
    [
        ("- a\n- b\n", 1, 1, "a list"),
        ("# header\njust text\n", 2, 1, "a string of 9 characters"),
        ("42\n", 1, 1, "the number 42"),
        ("null\n", 1, 1, "null (an empty value)"),
        ("true\n", 1, 1, "true"),
    ],
)
def test_top_level_must_be_a_mapping(parser: str, text: str, line: int, col: int, got: str) -> None:
    assert only_problem(text) == (
        "not-a-mapping", line, col, f"the top level must be a mapping of keys, got {got}"
    )


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        ("1: x\n", 1, 1, "keys must be plain names; this key reads as the number 1"),
        ("true: x\n", 1, 1, "keys must be plain names; this key reads as true"),
        ("null: x\n", 1, 1, "keys must be plain names; this key reads as null (an empty value)"),
        ("a: 1\n1.5: x\n", 2, 1, "keys must be plain names; this key reads as the number 1.5"),
        ("~: x\n", 1, 1, "keys must be plain names; this key reads as null (an empty value)"),
        ("? [a, b]\n: x\n", 1, 3, "keys must be plain names, not a list"),
        ("? {a: 1}\n: x\n", 1, 3, "keys must be plain names, not a mapping"),
        ("a: &k name\n*k : x\n", 2, 1, "keys must be plain names, not an alias"),
    ],
)
def test_keys_must_be_strings(parser: str, text: str, line: int, col: int, message: str) -> None:
    assert only_problem(text) == ("key", line, col, message)


def test_quoted_keys_that_look_like_other_types_are_strings(parser: str) -> None:
    assert load_text('"1": a\n"true": b\n"null": c\n').data == {"1": "a", "true": "b", "null": "c"}


def test_non_string_key_hint_says_to_quote_it(parser: str) -> None:
    with pytest.raises(InputError) as caught:
        load_text("2026: notes\n")
    assert caught.value.problems[0].hint == 'quote the key ("2026") or use a name'


# -- files and the error raised -----------------------------------------------------------------


def test_load_reads_a_file_and_keeps_the_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "cfg.yaml").write_text("a: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load("sub/cfg.yaml").path == "sub/cfg.yaml"
    assert load(tmp_path / "sub" / "cfg.yaml").path == "sub/cfg.yaml"  # under the cwd: relative
    assert load(Path("sub") / "cfg.yaml").locations["/a"] == Location("sub/cfg.yaml", 1, 4)


def test_load_outside_the_cwd_keeps_the_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "cfg.yaml"
    config.write_text("a: 1\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert load(config).path == config.as_posix()


@pytest.mark.parametrize("name", ["missing.yaml", "."])
def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as caught:
        load(name)
    (problem,) = caught.value.problems
    assert problem.code == "unreadable"
    assert problem.location == Location(name, 1, 1)
    reason = "No such file or directory" if name != "." else "Is a directory"
    assert problem.message == f"cannot read the file: {reason}"


def test_load_refuses_a_big_file_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as stream:
        stream.truncate(loader.MAX_BYTES + 1)
    with pytest.raises(InputError) as caught:
        load(big)
    assert [p.code for p in caught.value.problems] == ["too-large"]


def test_input_error_renders_every_problem_once() -> None:
    with pytest.raises(InputError) as caught:
        load_text("a: 1\na: 2\nb: !!str x\n", "cfg.yaml")
    assert caught.value.message == "cfg.yaml is not a valid config (2 problems):"
    assert caught.value.render() == (
        "cfg.yaml is not a valid config (2 problems):\n"
        "cfg.yaml:2:1: error: duplicate key 'a' (first at line 1)\n"
        "  hint: remove one of them: YAML would silently keep only the last\n"
        "cfg.yaml:3:4: error: b: the tag '!!str' is not allowed\n"
        "  hint: remove the tag: a config is plain data (quote a value to make it text)"
    )


def test_load_text_default_path() -> None:
    assert load_text("a: 1\n").path == "<string>"


@pytest.mark.parametrize("text", ['k: "a\x85b"\n', "k: a\x85b\n"])
def test_next_line_character_is_rejected_where_it_stands(text: str) -> None:
    """libyaml reads U+0085 as a line break: it would change a value or shift every line."""
    with pytest.raises(InputError) as caught:
        load_text(text, "phi-policy.yaml")
    (problem,) = caught.value.problems
    where = (problem.code, problem.location.line, problem.location.col)
    assert where == ("encoding", 1, text.index("\x85") + 1)
    assert problem.message == "the character U+0085 is not allowed in YAML"
