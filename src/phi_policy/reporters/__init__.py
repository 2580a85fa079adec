"""Reporters: pure functions `render(assessment, options) -> str`, one module per format.

The CLI alone writes the string to a stream or file. The map below is the single list of
formats: it feeds the `--format` choice and is imported lazily, so a text report never loads
the HTML or SARIF code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from phi_policy.model import Assessment


@dataclass(frozen=True)
class RenderOptions:
    """What a reporter may be told besides the assessment."""

    color: bool = False
    verbose: int = 0
    max_recommendations: int = 10


Renderer = Callable[[Assessment, RenderOptions], str]

#: format name -> module under phi_policy.reporters exporting `render`
CHECK_FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "markdown": "markdown",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
    "html": "html",
    "oscal": "oscal",
}


def renderer(fmt: str) -> Renderer:
    module = importlib.import_module(f"phi_policy.reporters.{CHECK_FORMATS[fmt]}")
    render: Renderer = module.render
    return render
