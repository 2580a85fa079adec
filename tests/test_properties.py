"""Property tests of the whole pipeline: load, validate, evaluate, score, report, compare.

For any valid config (generated from schemas/org-config.schema.json) at any `as_of` from 2020 to
2030 under both profiles: no control errors, every score lies in [0, 100], the ledger explains
every point lost, and the same input gives byte-identical JSON; a failing control made to pass
raises the score by exactly its gain; comparing a config with itself finds nothing and passes
every gate; valid decisions count as met and never lower the score. For any text, the
loader ends with a Document or an InputError; and what `yaml.safe_dump` writes loads back as
the same data, except for the few values listed in `test_safe_dump_round_trip`.

How configs are generated: hypothesis-jsonschema draws the leaf values (strings with their
patterns, formats and lengths, bounded integers, enums) from their subschemas, and this module
assembles objects and arrays itself, because the object strategy of hypothesis-jsonschema
0.23.1 (its latest release) calls `many(...).more()`, which the hypothesis installed here
(6.170) no longer has. Dates are drawn around 2017-2033 so they fall on both sides of `as_of`.
Each top-level section is the strong base config's (tests/controls/base-config.yaml),
generated from its subschema, or (when optional) absent, so the examples range from strong to
weak configs rather than all being hopeless; shrinking leads back to the base config.

The loader's own fuzzing (token soup, raw bytes, mutated examples) is in test_fuzz_loader.py.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jsonschema import Draft202012Validator

from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.catalog.vocabulary import PROFILES
from phi_policy.config import yaml_scalars
from phi_policy.config.loader import Document, load_text
from phi_policy.config.schema import default_schema, validator_for
from phi_policy.config.validation import check, problems
from phi_policy.diff import single as diff_single
from phi_policy.diff.compare import compare
from phi_policy.engine.gates import gate_failures, gated
from phi_policy.errors import EXIT_GATE, EXIT_OK, InputError
from phi_policy.model import DOMAINS, Assessment, Context, Outcome
from phi_policy.model.delta import GateSettings, Side
from phi_policy.pipeline import assess
from phi_policy.reporters import RenderOptions, json_report, registry
from tests.controls.harness import base_config

SCHEMA: Mapping[str, Any] = default_schema()
REPORT_SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "schemas" / "report.schema.json").read_text(
        encoding="utf-8"
    )
)
REPORT_VALIDATOR = Draft202012Validator(REPORT_SCHEMA)
BASE = base_config()
PATH = "props.yaml"

# Dates around the as_of range, so that expiries, reviews and decisions fall on both sides of it.
DATES = st.dates(dt.date(2017, 1, 1), dt.date(2033, 12, 31))
AS_OF = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))
MAX_ITEMS = 3  # generated arrays stay small: a few platforms, vendors, documents

# The keywords the assembler below understands; a schema that starts using another one at an
# object or array fails here instead of silently generating configs that are not valid.
_OBJECT_WORDS = {"type", "properties", "required", "additionalProperties"}
_ARRAY_WORDS = {"type", "items", "maxItems", "minItems", "uniqueItems"}
_NOTES = {"title", "description", "examples", "default", "$comment"}



def budget(examples: int) -> settings:
    """Each test's number of examples is set so that the whole file runs in about 30 s on two
    cores (an example of the full pipeline costs 30-300 ms); shrinking a failure takes longer."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@functools.cache
def catalog() -> Catalog:
    """The built-in controls only (an installed entry-point pack must not change the results)."""
    return load_catalog(entry_points=False)


# --- generating valid configs -------------------------------------------------------------------


def _resolve(node: Mapping[str, Any]) -> dict[str, Any]:
    """The node with its `$ref` (always "#/$defs/NAME" in this schema) merged in."""
    merged = dict(node)
    while "$ref" in merged:
        ref = merged.pop("$ref")
        assert ref.startswith("#/$defs/"), f"unexpected $ref {ref!r}"
        merged = {**SCHEMA["$defs"][ref.rsplit("/", 1)[1]], **merged}
    return {k: v for k, v in merged.items() if k not in _NOTES}


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


