"""The HTML report: well-formed, self-contained, escaped, deterministic, and what it shows.

The report is parsed into a small tree by a strict checker (every tag closed in order, no
duplicate ids), so the assertions below can name the element they are about: the bars of the
domain chart, the dots of the history chart, the rows of each table.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.cli import run
from phi_policy.engine.scoring import weight_of
from phi_policy.model import (
    DOMAINS,
    Assessment,
    Context,
    ControlTimeline,
    HistoryPoint,
    Interval,
    Outcome,
)
from phi_policy.pipeline import assess as assess_document
from phi_policy.pipeline import load_valid
from phi_policy.reporters import RenderOptions, registry
from phi_policy.reporters.html import render
from tests.report_fixtures import assess as assess_results
from tests.report_fixtures import (
    empty_assessment,
    replace_result,
    sample_assessment,
    sample_results,
)

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 1)
EXAMPLES = ("riverbend-clinic", "lakeside-health", "quickdoc-startup")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})

#: A year of a config's life: the BAA lapses, MFA arrives, a broken commit, a fix.
HISTORY = (
    HistoryPoint("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", dt.date(2026, 1, 5), "Dana Whitfield",
                 "Initial phi-policy config", 52.5, "red"),
    HistoryPoint("b2c3d4e5f60718293a4b5c6d7e8f901234567890", dt.date(2026, 3, 2), "Sam Ortiz",
                 "Enable MFA for remote access", 66.0, "yellow"),
    HistoryPoint("c3d4e5f60718293a4b5c6d7e8f90123456789012", dt.date(2026, 4, 20), "Sam Ortiz",
                 "Reformat vendors list", None, None,
                 "riverbend.yaml:14:3: mapping values are not allowed here"),
    HistoryPoint("d4e5f60718293a4b5c6d7e8f9012345678901234", dt.date(2026, 4, 21), "Dana Whitfield",
                 "Fix YAML indentation", 66.0, "yellow"),
    HistoryPoint("e5f60718293a4b5c6d7e8f901234567890123456", dt.date(2026, 7, 14), "Lee Chen",
                 "Record the 2026 risk analysis", 81.2, "green"),
    HistoryPoint("f60718293a4b5c6d7e8f90123456789012345678", dt.date(2026, 10, 1), "Dana Whitfield",
                 "Acme Video BAA expired", 75.5, "yellow"),
)
TIMELINES = (
    ControlTimeline("TECH-015",
                    "Multi-factor authentication for remote and administrative access", (
        Interval("fail", HISTORY[0].sha, HISTORY[0].date, "Dana Whitfield",
                 HISTORY[1].sha, HISTORY[1].date),
        Interval("pass", HISTORY[1].sha, HISTORY[1].date, "Sam Ortiz"),
    )),
    ControlTimeline("GOV-005", "Business associate agreement in force", (
        Interval("pass", HISTORY[0].sha, HISTORY[0].date, "Dana Whitfield",
                 HISTORY[5].sha, HISTORY[5].date),
        Interval("fail", HISTORY[5].sha, HISTORY[5].date, "Dana Whitfield"),
    )),
)


# --- a strict parser that builds a tree --------------------------------------------------------


@dataclasses.dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = dataclasses.field(default_factory=list)

    def text(self) -> str:
        return "".join(ch if isinstance(ch, str) else ch.text() for ch in self.children)

    def iter(self) -> Iterator[Node]:
        yield self
        for ch in self.children:
            if isinstance(ch, Node):
                yield from ch.iter()

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        """Descendants named `tag` whose attributes hold `attrs` (class_ matches one class)."""
        found = []
        for node in self.iter():
            if node.tag != tag or node is self:
                continue
            ok = True
            for key, want in attrs.items():
                if key == "class_":
                    ok = ok and want in node.attrs.get("class", "").split()
                else:
                    ok = ok and node.attrs.get(key.replace("_", "-")) == want
            if ok:
                found.append(node)
        return found

    def by_id(self, ident: str) -> Node | None:
        return next((n for n in self.iter() if n.attrs.get("id") == ident), None)


class StrictParser(HTMLParser):
    """html.parser plus the checks it does not make: balanced tags, unique ids, one doctype."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            self.errors.append(f"<{tag}> repeats an attribute: {names}")
        node = Node(tag, {name: value or "" for name, value in attrs})
        ident = node.attrs.get("id")
        if ident is not None:
            if ident in self.ids:
                self.errors.append(f"duplicate id {ident!r}")
            self.ids.add(ident)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"end tag for void element </{tag}>")
            return
        if len(self.stack) == 1 or self.stack[-1].tag != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(text: str) -> Node:
    """The document's tree; fails the test on any structural error."""
    parser = StrictParser()
    parser.feed(text)
    parser.close()
    open_tags = [n.tag for n in parser.stack[1:]]
    assert parser.errors == []
    assert open_tags == [], f"never closed: {open_tags}"
    assert parser.doctype == "DOCTYPE html"
    assert [n.tag for n in parser.root.children if isinstance(n, Node)] == ["html"]
    return parser.root


