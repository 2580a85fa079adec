"""The HTML report in a real browser: headless Chromium opens it from disk and draws it.

What a parser cannot tell: that the page renders without a console error, fetches nothing
but itself, that both charts take up room on screen, and that printing shows what <details>
hides on screen. A screenshot is saved to tests/artifacts/report.png for a person to look at.

Skipped when Chromium, its driver or selenium is missing, except where PHI_POLICY_REQUIRE_BROWSER=1
(`.ci/run` installs them and sets it), where a missing browser must fail the run rather than
pass it silently. CI=true is not the signal: every CI system sets it, a fork's has no Chromium.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from phi_policy.reporters.html import render
from tests.test_report_html import HISTORY, TIMELINES, example

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
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
def report(driver: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The riverbend report with a year of history and two control timelines, opened from disk."""
    html = render(example("riverbend-clinic"), history=HISTORY, timelines=TIMELINES)
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(html, encoding="utf-8")
    driver.get(path.as_uri())
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


def test_both_charts_are_drawn_with_room_on_screen(report: Any) -> None:
    for selector in ("#domain-chart", "#history-chart", "#timeline-chart"):
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
    # The bars are as long as the scores (4 px a point at full size): 50.6 ... 82.5.
    scores = [d.score or 0.0 for d in example("riverbend-clinic").domains]
    assert [round(s, 1) for s in scores] == [50.6, 77.9, 85.1, 85.3, 82.5]
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


def test_screenshot(report: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "report.png"
    height = report.execute_script("return document.documentElement.scrollHeight")
    shot = report.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True,
         "clip": {"x": 0, "y": 0, "width": 1280, "height": min(height, 4000), "scale": 1}},
    )
    target.write_bytes(base64.b64decode(shot["data"]))
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000
    history = ARTIFACTS / "report-history.png"
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


def test_printing_opens_what_details_fold_away(report: Any) -> None:
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
    # Printing for real fires "beforeprint": the report's one script opens every <details>.
    assert report.execute_script(
        "return Array.from(document.querySelectorAll('details'), d => d.open);"
    ) == [True] * 7  # the ledger, one fold per domain, and the history's commits
