"""jsonschema's errors as Problems a person can act on: the line, plain words and the fix.

jsonschema's own messages ("'yes' is not of type 'boolean'") name neither the line nor the fix.
Each error here becomes a Problem at the YAML line of the value (of the key itself for an
unknown key, of the parent for a missing one), with a plain-English message and a hint: the
closest allowed key, the way to write a boolean or a date, the property's description.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from phi_policy.config.loader import Document
from phi_policy.config.source_map import escape
from phi_policy.model import Problem
from phi_policy.reporters.problems import dotted

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from referencing._core import Resolver

_MAX_LISTED = 12
_MAX_HINT = 100
_PLAIN_WORDS = {"yes", "no", "on", "off", "y", "n"}
_TYPE_WORDS = {
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "array": "a list",
    "object": "a mapping of keys",
    "null": "nothing (null)",
}
_FORMAT_HINTS = {
    "date": "write dates as YYYY-MM-DD, e.g. 2026-01-31",
    "date-time": "write a timestamp as YYYY-MM-DDTHH:MM:SSZ",
    "email": "write an email address such as name@example.org",
    "uri": "write a full address such as https://example.org/page",
}


def explain(errors: Iterable[ValidationError], document: Document,
            resolver: Resolver[Any]) -> list[Problem]:
    """The Problems for a validator's errors, each said once (in no particular order).

    An error with sub-errors (anyOf, oneOf) is said by its most relevant one, and a value of
    the wrong type, which also fails its enum, format or bounds, only by its type.
    """
    from jsonschema.exceptions import best_match

    found = [best_match([error]) if error.context else error for error in errors]
    mistyped = {_pointer(error) for error in found if error.validator == "type"}
    problems: dict[tuple[int, int, str, str], Problem] = {}
    for error in found:
        if error.validator != "type" and _pointer(error) in mistyped:
            continue
        for problem in _one_error(error, document, resolver):
            key = (problem.location.line, problem.location.col, problem.pointer, problem.message)
            problems.setdefault(key, problem)
    return list(problems.values())


# -- one error -> Problems ------------------------------------------------------------------


def _pointer(error: ValidationError) -> str:
    return "".join("/" + escape(str(part)) for part in error.absolute_path)


def _one_error(error: ValidationError, document: Document,
             resolver: Resolver[Any]) -> list[Problem]:
    pointer = _pointer(error)
    instance = error.instance
    keyword = str(error.validator)
    value: Any = error.validator_value
    schema = error.schema if isinstance(error.schema, Mapping) else {}

    def at(message: str, hint: str | None, where: str = pointer) -> Problem:
        return Problem(document.location(where), message, pointer=where, hint=hint,
                       code=keyword)

    if keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(instance, dict):
        allowed = _allowed_keys(schema, resolver)
        problems = []
        for key in instance:
            if key in allowed or _matches_pattern(key, schema):
                continue
            child = f"{pointer}/{escape(key)}"
            location = document.key_locations.get(child) or document.location(child)
            problems.append(Problem(location, f"unknown key '{key}'", pointer=pointer,
                                    hint=_did_you_mean(key, allowed), code="unknown-key"))
        return problems or [at("this mapping has keys that are not allowed here", None)]
    if keyword == "required" and isinstance(instance, dict):
        problems = []
        for key in value:
            if key not in instance:
                meaning = _about(_property_schema(schema, key, resolver))
                where = "the top level" if not pointer else f"'{dotted(pointer)}'"
                hint = f"add '{key}:' under {where}" + (f" ({meaning})" if meaning else "")
                location = document.key_locations.get(pointer) or document.location(pointer)
                problems.append(Problem(location, f"missing required key '{key}'",
                                        pointer=pointer, hint=hint, code="required"))
        return problems
    if keyword == "type":
        return [at(f"expected {_expected(value)}, got {_describe(instance)}",
                   _type_hint(value, instance, document, pointer))]
    if keyword == "enum":
        message = f"{_show(instance)} is not one of {_listing(value)}"
        return [at(message, _choice_hint(instance, value, document, pointer))]
    if keyword == "const":
        return [at(f"must be {_show(value)}, got {_show(instance)}", _about(schema))]
    if keyword == "format":
        return [at(f"{_show(instance)} is not a valid {value}",
                   _FORMAT_HINTS.get(str(value), _about(schema)))]
    if keyword in _BOUNDS:
        return [at(_BOUNDS[keyword].format(limit=_show(value), got=_show(instance)),
                   _range_hint(schema) or _about(schema))]
    if keyword in ("minLength", "maxLength"):
        size = len(instance) if isinstance(instance, str) else 0
        word = "at least" if keyword == "minLength" else "at most"
        return [at(f"must be {word} {value} characters long, got {size}", _about(schema))]
    if keyword in ("minItems", "maxItems"):
        size = len(instance) if isinstance(instance, list) else 0
        word = "at least" if keyword == "minItems" else "at most"
        return [at(f"has {_plural(size, 'item')}; {word} {value} allowed", _about(schema))]
    if keyword in ("minProperties", "maxProperties"):
        word = "at least" if keyword == "minProperties" else "at most"
        return [at(f"must have {word} {_plural(int(value), 'key')}", _about(schema))]
    if keyword == "pattern":
        return [at(f"{_show(instance)} does not match the pattern {value}",
                   _about(schema) or "change the value to match the pattern")]
    if keyword == "uniqueItems" and isinstance(instance, list):
        index = _first_repeat(instance)
        return [at(f"{_show(instance[index])} is listed more than once", "list each value once",
                   f"{pointer}/{index}")]
    if keyword == "dependentRequired" and isinstance(instance, dict):
        problems = []
        for key, needs in value.items():
            if key in instance:
                for need in needs:
                    if need not in instance:
                        problems.append(at(f"'{key}' requires '{need}' beside it",
                                           f"add '{need}:' or remove '{key}'"))
        return problems
    if error.validator is None:  # a `false` subschema (jsonschema gives it no path)
        return [at(f"{_show(instance)} is not allowed here", None)]
    if keyword == "not":
        return [at(f"{_show(instance)} is not allowed here", _about(schema))]
    if keyword in ("anyOf", "oneOf"):
        branches = list(error.context or ())
        types = [t for e in branches
                 for t in (e.validator_value if isinstance(e.validator_value, list)
                           else [e.validator_value])]
        if branches and all(e.validator == "type" and not e.relative_path for e in branches):
            return [at(f"expected {_expected(types)}, got {_describe(instance)}",
                       _type_hint(types, instance, document, pointer))]
        if keyword == "oneOf" and not error.context:
            return [at(f"{_show(instance)} matches more than one allowed form", _about(schema))]
        return [at(f"{_show(instance)} does not match any allowed form", _about(schema))]
    return [at(error.message, _about(schema))]


_BOUNDS = {
    "minimum": "must be at least {limit}, got {got}",
    "maximum": "must be at most {limit}, got {got}",
    "exclusiveMinimum": "must be greater than {limit}, got {got}",
    "exclusiveMaximum": "must be less than {limit}, got {got}",
    "multipleOf": "must be a multiple of {limit}, got {got}",
}


# -- helpers ---------------------------------------------------------------------------------


def _resolve(schema: Any, resolver: Resolver[Any]) -> Mapping[str, Any]:
    """Follow a `$ref` (within the registry, which holds only our schema) once or more."""
    seen = 0
    while isinstance(schema, Mapping) and "$ref" in schema and seen < 16:
        try:
            resolved = resolver.lookup(schema["$ref"]).contents
        except Exception:  # an unresolvable $ref only costs us a hint
            break
        merged = dict(resolved) if isinstance(resolved, Mapping) else {}
        merged.update({k: v for k, v in schema.items() if k != "$ref"})
        schema, seen = merged, seen + 1
    return schema if isinstance(schema, Mapping) else {}


def _property_schema(schema: Mapping[str, Any], key: str,
                     resolver: Resolver[Any]) -> Mapping[str, Any]:
    properties = schema.get("properties", {})
    return _resolve(properties.get(key, {}), resolver) if isinstance(properties, Mapping) else {}


def _allowed_keys(schema: Mapping[str, Any], resolver: Resolver[Any]) -> list[str]:
    """Keys the schema names: its properties, and those of its in-place subschemas."""
    keys: list[str] = []
    pending: list[Any] = [schema]
    visited = 0
    while pending and visited < 64:
        current = _resolve(pending.pop(), resolver)
        visited += 1
        properties = current.get("properties", {})
        if isinstance(properties, Mapping):
            keys.extend(k for k in properties if k not in keys)
        for word in ("allOf", "anyOf", "oneOf"):
            branch = current.get(word, [])
            if isinstance(branch, list):
                pending.extend(branch)
        pending.extend(
            current[w] for w in ("if", "then", "else") if isinstance(current.get(w), Mapping)
        )
    return keys


def _matches_pattern(key: str, schema: Mapping[str, Any]) -> bool:
    patterns = schema.get("patternProperties", {})
    return isinstance(patterns, Mapping) and any(re.search(p, key) for p in patterns)


def _did_you_mean(key: str, allowed: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if not allowed:
        return "this mapping takes no keys: remove it"
    return f"allowed keys: {_listing(sorted(allowed), quote=False)}"


def _about(schema: Mapping[str, Any]) -> str | None:
    """The first sentence of the schema's description, short enough for a hint line."""
    text = schema.get("description") if isinstance(schema, Mapping) else None
    return _first_sentence(str(text)) if text else None


