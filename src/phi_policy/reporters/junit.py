"""JUnit XML: one test case per control, for CI test dashboards (GitLab, Jenkins, test reporters).

A dashboard knows passed, failed, errored and skipped tests, so each status maps onto one of
them: pass passes; fail and partial are failures (partial with the credit it earned, since it
still costs points), typed by the control's severity; a control that raised is an error; not
applicable and waived controls are skipped, with the reason. A proposed-rule (NPRM) check is
never a failure of the rule in force: when it does not pass it is skipped, saying so.

Deterministic (attributes in a fixed order, no timestamps or durations), and free of the
characters XML 1.0 cannot carry, which a quoted YAML string could otherwise smuggle in.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from phi_policy.model import Assessment, Result
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import _common as c

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
    status += f", severity {r.severity}"
    if gain is not None:
        status += f", {c.gain(gain)} points if it passed"
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
    if r.proposed and status != "pass":
        ET.SubElement(case, "skipped", {"message": f"{NPRM_SKIP}: {r.outcome.message}"})
    elif status in ("fail", "partial"):
        message = r.outcome.message
        if status == "partial":
            message = f"partial (credit {r.outcome.credit or 0.0:.2f}): {message}"
        failure = ET.SubElement(case, "failure", {"message": message, "type": r.severity})
        failure.text = _details(r, gain)
    elif status == "error":
        error = ET.SubElement(case, "error", {"message": r.outcome.message, "type": r.severity})
        error.text = _details(r, gain)
    elif status == "not_applicable":
        ET.SubElement(case, "skipped", {"message": f"not applicable: {r.outcome.message}"})
    elif status == "waived":  # the message reads "waived until ... (approved by ...): ..."
        ET.SubElement(case, "skipped", {"message": r.outcome.message})
    return case


def _count(cases: list[ET.Element], tag: str) -> int:
    return sum(1 for case in cases if case.find(tag) is not None)


def junit_tree(assessment: Assessment) -> ET.Element:
    """The <testsuites> element holding one <testsuite> for the config."""
    a = assessment
    gains = {x.control_id: x.gain for x in a.recommendations}
    cases = [_testcase(r, a.source, gains.get(r.control_id)) for r in a.results]
    counts = {
        "tests": str(len(cases)),
        "failures": str(_count(cases, "failure")),
        "errors": str(_count(cases, "error")),
        "skipped": str(_count(cases, "skipped")),
    }
    name = f"phi-policy: {a.source}"
    # <testsuites> takes no skipped count in the common (Jenkins) schema.
    totals = {k: v for k, v in counts.items() if k != "skipped"}
    root = ET.Element("testsuites", {"name": name, **totals})
    suite = ET.SubElement(root, "testsuite", {"name": name, **counts})
    properties = ET.SubElement(suite, "properties")
    for key, value in (
        ("score", _number(a.score)),
        ("raw_score", _number(a.raw_score)),
        ("band", a.band or ""),
        ("as_of", a.as_of.isoformat()),
        ("profile", a.profile),
    ):
        ET.SubElement(properties, "property", {"name": key, "value": value})
    suite.extend(cases)
    return root


def _scrub(element: ET.Element) -> None:
    for node in element.iter():
        for key, value in node.attrib.items():
            node.set(key, _clean(value))
        if node.text:
            node.text = _clean(node.text)


def render(assessment: Assessment, options: RenderOptions | None = None) -> str:
    root = junit_tree(assessment)
    _scrub(root)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