@functools.cache
def _strategy(pointer: str) -> st.SearchStrategy[Any]:
    """Values valid against the subschema at `pointer` (a JSON pointer into SCHEMA)."""
    node: Any = SCHEMA
    for part in pointer.split("/")[1:]:
        node = node[part]
    return _assemble(_resolve(node), pointer)


def _assemble(node: dict[str, Any], pointer: str) -> st.SearchStrategy[Any]:
    if node.get("type") == "object":
        unknown = set(node) - _OBJECT_WORDS
        assert not unknown and node.get("additionalProperties") is False, (pointer, unknown)
        properties = node.get("properties", {})
        required = node.get("required", [])
        return st.fixed_dictionaries(
            {key: _child(node, pointer, "properties", key) for key in required},
            optional={
                key: _child(node, pointer, "properties", key)
                for key in properties
                if key not in required
            },
        )
    if node.get("type") == "array":
        unknown = set(node) - _ARRAY_WORDS
        assert not unknown, (pointer, unknown)
        return st.lists(
            _child(node, pointer, "items"),
            min_size=node.get("minItems", 0),
            max_size=min(node.get("maxItems", MAX_ITEMS), MAX_ITEMS),
            unique_by=_canonical if node.get("uniqueItems") else None,
        )
    if node.get("format") == "date":
        # hypothesis-jsonschema's own "date" format draws from years 1 to 9999, and replacing
        # it through custom_formats raises a HypothesisWarning (an error under pytest here).
        assert set(node) == {"type", "format"}, (pointer, node)
        return DATES.map(dt.date.isoformat)
    return from_schema(node)


def _child(node: dict[str, Any], pointer: str, *parts: str) -> st.SearchStrategy[Any]:
    value: Any = node
    for part in parts:
        value = value[part]
    return _assemble(_resolve(value), "/".join((pointer, *parts)))


def section(name: str) -> st.SearchStrategy[Any]:
    """Values valid for one top-level section of the config."""
    return _strategy(f"/properties/{name}")


@functools.cache
def decidable() -> list[str]:
    """Controls a documented decision may answer for: addressable specifications and
    benchmarks."""
    return sorted(c.id for c in catalog().controls if c.basis in ("addressable", "benchmark"))


@st.composite
def decisions(
    draw: st.DrawFn, as_of: dt.date, *, current: bool, ids: st.SearchStrategy[str] | None = None
) -> list[dict[str, Any]]:
    """`alternative` decisions that `phi-policy validate` accepts, on distinct controls (drawn
    from `ids`), each due for review after its approval. With `current`, each is due after
    `as_of` (its approval may still lie ahead); otherwise any date, so some have lapsed."""
    pool = ids if ids is not None else st.sampled_from(decidable())
    chosen = draw(st.lists(pool, unique=True, max_size=4))
    field = "/$defs/decision/properties/"
    result = []
    for control_id in chosen:
        review = as_of + dt.timedelta(days=draw(st.integers(1, 800))) if current else draw(DATES)
        approved = review - dt.timedelta(days=draw(st.integers(1, 800)))
        result.append({
            "control": control_id,
            "kind": "alternative",
            "reason": draw(_strategy(field + "reason")),
            "alternative_measure": draw(_strategy(field + "alternative_measure")),
            "approved_by": draw(_strategy(field + "approved_by")),
            "approved_on": approved.isoformat(),
            "review_by": review.isoformat(),
        })
    return result


@st.composite
def configs(draw: st.DrawFn) -> dict[str, Any]:
    """A valid config, without decisions: each section the base config's, generated, or (when
    optional) left out. Shrinking leads back toward the base config."""
    config: dict[str, Any] = {}
    required = set(SCHEMA["required"])
    for name in SCHEMA["properties"]:
        if name in ("waivers", "decisions"):
            continue
        choices = ["base", "generated"] if name in BASE else ["generated"]
        if name not in required:
            choices.append("absent")
        choice = draw(st.sampled_from(choices))
        if choice == "base":
            config[name] = copy.deepcopy(BASE[name])
        elif choice == "generated":
            config[name] = draw(section(name))
    return config


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], dt.date]:
    """A valid config with decisions (current, lapsed or not yet approved), and the date to
    assess it at."""
    config = draw(configs())
    as_of = draw(AS_OF)
    config["decisions"] = draw(decisions(as_of, current=False))
    return config, as_of


