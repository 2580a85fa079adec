"""The HTML report in a real browser: headless Chromium opens it from disk and draws it.

What a parser cannot tell: that the page renders without a console error, fetches nothing
but itself, that the summary fits one screen, that a link opens the fold it points into and
the charts there take up room, that printing shows what <details> hides on screen, and that
neither the report nor the fleet page is wider than the screen, on a desktop (1280 px) or a
phone (390 px), folded or not. Screenshots at both widths are saved to tests/artifacts/ for a
person to look at (report-1280.png, report-390.png, fleet-1280.png, fleet-390.png, and
report-history.png).

Skipped when Chromium, its driver or selenium is missing, except where PHI_POLICY_REQUIRE_BROWSER=1
(`.ci/run` installs them and sets it), where a missing browser must fail the run rather than
pass it silently. CI=true is not the signal: every CI system sets it, a fork's has no Chromium.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from phi_policy.cli import run
from phi_policy.reporters.html import render
from tests.report_fixtures import assess, replace_result, sample_results
from tests.test_report_html import HISTORY, TIMELINES, example
from tests.test_report_html_layout import many_commits

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
#: A desktop's and a phone's viewport width, CSS px.
WIDTHS = (1280, 390)
#: The summary must end within this height (CSS px from the top of the page) at 1280 px wide:
#: one screen of a laptop, header and table of contents included.
ONE_SCREEN = 1000
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--window-size=1280,1600",
)


def _missing() -> str | None:
    """Why the browser test cannot run here, or None when it can."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (path.exists() and os.access(path, os.X_OK)):
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    reason = _missing()
    if reason is not None:
        if os.environ.get("PHI_POLICY_REQUIRE_BROWSER") == "1":
            pytest.fail(f"the browser test must run (PHI_POLICY_REQUIRE_BROWSER=1): {reason}",
                        pytrace=False)
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    browser.set_page_load_timeout(15)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The riverbend report with a year of history and two control timelines, the same with
    400 commits, and the example fleet's page, written to disk."""
    folder = tmp_path_factory.mktemp("pages")
    report = folder / "report.html"
    report.write_text(render(example("riverbend-clinic"), history=HISTORY, timelines=TIMELINES),
                      encoding="utf-8")
    busy = folder / "report-400.html"
    busy.write_text(render(example("riverbend-clinic"), history=many_commits(),
                           timelines=TIMELINES), encoding="utf-8")
    fleet = folder / "fleet.html"
    assert run(["check", str(ROOT / "examples" / "fleet"), "--as-of", "2026-11-01", "--format",
                "html", "--jobs", "1", "-o", str(fleet)]) == 0
    hostile = folder / "hostile.html"
    hostile.write_text(_hostile_report(), encoding="utf-8")
    return {"report": report, "report-400": busy, "fleet": fleet, "hostile": hostile}


def _hostile_report() -> str:
    """Config and commit text with runs no line can hold: a 300-character word, a 30-name
    config path, a 200-character title, file name, author and URL."""
    word, dotted = "x" * 300, ".".join(["segment_name"] * 30)
    results = replace_result(sample_results(), "GOV-005",
                             message=f"vendor {word} at {dotted} and /a_b/" + "c_d/" * 40)
    results = replace_result(results, "TECH-003", title="T" * 200)
    a = dataclasses.replace(assess(results), source="configs/" + "y" * 200 + ".yaml")
    history = (dataclasses.replace(HISTORY[0], subject="https://" + "z" * 300, author="A" * 150),
               *HISTORY[1:])
    return render(a, history=history, timelines=TIMELINES)


@pytest.fixture()
def report(driver: Any, pages: dict[str, Path]) -> Any:
    """The riverbend report, opened afresh from disk (a test may have opened other pages), with
    the logs of earlier pages drained."""
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(pages["report"].as_uri())
    return driver


def _box(driver: Any, selector: str) -> dict[str, float]:
    box: dict[str, float] | None = driver.execute_script(
        "const e = document.querySelector(arguments[0]);"
        "if (!e) return null;"
        "const r = e.getBoundingClientRect();"
        "return {width: r.width, height: r.height};",
        selector,
    )
    assert box is not None, f"{selector} is not in the page"
    return box


