"""docs/config-reference.md is generated from the schema and must stay in step with it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from phi_policy.reporters import config_reference
from phi_policy.reporters.config_reference import render
from phi_policy.resources import schema_path

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "config-reference.md"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(schema_path().read_text(encoding="utf-8"))


def test_committed_reference_is_up_to_date(schema: dict[str, Any]) -> None:
    committed = REFERENCE.read_text(encoding="utf-8")
    assert committed == render(schema), (
        "docs/config-reference.md is out of date: "
        "run python -m phi_policy.reporters.config_reference"
    )


def test_reference_has_a_section_per_top_level_key(schema: dict[str, Any]) -> None:
    text = render(schema)
    for key in schema["properties"]:
        assert f"\n## `{key}`\n" in text, key


def test_render_is_deterministic(schema: dict[str, Any]) -> None:
    assert render(schema) == render(json.loads(json.dumps(schema)))


def test_render_tables_resolve_refs_and_array_items() -> None:
    schema = {
        "title": "T",
        "description": "D",
        "type": "object",
        "required": ["things"],
        "properties": {
            "things": {
                "type": "array",
                "description": "All the things.",
                "maxItems": 3,
                "items": {"$ref": "#/$defs/thing"},
            },
        },
        "additionalProperties": False,
        "$defs": {
            "when": {"type": "string", "format": "date", "description": "A date."},
            "thing": {
                "type": "object",
                "description": "A thing.",
                "required": ["size"],
                "properties": {
                    "size": {
                        "type": "integer",
                        "description": "How big | wide.",
                        "minimum": 1,
                        "maximum": 9,
                    },
                    "seen": {"$ref": "#/$defs/when", "description": "When it was seen."},
                    "tls": {"type": "string", "enum": ["1.2", "1.3"], "description": "Version."},
                    "on": {"type": "boolean", "description": "Switched on.", "default": False},
                },
                "additionalProperties": False,
            },
        },
    }
    text = render(schema)
    assert "## `things`\n\nAll the things.\n\nType: array of object. Required: yes. " in text
    assert (
        "Allowed: at most 3 items. Shape defined once in `#/$defs/thing`.\n\n"
        "Each item has these keys:" in text
    )
    assert "| `size` | integer | yes | 1 to 9 | How big \\| wide. |" in text
    assert "| `seen` | string (date) | no | YYYY-MM-DD | When it was seen. |" in text
    assert '| `tls` | string | no | one of `"1.2"`, `"1.3"` | Version. |' in text
    assert "| `on` | boolean | no | `true` or `false`; default `false` | Switched on. |" in text
    assert "| `when` | string (date) | YYYY-MM-DD | A date. |" in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_render_rejects_remote_refs() -> None:
    schema = {"properties": {"x": {"$ref": "https://example.com/s.json", "description": "X."}}}
    with pytest.raises(ValueError, match="only local \\$defs references are supported"):
        render(schema)


def test_main_writes_the_reference(
    tmp_path: Path, schema: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "ref.md"
    assert config_reference.main([str(output)]) == 0
    assert output.read_text(encoding="utf-8") == render(schema)
    assert capsys.readouterr().out == f"wrote {output}\n"


def test_main_reports_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "missing" / "ref.md"
    assert config_reference.main([str(output)]) == 2
    assert capsys.readouterr().err == (
        f"error: folder {output.parent} does not exist; run from the repository root "
        "or pass the output path\n"
    )