# --- the assessments ------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def catalog() -> Catalog:
    return load_catalog()


@functools.cache
def example(name: str) -> Assessment:
    """An example assessed as `phi-policy check` run from the repository's root would."""
    document = load_valid(f"examples/org-config/{name}.yaml", catalog())
    return assess_document(document, catalog(), Context(as_of=AS_OF))


def all_reports() -> list[tuple[str, str]]:
    """Every rendering the structural tests run over: the fixture and the three examples."""
    return [
        ("fixture", render(sample_assessment())),
        ("fixture-history", render(sample_assessment(), history=HISTORY, timelines=TIMELINES)),
        ("empty", render(empty_assessment())),
        *[(name, render(example(name))) for name in EXAMPLES],
    ]


# --- structure and self-containment ---------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), all_reports(), ids=lambda v: v if len(v) < 40 else "")
def test_every_report_is_well_formed_html5(name: str, text: str) -> None:
    root = parse(text)
    (page,) = root.find_all("html")
    assert page.attrs == {"lang": "en"}
    assert [n.tag for n in page.children if isinstance(n, Node)] == ["head", "body"]
    (charset,) = root.find_all("meta", charset="utf-8")
    assert charset is not None
    assert len(root.find_all("h1")) == 1
    assert text.endswith("</html>\n")
    for table in root.find_all("table"):
        heads = table.find_all("thead")
        assert len(heads) == 1 and heads[0].find_all("th"), f"{name}: a table without headers"
        assert all(th.attrs.get("scope") in ("col", "rowgroup") for th in table.find_all("th"))