def _range_hint(schema: Mapping[str, Any]) -> str | None:
    """"write a whole number from 1 to 1440", from the schema's bounds."""
    low, high = schema.get("minimum"), schema.get("maximum")
    kind = "a whole number" if schema.get("type") == "integer" else "a number"
    if low is not None and high is not None:
        return f"write {kind} from {_show(low)} to {_show(high)}"
    parts = [f"{word} {_show(schema[key])}{after}" for key, word, after in (
        ("minimum", "of", " or more"), ("exclusiveMinimum", "greater than", ""),
        ("maximum", "of", " or less"), ("exclusiveMaximum", "less than", ""),
    ) if key in schema]
    return f"write {kind} " + " and ".join(parts) if parts else None


def _first_sentence(text: str | None) -> str | None:
    if not text:
        return None
    match = re.match(r"(.+?[.!?])(\s|$)", text, re.S)
    sentence = (match.group(1) if match else text).rstrip(".")
    if len(sentence) > _MAX_HINT:
        cut = sentence.rfind(" ", 0, _MAX_HINT)
        sentence = sentence[: cut if cut > 0 else _MAX_HINT] + " ..."
    return sentence


def _last(pointer: str) -> str:
    return pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _show(value: Any) -> str:
    """A value as it reads in YAML: strings quoted, true/false/null, numbers as written."""
    if isinstance(value, str):
        return f"'{value}'"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _listing(values: Iterable[Any], quote: bool = True) -> str:
    shown = [_show(v) if quote else str(v) for v in values]
    if len(shown) > _MAX_LISTED:
        return ", ".join(shown[:_MAX_LISTED]) + f", ... ({len(shown) - _MAX_LISTED} more)"
    return ", ".join(shown)


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"the string '{value}'"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return "a list" if isinstance(value, list) else "a mapping"


