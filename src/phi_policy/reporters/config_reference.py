"""Render the config format's reference (docs/config-reference.md) from its JSON Schema.

The schema is the one source of truth for phi-policy.yaml: it drives validation and editor hover
help. Generating the reference from it means the docs cannot drift from what `phi-policy
validate` accepts; a test compares the committed file with `render(schema)`.

`python -m phi_policy.reporters.config_reference [OUTPUT]` rewrites the file (default
docs/config-reference.md, relative to the current directory, meant to be the repository root).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from phi_policy.resources import schema_path

Schema = Mapping[str, Any]

DEFAULT_OUTPUT = Path("docs") / "config-reference.md"
_JSON_TYPES: dict[type, str] = {
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "array",
    dict: "object",
}
_TABLE_HEAD = (
    "| key | type | required | allowed values / range | description |",
    "|---|---|---|---|---|",
)


def render(schema: Schema) -> str:
    """The Markdown reference for `schema`: an overview, then a section per top-level key.

    Each section has the key's description and a table (key, type, required, allowed values or
    range, description) for every object below it, found through `$ref`s to `$defs` and through
    array items. Output depends only on `schema`, in its key order, so it is deterministic.
    """
    lines = [
        "# Config reference: phi-policy.yaml",
        "",
        "<!-- Generated from schemas/org-config.schema.json by "
        "`python -m phi_policy.reporters.config_reference`. Do not edit by hand. -->",
        "",
        _cell_text(schema.get("title", "")),
        "",
        _cell_text(schema.get("description", "")),
        "",
        f"Schema id: `{schema.get('$id', '')}` (JSON Schema draft 2020-12; the id is a name, not "
        "an address). For hover help and completion in your editor, write the schema beside the "
        "config with `phi-policy schema --write .` and start the config with "
        "`# yaml-language-server: $schema=./org-config.schema.json` (`phi-policy init` does both); "
        "see [editors.md](editors.md).",
        "",
        "Dates are written `YYYY-MM-DD`. Booleans are `true` or `false` (YAML `yes`, `no`, `on` "
        'and `off` are rejected). Quote version strings such as TLS versions (`"1.2"`).',
        "",
        "## Top-level keys",
        "",
        *_table(schema, schema),
    ]
    for key, sub in schema.get("properties", {}).items():
        required = key in schema.get("required", ())
        lines += ["", *_section(schema, key, sub, required, level=2)]
    lines += ["", *_definitions(schema)]
    return "\n".join(lines) + "\n"


def _section(root: Schema, path: str, node: Schema, required: bool, level: int) -> list[str]:
    """A heading for `path`, its description and facts, its table, then its nested objects."""
    resolved = _resolve(root, node)
    lines = [f"{'#' * level} `{path}`", "", _cell_text(resolved.get("description", "")), ""]
    facts = [f"Type: {_type_of(root, resolved)}.", f"Required: {'yes' if required else 'no'}."]
    allowed = _allowed(root, resolved)
    if allowed:
        facts.append(f"Allowed: {allowed}.")
    ref = node.get("$ref") or resolved.get("items", {}).get("$ref")
    if ref:
        facts.append(f"Shape defined once in `{ref}`.")
    lines.append(" ".join(facts))
    obj, is_items = _object_of(root, resolved)
    if obj is None:
        return lines
    lines += ["", "Each item has these keys:" if is_items else "Keys:", "", *_table(root, obj)]
    base = f"{path}[]" if is_items else path
    for key, sub in obj.get("properties", {}).items():
        if _object_of(root, _resolve(root, sub))[0] is not None:
            sub_required = key in obj.get("required", ())
            lines += ["", *_section(root, f"{base}.{key}", sub, sub_required, level=3)]
    return lines


def _table(root: Schema, obj: Schema) -> list[str]:
    """One row per property of the object schema `obj`."""
    rows = list(_TABLE_HEAD)
    required = set(obj.get("required", ()))
    for key, sub in obj.get("properties", {}).items():
        resolved = _resolve(root, sub)
        cells = (
            f"`{key}`",
            _type_of(root, resolved),
            "yes" if key in required else "no",
            _allowed(root, resolved),
            _cell_text(resolved.get("description", "")),
        )
        rows.append("| " + " | ".join(cell or " " for cell in cells) + " |")
    return rows


def _definitions(root: Schema) -> list[str]:
    """The shared pieces under `$defs`, so their own descriptions are documented too."""
    lines = [
        "## Shared definitions",
        "",
        "Pieces used in several places, referenced as `#/$defs/<name>`. Where a key uses one, "
        "its own description above says what it means there.",
        "",
        "| definition | type | allowed values / range | description |",
        "|---|---|---|---|",
    ]
    for name, sub in root.get("$defs", {}).items():
        cells = (
            f"`{name}`",
            _type_of(root, sub),
            _allowed(root, sub),
            _cell_text(sub.get("description", "")),
        )
        lines.append("| " + " | ".join(cell or " " for cell in cells) + " |")
    return lines


def _resolve(root: Schema, node: Schema) -> dict[str, Any]:
    """`node` with a local `$ref` ("#/$defs/name") merged in; the node's own keys win."""
    ref = node.get("$ref")
    if ref is None:
        return dict(node)
    prefix = "#/$defs/"
    if not ref.startswith(prefix):
        raise ValueError(f"only local $defs references are supported, got {ref!r}")
    target = root["$defs"][ref[len(prefix) :]]
    merged = {**_resolve(root, target), **node}
    del merged["$ref"]
    return merged