@pytest.mark.parametrize(("name", "text"), all_reports(), ids=lambda v: v if len(v) < 40 else "")
def test_nothing_is_fetched_from_outside(name: str, text: str) -> None:
    remote_attr = re.compile(
        r"""\b(?:src|href|xlink:href|action|poster)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
    remote_url = re.compile(r"""url\(\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
    assert remote_attr.findall(text) == []
    assert remote_url.findall(text) == []
    assert re.findall(r"<script[^>]*\bsrc", text, re.IGNORECASE) == []
    assert re.findall(r"<link[^>]*stylesheet", text, re.IGNORECASE) == []
    assert "@import" not in text and "@font-face" not in text
    # None of these assessments holds a URL, so none may appear at all.
    assert "http://" not in text and "https://" not in text
    root = parse(text)
    # The only link is the empty icon that stops a browser asking for /favicon.ico.
    assert [n.attrs for n in root.find_all("link")] == [{"rel": "icon", "href": "data:,"}]
    hrefs = [a.attrs["href"] for a in root.find_all("a")]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert {h[1:] for h in hrefs} <= {n.attrs["id"] for n in root.iter() if "id" in n.attrs}


def test_print_rules_are_present() -> None:
    text = render(sample_assessment())
    (style,) = parse(text).find_all("style")
    css = style.text()
    assert "@media print{" in css
    assert "section.major{break-before:page}" in css
    assert "details::details-content{display:block;content-visibility:visible}" in css
    assert "thead{display:table-header-group}" in css
    (script,) = parse(text).find_all("script")
    assert script.attrs == {}
    assert 'addEventListener("beforeprint"' in script.text()


# --- the score and the domain chart ---------------------------------------------------------


def test_title_header_and_score_card() -> None:
    root = parse(render(sample_assessment()))
    (title,) = root.find_all("head")[0].find_all("title")
    assert title.text() == "phi-policy report: phi-policy.yaml as of 2026-11-01"
    assert root.find_all("h1")[0].text() == "phi-policy.yaml"
    (card,) = root.find_all("div", class_="scorecard")
    assert card.attrs["class"] == "scorecard card-red"
    assert card.find_all("span", class_="score-value")[0].text() == "65.1"
    assert card.find_all("span", class_="band")[0].text() == "RED: significant gaps"
    facts = [li.text() for li in root.find_all("ul", class_="facts")[0].find_all("li")]
    assert facts == [
        "As specified, without documented decisions: 53.0 (RED: significant gaps)",
        "Proposed-rule readiness 66.7 / 100 (NPRM 2025: proposed, not in force)",
        "Controls: 6 pass, 1 partial, 2 fail, 1 n/a, 1 error",
    ]


def test_a_capped_band_says_why_beside_the_number() -> None:
    """65.1 is yellow by score; the card shows RED, so it must say which finding holds it."""
    a = sample_assessment()
    assert (a.score_band, a.band) == ("yellow", "red")
    root = parse(render(a))
    (card,) = root.find_all("div", class_="scorecard")
    (capped,) = card.find_all("p", class_="capped")
    assert capped.text() == ("band capped at RED (the score alone gives YELLOW): GOV-005 "
                             "(critical) fails for Acme Video Cloud")
    assert capped.find_all("strong")[0].text() == (
        "band capped at RED (the score alone gives YELLOW)")


def test_an_uncapped_band_says_nothing_of_a_cap() -> None:
    results = replace_result(sample_results(), "GOV-005", outcome=Outcome(
        "pass", "every vendor handling ePHI has a BAA in force", 1.0))
    a = assess_results(results)
    assert not a.capped
    root = parse(render(a))
    assert root.find_all("p", class_="capped") == []
    assert "band capped" not in render(a)


def bars(root: Node) -> list[Node]:
    chart = root.by_id("domain-chart")
    assert chart is not None and chart.tag == "svg"
    return chart.find_all("rect")


@pytest.mark.parametrize("name", EXAMPLES)
def test_domain_chart_has_one_bar_per_domain_sized_and_colored_by_score(name: str) -> None:
    a = example(name)
    root = parse(render(a))
    chart = root.by_id("domain-chart")
    assert chart is not None
    assert chart.attrs["role"] == "img"
    assert chart.attrs["aria-label"] == "Domain scores: " + "; ".join(
        f"{title} {score:.1f}" for title, score in zip(
            ("Organizational governance", "Technical safeguards", "Administrative safeguards",
             "Physical safeguards", "Privacy policies"),
            (d.score or 0.0 for d in a.domains), strict=True)
    )
    found = bars(root)
    assert [b.attrs["data-domain"] for b in found] == list(DOMAINS)
    fills = {"red": "#d1453b", "yellow": "#e3a21a", "green": "#2f9e44"}
    for bar, domain in zip(found, a.domains, strict=True):
        assert domain.score is not None
        assert bar.attrs["width"] == f"{round(domain.score * 4, 1):.1f}"
        band = "red" if domain.score < 60 else "yellow" if domain.score < 80 else "green"
        assert bar.attrs["fill"] == fills[band]
        assert bar.text() == f"{_title(domain.domain)}: {domain.score:.1f} {band}"
    values = [t.text() for t in chart.find_all("text", class_="value")]
    assert values == [f"{d.score:.1f} {_band(d.score)}" for d in a.domains]
    thresholds = chart.find_all("line", class_="threshold")
    assert [ln.attrs["x1"] for ln in thresholds] == ["460.0", "540.0"]


def _title(domain: str) -> str:
    return {"governance": "Organizational governance", "technical": "Technical safeguards",
            "administrative": "Administrative safeguards", "physical": "Physical safeguards",
            "privacy": "Privacy policies"}[domain]


def _band(score: float | None) -> str:
    assert score is not None
    return "red" if score < 60 else "yellow" if score < 80 else "green"


def test_riverbend_domain_values_are_exact() -> None:
    chart = parse(render(example("riverbend-clinic"))).by_id("domain-chart")
    assert chart is not None
    assert [t.text() for t in chart.find_all("text", class_="value")] == [
        "41.2 red", "76.4 yellow", "84.6 green", "85.3 green", "73.1 yellow",
    ]


def test_domains_without_a_score_read_na_and_have_an_empty_bar() -> None:
    root = parse(render(empty_assessment()))
    found = bars(root)
    assert len(found) == 5
    assert {b.attrs["width"] for b in found} == {"0.0"}
    chart = root.by_id("domain-chart")
    assert chart is not None
    assert {t.text() for t in chart.find_all("text", class_="value")} == {
        "n/a (no applicable controls)"
    }
    (card,) = root.find_all("div", class_="scorecard")
    assert card.text() == "n/ano applicable controls to score"


# --- the tables -----------------------------------------------------------------------------


def rows_of(root: Node, table_class: str) -> list[list[str]]:
    tables = root.find_all("table", class_=table_class)
    return [[" ".join(td.text().split()) for td in tr.find_all("td")]
            for table in tables for body in table.find_all("tbody") for tr in body.find_all("tr")]


def test_action_plan_groups_the_ranked_fixes_by_priority() -> None:
    root = parse(render(sample_assessment()))
    section = root.by_id("fix")
    assert section is not None
    assert section.find_all("h2")[0].text() == "Action plan"
    assert [h.text() for h in section.find_all("h3")] == [
        "Priority: now", "Priority: within 90 days"]
    rows = rows_of(section, "fix")
    # Ranked by risk: GOV-005 (critical, required) first; then the medium ones by basis
    # (required, addressable, benchmark), whatever each gains.
    assert [row[:4] for row in rows] == [
        ["1", "+24.1", "now", "critical required"],
        ["2", "+4.8", "within 90 days", "medium required"],
        ["3", "+4.8", "within 90 days", "medium addressable"],
        ["4", "+1.2", "within 90 days", "medium benchmark"],
    ]
    assert rows[0][4:] == [
        "GOV-005 Business associate agreement in force with every vendor handling ePHI",
        "phi-policy.yaml:88",
        "164.308(b)(1) Business associate contracts and other arrangements"
        "164.314(a)(2)(i) Business associate contracts",
        "Renew or sign a BAA with every vendor that creates, receives, maintains or transmits "
        "ePHI, and record it under business_associates[].baa with signed and expires dates.",
    ]
    assert [row[4].split()[0] for row in rows] == ["GOV-005", "PRIV-002", "ADM-007", "TECH-003"]
    # The column is labelled, and the legend says what it means.
    (table,) = section.find_all("table", class_="fix")[:1]
    assert [th.text() for th in table.find_all("th")][:4] == [
        "#", "Gain", "Priority", "Severity, basis"]
    (legend,) = section.find_all("p", class_="priority-legend")
    assert legend.text().endswith(
        "Priority is when to act, from the gap's severity: critical now, high within 30 days, "
        "medium within 90 days, low at the next review.")
    (bases,) = section.find_all("p", class_="basis-legend")
    assert bases.text() == (
        "Legal basis: required: required by HIPAA; addressable: addressable HIPAA specification "
        "(164.306(d)(3)); benchmark: benchmark, not a HIPAA requirement.")


def test_fix_first_honours_max_recommendations() -> None:
    root = parse(render(sample_assessment(), RenderOptions(max_recommendations=2)))
    section = root.by_id("fix")
    assert section is not None
    assert section.find_all("h2")[0].text() == "Action plan (2 of 4)"
    assert len(rows_of(section, "fix")) == 2
    assert section.find_all("p", class_="note")[-1].text() == (
        "2 more not shown here; every finding is listed under Findings.")


def test_findings_per_domain_with_basis_location_citation_and_remediation() -> None:
    root = parse(render(sample_assessment()))
    section = root.by_id("findings")
    assert section is not None
    assert [h.text() for h in section.find_all("h3")] == [
        "Organizational governance: 60.0 YELLOW: partial",
        "Technical safeguards: 94.1 GREEN: robust",
        "Administrative safeguards: 50.0 RED: significant gaps",
        "Physical safeguards: n/a ",
        "Privacy policies: 50.0 RED: significant gaps",
    ]
    failing = rows_of(section, "findings")
    by_id = {row[1].split()[0]: row for row in failing}
    assert by_id["TECH-003"][:6] == [
        "PARTIAL",
        "TECH-003 Automatic logoff after 15 minutes or less of inactivity (benchmark)",
        "medium benchmark",
        "automatic logoff is 30 minutes; the benchmark is 15 or less",
        "phi-policy.yaml:131:29",
        "164.312(a)(2)(iii) Automatic logoff",
    ]
    assert by_id["GOV-005"][:3] == [
        "FAIL", "GOV-005 Business associate agreement in force with every vendor handling ePHI",
        "critical required"]
    assert by_id["PRIV-002"][0] == "FAIL"
    assert by_id["GOV-001"][0] == "PASS"
    assert by_id["PHYS-004"][0] == "N/A"
    assert by_id["TECH-005"][:3] == [
        "PASS", "TECH-005 Encryption at rest on every device that stores ePHI",
        "high addressable"]
    # The basis tag says it in full on hover, and the legend under the findings in print.
    tags = {t.text(): t.attrs["title"] for t in section.find_all("span", class_="basis")
            if "title" in t.attrs}
    assert tags == {"required": "required by HIPAA",
                    "addressable": "addressable HIPAA specification (164.306(d)(3))",
                    "benchmark": "benchmark, not a HIPAA requirement"}
    (legend,) = section.find_all("p", class_="basis-legend")
    assert "benchmark: benchmark, not a HIPAA requirement" in legend.text()
    # Decided and undecided controls sit in sections of their own; the domain points there.
    notes = [p.text() for p in section.find_all("p", class_="note")]
    assert notes == [
        "Also in this domain: 1 met by a documented decision (see Documented decisions).",
        "No control in this domain fails or is partial.",
        "Also in this domain: 1 could not decide (see Errors).",
        "No control in this domain fails or is partial.",
    ]
    summaries = [s.text() for s in section.find_all("summary")]
    # The section's fold first (closed on screen), then each domain's passing controls.
    assert summaries == ["Every control under the rule in force, by domain: 6 pass, 1 partial, "
                         "2 fail, 1 n/a, 1 error",
                         "2 passing, 0 not applicable", "2 passing, 0 not applicable",
                         "1 passing, 0 not applicable", "0 passing, 1 not applicable",
                         "1 passing, 0 not applicable"]
    # Passing controls are folded away unless asked for.
    assert all("open" not in d.attrs for d in section.find_all("details"))
    verbose = parse(render(sample_assessment(), RenderOptions(verbose=1))).by_id("findings")
    assert verbose is not None
    assert all("open" in d.attrs for d in verbose.find_all("details"))


def test_documented_decisions_count_as_compliant() -> None:
    root = parse(render(sample_assessment()))
    section = root.by_id("decisions")
    assert section is not None
    assert section.find_all("h2")[0].text() == "Documented decisions"
    text = section.text()
    assert "risk accepted" not in text.lower() and "waive" not in text.lower()
    assert "count as compliant" in text and "164.306(d)(3)" in text
    assert section.find_all("p", class_="note")[1].text() == (
        "Score as specified, with no decision honoured: 53.0 (RED: significant gaps).")
    (row,) = rows_of(section, "decisions")
    assert row[:4] == [
        "PASS", "TECH-005 Encryption at rest on every device that stores ePHI",
        "high addressable", "phi-policy.yaml:142:7phi-policy.yaml:201:5",
    ]
    (cell,) = section.find_all("ul", class_="decision")
    assert [li.text() for li in cell.find_all("li")] == [
        "met by a documented decision (counts as compliant)",
        "kind alternative, for all instances; approved by Dana Whitfield (CISO) on 2025-11-25, "
        "next review by 2026-11-25 (12 months unless set: a convention)",
        "alternative measure: no ePHI is stored on the laptops: the VDI blocks downloads and "
        "clipboard, and laptops are wiped nightly",
        "reason: Clinic laptops are thin clients to the EHR's virtual desktop; full-disk "
        "encryption breaks the vendor's kiosk image",
        "as specified, without the decision: laptops used for telehealth are not full-disk "
        "encrypted",
    ]
    nav = [a.text() for a in root.find_all("nav")[0].find_all("a")]
    assert "Decisions" in nav and "Waived" not in nav


def test_no_decisions_no_other_law_no_sections() -> None:
    results = replace_result(sample_results(), "TECH-005", decision=None)
    root = parse(render(assess_results(results)))
    assert root.by_id("decisions") is None and root.by_id("other-law") is None


def test_other_law_findings_have_a_section_of_their_own_outside_the_hipaa_score() -> None:
    results = replace_result(sample_results(), "PRIV-002", basis="other_law",
                             title="State-law breach notice within 30 days",
                             weight=weight_of("medium", "other_law"))
    a = assess_results(results)
    assert a.other_law_score == 0.0 and [g.control_id for g in a.other_law_gaps] == ["PRIV-002"]
    assert "PRIV-002" not in {x.control_id for x in a.recommendations}
    root = parse(render(a))
    section = root.by_id("other-law")
    assert section is not None
    assert section.find_all("h2")[0].text() == "Other law (DEA, state), not HIPAA"
    assert section.find_all("p", class_="note")[0].text() == (
        "Not part of the HIPAA score or band. Scored apart: 0.0 / 100; gains are points of that "
        "score.")
    (row,) = rows_of(section, "other-law")
    assert row[:6] == [
        "1", "+100.0", "within 90 days", "medium other law",
        "PRIV-002 State-law breach notice within 30 days",
        "breach_notification.individual_notice_days is 90; the rule allows at most 60 days "
        "after discovery",
    ]
    # Never among the HIPAA findings or the action plan; its score is a fact of its own.
    findings = root.by_id("findings")
    fix = root.by_id("fix")
    assert findings is not None and fix is not None
    assert "PRIV-002" not in findings.text() and "PRIV-002" not in fix.text()
    facts = [li.text() for li in root.find_all("ul", class_="facts")[0].find_all("li")]
    assert ("Other law (DEA, state), not HIPAA: 0.0 / 100, scored apart (never in the HIPAA "
            "score or band)") in facts


def test_errors_upcoming_and_readiness_sections() -> None:
    root = parse(render(sample_assessment()))
    assert rows_of(root, "errors") == [[
        "ADM-007 Contingency plan tested within the last 12 months",
        "phi-policy.yaml:180:3",
        "control raised KeyError: 'last_tested'",
        "164.308(a)(7)(ii)(D) Testing and revision procedures",
    ]]
    assert [row[:3] for row in rows_of(root, "upcoming")] == [
        ["2026-11-15", "14 days", "ADM-004"], ["2026-11-20", "19 days", "GOV-003"],
        ["2026-11-25", "24 days", "TECH-005"],
    ]
    assert rows_of(root, "upcoming")[1][3:] == [
        "annual risk analysis falls due in 19 days (2026-11-20; GOV-003 164.308(a)(1)(ii)(A))",
        "-24.1 pts at stake",
    ]
    readiness = root.by_id("readiness")
    assert readiness is not None
    assert readiness.find_all("h2")[0].text() == (
        "Proposed rule (NPRM 2025) readiness gaps proposed, not in force")
    assert [row[:4] for row in rows_of(readiness, "readiness")] == [
        ["1", "+33.3", "NPRM-003 Vulnerability scanning at least every 6 months", "high"],
    ]


def test_footer_carries_the_disclaimer() -> None:
    root = parse(render(example("quickdoc-startup")))
    (footer,) = root.find_all("footer")
    (disclaimer,) = footer.find_all("p", class_="disclaimer")
    assert disclaimer.text() == "phi-policy is an assessment aid, not legal advice."


# --- history and timelines ------------------------------------------------------------------


def test_no_history_chart_without_history() -> None:
    text = render(sample_assessment())
    root = parse(text)
    assert root.by_id("history-chart") is None and root.by_id("history") is None
    assert root.by_id("timeline-chart") is None and root.by_id("timelines") is None
    assert "Score over time" not in text


def test_history_chart_has_a_dot_per_valid_commit_and_marks_invalid_ones() -> None:
    root = parse(render(example("riverbend-clinic"), history=HISTORY))
    chart = root.by_id("history-chart")
    assert chart is not None and chart.tag == "svg" and chart.attrs["role"] == "img"
    valid = [p for p in HISTORY if p.score is not None]
    dots = chart.find_all("circle", class_="point")
    assert [d.attrs["data-sha"] for d in dots] == [p.sha for p in valid]
    assert dots[1].text() == ("b2c3d4e 2026-03-02 Sam Ortiz\nEnable MFA for remote access\n"
                              "score 66.0 (yellow)")
    (line,) = chart.find_all("polyline", class_="score-line")
    pairs = line.attrs["points"].split()
    assert len(pairs) == len(valid)
    # x runs with the date (first and last commits at the padded edges), y with the score.
    assert pairs[0] == "66.0,128.1" and pairs[-1] == "906.0,73.8"
    assert [d.attrs["cy"] for d in dots] == ["128.1", "96.2", "96.2", "60.4", "73.8"]
    (invalid,) = chart.find_all("g", class_="invalid")
    assert invalid.attrs["data-sha"] == HISTORY[2].sha
    assert invalid.find_all("title")[0].text() == (
        "c3d4e5f 2026-04-20 Sam Ortiz\nReformat vendors list\n"
        "invalid: riverbend.yaml:14:3: mapping values are not allowed here")
    assert [ln.attrs["y1"] for ln in chart.find_all("line", class_="threshold")] == [
        "110.4", "63.2"]
    ticks = [t.text() for t in chart.find_all("text", class_="tick")]
    assert ticks[:6] == ["0", "20", "40", "60", "80", "100"]
    assert ticks[6] == "2026-01-05" and ticks[-1] == "2026-10-01"
    rows = rows_of(root, "history")
    assert rows[0] == ["a1b2c3d", "2026-01-05", "Dana Whitfield", "Initial phi-policy config",
                       "52.5", "", "RED: significant gaps"]
    assert rows[2][4:] == ["n/a", "",
                           "invalid: riverbend.yaml:14:3: mapping values are not allowed here"]
    assert [row[5] for row in rows] == ["", "+13.5", "", "0.0", "+15.2", "-5.7"]
    summary = root.by_id("history")
    assert summary is not None
    assert summary.find_all("p")[0].text() == (
        "6 commits changed the config between 2026-01-05 and 2026-10-01; the score went from "
        "52.5 to 75.5; 1 did not load or validate.")


def test_a_single_commit_history_sits_in_the_middle() -> None:
    root = parse(render(sample_assessment(), history=HISTORY[:1]))
    chart = root.by_id("history-chart")
    assert chart is not None
    assert chart.find_all("polyline") == []
    (dot,) = chart.find_all("circle", class_="point")
    assert dot.attrs["cx"] == "486.0"


def test_control_timelines() -> None:
    root = parse(render(example("riverbend-clinic"), history=HISTORY, timelines=TIMELINES))
    chart = root.by_id("timeline-chart")
    assert chart is not None
    segments = chart.find_all("rect", class_="segment")
    assert [s.attrs["class"] for s in segments] == [
        "segment s-fail", "segment s-pass", "segment s-pass", "segment s-fail"]
    assert segments[0].text() == ("TECH-015 FAIL since 2026-01-05 (a1b2c3d, Dana Whitfield) "
                                  "until 2026-03-02 (b2c3d4e)")
    assert segments[1].text() == "TECH-015 PASS since 2026-03-02 (b2c3d4e, Sam Ortiz) to date"
    # An open interval runs to the report's date (2026-11-01), the right edge of the lanes.
    assert float(segments[1].attrs["x"]) + float(segments[1].attrs["width"]) == 910.0
    ticks = [t.text() for t in chart.find_all("text", class_="tick")]
    assert ticks[0] == "2026-01-05" and ticks[-1] == "2026-11-01"
    assert rows_of(root, "timelines") == [
        ["FAIL", "2026-01-05", "a1b2c3d", "Dana Whitfield", "2026-03-02", "b2c3d4e"],
        ["PASS", "2026-03-02", "b2c3d4e", "Sam Ortiz", "to date", ""],
        ["PASS", "2026-01-05", "a1b2c3d", "Dana Whitfield", "2026-10-01", "f607182"],
        ["FAIL", "2026-10-01", "f607182", "Dana Whitfield", "to date", ""],
    ]
    heads = [th.text() for th in root.find_all("th", scope="rowgroup")]
    assert heads == ["TECH-015 Multi-factor authentication for remote and administrative access",
                     "GOV-005 Business associate agreement in force"]


# --- escaping, determinism, the format map and the CLI --------------------------------------


def test_user_text_is_escaped_everywhere() -> None:
    attack = "<script>alert(1)</script>"
    results = replace_result(sample_results(), "GOV-005", message=f"vendor {attack} & co")
    results = replace_result(results, "TECH-003", title='logoff "quoted" <b>bold</b>')
    a = dataclasses.replace(assess_results(results), source='configs/<img src=x>"a.yaml')
    history = (dataclasses.replace(HISTORY[0], subject=attack, author='Eve "<i>"'), *HISTORY[1:])
    timelines = (dataclasses.replace(TIMELINES[0], title=attack), TIMELINES[1])
    text = render(a, history=history, timelines=timelines)
    root = parse(text)
    assert attack not in text and "<img" not in text and "<b>bold" not in text
    assert "vendor &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in text
    assert "logoff &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;" in text
    # The only script is the report's own; nothing the data said became an element.
    assert len(root.find_all("script")) == 1
    assert root.find_all("img") == [] and root.find_all("b") == [] and root.find_all("i") == []
    (title,) = root.find_all("head")[0].find_all("title")
    assert title.text() == 'phi-policy report: configs/<img src=x>"a.yaml as of 2026-11-01'
    found = [r for r in rows_of(root, "findings") if r[1].startswith("GOV-005")]
    assert found[0][3] == f"vendor {attack} & co"


def test_rendering_is_deterministic() -> None:
    first = render(example("riverbend-clinic"), history=HISTORY, timelines=TIMELINES)
    assert first == render(example("riverbend-clinic"), history=HISTORY, timelines=TIMELINES)
    assert render(sample_assessment()) == render(sample_assessment())


def test_the_format_map_reaches_this_reporter() -> None:
    assert registry.reporter("check", "html").module == "html"
    registered = registry.reporter("check", "html").load()
    assert registered(sample_assessment(), RenderOptions()) == render(sample_assessment())


def test_check_writes_the_html_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "report.html"
    code = run(["check", "examples/org-config/riverbend-clinic.yaml", "--as-of", "2026-11-01",
                "--format", "html", "-o", str(out)])
    assert code == 0
    assert capsys.readouterr().out == ""
    expected = render(assess_document(load_valid("examples/org-config/riverbend-clinic.yaml",
                                                 catalog()), catalog(), Context(as_of=AS_OF)))
    assert out.read_text(encoding="utf-8") == expected
