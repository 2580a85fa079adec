"""The installed config schema and its jsonschema validator, each built once per process.

The validator's registry holds only the schema itself, so a `$ref` can never fetch anything:
configs are data, and validation never touches the network. jsonschema is imported only when
a validator is first needed, so a config that the fast path (config/fast_path.py) calls valid
never loads it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from phi_policy import resources
from phi_policy.config.refs import inline_refs

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from referencing._core import Resolver

_validators: dict[int, tuple[Mapping[str, Any], Draft202012Validator, Resolver[Any]]] = {}


@lru_cache(maxsize=1)
def default_schema() -> Mapping[str, Any]:
    """The installed org-config schema, read once per process."""
    with open(resources.schema_path(), encoding="utf-8") as stream:
        schema: Mapping[str, Any] = json.load(stream)
    return schema


def validator_for(schema: Mapping[str, Any]) -> tuple[Draft202012Validator, Resolver[Any]]:
    """The validator for `schema` and a resolver for its `$ref`s, built once per schema.

    The cache is keyed by the schema object's identity and keeps the object alive, so an id
    is never reused for another schema.
    """
    cached = _validators.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1], cached[2]
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    base = str(schema.get("$id", ""))
    resource = Resource.from_contents(schema, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(base, resource)
    validator = Draft202012Validator(
        inline_refs(schema), registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    resolver = registry.resolver(base_uri=base)
    _validators[id(schema)] = (schema, validator, resolver)
    return validator, resolver
