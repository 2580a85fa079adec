"""The schema with its internal `$ref`s inlined, where that means exactly the same schema.

jsonschema resolves a `$ref` through its registry every time it meets one, and the config
schema's 32 references to `date` and `official` made a third of a validation's time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Keywords that only annotate: beside a `$ref`, merging them into its target changes nothing.
ANNOTATIONS = frozenset({"description", "title", "examples", "default", "$comment"})
#: Keywords that name or change a scope: a definition holding one is not moved elsewhere.
SCOPES = frozenset({"$id", "$anchor", "$dynamicAnchor"})


def inline_refs(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """`schema` with each `$ref` to its own `#/$defs/NAME` replaced by that definition.

    A reference is inlined only where that is exactly the same schema: the definition itself
    makes no reference back (no recursion), and the keywords beside the `$ref` are
    annotations or absent from the definition. The rest stay references, and `$defs` stays
    for them.
    """
    definitions = schema.get("$defs")
    if not isinstance(definitions, Mapping):
        return schema

    def resolved(node: Any, seen: frozenset[str]) -> Any:
        if isinstance(node, list):
            return [resolved(item, seen) for item in node]
        if not isinstance(node, Mapping):
            return node
        out = {key: resolved(value, seen) for key, value in node.items()}
        ref = node.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
            return out
        name = ref[len("#/$defs/"):]
        target = definitions.get(name) if "/" not in name and "~" not in name else None
        if not isinstance(target, Mapping) or name in seen:
            return out
        body = resolved(target, seen | {name})
        if not isinstance(body, dict) or refers(body) or not SCOPES.isdisjoint(body):
            return out
        siblings = {key: value for key, value in out.items() if key != "$ref"}
        if any(key in body and key not in ANNOTATIONS for key in siblings):
            return out
        return {**body, **siblings}

    inlined: Mapping[str, Any] = resolved(schema, frozenset())
    return inlined


def refers(node: Any) -> bool:
    """Whether `node` holds a reference anywhere: such a definition could recurse if inlined."""
    if isinstance(node, Mapping):
        return ("$ref" in node or "$dynamicRef" in node
                or any(refers(value) for value in node.values()))
    if isinstance(node, list):
        return any(refers(item) for item in node)
    return False
