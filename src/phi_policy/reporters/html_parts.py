"""The parts the single and the fleet HTML pages share: tags, tables, sections and the frame.

Both pages read and print alike (the fleet page is a site's page for many sites), so the
pieces that carry a status, a band, a control, a config path or a table are built once here,
and so is the page's <head> with its stylesheet, shipped beside this module as report.css.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

from phi_policy import __version__
from phi_policy.model import BASES, BASIS_WORDS, Citation, Location, Recommendation, Result
from phi_policy.reporters import wording as c
from phi_policy.reporters.html_builder import Html, el, join

#: The page's one script, inline: it opens every <details> before printing (for browsers
#: without ::details-content), and opens the folds around a link's target (a section, a site),
#: so that following a link shows what it points at. The page reads the same without it.
SCRIPT = (
    'addEventListener("beforeprint",function(){'
    'document.querySelectorAll("details").forEach(function(d){d.open=true})});'
    'function phiOpen(id){var t=document.getElementById(id);if(!t)return;'
    'var f=t.querySelector(":scope>details.fold");if(f)f.open=true;'
    'for(;t;t=t.parentElement){if(t.tagName==="DETAILS")t.open=true}}'
    'addEventListener("click",function(e){'
    'var a=e.target.closest&&e.target.closest("a[href^=\'#\']");'
    'if(a)phiOpen(decodeURIComponent(a.getAttribute("href").slice(1)))});'
    'addEventListener("hashchange",function(){phiOpen(decodeURIComponent(location.hash.slice(1)))});'
    'if(location.hash)phiOpen(decodeURIComponent(location.hash.slice(1)));'
)
#: A config path or JSON pointer in prose ("business_associates[].baa.status", "/decisions/0"):
#: dotted lower-case names, at least one of them with "_" or "[]" or two of them, no segment
#: longer than `SEGMENT_MAX` (a longer run is not a setting's name, and must stay breakable).
CONFIG_PATH = re.compile(
    r"(?<![\w.\-/])(?:/[a-z0-9_\-]+(?:/[a-z0-9_\-]+)*|"
    r"[a-z][a-z0-9_]*(?:\[\d*\])?(?:\.[a-z][a-z0-9_]*(?:\[\d*\])?)*)(?![\w\-/(])"
)
SEGMENT_MAX = 40


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The pages' CSS, package data rather than a Python string so that it reads (and diffs)
    as CSS; read once per process (the evidence bundle and the tests render many pages)."""
    return (resources.files("phi_policy.reporters") / "report.css").read_text(encoding="utf-8")


def page_head(title: str) -> Html:
    """The <head> of a self-contained report: no external resource, not even a favicon."""
    return el(
        "head",
        el("meta", charset="utf-8"),
        el("meta", name="viewport", content="width=device-width, initial-scale=1"),
        el("meta", name="color-scheme", content="light"),
        el("meta", name="generator", content=f"phi-policy {__version__}"),
        el("link", rel="icon", href="data:,"),
        el("title", title),
        el("style", Html("\n" + stylesheet())),
    )


def nav(sections: Sequence[tuple[str, str]]) -> Html:
    items = [el("li", el("a", title, href=f"#{key}")) for key, title in sections]
    return el("nav", el("ul", items), class_="toc", aria_label="Sections")


def section(key: str, title: object, *body: object, major: bool = False) -> Html:
    """A titled section the table of contents links to; a major one starts a printed page."""
    return el(
        "section",
        el("h2", title, id=f"{key}-h"),
        *body,
        id=key,
        class_="major" if major else None,
        aria_labelledby=f"{key}-h",
    )


def table(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, numeric: Sequence[int] = (),
    class_: str | None = None, widths: Sequence[int] = (),
) -> Html:
    """A table with a header row; the columns listed in `numeric` are right-aligned.

    `widths` (percent, one per column) keep prose columns readable beside paths and citations.
    Each cell carries its column's name (data-label): on a narrow screen the rows become
    stacked cards, and the name, shown before the value, replaces the header row.
    """
    cols = (el("colgroup", [el("col", style=f"width:{w}%") for w in widths])
            if widths else None)
    head = el("tr", [
        el("th", h, scope="col", class_="num" if i in numeric else None)
        for i, h in enumerate(header)
    ])
    body = [
        el("tr", [el("td", cell, class_="num" if i in numeric else None,
                     data_label=header[i] if header[i] != "#" else None)
                  for i, cell in enumerate(row)])
        for row in rows
    ]
    return el(
        "table",
        cols,
        el("thead", head),
        el("tbody", body),
        class_=class_,
    )