def _expected(types: Any) -> str:
    names = types if isinstance(types, list) else [types]
    return " or ".join(_TYPE_WORDS.get(str(name), str(name)) for name in names)


def _source(document: Document, pointer: str) -> str | None:
    """The scalar as written in the file (so 1.10 is shown as 1.10, not 1.1)."""
    location = document.locations.get(pointer)
    if location is None:
        return None
    lines = document.text.splitlines()
    if location.line > len(lines):
        return None
    match = re.match(r"[^,\]\}#\s][^,\]\}#]*", lines[location.line - 1][location.col - 1 :])
    return match.group().rstrip() if match else None


def _type_hint(types: Any, instance: Any, document: Document, pointer: str) -> str | None:
    names = types if isinstance(types, list) else [types]
    if instance is None:
        return "write a value after the ':', or remove the key"
    if "boolean" in names:
        return "write true or false (unquoted)"
    if "string" in names and isinstance(instance, (int, float, bool)):
        written = _source(document, pointer) or _show(instance)
        return f'put the value in quotes: "{written}"'
    if ("integer" in names or "number" in names) and isinstance(instance, str):
        written = _source(document, pointer) or ""
        if written[:1] in ("'", '"') and re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", instance):
            return f"remove the quotes: {instance}"
        if re.fullmatch(r"[-+]?0[0-9]+", instance):
            return f"write the number without a leading zero: {int(instance)}"
        return "write a number, without quotes or units"
    if "integer" in names and isinstance(instance, float):
        return "write a whole number, without a decimal point"
    if "array" in names:
        return "write a list: [a, b] on one line, or one '- item' per line"
    if "object" in names:
        return "write the keys indented on the lines below it"
    return None


def _choice_hint(instance: Any, choices: Any, document: Document, pointer: str) -> str | None:
    choices = list(choices) if isinstance(choices, list) else []
    if isinstance(instance, (int, float)) and not isinstance(instance, bool):
        written = _source(document, pointer) or repr(instance)
        if written in choices:
            return f'put the value in quotes: "{written}"'
    if isinstance(instance, str):
        if instance.lower() in _PLAIN_WORDS and (True in choices or False in choices):
            return "write true or false (unquoted)"
        texts = [c for c in choices if isinstance(c, str)]
        close = difflib.get_close_matches(instance, texts, n=1, cutoff=0.6)
        if close:
            return f"did you mean '{close[0]}'?"
    return "write one of the values listed"


def _first_repeat(values: list[Any]) -> int:
    """The index of the first item equal to an earlier one (0 if none: cannot happen here)."""
    seen: list[Any] = []
    for index, value in enumerate(values):
        if value in seen:
            return index
        seen.append(value)
    return 0