def _object_of(root: Schema, node: Schema) -> tuple[dict[str, Any] | None, bool]:
    """The object schema to tabulate for `node` (itself, or its array items) and which it was."""
    if "properties" in node:
        return dict(node), False
    items = node.get("items")
    if node.get("type") == "array" and isinstance(items, Mapping):
        resolved = _resolve(root, items)
        if "properties" in resolved:
            return resolved, True
    return None, False


def _type_of(root: Schema, node: Schema) -> str:
    kind = node.get("type")
    if kind is None and "const" in node:
        kind = _JSON_TYPES.get(type(node["const"]), "any")
    if kind == "array":
        items = _resolve(root, node.get("items", {}))
        return f"array of {_type_of(root, items)}"
    text = str(kind or "any")
    if "format" in node:
        text += f" ({node['format']})"
    return text


def _allowed(root: Schema, node: Schema) -> str:
    """Allowed values or range of `node`, as a short phrase ("" when anything of its type goes)."""
    parts: list[str] = []
    if "const" in node:
        parts.append(f"exactly {_literal(node['const'])}")
    if "enum" in node:
        parts.append("one of " + ", ".join(_literal(value) for value in node["enum"]))
    if node.get("type") == "boolean":
        parts.append("`true` or `false`")
    if node.get("format") == "date":
        parts.append("YYYY-MM-DD")
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        parts.append(f"{low} to {high}")
    elif low is not None:
        parts.append(f"at least {low}")
    elif high is not None:
        parts.append(f"at most {high}")
    min_length = node.get("minLength")
    if min_length == 1:
        parts.append("non-empty")
    elif min_length is not None:
        parts.append(f"at least {min_length} characters")
    if "pattern" in node:
        parts.append(f"pattern `{node['pattern']}`")
    if node.get("type") == "array":
        items = _resolve(root, node.get("items", {}))
        item_rule = _allowed(root, items) if "properties" not in items else ""
        if item_rule:
            parts.append(f"each item {item_rule}")
        if node.get("uniqueItems"):
            parts.append("no duplicates")
        if "maxItems" in node:
            parts.append(f"at most {node['maxItems']} items")
    if "default" in node:
        parts.append(f"default {_literal(node['default'])}")
    if "examples" in node:
        parts.append("e.g. " + ", ".join(_literal(value) for value in node["examples"]))
    return "; ".join(parts)


def _literal(value: object) -> str:
    """A value as it is written in YAML, in code style; strings YAML would misread are quoted."""
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return f"`{value}`"
        return f"`{json.dumps(value)}`"
    return f"`{json.dumps(value)}`"


def _cell_text(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def main(argv: Sequence[str] | None = None) -> int:
    """Write the reference to OUTPUT (default docs/config-reference.md); exit status 0 or 2."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1:
        print("usage: python -m phi_policy.reporters.config_reference [OUTPUT]", file=sys.stderr)
        return 2
    output = Path(args[0]) if args else DEFAULT_OUTPUT
    if not output.parent.is_dir():
        print(
            f"error: folder {output.parent} does not exist; run from the repository root "
            "or pass the output path",
            file=sys.stderr,
        )
        return 2
    try:
        schema = json.loads(schema_path().read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"error: cannot read the config schema: {exc}", file=sys.stderr)
        return 2
    output.write_text(render(schema), encoding="utf-8", newline="\n")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