def fold(summary: object, *body: object, open_: bool = False) -> Html:
    """Details folded away on screen under a line saying what they hold, so that the page opens
    on its summary; printing opens every fold (the print stylesheet and SCRIPT)."""
    return el("details", el("summary", summary), *body, class_="fold", open=open_)


# --- tags ---------------------------------------------------------------------------------


def status_tag(status: str) -> Html:
    return el("span", c.STATUS_WORDS[status], class_=f"status s-{status}")


def band_tag(band: str | None) -> Html:
    if band is None:
        return el("span", c.NO_SCORE, class_="band")
    return el("span", f"{band.upper()}: {c.band_word(band)}", class_=f"band band-{band}")


def risk(r: Result | Recommendation) -> Html:
    """The two facts shown with every finding: its severity and its legal basis, as tags
    (the basis tag's tooltip and the legend under each table say it in full)."""
    return join([
        el("span", r.severity, class_=f"sev sev-{r.severity}"),
        " ",
        el("span", c.BASIS_SHORT[r.basis], class_=f"basis basis-{r.basis}",
           title=BASIS_WORDS[r.basis]),
    ])


def basis_legend(bases: Iterable[str]) -> Html:
    """What each basis tag in a table means, for the bases the table shows (print has no
    tooltips)."""
    present = set(bases)
    shown = [b for b in BASES if b in present]
    if not shown:
        return Html("")
    return el("p", "Legal basis: ", join(
        (join([el("span", c.BASIS_SHORT[b], class_=f"basis basis-{b}"), ": ",
               BASIS_WORDS[b]]) for b in shown), "; "), ".", class_="legend basis-legend")


def control(control_id: str, title: str, note: str = "") -> Html:
    return join([el("strong", control_id, class_="cid"), " ", title, note])


def path(text: str) -> Html:
    """A path that may break after a slash, and only there, in a narrow column; a name too
    long for any column (SEGMENT_MAX) may break anywhere rather than widen the page."""
    return join((el("span", part, class_="seg" if len(part) <= SEGMENT_MAX else "seg long")
                 for part in text.split("/")), "/<wbr>")


def prose(text: str) -> Html:
    """Text in which config paths and JSON pointers stay whole: each is set as code that may
    break only after a "." or "/" (a <wbr> there), never inside a name, however narrow the
    column; the rest of the text wraps as prose."""
    out: list[object] = []
    last = 0
    for match in CONFIG_PATH.finditer(text):
        token = match.group(0)
        if not _is_config_path(token):
            continue
        out += [text[last:match.start()], el("code", _breakable(token), class_="cfg")]
        last = match.end()
    if not out:
        return join([text])
    return join([*out, text[last:]])


def _is_config_path(token: str) -> bool:
    names = [name for name in re.split(r"[./]", token) if name]
    if not names or max(len(name) for name in names) > SEGMENT_MAX:
        return False
    if token.startswith("/"):
        return len(names) > 1 or "_" in token
    return "_" in token or "[" in token or (len(names) > 1 and min(map(len, names)) > 1)


def _breakable(token: str) -> Html:
    """`token` with a line-break opportunity after each separator but a leading "/"."""
    return join([token[:1] + part if i == 0 else part
                 for i, part in enumerate(re.split(r"(?<=[./])(?=.)", token[1:]))], "<wbr>")


def where(locations: Sequence[Location], *, col: bool = True) -> Html:
    show = c.where_col if col else c.where
    return join((el("code", path(show(loc)), class_="where") for loc in locations), "<br>")


def cites(citations: Sequence[Citation]) -> Html:
    return join(
        (join([cited_section(cite.section), " ", cite.title]) for cite in citations),
        "<br>",
    )


def cited_section(text: str) -> Html:
    """A cited section never breaks inside a word, so "164.312(a)(2)(iv)" stays whole; one
    named in several words ("telehealth.hhs.gov: planning for emergencies") wraps between
    them, or it alone would widen the citations column past a desktop screen."""
    words = text.split(" ")
    if len(words) == 1:
        return el("span", text, class_="sec")
    return el("span", join((el("span", w, class_="word") for w in words), " "),
              class_="sec words")
