"""The starter config's vendor sections: platforms, business associates and audio-only visits.

A platform named in the answers (the video platform, an AI scribe) is written with its vendor
as business associate, and the vendor with its BAA as answered: an unsigned BAA is status
`none` with a TODO, an unknown expiry counts as expiring today until someone writes the date.
"""

from __future__ import annotations

import datetime as dt

from phi_policy.config.declarations import declaration
from phi_policy.init.answers import NO_EXPIRY, UNKNOWN, Answers
from phi_policy.init.yaml_lines import Writer, scalar


def platforms(w: Writer, a: Answers, as_of: dt.date) -> None:
    """The platforms that handle ePHI and their vendors' BAAs, as far as the answers name them."""
    name = a.get("video_platform")
    vendor = a.get("video_vendor") or name
    scribe = a.get("scribe_name")
    scribe_vendor = a.get("scribe_vendor") or scribe
    w.section(
        "platforms",
        "Every system that creates, receives, keeps or sends ePHI for telehealth: access "
        "control 164.312(a)(1), audit controls 164.312(b), transmission security 164.312(e)(1).",
    )
    if not name and not scribe:
        w.lines[-1] += " []"
        w.comment(
            "TODO: list your video, portal, messaging and EHR platforms "
            "(name, vendor, purpose, handles_ephi).",
            2,
        )
    if name:
        w.lines.append(f"  - name: {scalar(name)}")
        w.key("vendor", vendor, 4)
        w.key("purpose", "video_visits", 4)
        w.key("handles_ephi", True, 4)
        w.key("business_associate", vendor, 4)
        w.open("video", 4)
        w.flag(
            "end_to_end_encryption",
            a.get("video_e2ee"),
            6,
            "confirm end-to-end encryption of visits",
        )
        tls(w, a, 4)
        w.comment(
            "TODO: add mfa, audit_logging, session_timeout_minutes and encryption_at_rest.", 4
        )
    if scribe:
        _scribe(w, a, scribe, scribe_vendor or scribe)
    elif a.get("uses_ai_scribes"):
        w.comment("TODO: add each AI scribe tool with purpose: ai_scribe and its ai_scribe terms.",
                  2)
    w.section(
        "business_associates",
        "Business associate contracts, 164.308(b)(1) and 164.314(a): a signed BAA with every "
        "vendor that handles ePHI (a pure conduit needs none).",
    )
    scribe_own_vendor = bool(scribe) and scribe_vendor != vendor
    if not name and not scribe_own_vendor:
        w.lines[-1] += " []"
        w.comment("TODO: list every vendor that handles ePHI, with its BAA status.", 2)
        return
    if name and vendor:
        _associate(w, vendor, a.get("video_baa_signed"), a.get("video_baa_expires", ""), as_of)
    if scribe_own_vendor and scribe_vendor:
        _associate(w, scribe_vendor, a.get("scribe_baa_signed"), "", as_of)


def _scribe(w: Writer, a: Answers, name: str, vendor: str) -> None:
    w.lines.append(f"  - name: {scalar(name)}")
    w.key("vendor", vendor, 4)
    w.key("purpose", "ai_scribe", 4)
    w.key("handles_ephi", True, 4)
    w.key("business_associate", vendor, 4)
    w.open("ai_scribe", 4)
    w.flag(
        "baa_prohibits_model_training",
        a.get("scribe_no_training"),
        6,
        "negotiate a BAA term forbidding model training on your PHI",
    )
    days = a.get("scribe_audio_days")
    if isinstance(days, int):
        w.key("audio_retention_days", days, 6)
    else:
        w.missing("audio_retention_days", "0", 6, "days the vendor keeps visit audio")
    w.flag(
        "patient_notice",
        a.get("scribe_patient_notice"),
        6,
        "tell patients before it listens and let them decline (state law)",
    )
    w.comment("TODO: add mfa, audit_logging, session_timeout_minutes and encryption_at_rest.", 4)


def _associate(
    w: Writer, vendor: str, signed: bool | None, expires: str, as_of: dt.date
) -> None:
    w.lines.append(f"  - name: {scalar(vendor)}")
    w.key("handles_ephi", True, 4)
    w.open("baa", 4)
    if not signed:
        w.key("status", "none", 6, "sign a BAA before this vendor handles ePHI (164.308(b)(1))")
        return
    w.key("status", "signed", 6)
    if expires == NO_EXPIRY:
        w.comment("No expiry: the BAA runs until terminated.", 6)
    elif expires:
        w.key("expires", expires, 6)
    else:
        w.key(
            "expires",
            as_of.isoformat(),
            6,
            "the real expiry date; until then it counts as expiring today",
        )


def tls(w: Writer, a: Answers, indent: int) -> None:
    """The minimum TLS version as answered; unknown is written as 1.0, the weakest, to confirm."""
    version = a.get("tls_min_version", UNKNOWN)
    if version in (None, UNKNOWN):
        w.key(
            "tls_min_version",
            "1.0",
            indent,
            "confirm the minimum TLS version (1.2 or higher expected)",
        )
    else:
        w.key("tls_min_version", version, indent)


def audio_only(w: Writer, a: Answers) -> None:
    """Audio-only visits, written only when they are offered: their channels decide which rule
    applies, so unknown channels stay undeclared rather than guessed."""
    if not a.get("audio_only"):
        return
    w.section(
        "audio_only",
        "Audio-only visits (HHS guidance, June 2022): the Security Rule (164.302-164.318) "
        "applies to audio over cellular, VoIP or an app, not over a traditional landline; a "
        "carrier that only transmits the call is a conduit, one that stores it a business "
        "associate.",
    )
    channels = a.get("audio_channels") or []
    if channels:
        w.key("channels", channels, 2)
    else:
        item = declaration("/audio_only/channels")
        w.comment(f"{item.question} Until it is answered, its controls "
                  f"({', '.join(item.controls)}) stay unscored.", 2)
        w.missing("channels", "[landline]", 2, item.hint)
    w.comment(
        "TODO: list each telephony vendor or answering service under telephony_vendors "
        "(business_associate: its name in business_associates; stores_content: true or false).",
        2,
    )
    w.flag(
        "in_risk_analysis",
        a.get("audio_in_risk_analysis"),
        2,
        "include audio-only visits in the risk analysis (164.308(a)(1)(ii)(A))",
    )