class _StrictDumper(yaml.SafeDumper):
    """safe_dump with Unicode written as is, except that it quotes every string the strict
    loader would not read back as that string: PyYAML follows YAML 1.1 and writes `1e3` plain
    (the loader reads 1000.0), and it writes U+0085 (NEL) raw inside quotes, where every YAML
    1.1 parser, libyaml included, folds it into a space; in double quotes it is escaped."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None if isinstance(yaml_scalars.resolve_plain(value), str) else "'"
    if "\x85" in value:
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_StrictDumper.add_representer(str, _represent_str)


def dump(config: Mapping[str, Any]) -> str:
    return yaml.dump(config, Dumper=_StrictDumper, sort_keys=False, allow_unicode=True)


def load_valid(text: str) -> Document:
    """Load and validate as `phi-policy check` does; a valid config must give no problem."""
    document = load_text(text, PATH)
    found = check(document)
    assert found == [], [f"{p.location} {p.message}" for p in found]
    found = problems(document, catalog())
    assert found == [], [f"{p.location} {p.message}" for p in found]
    return document


def first_difference(got: Any, want: Any, pointer: str = "") -> str:
    """The JSON pointer of the first value that differs, with both values (for messages)."""
    if isinstance(got, dict) and isinstance(want, dict) and got.keys() == want.keys():
        for key in want:
            if got[key] != want[key]:
                return first_difference(got[key], want[key], f"{pointer}/{key}")
    if isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
        for index, (g, w) in enumerate(zip(got, want, strict=True)):
            if g != w:
                return first_difference(g, w, f"{pointer}/{index}")
    return f"{pointer}: read {got!r}, wrote {want!r}"


# --- 1. evaluation of any valid config ----------------------------------------------------------


def _in_range(value: float | None, low: float, high: float) -> bool:
    return value is None or low <= value <= high


def assert_sound(a: Assessment) -> None:
    errors = [
        f"{r.control_id}: {o.message}"
        for r in a.results
        for o in (r.outcome, r.raw_outcome)
        if o.status == "error"
    ]
    assert not errors, f"controls crashed on a valid config ({a.profile}, {a.as_of}): {errors}"
    numbers = [a.score, a.raw_score, a.readiness]
    numbers += [d.score for d in a.domains] + [d.raw_score for d in a.domains]
    assert all(_in_range(x, 0.0, 100.0) for x in numbers), numbers
    for r in a.results:
        for o in (r.outcome, r.raw_outcome):
            assert _in_range(o.credit, 0.0, 1.0), (r.control_id, o)
            expected = {"pass": 1.0, "fail": 0.0, "not_applicable": None}
            if o.status in expected:
                assert o.credit == expected[o.status], (r.control_id, o)
            else:
                assert o.status == "partial" and o.credit is not None
                assert 0.0 < o.credit < 1.0, (r.control_id, o)
    assert [d.domain for d in a.domains] == list(DOMAINS)
    lost = sum(points for _, points in a.ledger)
    if a.score is None:
        assert a.ledger == ()
    else:
        assert math.isclose(lost, 100.0 - a.score, abs_tol=1e-6), (lost, a.score)
    assert all(points > 0 for _, points in a.ledger), a.ledger


def _json(text: str, as_of: dt.date, profile: str) -> str:
    document = load_valid(text)
    return json_report.render(assess(document, catalog(), Context(as_of, profile)),
                              RenderOptions())


@budget(40)
@given(cases())
def test_any_valid_config_evaluates_soundly_and_reproducibly(
    case: tuple[dict[str, Any], dt.date],
) -> None:
    config, as_of = case
    text = dump(config)
    note(text)
    document = load_valid(text)
    assert document.data == config, first_difference(document.data, config)
    for profile in PROFILES:
        assessment = assess(document, catalog(), Context(as_of, profile))
        assert_sound(assessment)
        first = json_report.render(assessment, RenderOptions())
        assert first == _json(text, as_of, profile)  # a second load and evaluation
        report = json.loads(first)
        if profile == "hipaa":  # validating a report costs more than the rest of the example
            REPORT_VALIDATOR.validate(report)
        assert report["score"] == (None if assessment.score is None
                                   else round(assessment.score, 2))


@budget(30)
@given(cases(), st.lists(AS_OF, min_size=2, max_size=4), st.sampled_from(sorted(PROFILES)))
def test_judging_again_at_other_dates_recomputes_only_what_the_date_drives(
    case: tuple[dict[str, Any], dt.date], days: list[dt.date], profile: str
) -> None:
    """History judges a version shared by several commits at each commit's date, rerunning
    only the controls that read the date: the result must be what a fresh evaluation gives."""
    config, _ = case
    document = load_valid(dump(config))
    known: dict[str, Outcome] = {}
    for day in days:
        again = assess(document, catalog(), Context(day, profile), known=known)
        assert again == assess(document, catalog(), Context(day, profile)), day


# --- 2. fixing a failing control never lowers a score ------------------------------------------


def _passing(config: Mapping[str, Any], ctx: Context) -> Outcome:
    return Outcome("pass", "ok", 1.0)


@budget(50)
@given(cases(), st.sampled_from(sorted(PROFILES)), st.data())
def test_fixing_a_failing_control_raises_the_score_by_its_gain(
    case: tuple[dict[str, Any], dt.date], profile: str, data: st.DataObject
) -> None:
    config, as_of = case
    document = load_valid(dump(config))
    ctx = Context(as_of, profile)
    before = assess(document, catalog(), ctx)
    failing = [r for r in before.results if r.outcome.status in ("fail", "partial")]
    if not failing:
        return
    target = data.draw(st.sampled_from(failing), label="control made to pass")
    fixed = Catalog(tuple(
        dataclasses.replace(c, check=_passing) if c.id == target.control_id else c
        for c in catalog().controls
    ))
    after = assess(document, fixed, ctx)
    assert after.score is not None or before.score is None

    def at_least(new: float | None, old: float | None) -> bool:
        return old is None or (new is not None and new >= old - 1e-9)

    assert at_least(after.score, before.score)
    assert at_least(after.raw_score, before.raw_score)
    assert at_least(after.readiness, before.readiness)
    for old, new in zip(before.domains, after.domains, strict=True):
        if old.domain == target.domain and not target.proposed:
            assert at_least(new.score, old.score), (old, new)
        else:
            assert new == old
    # The control counted before (fail and partial count) and still counts, so the score rises
    # by exactly the gain its recommendation promised.
    # Each score line keeps its own gaps: a proposed rule's and another law's never move the
    # HIPAA score, nor it theirs.
    if target.proposed:
        pool, moved = before.readiness_gaps, "readiness"
    elif target.basis == "other_law":
        pool, moved = before.other_law_gaps, "other_law_score"
    else:
        pool, moved = before.recommendations, "score"
    gain = {rec.control_id: rec.gain for rec in pool}[target.control_id]
    for unmoved in {"score", "readiness", "other_law_score"} - {moved}:
        assert getattr(after, unmoved) == getattr(before, unmoved), unmoved
    new, old = getattr(after, moved), getattr(before, moved)
    assert new is not None and old is not None  # the target counted, so there is a score
    assert math.isclose(new - old, gain, abs_tol=1e-6), (moved, old, new, gain)


# --- 3. a config compared with itself ----------------------------------------------------------


@budget(40)
@given(cases(), st.sampled_from(sorted(PROFILES)))
def test_a_config_compared_with_itself_has_no_changes_and_passes_the_gates(
    case: tuple[dict[str, Any], dt.date], profile: str
) -> None:
    config, as_of = case
    text = dump(config)
    ctx = Context(as_of, profile)
    base_doc, head_doc = load_valid(text), load_valid(text)
    base, head = assess(base_doc, catalog(), ctx), assess(head_doc, catalog(), ctx)
    delta = compare(base_doc, base, head_doc, head, base_side=Side("main", PATH),
                    head_side=Side("working tree", PATH))
    strictest = GateSettings(max_drop=0.0, fail_on_regression="low", fail_on_band_change=True)
    delta = gated(delta, strictest)
    assert delta.changes == ()
    assert delta.score_change in (None, 0.0) and delta.raw_score_change in (None, 0.0)
    assert (delta.score_change is None) == (base.score is None)
    assert all(d.change in (None, 0.0) for d in delta.domains)
    assert delta.failures == () == gate_failures(delta, strictest)
    assert (EXIT_GATE if delta.failures else EXIT_OK) == EXIT_OK  # as diff_single.run_one decides
    # The one thing a self-comparison reports: decisions past their review (a reviewer must
    # see them whatever the pull request changed).
    lapsed = sorted(
        d["control"] for d in config["decisions"] if d["review_by"] <= as_of.isoformat()
    )
    assert [(w.kind, w.control) for w in delta.decisions] == [("expired", c) for c in lapsed]
    assert delta.empty == (not lapsed)
    # What `phi-policy diff` prints for it, in every format it offers.
    reports = {
        fmt: diff_single.render(fmt, delta, RenderOptions()) for fmt in registry.formats("diff")
    }
    text = reports["text"]
    assert "Gate passed (" in text and "Gate FAILED" not in text
    assert ("No changes: the config scores the same at base and head." in text) == delta.empty
    assert json.loads(reports["json"])["changes"] == []


# --- 4. decisions --------------------------------------------------------------------------------


@budget(40)
@given(configs(), AS_OF, st.data())
def test_valid_decisions_count_as_met_and_never_lower_the_score(
    config: dict[str, Any], as_of: dt.date, data: st.DataObject
) -> None:
    """Decisions in force on failing addressable or benchmark controls (most of them) make
    exactly those controls count as met: credit 1, the finding as specified kept as the raw
    outcome. So the score never falls below the score as specified, and it is the same under
    both profiles: the proposed rule never changes the current-rule score."""
    config["decisions"] = []
    plain = {p: assess(load_valid(dump(config)), catalog(), Context(as_of, p)) for p in PROFILES}
    failing = [r.control_id for r in plain["hipaa"].results
               if r.basis in ("addressable", "benchmark")
               and r.outcome.status in ("fail", "partial")]
    ids = st.sampled_from(decidable())
    if failing:
        ids = st.sampled_from(failing) | ids
    config["decisions"] = data.draw(decisions(as_of, current=True, ids=ids), label="decisions")
    document = load_valid(dump(config))

    a = assess(document, catalog(), Context(as_of, "hipaa"))
    nprm = assess(document, catalog(), Context(as_of, "hipaa-2025-nprm"))
    assert (nprm.score, nprm.band) == (a.score, a.band)
    before = plain["hipaa"]
    assert [r.raw_outcome for r in a.results] == [r.outcome for r in before.results]
    assert a.raw_score == before.score
    in_force = {d["control"] for d in config["decisions"] if d["approved_on"] <= as_of.isoformat()}
    met = [r for r in a.results if r.decided]
    assert sorted(r.control_id for r in met) == sorted(
        r.control_id for r in before.results
        if r.control_id in in_force and r.outcome.status in ("fail", "partial")
    )
    for r in a.results:
        if r.decided:
            assert (r.outcome.status, r.outcome.credit) == ("pass", 1.0)
        else:
            assert r.outcome == r.raw_outcome
    if a.raw_score is None:
        assert a.score is None  # nothing counted
        return
    assert a.score is not None and a.score >= a.raw_score - 1e-9


# --- 5. the loader and the validator, for any input ---------------------------------------------


@budget(200)
@given(st.one_of(st.text(), st.binary()))
def test_any_text_loads_or_fails_cleanly(text: str | bytes) -> None:
    try:
        document = load_text(text, "any.yaml")
    except InputError as error:
        assert error.problems and all(p.location.file == "any.yaml" for p in error.problems)
        return
    assert isinstance(document, Document) and isinstance(document.data, dict)
    assert isinstance(check(document), list)


def _plain_under_yaml_1_1(value: str) -> bool:
    """Whether PyYAML (YAML 1.1) would read `value`, written plain, as a string."""
    resolver = yaml.resolver.Resolver()
    return resolver.resolve(yaml.ScalarNode, value, (True, False)) == resolver.DEFAULT_SCALAR_TAG


def read_back(value: Any) -> Any:
    """What the strict loader reads from `yaml.safe_dump` of a value (see the test below)."""
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, str) and _plain_under_yaml_1_1(value):
        return yaml_scalars.resolve_plain(value)
    if isinstance(value, list):
        return [read_back(item) for item in value]
    if isinstance(value, dict):
        return {key: read_back(item) for key, item in value.items()}
    return value


def _key_stays_text(key: str) -> bool:
    return not _plain_under_yaml_1_1(key) or isinstance(yaml_scalars.resolve_plain(key), str)


# Keys that safe_dump writes plain and the loader reads as numbers are rejected (pinned below).
KEYS = st.text(max_size=8).filter(_key_stays_text)
JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
JSON_LIKE = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=25,
)


@budget(100)
@given(st.dictionaries(KEYS, JSON_LIKE, max_size=6))
def test_safe_dump_round_trip(data: dict[str, Any]) -> None:
    """What yaml.safe_dump writes (ASCII only, its default), the strict loader reads back as the
    same data, except:

    - the floats inf, -inf and nan, which PyYAML writes .inf, -.inf and .nan, come back as
      those strings (the loader reads no special floats: the schema has no use for them);
    - strings that YAML 1.2 reads as floats but YAML 1.1 does not, which PyYAML therefore
      writes unquoted: an exponent without a '.' (`1e3`, `1E5`, `+1e3`), an exponent without
      a sign (`1.5e3`, `.5e3`), a signed leading '.' (`-.5`, `+.5`). They come back as floats;
      as keys they are rejected ("keys must be plain names"), see the next test.

    Every other string comes back a string, because PyYAML quotes all that YAML 1.1 reads as
    something else (`yes`, `on`, `~`, `0755`, `0x1F`, `1_000`, `1:30`, `2024-01-15`, `.inf`,
    `1.10`, `=`, `<<`), and the strict loader keeps quoted scalars as strings. (With
    allow_unicode=True, a U+0085 inside a string is written raw and read back as a space; see
    _StrictDumper.)
    """
    text = yaml.safe_dump(data)
    document = load_text(text, "dump.yaml")
    assert document.data == read_back(data)
    assert isinstance(check(document), list)


@pytest.mark.parametrize(
    ("value", "read"),
    [("1e3", 1000.0), ("1E5", 100000.0), ("+1e3", 1000.0), ("1.5e3", 1500.0), (".5e3", 500.0),
     ("-.5", -0.5), ("+.5", 0.5), ("1.5e+3", "1.5e+3"), (".5", ".5"), ("0o17", "0o17"),
     ("1.10", "1.10"), ("yes", "yes"), ("2024-01-15", "2024-01-15"), (".inf", ".inf")],
)
def test_safe_dump_of_number_like_strings(value: str, read: Any) -> None:
    """Number-like strings as safe_dump writes them, as values and as keys: the YAML 1.2 floats
    that YAML 1.1 does not know come back as floats, and as keys are rejected; the rest stay
    strings."""
    text = yaml.safe_dump({"version": value, value: 1})
    if isinstance(read, str):
        assert load_text(text, "dump.yaml").data == {"version": value, value: 1}
        return
    with pytest.raises(InputError) as raised:
        load_text(text, "dump.yaml")
    assert [(p.code, p.message) for p in raised.value.problems] == [
        ("key", f"keys must be plain names; this key reads as the number {read!r}")
    ]
    assert load_text(yaml.safe_dump({"version": value}), "dump.yaml").data == {"version": read}


@budget(100)
@given(st.data())
def test_schema_check_on_sections_of_any_shape(data: st.DataObject) -> None:
    """The base config with some sections replaced by arbitrary data: the check returns a list
    of problems, empty exactly when jsonschema finds the data valid, and each problem lies in
    a replaced section."""
    names = data.draw(st.lists(st.sampled_from(sorted(SCHEMA["properties"])), min_size=1,
                               max_size=3, unique=True), label="replaced")
    config = copy.deepcopy(BASE)
    for name in names:
        config[name] = data.draw(JSON_LIKE.filter(_dumps_as_itself), label=name)
    document = load_text(yaml.safe_dump(config, sort_keys=False), PATH)
    found = check(document)
    validator, _ = validator_for(SCHEMA)
    assert (found == []) == validator.is_valid(document.data)
    lines = document.text.count("\n") + 1
    for problem in found:
        assert problem.pointer.split("/")[1] in names, (problem.pointer, names)
        assert 1 <= problem.location.line <= lines and problem.message


def _dumps_as_itself(value: Any) -> bool:
    return bool(read_back(value) == value)
