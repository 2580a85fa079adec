"""The escaping element builder every HTML page is made with: data is text unless built here.

Every piece of text from an assessment is user data (a config's values and commit subjects end
up in messages), so the HTML reporters build markup only through `el`, which escapes every
child and attribute that is not itself markup built by `el`. A `str` can therefore never
become an element by accident; `Html` marks the few strings that are markup on purpose.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

#: Elements with no end tag.
VOID = frozenset({"meta", "link", "br", "hr", "col", "img", "input"})


class Html(str):
    """Markup already built from escaped parts; every other `str` is escaped when used."""


def escape(value: object) -> Html:
    """`value` as markup: unchanged when it already is, escaped (quotes too) otherwise."""
    if isinstance(value, Html):
        return value
    return Html(html.escape(str(value), quote=True))


def join(parts: Iterable[object], sep: str = "") -> Html:
    """The parts escaped and joined; None and "" are skipped, so optional parts need no `if`.

    `sep` is markup (e.g. "<br>"), never data.
    """
    return Html(sep.join(escape(p) for p in parts if p is not None and p != ""))


def el(name: str, /, *children: object, **attrs: object) -> Html:
    """`<name attrs>children</name>`: `class_` gives class, `aria_label` gives aria-label.

    Attributes that are None or False are left out; True gives a bare attribute. Children
    may be lists (flattened); None and "" are skipped.
    """
    out = [f"<{name}"]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        attr = key.rstrip("_").replace("_", "-")
        out.append(f" {attr}" if value is True else f' {attr}="{escape(value)}"')
    out.append(">")
    if name in VOID:
        return Html("".join(out))
    flat: list[object] = []
    for child in children:
        flat.extend(child if isinstance(child, (list, tuple)) else [child])
    return Html("".join(out) + join(flat) + f"</{name}>")
