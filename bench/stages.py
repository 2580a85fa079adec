"""Where the time of one check goes: `python bench/stages.py [--configs N]`.

In one process, over N generated site configs (bench/generate.py, the same as the benchmark's
fleet), it times each stage of the pipeline per config and prints the mean in milliseconds:

    load        YAML text -> Document (libyaml's event parser, phi-policy's strict builder)
    load, pure  the same with PyYAML's pure-Python parser (what a PyYAML without libyaml does)
    validate    validation.check as a valid config meets it: jsonschema-rs when installed
    jsonschema  jsonschema's Draft202012Validator.is_valid, reused (what the fallback costs)
    evaluate    the controls, the score and the recommendations (pipeline.assess)
    report      the JSON report of one config (reporters.json_report)

and the one-off costs of a process: importing the pipeline, loading the control catalog,
building each validator. It is a diagnostic for docs/performance.md, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any


def _clock(function: Callable[[], Any]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--configs", type=int, default=200, help="how many configs (default 200)")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    from phi_policy import pipeline
    from phi_policy.catalog.packs import load_catalog
    from phi_policy.config import fast_path, loader, schema, validation, yaml_builder
    from phi_policy.model import Context
    from phi_policy.reporters import RenderOptions, registry
    imports = (time.perf_counter() - start) * 1000

    import generate
    import yaml

    catalog_ms = _clock(load_catalog)
    catalog = load_catalog()
    fast_ms = _clock(fast_path.fast_validator)
    fast = fast_path.fast_validator()
    jsonschema_ms = _clock(lambda: schema.validator_for(schema.default_schema()))
    slow = schema.validator_for(schema.default_schema())[0]
    render = registry.reporter("check", "json").load()
    options = RenderOptions()
    ctx = Context(as_of=dt.date(2026, 11, 1), profile="hipaa")

    with tempfile.TemporaryDirectory(prefix="phi-policy-stages-") as folder:
        texts = [p.read_bytes() for p in generate.fleet(Path(folder), args.configs)]
    kb = sum(len(t) for t in texts) / len(texts) / 1024
    stages: dict[str, float] = dict.fromkeys(
        ("load", "load, pure", "validate", "jsonschema", "evaluate", "report"), 0.0)
    pure = yaml_builder.EventParser.__name__ == "BaseLoader"
    for text in texts:
        document = loader.load_text(text, "site.yaml")
        assessment = pipeline.assess(document, catalog, ctx)
        stages["load"] += _clock(partial(loader.load_text, text, "site.yaml"))
        used, yaml_builder.EventParser = yaml_builder.EventParser, yaml.BaseLoader
        try:
            stages["load, pure"] += _clock(partial(loader.load_text, text, "site.yaml"))
        finally:
            yaml_builder.EventParser = used
        stages["validate"] += _clock(partial(validation.check, document))
        stages["jsonschema"] += _clock(partial(slow.is_valid, document.data))
        stages["evaluate"] += _clock(partial(pipeline.assess, document, catalog, ctx))
        stages["report"] += _clock(partial(render, assessment, options))

    count = len(texts)
    print(f"{count} configs, {kb:.1f} KB on average; milliseconds per config (mean):")
    for name, total in stages.items():
        print(f"  {name:<12}{total / count:8.2f}")
    print("once per process (milliseconds):")
    print(f"  {'imports':<12}{imports:8.1f}   the pipeline's modules")
    print(f"  {'catalog':<12}{catalog_ms:8.1f}   the built-in controls and entry points")
    validator = "jsonschema-rs" if fast is not None else "none (not installed or turned off)"
    print(f"  {'fast path':<12}{fast_ms:8.1f}   building the compiled validator: {validator}")
    print(f"  {'jsonschema':<12}{jsonschema_ms:8.1f}   importing jsonschema, building its "
          "validator")
    if pure:
        print("note: PyYAML has no libyaml here: 'load' is the pure parser too")
    return 0


if __name__ == "__main__":
    sys.exit(main())
