"""The starter config that `phi-policy init` writes: answers in, commented YAML text out.

A pure function of the answers and the date, so tests compare text and validate it against
the real schema. Each section opens with a comment saying what it is and which HIPAA
section asks for it. An unknown answer never becomes a claim: a safeguard not confirmed is
written as not in place, an unknown date or number is left commented out, and each carries a
`# TODO:` so the reader knows what to fill in. The sections live in modules by topic; this one
writes the header and puts them in the schema's order.
"""

from __future__ import annotations

import datetime as dt

from phi_policy.config.schema_file import MODELINE, SCHEMA_FILE
from phi_policy.init.answers import Answers
from phi_policy.init.governance_sections import governance, organization, workforce
from phi_policy.init.privacy_sections import part2, patient_identity, privacy
from phi_policy.init.safeguard_sections import (
    contingency_and_incidents,
    devices_and_physical,
    technical,
)
from phi_policy.init.vendor_sections import audio_only, platforms
from phi_policy.init.yaml_lines import Writer


def render_config(a: Answers, as_of: dt.date) -> str:
    """The commented starter config for answers `a`, written on `as_of`."""
    w = Writer()
    w.lines.append(MODELINE)
    w.comment(
        "phi-policy configuration: this organization's telemedicine setup, kept in git so that "
        "its history is the compliance evidence. "
        f"Written by `phi-policy init` on {as_of.isoformat()}."
    )
    w.comment(
        "Every 'TODO:' marks an answer that was not known. It was written conservatively (a "
        "safeguard not in place, a date left out) so the score never claims more than is known: "
        "replace each with what is true, then run `phi-policy validate` and `phi-policy check`."
    )
    w.comment(f"Editors check this file against {SCHEMA_FILE}, the schema beside it that the "
              "first line names; keep the two files together.")
    w.comment("After an upgrade of phi-policy, `phi-policy schema --write . --force` in this "
              "folder replaces the schema with the new version's.")
    w.lines.append("schema_version: 1")
    organization(w, a)
    governance(w, a)
    workforce(w, a)
    platforms(w, a, as_of)
    audio_only(w, a)
    technical(w, a)
    devices_and_physical(w, a)
    contingency_and_incidents(w, a)
    privacy(w, a)
    part2(w, a)
    patient_identity(w, a)
    w.section(
        "decisions",
        "Documented decisions: for an addressable specification, the alternative measure or "
        "why it is not reasonable and appropriate (164.306(d)(3)); for a benchmark, a "
        "risk-based tailored value. Each names its control, the instances it covers, who "
        "approved it and when; it is reviewed 12 months after approval unless review_by says "
        "(a convention). No decision can excuse a required specification.",
    )
    w.lines[-1] += " []"
    return w.text()