def test_renders_without_console_errors(report: Any) -> None:
    severe = [entry for entry in report.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []
    assert report.title == (
        "phi-policy report: examples/org-config/riverbend-clinic.yaml as of 2026-11-01")


def test_nothing_but_the_file_itself_is_requested(report: Any) -> None:
    page = report.current_url
    assert page.startswith("file:///") and page.endswith("/report.html")
    urls = []
    for entry in report.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent" and params.get("documentURL") == page:
            urls.append(params["request"]["url"])
    # The page itself, then nothing else: no stylesheet, font, script, image or favicon.
    assert urls == [page]


def test_a_link_opens_its_fold_and_the_charts_there_have_room(report: Any) -> None:
    """The charts sit in folded sections; following the table of contents opens them."""
    for section, selector in (("domains", "#domain-chart"), ("history", "#history-chart"),
                              ("timelines", "#timeline-chart")):
        assert not _visible(report, selector)
        report.find_element("css selector", f'nav.toc a[href="#{section}"]').click()
        assert _visible(report, selector), selector
        box = _box(report, selector)
        assert box["width"] > 300 and box["height"] > 60, (selector, box)
    counts = report.execute_script(
        "return [document.querySelectorAll('#domain-chart rect').length,"
        " document.querySelectorAll('#history-chart circle.point').length,"
        " document.querySelectorAll('#history-chart g.invalid').length,"
        " document.querySelectorAll('#timeline-chart rect.segment').length];"
    )
    assert counts == [5, 5, 1, 4]
    widths = report.execute_script(
        "return Array.from(document.querySelectorAll('#domain-chart rect'),"
        " r => r.getBoundingClientRect().width);"
    )
    # The bars are as long as the scores (4 px a point at full size): 41.2 ... 73.1.
    scores = [d.score or 0.0 for d in example("riverbend-clinic").domains]
    assert [round(s, 1) for s in scores] == [41.2, 76.4, 84.6, 85.3, 73.1]
    assert [abs(w - 4 * s) < 0.1 for w, s in zip(widths, scores, strict=True)] == [True] * 5


def test_a_capped_band_shows_its_reason_in_the_score_card(report: Any) -> None:
    """The number and the band must not contradict each other on screen: when open findings
    cap the band, the reason is drawn inside the card, beside the number."""
    a = example("riverbend-clinic")
    if not a.capped:
        pytest.skip("the riverbend example's band is not capped in this catalog")
    assert _visible(report, ".scorecard .capped")
    card, note = _box(report, ".scorecard"), _box(report, ".scorecard .capped")
    assert note["height"] > 10 and note["width"] <= card["width"]
    text = report.execute_script("return document.querySelector('.scorecard .capped')"
                                 ".textContent;")
    assert text.startswith(f"band capped at {(a.band or '').upper()} (the score alone gives ")


def test_a_site_row_opens_the_sites_own_section(driver: Any, pages: dict[str, Path]) -> None:
    driver.get(pages["fleet"].as_uri())
    link = driver.find_element("css selector", "table.sites tbody tr a")
    target = link.get_attribute("href").rsplit("#", 1)[1]
    assert not _visible(driver, f"#{target} ul.facts")
    link.click()
    assert _visible(driver, f"#{target} ul.facts")
    assert driver.execute_script("return location.hash") == f"#{target}"


def test_the_summary_fits_one_screen(report: Any) -> None:
    summary = report.execute_script(
        "const r = document.getElementById('summary').getBoundingClientRect();"
        "return {top: r.top + scrollY, bottom: r.bottom + scrollY};")
    assert summary["bottom"] <= ONE_SCREEN, summary
    # Below it, only the folded sections: the whole page is a few screens, not ten.
    assert report.execute_script("return document.documentElement.scrollHeight") < 3 * ONE_SCREEN


def _at_width(driver: Any, width: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})


def _overflow(driver: Any) -> list[str]:
    """What sticks out to the right of the viewport (empty when nothing does)."""
    found: list[str] = driver.execute_script(
        "const vw = document.documentElement.clientWidth; const out = [];"
        "const sw = document.documentElement.scrollWidth;"
        "if (sw > vw) out.push('document ' + sw + ' > ' + vw);"
        "for (const e of document.body.querySelectorAll('*')) {"
        "  const r = e.getBoundingClientRect();"
        "  if (r.width && r.right > vw + 0.5 && e.checkVisibility())"
        "    out.push(e.tagName + ' ' + Math.round(r.right));"
        "}"
        "return out.slice(0, 10);")
    return found


def _screenshot(driver: Any, width: int, target: Path) -> None:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True,
         "clip": {"x": 0, "y": 0, "width": width, "height": min(height, 6000), "scale": 1}},
    )
    target.write_bytes(base64.b64decode(shot["data"]))
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000


@pytest.mark.parametrize("page", ["report", "report-400", "fleet", "hostile"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen(driver: Any, pages: dict[str, Path], page: str,
                                          width: int) -> None:
    """Folded as it opens, and with every fold open (a closed fold's tables take no room, so
    they must be measured open too). The folded page is what the screenshot shows."""
    _at_width(driver, width)
    try:
        driver.get(pages[page].as_uri())
        assert driver.execute_script("return document.documentElement.clientWidth") == width
        assert _overflow(driver) == []
        if page in ("report", "fleet"):
            ARTIFACTS.mkdir(exist_ok=True)
            _screenshot(driver, width, ARTIFACTS / f"{page}-{width}.png")
        driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert _overflow(driver) == []
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_screenshot_of_the_history(report: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    history = ARTIFACTS / "report-history.png"
    report.find_element("css selector", 'nav.toc a[href="#history"]').click()
    report.find_element("css selector", "#history").screenshot(str(history))
    assert history.stat().st_size > 10_000


def _visible(driver: Any, selector: str) -> bool:
    """Whether the element is rendered (a closed <details> hides its content from rendering)."""
    shown: bool | None = driver.execute_script(
        "const e = document.querySelector(arguments[0]);"
        "return e ? e.checkVisibility() : null;",
        selector,
    )
    assert shown is not None, f"{selector} is not in the page"
    return shown


def test_printing_opens_what_details_fold_away(report: Any, pages: dict[str, Path]) -> None:
    selector = "#findings details table"
    assert not _visible(report, selector)
    assert _visible(report, "nav.toc")
    report.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert _visible(report, selector)
        assert not _visible(report, "nav.toc")
    finally:
        report.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(report.print_page())
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    # Printing for real fires "beforeprint": the report's one script opens every <details>:
    # a fold per section below the summary (6 here), the ledger, one per domain's passing
    # controls (5), and the history's commits.
    count = pages["report"].read_text(encoding="utf-8").count("<details")
    assert count == 13
    assert report.execute_script(
        "return Array.from(document.querySelectorAll('details'), d => d.open);"
    ) == [True] * count
