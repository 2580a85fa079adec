"""The small parts OSCAL objects are built of: properties, strings, members, citations.

phi-policy properties, one-line strings, optional members, and citations with their links to
the regulation text.

Every property phi-policy defines lives in its own namespace (`NS`); OSCAL's own names need
none. OSCAL arrays may not be empty and its strings may not start or end with white space, so
every object is built through these helpers rather than by hand.
"""

from __future__ import annotations

import re
from typing import Any

from phi_policy.model import Citation, Result

#: The namespace of every property phi-policy defines (OSCAL's own names need none).
NS = "https://phi-policy.dev/ns/oscal"
ECFR = "https://www.ecfr.gov/current/title-45/section-"
NPRM_DOCUMENT = "https://www.federalregister.gov/d/2024-30983"
#: Citation framework -> a token for the `class` of a citation property.
FRAMEWORK_CLASSES: dict[str, str] = {
    "HIPAA Security Rule": "security-rule",
    "HIPAA Privacy Rule": "privacy-rule",
    "HIPAA Breach Notification Rule": "breach-notification-rule",
    "HIPAA Security Rule NPRM 2025 (proposed)": "nprm-2025",
}
_SECTION = re.compile(r"^(164\.\d+)((?:\([0-9A-Za-z]+\))*)$")
_TOKEN_UNSAFE = re.compile(r"[^0-9A-Za-z.\-_]+")


def single_line(text: str) -> str:
    """One line with no leading or trailing space (OSCAL's string and markup-line types)."""
    return " ".join(text.split())


def number(value: float) -> str:
    """A score, weight or gain as a property value: two decimals, a float even when whole."""
    return str(round(value, 2) + 0.0)


def prop(name: str, value: object, cls: str | None = None) -> dict[str, str]:
    """A phi-policy property; `name` and `cls` must be OSCAL tokens (letters first, no spaces)."""
    out = {"name": name, "ns": NS, "value": single_line(str(value))}
    if cls:
        out["class"] = cls
    return out


def prop_list(*items: tuple[str, object] | tuple[str, object, str | None]) -> list[dict[str, str]]:
    """Properties from (name, value[, class]), leaving out those with no value."""
    return [prop(*item) for item in items if item[1] is not None and single_line(str(item[1]))]


def cite(c: Citation) -> str:
    """"164.312(a)(2)(iii) Automatic logoff"."""
    return single_line(f"{c.section} {c.title}")


def citation_href(c: Citation) -> str | None:
    """The regulation text: eCFR for 45 CFR 164 (to the paragraph), the Federal Register for
    the proposed rule; None for a section phi-policy cannot place."""
    if c.section.startswith("NPRM"):
        return NPRM_DOCUMENT
    match = _SECTION.match(c.section)
    if match is None:
        return None
    section, paragraph = match.groups()
    return f"{ECFR}{section}" + (f"#p-{section}{paragraph}" if paragraph else "")


def citation_props(r: Result) -> list[dict[str, str]]:
    """A control's citations as properties, classed by framework so that a tool can filter."""
    return [
        prop("citation", cite(c), FRAMEWORK_CLASSES.get(c.framework) or _token(c.framework))
        for c in r.citations
    ]


def citation_links(r: Result) -> list[dict[str, str]]:
    """Links to the regulation text of each citation phi-policy can place (`citation_href`)."""
    links = []
    for c in r.citations:
        href = citation_href(c)
        if href:
            links.append({"href": href, "rel": "reference", "text": f"{c.framework} {cite(c)}"})
    return links


def _token(text: str) -> str | None:
    token = _TOKEN_UNSAFE.sub("-", text.lower()).strip("-.")
    return token if token[:1].isalpha() else None


def with_optional(obj: dict[str, Any], **optional: Any) -> dict[str, Any]:
    """`obj` plus the optional members that have a value (OSCAL arrays may not be empty)."""
    obj.update({key.replace("_", "-"): value for key, value in optional.items() if value})
    return obj
