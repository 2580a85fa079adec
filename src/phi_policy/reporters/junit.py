"""JUnit XML: one test case per control, for CI test dashboards (GitLab, Jenkins, test reporters).

A dashboard knows passed, failed, errored and skipped tests, so each status maps onto one of
them: pass passes; fail and partial are failures (partial with the credit it earned, since it
still costs points), typed by the control's severity; a control that raised is an error; not
applicable controls are skipped, with the reason. A proposed-rule (NPRM) check is never a
failure of the rule in force: when it does not pass it is skipped, saying so. Every failure
says its severity and legal basis ("severity medium; benchmark, not a HIPAA requirement"), so
that a dashboard never shows a benchmark or another law's check as a HIPAA violation.

A control met by a valid documented decision passes (the decision makes it compliant, which is
how 164.306(d)(3) treats an addressable specification): its <system-out> says which decision,
who approved it, and what the finding is as specified. The suite's properties carry the band,
the band by score alone and the reasons it is capped.

Deterministic (attributes in a fixed order, no timestamps or durations), and free of the
characters XML 1.0 cannot carry, which a quoted YAML string could otherwise smuggle in.

A fleet (`render_fleet`) is one <testsuite> per config, in path order, under one
<testsuites> holding the totals; an invalid config is a suite with one test case, "the
config is valid", in error with its first problem.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from phi_policy.model import Assessment, Result
from phi_policy.model.fleet import Fleet, Row
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c
from phi_policy.reporters.problems import problem_line

_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
NPRM_SKIP = "proposed rule (NPRM 2025), not in force"


def _clean(text: str) -> str:
    """`text` with every character XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _number(value: float | None) -> str:
    return "" if value is None else f"{round(value, 2)}"


def _details(r: Result, gain: float | None) -> str:
    """The body of a failure: what, how much it costs, where, which section, how to fix."""
    lines = [r.outcome.message]
    status = f"status: {r.status}"
    if r.status == "partial" and r.outcome.credit is not None:
        status += f" (credit {r.outcome.credit:.2f})"
    status += f", {c.severity_and_basis(r)}"
    if gain is not None:
        score = " of the other-law score (not HIPAA)" if r.basis == "other_law" else ""
        status += f", {c.gain(gain)} points{score} if it passed"
    lines.append(status)
    if r.locations:
        lines.append("where: " + ", ".join(c.where_col(loc) for loc in r.locations))
    lines.extend(f"cites: {c.citation(cite)}" for cite in r.citations)
    lines.append(f"fix: {r.remediation}")
    return "\n".join(lines)


def _testcase(r: Result, source: str, gain: float | None) -> ET.Element:
    case = ET.Element(
        "testcase", {"classname": f"phi-policy.{r.domain}", "name": f"{r.control_id} {r.title}"}
    )
    location = r.locations[0] if r.locations else None
    case.set("file", location.file if location else source)
    case.set("line", str(location.line if location else 1))
    status = r.status
    basis = f" ({c.severity_and_basis(r)})"
    if r.proposed and status != "pass":
        ET.SubElement(case, "skipped", {"message": f"{NPRM_SKIP}: {r.outcome.message}"})
    elif status in ("fail", "partial"):
        message = r.outcome.message
        if status == "partial":
            message = f"partial (credit {r.outcome.credit or 0.0:.2f}): {message}"
        failure = ET.SubElement(case, "failure", {"message": message + basis, "type": r.severity})
        failure.text = _details(r, gain)
    elif status == "error":
        error = ET.SubElement(case, "error", {"message": r.outcome.message + basis,
                                              "type": r.severity})
        error.text = _details(r, gain)
    elif status == "not_applicable":
        ET.SubElement(case, "skipped", {"message": f"not applicable: {r.outcome.message}"})
    elif r.decision is not None:  # a pass by a decision: say which, and the finding as specified
        out = ET.SubElement(case, "system-out")
        out.text = "\n".join([c.severity_and_basis(r), *c.decision_lines(r)])
    return case


