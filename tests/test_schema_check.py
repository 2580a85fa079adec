"""Schema validation as Problems: each JSON Schema keyword gives an exact line, message and hint.

A small schema of the tests' own pins every keyword's wording; the real schema and the
example configs are then checked end to end.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path
from typing import Any

import pytest
import referencing.exceptions

from phi_policy.config import validation
from phi_policy.config.loader import load, load_text
from phi_policy.config.refs import inline_refs
from phi_policy.config.schema import default_schema, validator_for
from phi_policy.config.validation import check, validate_file
from phi_policy.model import Location

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://phi-policy.test/mini.json",
    "type": "object",
    "required": ["schema_version", "access_control", "byod"],
    "additionalProperties": False,
    "properties": {
        "schema_version": {"const": 1},
        "access_control": {
            "type": "object",
            "additionalProperties": False,
            "required": ["automatic_logoff_minutes"],
            "properties": {
                "automatic_logoff_minutes": {"type": "integer", "minimum": 1, "maximum": 1440},
                "shared_accounts": {"type": "boolean"},
                "mfa": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {"remote_access": {"type": "boolean"}},
                },
            },
        },
        "byod": {
            "type": "object",
            "description": "Personal devices used for work. Only if allowed.",
            "properties": {"allowed": {"type": "boolean"}},
        },
        "platforms": {"type": "array", "maxItems": 2, "items": {"$ref": "#/$defs/platform"}},
        "states": {
            "type": "array",
            "uniqueItems": True,
            "items": {"type": "string", "pattern": "^[A-Z]{2}$",
                      "description": "Two-letter USPS code in capitals."},
        },
        "last_reviewed": {"$ref": "#/$defs/date"},
        "justification": {"type": "string", "minLength": 20},
        "officials": {"type": "object", "dependentRequired": {"email": ["name"]}},
        "contact": {"anyOf": [{"type": "string", "format": "email"}, {"type": "null"}]},
        "notes": {"type": "object", "maxProperties": 1},
        "ratio": {"type": "number", "exclusiveMaximum": 1},
        "empty": {"type": "object", "additionalProperties": False},
    },
    "$defs": {
        "date": {"type": "string", "format": "date", "description": "A date."},
        "platform": {
            "type": "object",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string"},
                "tls_min_version": {"type": "string", "enum": ["1.0", "1.1", "1.2", "1.3"]},
            },
        },
    },
}

VALID = "schema_version: 1\naccess_control:\n  automatic_logoff_minutes: 15\nbyod: {}\n"

Row = tuple[int, int, str, str, str, "str | None"]


def problems(text: str, schema: dict[str, Any] = SCHEMA) -> list[Row]:
    found = check(load_text(text, "cfg.yaml"), schema)
    for problem in found:
        assert problem.location.file == "cfg.yaml"
    return [(p.location.line, p.location.col, p.pointer, p.code, p.message, p.hint) for p in found]


def test_a_valid_document_has_no_problems() -> None:
    assert problems(VALID) == []


def test_unknown_key_is_reported_at_the_key_with_the_closest_name() -> None:
    text = VALID.replace("automatic_logoff_minutes: 15", "automatic_logoff_minutes: 15\n"
                         "  automatic_logoff_minute: 15")
    assert problems(text) == [
        (4, 3, "/access_control", "unknown-key", "unknown key 'automatic_logoff_minute'",
         "did you mean 'automatic_logoff_minutes'?"),
    ]


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    assert problems(VALID + "zzz: 1\n") == [
        (5, 1, "", "unknown-key", "unknown key 'zzz'",
         "allowed keys: access_control, byod, contact, empty, justification, last_reviewed, "
         "notes, officials, platforms, ratio, schema_version, states"),
    ]


def test_unknown_key_where_no_key_is_allowed() -> None:
    assert problems(VALID + "empty:\n  x: 1\n") == [
        (6, 3, "/empty", "unknown-key", "unknown key 'x'",
         "this mapping takes no keys: remove it"),
    ]


def test_every_unknown_key_is_reported() -> None:
    text = VALID + "platforms:\n  - name: a\n    tls: x\n    tsl_min_version: '1.2'\n"
    assert problems(text) == [
        (7, 5, "/platforms/0", "unknown-key", "unknown key 'tls'", "allowed keys: name, "
         "tls_min_version"),
        (8, 5, "/platforms/0", "unknown-key", "unknown key 'tsl_min_version'",
         "did you mean 'tls_min_version'?"),
    ]


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        ("yes", "expected true or false, got the string 'yes'", "write true or false (unquoted)"),
        ("'true'", "expected true or false, got the string 'true'",
         "write true or false (unquoted)"),
        ("1", "expected true or false, got the number 1", "write true or false (unquoted)"),
        ("", "expected true or false, got nothing (an empty value)",
         "write a value after the ':', or remove the key"),
    ],
)
def test_wrong_type_boolean(written: str, message: str, hint: str) -> None:
    text = VALID.replace("  automatic", f"  shared_accounts: {written}\n  automatic")
    assert problems(text) == [(3, 20 if written else 19, "/access_control/shared_accounts",
                               "type", message, hint)]


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        ('"15"', "expected a whole number, got the string '15'", "remove the quotes: 15"),
        ("015", "expected a whole number, got the string '015'",
         "write the number without a leading zero: 15"),
        ("1:30", "expected a whole number, got the string '1:30'",
         "write a number, without quotes or units"),
        ("15 minutes", "expected a whole number, got the string '15 minutes'",
         "write a number, without quotes or units"),
        ("1.5", "expected a whole number, got the number 1.5",
         "write a whole number, without a decimal point"),
        ("[15]", "expected a whole number, got a list", None),
    ],
)
def test_wrong_type_integer(written: str, message: str, hint: str | None) -> None:
    text = VALID.replace("15", written)
    assert problems(text) == [(3, 29, "/access_control/automatic_logoff_minutes", "type", message,
                               hint)]


def test_wrong_type_string_says_to_quote_the_number_as_written() -> None:
    text = VALID + "platforms:\n  - name: a\n    tls_min_version: 1.10  # TLS\n"
    assert problems(text) == [
        (7, 22, "/platforms/0/tls_min_version", "type", "expected text, got the number 1.1",
         'put the value in quotes: "1.10"'),
    ]


def test_wrong_type_object_and_array() -> None:
    text = VALID.replace("byod: {}", "byod: yes") + "platforms: none\n"
    assert problems(text) == [
        (4, 7, "/byod", "type", "expected a mapping of keys, got the string 'yes'",
         "write the keys indented on the lines below it"),
        (5, 12, "/platforms", "type", "expected a list, got the string 'none'",
         "write a list: [a, b] on one line, or one '- item' per line"),
    ]


def test_enum_lists_the_allowed_values_and_suggests_the_closest() -> None:
    text = VALID + "platforms:\n  - name: a\n    tls_min_version: '1.4'\n  - name: b\n" \
        "    tls_min_version: '1,2'\n"
    assert problems(text) == [
        (7, 22, "/platforms/0/tls_min_version", "enum",
         "'1.4' is not one of '1.0', '1.1', '1.2', '1.3'", "did you mean '1.3'?"),
        (9, 22, "/platforms/1/tls_min_version", "enum",
         "'1,2' is not one of '1.0', '1.1', '1.2', '1.3'", "did you mean '1.2'?"),
    ]


def test_format_date() -> None:
    assert problems(VALID + "last_reviewed: 2024-13-45\n") == [
        (5, 16, "/last_reviewed", "format", "'2024-13-45' is not a valid date",
         "write dates as YYYY-MM-DD, e.g. 2026-01-31"),
    ]


def test_a_date_written_as_a_valid_date_passes() -> None:
    assert problems(VALID + "last_reviewed: 2024-02-29\n") == []


def test_required_is_reported_at_the_parent_with_the_property_description() -> None:
    text = "schema_version: 1\naccess_control:\n  shared_accounts: false\n"
    assert problems(text) == [
        (1, 1, "", "required", "missing required key 'byod'",
         "add 'byod:' under the top level (Personal devices used for work)"),
        (2, 1, "/access_control", "required", "missing required key 'automatic_logoff_minutes'",
         "add 'automatic_logoff_minutes:' under 'access_control'"),
    ]


def test_required_in_a_list_item_is_at_the_item() -> None:
    assert problems(VALID + "platforms:\n  - tls_min_version: '1.2'\n") == [
        (6, 5, "/platforms/0", "required", "missing required key 'name'",
         "add 'name:' under 'platforms[0]'"),
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [("0", "must be at least 1, got 0"), ("1441", "must be at most 1440, got 1441")],
)
def test_minimum_and_maximum(written: str, message: str) -> None:
    assert problems(VALID.replace("15", written)) == [
        (3, 29, "/access_control/automatic_logoff_minutes", "minimum" if written == "0"
         else "maximum", message, "write a whole number from 1 to 1440"),
    ]


def test_exclusive_maximum() -> None:
    assert problems(VALID + "ratio: 1\n") == [
        (5, 8, "/ratio", "exclusiveMaximum", "must be less than 1, got 1",
         "write a number less than 1"),
    ]


def test_pattern_and_unique_items() -> None:
    assert problems(VALID + "states: [WA, or, WA]\n") == [
        (5, 14, "/states/1", "pattern", "'or' does not match the pattern ^[A-Z]{2}$",
         "Two-letter USPS code in capitals"),
        (5, 18, "/states/2", "uniqueItems", "'WA' is listed more than once",
         "list each value once"),
    ]


def test_const() -> None:
    assert problems(VALID.replace("schema_version: 1", "schema_version: 2")) == [
        (1, 17, "/schema_version", "const", "must be 1, got 2", None),
    ]


def test_min_length() -> None:
    assert problems(VALID + "justification: too short\n") == [
        (5, 16, "/justification", "minLength", "must be at least 20 characters long, got 9", None),
    ]


def test_max_items_and_max_properties() -> None:
    text = VALID + "platforms: [{name: a}, {name: b}, {name: c}]\nnotes: {a: 1, b: 2}\n"
    assert problems(text) == [
        (5, 12, "/platforms", "maxItems", "has 3 items; at most 2 allowed", None),
        (6, 8, "/notes", "maxProperties", "must have at most 1 key", None),
    ]


def test_dependent_required() -> None:
    assert problems(VALID + "officials:\n  email: a@b.example\n") == [
        (6, 3, "/officials", "dependentRequired", "'email' requires 'name' beside it",
         "add 'name:' or remove 'email'"),
    ]


def test_any_of_of_types_reads_as_one_type_error() -> None:
    assert problems(VALID + "contact: 5\n") == [
        (5, 10, "/contact", "anyOf", "expected text or nothing (null), got the number 5",
         'put the value in quotes: "5"'),
    ]


def test_any_of_picks_the_most_relevant_branch() -> None:
    assert problems(VALID + "contact: not-an-email\n") == [
        (5, 10, "/contact", "format", "'not-an-email' is not a valid email",
         "write an email address such as name@example.org"),
    ]


def test_problems_are_sorted_by_line_and_column() -> None:
    text = "byod: yes\nzzz: 1\naccess_control:\n  automatic_logoff_minutes: 0\nschema_version: 1\n"
    assert [(line, col) for line, col, *_ in problems(text)] == [(1, 7), (2, 1), (4, 29)]


def test_the_validator_is_built_once_per_schema() -> None:
    assert validator_for(SCHEMA)[0] is validator_for(SCHEMA)[0]
    other = dict(SCHEMA)
    assert validator_for(other)[0] is not validator_for(SCHEMA)[0]


def test_remote_refs_are_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("validation tried to fetch a remote $ref")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    schema = {"$id": "https://phi-policy.test/remote-ref.json",
              "properties": {"a": {"$ref": "https://example.org/other.json"}}}
    with pytest.raises(referencing.exceptions.Unresolvable):
        check(load_text("a: 1\n"), schema)


class CountingCatalog:
    """A catalog without controls that counts how often the decision checks ask for them."""

    def __init__(self) -> None:
        self.calls = 0

    def by_id(self) -> dict[str, Any]:
        self.calls += 1
        return {}


def test_decision_checks_run_only_on_a_schema_valid_document(examples_dir: Path) -> None:
    text = (examples_dir / "lakeside-health.yaml").read_text(encoding="utf-8")
    catalog = CountingCatalog()
    invalid = load_text(text.replace("automatic_logoff_minutes: 15", "automatic_logoff_minutes: 0"),
                        "bad.yaml")
    assert [p.code for p in validation.problems(invalid, catalog)] == ["minimum"]
    assert catalog.calls == 0
    found = validation.problems(load_text(text, "good.yaml"), catalog)
    assert [(p.location, p.pointer, p.code) for p in found] == [
        (Location("good.yaml", 563, 14), "/decisions/0/control", "decision-unknown-control")
    ]
    assert catalog.calls == 1


def test_a_config_without_decisions_never_asks_for_the_catalog(examples_dir: Path) -> None:
    text = (examples_dir / "lakeside-health.yaml").read_text(encoding="utf-8")
    catalog = CountingCatalog()
    undecided = load_text(text[: text.index("\ndecisions:") + 1], "undecided.yaml")
    assert validation.problems(undecided, catalog) == []
    assert catalog.calls == 0


# -- the real schema and the examples -------------------------------------------------------------


def test_default_schema_is_the_installed_one() -> None:
    schema = default_schema()
    assert schema is default_schema()
    assert schema["$id"] == "https://phi-policy.dev/schemas/org-config/v1.json"


def test_examples_are_valid(examples_dir: Path) -> None:
    for example in sorted(examples_dir.glob("*.yaml")):
        assert check(load(example)) == [], example.name


def test_validate_file_reports_loader_and_schema_problems(broken_dir: Path,
                                                         examples_dir: Path) -> None:
    files = [broken_dir / "duplicate-key.yaml", broken_dir / "yes-boolean.yaml",
             examples_dir / "lakeside-health.yaml"]
    results = [validate_file(f, None) for f in files]
    assert [(Path(path).name, [(p.location.line, p.code) for p in found])
            for path, found in results] == [
        ("duplicate-key.yaml", [(26, "duplicate-key")]),
        ("yes-boolean.yaml", [(25, "type")]),
        ("lakeside-health.yaml", []),
    ]


def test_real_schema_messages_on_an_example_with_mistakes(examples_dir: Path) -> None:
    text = (examples_dir / "lakeside-health.yaml").read_text(encoding="utf-8")
    text = text.replace("automatic_logoff_minutes:", "automatic_logoff_minute:", 1) + "zzz: 1\n"
    found = check(load_text(text, "lakeside.yaml"))
    line = text[: text.index("automatic_logoff_minute:")].count("\n") + 1
    assert [(p.location.line, p.location.col, p.message) for p in found] == [
        (line, 3, "unknown key 'automatic_logoff_minute'"),
        (text.count("\n"), 1, "unknown key 'zzz'"),
    ]
    assert found[0].hint == "did you mean 'automatic_logoff_minutes'?"
    hint = found[1].hint or ""
    assert hint.startswith(
        "allowed keys: access_control, audio_only, audit_controls, business_associates, "
    )
    assert hint.endswith(" more)")
    assert hint.count(", ") == 12


# --- local references inlined for speed ---------------------------------------------------------


def _errors(validator: Any, data: Any) -> list[tuple[str, str, str]]:
    return sorted(
        ("/".join(map(str, e.absolute_path)), str(e.validator), e.message)
        for e in validator.iter_errors(data)
    )


def test_inlined_references_find_the_same_errors() -> None:
    """The validator's copy of the schema has its `$ref`s inlined; on the examples, each with
    values swapped for tricky ones (as the fast path is vetted), every error is the same."""
    from jsonschema import Draft202012Validator

    from tests.test_bench import _variants

    schema = default_schema()
    assert "$ref" in str(schema) and "$ref" not in str(inline_refs(schema))
    plain = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    inlined, _ = validator_for(schema)
    assert inlined.schema is not schema
    compared = invalid = 0
    for data in _variants(seed=11, per_example=120):
        found = _errors(plain, data)
        assert _errors(inlined, data) == found
        compared += 1
        invalid += bool(found)
    assert compared > 300 and invalid > 200


def test_only_references_that_mean_the_same_inline_are_inlined() -> None:
    schema = {
        "$defs": {
            "day": {"type": "string", "format": "date"},
            "tree": {"type": "object", "properties": {"child": {"$ref": "#/$defs/tree"}}},
            "scoped": {"$id": "https://example.test/scoped", "type": "integer"},
        },
        "type": "object",
        "properties": {
            "when": {"$ref": "#/$defs/day", "description": "annotations merge"},
            "narrow": {"$ref": "#/$defs/day", "type": "integer"},  # both apply: kept
            "tree": {"$ref": "#/$defs/tree"},  # recursive: kept
            "scoped": {"$ref": "#/$defs/scoped"},  # has its own $id: kept
            "remote": {"$ref": "https://example.test/other"},
        },
    }
    out = inline_refs(schema)
    props = out["properties"]
    assert props["when"] == {"type": "string", "format": "date", "description": "annotations merge"}
    for kept in ("narrow", "tree", "scoped", "remote"):
        assert props[kept] == schema["properties"][kept], kept  # type: ignore[index]
    assert out["$defs"] == schema["$defs"]
    assert inline_refs({"type": "object"}) == {"type": "object"}
