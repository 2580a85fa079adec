"""The config schema itself: well formed, self-documenting, closed, safe to run, and strict.

Editors show `description` as hover help and the validator rejects unknown keys, so both are
checked everywhere rather than spot-checked. Patterns run on user input, so none may backtrack
catastrophically. The validation cases pin the JSON path and message a user would see.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from phi_policy.resources import schema_path


def load_schema() -> dict[str, Any]:
    return json.loads(schema_path().read_text(encoding="utf-8"))


SCHEMA = load_schema()

MINIMAL: dict[str, Any] = {
    "schema_version": 1,
    "organization": {"name": "Minimal Clinic", "type": "covered_entity"},
    "officials": {},
    "policies": {},
    "risk_analysis": {},
    "workforce": {},
    "platforms": [],
    "business_associates": [],
    "access_control": {},
    "audit_controls": {},
    "transmission_security": {},
    "encryption": {},
    "byod": {"allowed": False},
    "physical": {},
    "contingency": {},
    "incident_response": {},
    "privacy": {},
    "patient_identity": {},
}


def subschemas(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object inside `node`, with a JSON-pointer-like path for messages."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, sub in value.items():
                    yield from subschemas(sub, f"{path}/{key}/{name}")
            elif key in ("items", "not", "if", "then", "else", "additionalProperties"):
                yield from subschemas(value, f"{path}/{key}")
            elif key in ("allOf", "anyOf", "oneOf", "prefixItems"):
                for index, sub in enumerate(value):
                    yield from subschemas(sub, f"{path}/{key}/{index}")


def has_nested_quantifier(pattern: str) -> bool:
    """True if a group that contains `+` or `*` is itself quantified, like `(a+)+` or `(a*)*`.

    Such patterns can backtrack exponentially on crafted input. Escapes and character classes
    are skipped, since `+` and `*` are literal inside `[...]`.
    """
    stack: list[bool] = []  # for each open group: does it contain + or *?
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index += 1
            if index < len(pattern) and pattern[index] == "]":
                index += 1
            while index < len(pattern) and pattern[index] != "]":
                index += 2 if pattern[index] == "\\" else 1
        elif char == "(":
            stack.append(False)
        elif char == ")":
            inner = stack.pop() if stack else False
            following = pattern[index + 1 : index + 2]
            if inner and following in ("+", "*", "?", "{"):
                return True
            if stack:
                stack[-1] = stack[-1] or inner
        elif char in "+*" and stack:
            stack[-1] = True
        index += 1
    return False


def errors_of(instance: Any) -> list[tuple[str, str, str]]:
    """(json path, validator keyword, message) of every error, in a stable order."""
    validator = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    found = [(e.json_path, str(e.validator), e.message) for e in validator.iter_errors(instance)]
    return sorted(found)


def with_change(path: list[str], value: Any) -> dict[str, Any]:
    """A copy of MINIMAL with the value at `path` set (creating objects on the way)."""
    document = copy.deepcopy(MINIMAL)
    node = document
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value
    return document


def test_schema_is_valid_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"] == "https://phi-policy.dev/schemas/org-config/v1.json"
    assert SCHEMA["title"] and SCHEMA["description"]
    Draft202012Validator.check_schema(SCHEMA)


def test_schema_version_is_required_and_const_1() -> None:
    assert "schema_version" in SCHEMA["required"]
    assert SCHEMA["properties"]["schema_version"]["const"] == 1


def test_every_property_has_a_description() -> None:
    missing = [
        f"{path}/properties/{name}"
        for path, node in subschemas(SCHEMA)
        for name, sub in node.get("properties", {}).items()
        if not str(sub.get("description", "")).strip()
    ]
    assert missing == []


def test_every_object_is_closed() -> None:
    open_objects = [
        path
        for path, node in subschemas(SCHEMA)
        if (node.get("type") == "object" or "properties" in node)
        and node.get("additionalProperties") is not False
    ]
    assert open_objects == []


def test_every_array_is_bounded() -> None:
    unbounded = [
        path
        for path, node in subschemas(SCHEMA)
        if node.get("type") == "array" and "maxItems" not in node
    ]
    assert unbounded == []


def test_enum_lists_reject_duplicates() -> None:
    loose = [
        path
        for path, node in subschemas(SCHEMA)
        if node.get("type") == "array"
        and "enum" in node.get("items", {})
        and node.get("uniqueItems") is not True
    ]
    assert loose == []


@pytest.mark.parametrize(
    ("pattern", "nested"),
    [
        ("^(a+)+$", True),
        ("^(a*)*$", True),
        ("^((ab)+c)?$", True),
        ("^(x|y+){2}$", True),
        ("^(ab)+$", False),
        ("^[A-Z][A-Z0-9]{1,7}-[0-9]{3}$", False),
        ("^([+*])+$", False),
        ("^(\\+)*$", False),
    ],
)
def test_nested_quantifier_checker(pattern: str, nested: bool) -> None:
    assert has_nested_quantifier(pattern) is nested


def test_patterns_are_anchored_and_have_no_nested_quantifier() -> None:
    patterns = {path: node["pattern"] for path, node in subschemas(SCHEMA) if "pattern" in node}
    assert patterns == {
        "#/properties/organization/properties/states/items": "^[A-Z]{2}$",
        "#/$defs/decision/properties/control": "^[A-Z][A-Z0-9]{1,7}-[0-9]{3}$",
        "#/$defs/waiver/properties/control": "^[A-Z][A-Z0-9]{1,7}-[0-9]{3}$",
    }
    for path, pattern in patterns.items():
        assert pattern.startswith("^") and pattern.endswith("$"), path
        assert not has_nested_quantifier(pattern), path


def test_refs_are_local_and_resolve() -> None:
    refs = [(path, node["$ref"]) for path, node in subschemas(SCHEMA) if "$ref" in node]
    assert refs, "the schema is expected to share pieces through $defs"
    for path, ref in refs:
        assert ref.startswith("#/$defs/"), f"{path}: non-local $ref {ref}"
        assert ref.removeprefix("#/$defs/") in SCHEMA["$defs"], f"{path}: dangling $ref {ref}"


def test_shared_definitions_exist() -> None:
    assert list(SCHEMA["$defs"]) == [
        "date",
        "tls_version",
        "encryption_algorithm",
        "official",
        "policy_document",
        "platform",
        "business_associate",
        "waiver",
        "decision",
    ]
    assert SCHEMA["$defs"]["date"]["format"] == "date"
    assert SCHEMA["$defs"]["tls_version"]["enum"] == ["1.0", "1.1", "1.2", "1.3"]


def test_minimal_document_is_valid() -> None:
    assert errors_of(MINIMAL) == []


def test_impossible_date_fails_format() -> None:
    document = with_change(["risk_analysis", "last_performed"], "2024-13-45")
    assert errors_of(document) == [
        ("$.risk_analysis.last_performed", "format", "'2024-13-45' is not a 'date'")
    ]


def test_unknown_key_is_rejected() -> None:
    document = with_change(["organization", "nmae"], "Typo Clinic")
    assert errors_of(document) == [
        (
            "$.organization",
            "additionalProperties",
            "Additional properties are not allowed ('nmae' was unexpected)",
        )
    ]


def test_yaml_yes_string_is_not_a_boolean() -> None:
    document = with_change(["byod", "allowed"], "yes")
    assert errors_of(document) == [("$.byod.allowed", "type", "'yes' is not of type 'boolean'")]


def test_schema_version_2_is_rejected() -> None:
    document = with_change(["schema_version"], 2)
    assert errors_of(document) == [("$.schema_version", "const", "1 was expected")]


def test_missing_required_section_is_reported_at_the_root() -> None:
    document = copy.deepcopy(MINIMAL)
    del document["privacy"]
    assert errors_of(document) == [("$", "required", "'privacy' is a required property")]


def test_unquoted_tls_version_is_rejected() -> None:
    document = with_change(["transmission_security", "tls_min_version"], 1.2)
    assert errors_of(document) == [
        (
            "$.transmission_security.tls_min_version",
            "enum",
            "1.2 is not one of ['1.0', '1.1', '1.2', '1.3']",
        ),
        ("$.transmission_security.tls_min_version", "type", "1.2 is not of type 'string'"),
    ]


def test_waiver_fields_are_checked() -> None:
    waiver = {
        "control": "tech-3",
        "justification": "too short",
        "alternative_measure": "none",
        "approved_by": "Dana Whitfield (CISO)",
        "approved_on": "2026-03-01",
        "expires": "2027-02-28",
    }
    assert errors_of(with_change(["waivers"], [waiver])) == [
        ("$.waivers[0].alternative_measure", "minLength", "'none' is too short"),
        (
            "$.waivers[0].control",
            "pattern",
            "'tech-3' does not match '^[A-Z][A-Z0-9]{1,7}-[0-9]{3}$'",
        ),
        ("$.waivers[0].justification", "minLength", "'too short' is too short"),
    ]


def test_ranges_are_enforced() -> None:
    document = with_change(["access_control", "automatic_logoff_minutes"], 0)
    assert errors_of(document) == [
        ("$.access_control.automatic_logoff_minutes", "minimum", "0 is less than the minimum of 1")
    ]
    document = with_change(
        ["incident_response", "breach_notification"], {"individual_notice_days": 61}
    )
    assert errors_of(document) == [
        (
            "$.incident_response.breach_notification.individual_notice_days",
            "maximum",
            "61 is greater than the maximum of 60",
        )
    ]


def test_baa_status_is_required_when_baa_present() -> None:
    associate = {"name": "Acme Hosting", "handles_ephi": True, "baa": {"signed": "2025-01-01"}}
    assert errors_of(with_change(["business_associates"], [associate])) == [
        ("$.business_associates[0].baa", "required", "'status' is a required property")
    ]