def _count(cases: list[ET.Element], tag: str) -> int:
    return sum(1 for case in cases if case.find(tag) is not None)


def _counts(cases: list[ET.Element]) -> dict[str, str]:
    return {
        "tests": str(len(cases)),
        "failures": str(_count(cases, "failure")),
        "errors": str(_count(cases, "error")),
        "skipped": str(_count(cases, "skipped")),
    }


def _properties(suite: ET.Element, items: list[tuple[str, str]]) -> None:
    properties = ET.SubElement(suite, "properties")
    for key, value in items:
        ET.SubElement(properties, "property", {"name": key, "value": value})


def _suite(a: Assessment) -> ET.Element:
    """The <testsuite> of one config: a test case per control."""
    gains = {x.control_id: x.gain for x in (*a.recommendations, *a.other_law_gaps)}
    cases = [_testcase(r, a.source, gains.get(r.control_id)) for r in a.results]
    suite = ET.Element("testsuite", {"name": f"phi-policy: {a.source}", **_counts(cases)})
    items = [
        ("score", _number(a.score)),
        ("raw_score", _number(a.raw_score)),
        ("band", a.band or ""),
        ("score_band", a.score_band or ""),
        ("capped", "true" if a.capped else "false"),
    ]
    items += [("cap_reason", str(reason)) for reason in a.cap_reasons]
    if a.other_law_score is not None:
        items.append(("other_law_score", _number(a.other_law_score)))
    items += [("as_of", a.as_of.isoformat()), ("profile", a.profile)]
    _properties(suite, items)
    suite.extend(cases)
    return suite


def _totals(suites: list[ET.Element]) -> dict[str, str]:
    # <testsuites> takes no skipped count in the common (Jenkins) schema.
    return {
        key: str(sum(int(suite.get(key, "0")) for suite in suites))
        for key in ("tests", "failures", "errors")
    }


def junit_tree(assessment: Assessment) -> ET.Element:
    """The <testsuites> element holding one <testsuite> for the config."""
    suite = _suite(assessment)
    root = ET.Element("testsuites", {"name": suite.get("name", ""), **_totals([suite])})
    root.append(suite)
    return root


def _invalid_suite(row: Row, as_of: str, profile: str) -> ET.Element:
    problem = row.problem
    assert problem is not None
    case = ET.Element("testcase", {"classname": "phi-policy.config",
                                   "name": "the config is valid"})
    case.set("file", problem.location.file)
    case.set("line", str(problem.location.line))
    error = ET.SubElement(case, "error",
                          {"message": problem_line(problem), "type": "invalid-config"})
    more = row.problems - 1
    error.text = problem_line(problem) + (
        f"\n{more} more problem{'s' if more != 1 else ''}: run phi-policy validate {row.path}"
        if more else ""
    )
    suite = ET.Element("testsuite", {"name": f"phi-policy: {row.path}", **_counts([case])})
    _properties(suite, [("valid", "false"), ("as_of", as_of), ("profile", profile)])
    suite.append(case)
    return suite


def fleet_tree(fleet: Fleet) -> ET.Element:
    """<testsuites> with one <testsuite> per config of the fleet, in path order."""
    suites = [
        _suite(row.assessment)
        if row.assessment is not None
        else _invalid_suite(row, fleet.as_of.isoformat(), fleet.profile)
        for row in fleet.rows
        if row.assessment is not None or not row.valid
    ]
    name = f"phi-policy: {fleet.summary.configs} configs"
    root = ET.Element("testsuites", {"name": name, **_totals(suites)})
    root.extend(suites)
    return root


def _scrub(element: ET.Element) -> None:
    for node in element.iter():
        for key, value in node.attrib.items():
            node.set(key, _clean(value))
        if node.text:
            node.text = _clean(node.text)


def _xml(root: ET.Element) -> str:
    _scrub(root)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render(assessment: Assessment, options: RenderOptions | None = None) -> str:
    return _xml(junit_tree(assessment))


def render_fleet(fleet: Fleet, options: RenderOptions | None = None) -> str:
    return _xml(fleet_tree(fleet))
