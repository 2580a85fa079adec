"""The HTML pages' layout: a summary that fits one screen with the details folded below it,
tables that become cards on a phone, config paths that never break inside a name, a history
chart whose dots never hide its line (and whose legend shows what it draws), and a fleet page
whose every site links to its own section.

The pages are parsed with the strict checker of tests/test_report_html.py; what a browser does
with them (widths, overflow, screenshots) is tested in tests/test_browser.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from pathlib import Path

import pytest

from phi_policy.cli import run
from phi_policy.model import DOMAINS, HistoryPoint
from phi_policy.reporters import RenderOptions
from phi_policy.reporters.charts import BAND_FILL, MARK_GAP, history_marks
from phi_policy.reporters.html import TOP_FIXES, render
from phi_policy.reporters.html_builder import escape
from phi_policy.reporters.html_parts import prose
from tests.report_fixtures import empty_assessment, sample_assessment
from tests.test_report_html import HISTORY, TIMELINES, Node, example, parse, rows_of

ROOT = Path(__file__).resolve().parent.parent
#: The sections below the summary, each folded on screen.
FOLDED = ("domains", "fix", "findings", "decisions", "errors", "upcoming", "readiness",
          "history", "timelines")


def many_commits(count: int = 400) -> tuple[HistoryPoint, ...]:
    """`count` commits over ten months, the score drifting through every band, a few invalid."""
    points = []
    for i in range(count):
        score = 30.0 + 65.0 * i / count + (7.0 if i % 3 == 0 else -4.0)
        band = "red" if score < 60 else "yellow" if score < 80 else "green"
        invalid = i % 97 == 50
        points.append(HistoryPoint(
            f"{i:040x}", dt.date(2025, 1, 1) + dt.timedelta(days=i * 300 // count), "Dana",
            f"commit {i}", None if invalid else round(score, 1), None if invalid else band,
            "bad YAML" if invalid else None))
    return tuple(points)


# --- the summary --------------------------------------------------------------------------------


def test_the_summary_holds_score_band_cap_domains_top_fixes_and_what_falls_due() -> None:
    a = sample_assessment()
    root = parse(render(a))
    summary = root.by_id("summary")
    assert summary is not None
    assert summary.find_all("h2")[0].text() == "Summary"
    (card,) = summary.find_all("div", class_="scorecard")
    assert card.find_all("p", class_="capped")[0].text().startswith("band capped at RED")
    bars = summary.find_all("li", class_="bar-row")
    assert [b.find_all("span", class_="bar-label")[0].text() for b in bars] == [
        "Organizational governance", "Technical safeguards", "Administrative safeguards",
        "Physical safeguards", "Privacy policies"]
    for bar, domain in zip(bars, a.domains, strict=True):
        (fill,) = bar.find_all("span", class_="bar-fill")
        assert fill.attrs["style"] == f"width:{round(domain.score or 0.0, 1):.1f}%"
        band = "none" if domain.score is None else (
            "red" if domain.score < 60 else "yellow" if domain.score < 80 else "green")
        assert f"fill-{band}" in fill.attrs["class"].split()
    # A domain with findings links to them; one with none has nothing to link to.
    links = [a_.attrs["href"] for b in bars for a_ in b.find_all("a")]
    assert links and all(root.by_id(h[1:]) is not None for h in links)
    fixes = summary.find_all("ol", class_="top-fixes")[0].find_all("li")
    assert [li.find_all("strong")[0].text() for li in fixes] == [
        r.control_id for r in a.recommendations[:TOP_FIXES]]
    assert fixes[0].find_all("span", class_="fix-meta")[0].text() == "critical required now, +24.1"
    due = summary.find_all("ul", class_="due")[0].find_all("li")
    assert [li.find_all("strong")[0].text() for li in due] == [u.control_id for u in a.upcoming]
    assert due[1].text().startswith("2026-11-20 (in 19 days) GOV-003: annual risk analysis")


def test_the_summary_lists_at_most_five_fixes_and_links_to_the_plan() -> None:
    a = example("quickdoc-startup")
    assert len(a.recommendations) > TOP_FIXES
    summary = parse(render(a)).by_id("summary")
    assert summary is not None
    assert len(summary.find_all("ol", class_="top-fixes")[0].find_all("li")) == TOP_FIXES
    (more,) = [p for p in summary.find_all("p", class_="more") if p.find_all("a")]
    assert more.find_all("a")[0].attrs["href"] == "#fix"
    assert more.text() == "The action plan, with where and how to fix each"
    assert summary.find_all("div", class_="glance-due")[0].text() == (
        "Coming due within 30 daysNothing turns within the horizon.")


def test_an_empty_assessment_has_a_summary_with_nothing_to_fix() -> None:
    summary = parse(render(empty_assessment())).by_id("summary")
    assert summary is not None
    assert "Nothing: every applicable control passes." in summary.text()
    fills = [s.attrs["class"] for s in summary.find_all("span", class_="bar-fill")]
    assert fills == ["bar-fill fill-none"] * len(DOMAINS)
    root = parse(render(empty_assessment()))
    assert all(root.by_id(a.attrs["href"][1:]) is not None for a in summary.find_all("a"))


# --- the folds ------------------------------------------------------------------------------------


def folds(root: Node, key: str) -> list[Node]:
    section = root.by_id(key)
    assert section is not None, key
    return [d for d in section.children if isinstance(d, Node) and d.tag == "details"]


def test_every_section_below_the_summary_is_folded_and_verbose_unfolds_them() -> None:
    closed = parse(render(sample_assessment(), history=HISTORY, timelines=TIMELINES))
    opened = parse(render(sample_assessment(), RenderOptions(verbose=1), history=HISTORY,
                          timelines=TIMELINES))
    for key in FOLDED:
        (fold,) = folds(closed, key)
        assert fold.attrs["class"] == "fold" and "open" not in fold.attrs, key
        assert fold.children[0].tag == "summary" and fold.children[0].text(), key
        (fold,) = folds(opened, key)
        assert "open" in fold.attrs, key
    assert folds(closed, "summary") == []
    assert all("open" in d.attrs for d in opened.find_all("details", class_="fold"))


def test_print_opens_the_folds_and_links_open_what_they_point_at() -> None:
    text = render(sample_assessment())
    root = parse(text)
    (style,) = root.find_all("style")
    assert "details::details-content{display:block;content-visibility:visible}" in style.text()
    assert "details.fold>summary{padding:0;border:0;background:none}" in style.text()
    (script,) = root.find_all("script")
    assert 'addEventListener("beforeprint"' in script.text()
    assert 'addEventListener("hashchange"' in script.text()


# --- narrow screens -------------------------------------------------------------------------------


def test_every_cell_names_its_column_for_the_stacked_layout() -> None:
    root = parse(render(sample_assessment(), history=HISTORY, timelines=TIMELINES))
    for table in root.find_all("table"):
        header = [th.text() for th in table.find_all("thead")[0].find_all("th")]
        for tr in table.find_all("tbody")[0].find_all("tr") if table.find_all("tbody") else []:
            cells = tr.find_all("td")
            names = header[len(header) - len(cells):]
            assert [td.attrs.get("data-label") for td in cells] == [
                None if name == "#" else name for name in names]
    (style,) = root.find_all("style")
    css = style.text()
    assert "@media screen and (max-width:44rem){" in css
    assert 'td[data-label]::before{content:attr(data-label) ": "' in css


# --- config paths ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "markup"), [
    ("record it under business_associates[].baa with dates.",
     'record it under <code class="cfg">business_associates[].<wbr>baa</code> with dates.'),
    ("(access_control.mfa.remote_access: true)",
     '(<code class="cfg">access_control.<wbr>mfa.<wbr>remote_access</code>: true)'),
    ("see /decisions/0", 'see <code class="cfg">/decisions/<wbr>0</code>'),
    ("e.g. Dr. Smith, TLS/HMAC, 1.0/1.1, 164.312(a)(2)(iv), ePHI.", None),
    ("x " + "a_" * 30 + " y", None),
    ('vendor <b>"x_y"</b> & co', 'vendor &lt;b&gt;&quot;<code class="cfg">x_y</code>&quot;'
                                 "&lt;/b&gt; &amp; co"),
])
def test_config_paths_in_prose_break_only_after_a_separator(text: str, markup: str | None) -> None:
    out = prose(text)
    assert out == (markup if markup is not None else escape(text))
    for code in re.findall(r'<code class="cfg">(.*?)</code>', out):
        assert all(part.endswith((".", "/")) for part in code.split("<wbr>")[:-1])


def test_remediation_cells_keep_config_paths_whole() -> None:
    text = render(sample_assessment())
    assert ('<code class="cfg">business_associates[].<wbr>baa</code>' in text)
    root = parse(text)
    (style,) = root.find_all("style")
    assert "code{font-family:" in style.text() and "overflow-wrap:normal}" in style.text()
    # The words read the same: <wbr> adds no text.
    rows = rows_of(root.by_id("fix") or root, "fix")
    assert "record it under business_associates[].baa with signed" in rows[0][-1]


# --- the history chart --------------------------------------------------------------------------


def _dots(root: Node) -> list[Node]:
    chart = root.by_id("history-chart")
    assert chart is not None
    return chart.find_all("circle", class_="point")


def test_many_commits_get_only_the_dots_that_fit_and_the_line_keeps_every_commit() -> None:
    points = many_commits()
    root = parse(render(sample_assessment(), history=points))
    valid = [p for p in points if p.score is not None]
    dots = _dots(root)
    assert 10 < len(dots) < len(valid) // 4
    xs = [float(d.attrs["cx"]) for d in dots]
    assert all(b - a >= MARK_GAP for a, b in itertools.pairwise(xs))
    assert dots[0].attrs["data-sha"] == valid[0].sha
    assert dots[-1].attrs["data-sha"] == valid[-1].sha
    chart = root.by_id("history-chart")
    assert chart is not None
    (line,) = chart.find_all("polyline", class_="score-line")
    assert len(line.attrs["points"].split()) == len(valid)
    assert len(chart.find_all("g", class_="invalid")) == len(points) - len(valid)
    assert [d.attrs["data-sha"] for d in dots] == [p.sha for p in history_marks(points)]
    assert len(rows_of(root, "history")) == len(points)


def test_the_legend_shows_the_dots_the_chart_draws() -> None:
    for points in (HISTORY, many_commits(), HISTORY[:2]):
        root = parse(render(sample_assessment(), history=points))
        (legend,) = root.find_all("p", class_="history-legend")
        drawn = sorted({d.attrs["fill"] for d in _dots(root)})
        keyed = sorted(s.attrs["style"].removeprefix("background:")
                       for s in legend.find_all("span", class_="dot"))
        assert keyed == drawn
        assert set(keyed) <= set(BAND_FILL.values())
        has_cross = any(p.score is None for p in points)
        assert bool(legend.find_all("span", class_="cross")) == has_cross
    (legend,) = parse(render(sample_assessment(), history=many_commits())).find_all(
        "p", class_="history-legend")
    assert re.search(r"\d+ of 396 commits, as many as fit without hiding the line", legend.text())
    (legend,) = parse(render(sample_assessment(), history=HISTORY)).find_all(
        "p", class_="history-legend")
    assert "a commit, in the color of its band" in legend.text()


def test_one_commit_still_gets_its_dot() -> None:
    assert [p.sha for p in history_marks(HISTORY[:1])] == [HISTORY[0].sha]
    same_day = tuple(dataclasses.replace(p, date=HISTORY[0].date) for p in HISTORY)
    marks = history_marks(same_day)
    assert [p.sha for p in marks] == [same_day[0].sha, same_day[-1].sha][: len(marks)]


# --- the fleet page -------------------------------------------------------------------------------


def fleet_page(out: Path) -> str:
    """The example fleet's page, as `check` writes it."""
    assert run(["check", str(ROOT / "examples" / "fleet"), "--as-of", "2026-11-01", "--format",
                "html", "--jobs", "1", "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Node:
    return parse(fleet_page(tmp_path_factory.mktemp("fleet") / "fleet.html"))


def test_every_site_row_links_to_its_own_section(fleet: Node) -> None:
    rows = fleet.find_all("table", class_="sites")[0].find_all("tbody")[0].find_all("tr")
    articles = fleet.find_all("article", class_="site")
    assert len(rows) == len(articles) == 36
    for tr, article in zip(rows, articles, strict=True):
        (link,) = tr.find_all("td")[1].find_all("a")
        target = fleet.by_id(link.attrs["href"][1:])
        assert target is article
        name = link.text()
        assert article.find_all("h3")[0].find_all("code")[0].text() == name
    hrefs = [a.attrs["href"] for a in fleet.find_all("a")]
    assert all(h.startswith("#") and fleet.by_id(h[1:]) is not None for h in hrefs)


def test_the_site_chart_is_a_full_width_list_of_linked_bars(fleet: Node) -> None:
    assert fleet.find_all("svg") == []
    chart = fleet.by_id("site-chart")
    assert chart is not None and chart.tag == "ol"
    bars = chart.find_all("li", class_="bar-row")
    assert len(bars) == 36
    assert all(len(b.find_all("a")) == 1 for b in bars)
    (style,) = fleet.find_all("style")
    assert ".bar-row{display:grid;grid-template-columns:minmax(7rem,14rem) minmax(4rem,1fr)" in (
        style.text())


def test_each_site_section_says_what_its_row_cannot(fleet: Node) -> None:
    (first,) = [a for a in fleet.find_all("article", class_="site")
                if a.find_all("h3")[0].text().startswith("dayton.yaml")]
    facts = [li.text() for li in first.find_all("ul", class_="facts")[0].children
             if isinstance(li, Node)]
    assert facts[0] == "1 of 36 in the order of attention"
    assert facts[1].startswith("Score 24.8, as specified (no decision honoured) 24.8")
    assert any(f.startswith("Fix first: GOV-008") for f in facts)
    assert facts[-1].startswith("Failing: 110 controls, 1 partial")
    severities = [s.text() for s in first.find_all("span", class_="sev")]
    assert severities == ["critical", "high", "medium", "low"]


def test_undeclared_keys_are_listed_unfolded_with_the_controls_waiting(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """quickdoc has not said whether it uses an AI scribe: the page says so above the fold of
    the findings, with the key to set and the controls that are unscored until then."""
    root = Path(__file__).resolve().parents[1]
    config = root / "examples" / "org-config" / "quickdoc-startup.yaml"
    assert run(["check", str(config), "--as-of", "2026-11-01", "--format", "html"]) == 0
    page = capsys.readouterr().out
    section = page.split('<section id="to-declare"', 1)[1].split("</section>", 1)[0]
    assert "<details" not in section
    assert "<code>organization.uses_ai_scribes</code>" in section
    assert "TELE-001" in section
    assert '<a href="#to-declare">To declare</a>' in page
