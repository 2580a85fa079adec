"""Validate a loaded Document against the config's JSON Schema, as Problems a person can act on.

jsonschema's own messages ("'yes' is not of type 'boolean'") name neither the line nor the fix.
Each error here becomes a Problem at the YAML line of the value (of the key itself for an
unknown key, of the parent for a missing one), with a plain-English message and a hint: the
closest allowed key, the way to write a boolean or a date, the property's description.

The validator is built once per schema per process. Its registry holds only the schema itself,
so a `$ref` can never fetch anything: configs are data, and validation never touches the network.

Speed: most configs checked are valid, and jsonschema takes milliseconds to say so. When
jsonschema-rs is installed (the `fast` extra), a compiled validator of the installed schema
first answers "valid or not" (in microseconds); a valid config is done, and only an invalid one
goes through jsonschema, which alone writes the messages. The compiled validator only decides
validity, so the Problems are the same with or without it; it is used only for a schema whose
formats it checks exactly as jsonschema does (`date` and `email`, by the same rules), it never
fetches anything, and any doubt (an error inside it, a value it cannot convert) falls back to
jsonschema. PHI_POLICY_FAST_VALIDATOR=0 in the environment turns it off. jsonschema itself is
imported only when needed, so checking a valid config with the fast path never loads it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from phi_policy import resources
from phi_policy.config.loader import Document, display_path, escape, load
from phi_policy.errors import InputError
from phi_policy.model import Problem
from phi_policy.reporters.problems import FileResult, dotted

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
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

_validators: dict[int, tuple[Mapping[str, Any], Draft202012Validator, Resolver[Any]]] = {}
FAST_SWITCH = "PHI_POLICY_FAST_VALIDATOR"
# jsonschema's own rules for the formats the fast path checks (jsonschema._format: is_date,
# is_email), so a value passes the compiled validator exactly when it passes jsonschema.
_RE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


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


#: Keywords that only annotate: beside a `$ref`, merging them into its target changes nothing.
ANNOTATIONS = frozenset({"description", "title", "examples", "default", "$comment"})


def inline_refs(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """`schema` with each `$ref` to its own `#/$defs/NAME` replaced by that definition.

    jsonschema resolves a `$ref` through its registry every time it meets one, and this
    schema's 32 references to `date` and `official` made a third of a validation's time. A
    reference is inlined only where that is exactly the same schema: the definition itself
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
        if not isinstance(body, dict) or _refers(body) or not SCOPES.isdisjoint(body):
            return out
        siblings = {key: value for key, value in out.items() if key != "$ref"}
        if any(key in body and key not in ANNOTATIONS for key in siblings):
            return out
        return {**body, **siblings}

    inlined: Mapping[str, Any] = resolved(schema, frozenset())
    return inlined


#: Keywords that name or change a scope: a definition holding one is not moved elsewhere.
SCOPES = frozenset({"$id", "$anchor", "$dynamicAnchor"})


def _refers(node: Any) -> bool:
    if isinstance(node, Mapping):
        return ("$ref" in node or "$dynamicRef" in node
                or any(_refers(value) for value in node.values()))
    if isinstance(node, list):
        return any(_refers(item) for item in node)
    return False


def check(document: Document, schema: Mapping[str, Any] | None = None) -> list[Problem]:
    """Every schema violation in `document`, sorted by line and column."""
    schema = default_schema() if schema is None else schema
    if schema is default_schema():
        fast = fast_validator()
        if fast is not None and fast(document.data):
            return []
    from jsonschema.exceptions import best_match

    validator, resolver = validator_for(schema)
    errors = [best_match([error]) if error.context else error
              for error in validator.iter_errors(document.data)]
    # A value of the wrong type also fails its enum, format or bounds: say only the type.
    mistyped = {_pointer(error) for error in errors if error.validator == "type"}
    problems: dict[tuple[int, int, str, str], Problem] = {}
    for error in errors:
        if error.validator != "type" and _pointer(error) in mistyped:
            continue
        for problem in _explain(error, document, resolver):
            key = (problem.location.line, problem.location.col, problem.pointer, problem.message)
            problems.setdefault(key, problem)
    return [problems[key] for key in sorted(problems)]


# -- the fast path ------------------------------------------------------------------------------


def _is_date(value: str) -> bool:
    try:
        return bool(_RE_DATE.fullmatch(value) and dt.date.fromisoformat(value))
    except ValueError:
        return False


def _is_email(value: str) -> bool:
    return "@" in value


FAST_FORMATS: dict[str, Callable[[str], bool]] = {"date": _is_date, "email": _is_email}


def _formats(node: Any) -> Iterator[str]:
    """Every `format` the schema names (walked without recursion)."""
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, Mapping):
            if isinstance(current.get("format"), str):
                yield current["format"]
            pending.extend(current.values())
        elif isinstance(current, list):
            pending.extend(current)


def _no_retrieval(uri: str) -> Any:
    raise LookupError(f"phi-policy never fetches {uri}")


@lru_cache(maxsize=1)
def fast_validator() -> Callable[[Any], bool] | None:
    """A compiled "is this valid?" for the installed schema, or None: jsonschema-rs is not
    installed, PHI_POLICY_FAST_VALIDATOR=0 turned it off, the schema names a format it would
    not check exactly as jsonschema does, or it could not be built. Built once per process.

    Its answer is trusted only when it says valid; an exception inside it counts as invalid,
    so jsonschema then decides, as it does without the fast path.
    """
    if os.environ.get(FAST_SWITCH, "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    schema = default_schema()
    if not set(_formats(schema)) <= set(FAST_FORMATS):
        return None
    try:
        jsonschema_rs = importlib.import_module("jsonschema_rs")  # optional: the fast extra
    except ImportError:
        return None
    try:
        compiled = jsonschema_rs.Draft202012Validator(
            dict(schema), validate_formats=True, formats=dict(FAST_FORMATS),
            retriever=_no_retrieval,
        )
    except Exception:  # an unexpected jsonschema-rs version or schema: jsonschema does it all
        return None

    def is_valid(instance: Any) -> bool:
        try:
            return bool(compiled.is_valid(instance))
        except Exception:  # a value it cannot convert: let jsonschema decide
            return False

    return is_valid


Check = Callable[[Document], list[Problem]]


def validate_document(document: Document, schema: Mapping[str, Any] | None = None,
                      extra: Sequence[Check] = ()) -> list[Problem]:
    """The schema's problems, then (only if there are none) those of each extra check.

    Extra checks (semantic rules such as "a required control cannot be waived") may assume
    the document has the schema's shape, so they run only on a schema-valid document.
    """
    problems = check(document, schema)
    if problems:
        return problems
    for extra_check in extra:
        problems.extend(extra_check(document))
    return sorted(problems, key=lambda p: (p.location.line, p.location.col, p.pointer))


def validate_file(file: str | os.PathLike[str], extra: Sequence[Check] = (),
                  schema: Mapping[str, Any] | None = None) -> FileResult:
    """Load and validate one file: (path as shown, its problems). A file that cannot be read
    or parsed gives the loader's problems; nothing is raised."""
    try:
        document = load(file)
    except InputError as error:
        return display_path(file), list(error.problems)
    return document.path, validate_document(document, schema, extra)


# -- one error -> Problems ------------------------------------------------------------------


def _pointer(error: ValidationError) -> str:
    return "".join("/" + escape(str(part)) for part in error.absolute_path)


def _explain(error: ValidationError, document: Document,
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
