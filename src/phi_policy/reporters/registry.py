"""The one map of reports: what is reported (subject) -> format -> the function that renders it.

Every `--format` choice of every command is read from here, and nothing else lists formats, so
a format added here is offered everywhere it applies and a choice can never lack a renderer
(tests/test_registry.py resolves every entry). The functions are imported only when used, so a
text report never loads the HTML or SARIF code.

A subject's renderers share one signature:

    check     (Assessment, RenderOptions) -> str      one config
    fleet     (Fleet, RenderOptions) -> str           several configs
    diff      (Delta, RenderOptions) -> str           one config at two revisions
    diff-set  (DiffSet, RenderOptions) -> str         several configs at two revisions
    history   (History, RenderOptions) -> str
    validate  (Sequence[FileResult]) -> str
    controls  (Sequence[Control], builtin_dir) -> str  `controls list`
    control   (Control, builtin_dir) -> str            `controls show`
    coverage  (Sequence[Row]) -> str                   `controls coverage`

A diff's `sarif` and `junit` describe the head, not the change: their entries say `of_head`,
and the diff gives the head's assessment (or the heads, as a fleet) to the check (or fleet)
renderer named.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

Subject = Literal[
    "check", "fleet", "diff", "diff-set", "history", "validate", "controls", "control", "coverage"
]
SUBJECTS: tuple[Subject, ...] = (
    "check", "fleet", "diff", "diff-set", "history", "validate", "controls", "control", "coverage"
)


@dataclass(frozen=True)
class Reporter:
    """One format of one subject: the module under phi_policy.reporters and its function."""

    subject: Subject
    fmt: str
    module: str
    function: str = "render"
    #: A diff format that renders the head's assessment(s) with the check or fleet renderer.
    of_head: bool = False
    #: A fleet format that shows every result of every config, so needs each full Assessment
    #: kept (the others need only each site's row).
    needs_assessments: bool = False

    def load(self) -> Callable[..., str]:
        """The rendering function, imported now (and not before: formats load lazily)."""
        module = importlib.import_module(f"phi_policy.reporters.{self.module}")
        function: Callable[..., str] = getattr(module, self.function)
        return function


#: Every report, in the order its formats are offered (the first is the default).
REPORTERS: tuple[Reporter, ...] = (
    Reporter("check", "text", "text"),
    Reporter("check", "json", "json_report"),
    Reporter("check", "markdown", "markdown"),
    Reporter("check", "github", "github"),
    Reporter("check", "sarif", "sarif"),
    Reporter("check", "junit", "junit"),
    Reporter("check", "html", "html"),
    Reporter("check", "oscal", "oscal"),
    # OSCAL describes one system, so a fleet has no OSCAL format.
    Reporter("fleet", "text", "fleet_text"),
    Reporter("fleet", "json", "fleet_json"),
    Reporter("fleet", "markdown", "fleet_markdown"),
    Reporter("fleet", "html", "fleet_html"),
    Reporter("fleet", "github", "fleet_github", needs_assessments=True),
    Reporter("fleet", "sarif", "sarif", "render_fleet", needs_assessments=True),
    Reporter("fleet", "junit", "junit", "render_fleet", needs_assessments=True),
    Reporter("diff", "text", "diff_text"),
    Reporter("diff", "json", "diff_json"),
    Reporter("diff", "markdown", "diff_markdown"),
    Reporter("diff", "github", "diff_github"),
    Reporter("diff", "sarif", "sarif", of_head=True),
    Reporter("diff", "junit", "junit", of_head=True),
    Reporter("diff-set", "text", "diff_many", "render_text"),
    Reporter("diff-set", "json", "diff_many", "render_json"),
    Reporter("diff-set", "markdown", "diff_many", "render_markdown"),
    Reporter("diff-set", "github", "diff_many", "render_github"),
    Reporter("diff-set", "sarif", "sarif", "render_fleet", of_head=True),
    Reporter("diff-set", "junit", "junit", "render_fleet", of_head=True),
    Reporter("history", "text", "history", "render_text"),
    Reporter("history", "json", "history", "render_json"),
    Reporter("history", "csv", "history", "render_csv"),
    Reporter("history", "markdown", "history", "render_markdown"),
    Reporter("validate", "text", "problems", "render_text"),
    Reporter("validate", "json", "problems", "render_json"),
    Reporter("controls", "text", "catalog", "list_text"),
    Reporter("controls", "json", "catalog", "list_json"),
    Reporter("controls", "markdown", "catalog", "list_markdown"),
    Reporter("control", "text", "catalog", "show_text"),
    Reporter("control", "json", "catalog", "show_json"),
    Reporter("control", "markdown", "catalog", "show_markdown"),
    Reporter("coverage", "text", "catalog_coverage", "coverage_text"),
    Reporter("coverage", "json", "catalog_coverage", "coverage_json"),
    Reporter("coverage", "markdown", "catalog_coverage", "coverage_markdown"),
)


def index(reporters: Iterable[Reporter]) -> dict[Subject, dict[str, Reporter]]:
    """subject -> format -> reporter; a format registered twice for a subject is a bug."""
    table: dict[Subject, dict[str, Reporter]] = {}
    for r in reporters:
        formats = table.setdefault(r.subject, {})
        if r.fmt in formats:
            raise ValueError(f"the {r.subject} format {r.fmt!r} is registered twice")
        formats[r.fmt] = r
    return table


TABLE: Mapping[Subject, Mapping[str, Reporter]] = index(REPORTERS)


def formats(*subjects: Subject) -> list[str]:
    """The formats offered for `subjects`, in order: for several, those all of them have."""
    first, *rest = subjects
    return [f for f in TABLE[first] if all(f in TABLE[s] for s in rest)]


def reporter(subject: Subject, fmt: str) -> Reporter:
    """The entry for `fmt`; a format a subject lacks is a usage error, said with the choices."""
    from phi_policy.errors import UsageError

    found = TABLE[subject].get(fmt)
    if found is None:
        raise UsageError(
            f"{subject} reports have no {fmt} format",
            hint=f"choose one of: {', '.join(TABLE[subject])}",
        )
    return found


def render(subject: Subject, fmt: str, *args: Any) -> str:
    """Render `args` (the subject and its options, per the signatures above) as `fmt`."""
    return reporter(subject, fmt).load()(*args)
