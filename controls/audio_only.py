"""Audio-only telehealth: which telephony vendors are conduits and which are business associates.

HHS guidance on audio-only telehealth (June 13 2022) draws two lines. A traditional landline
call is not electronic transmission, so the Security Rule does not apply to it (the Privacy Rule
still does); audio over VoIP, cellular data, an app or any technology that stores it is ePHI.
A telecommunications carrier that only transmits the call is a conduit and needs no business
associate agreement; a vendor that stores recordings, voicemail, transcripts or messages, or
answers calls for the organization, is a business associate. These controls apply when
organization.telehealth_services lists `audio_only`.
"""

from __future__ import annotations

from phi_policy.control import (
    Checked,
    Config,
    applies,
    control,
    each,
    failed,
    flag,
    get,
    items,
    join,
    not_applicable,
    passed,
    where,
)
from phi_policy.model import Context, Outcome

AUDIO = "/audio_only"
SERVICES = "/organization/telehealth_services"
ELECTRONIC = ("cellular", "voip", "app")
IN_FORCE = ("signed", "other_arrangement")


def _offered(config: Config) -> bool:
    return "audio_only" in (get(config, SERVICES) or [])


def _channels(config: Config) -> Outcome | list[str]:
    """The declared channels, or the outcome when there is nothing (or nothing known) to judge."""
    if not _offered(config):
        return not_applicable("no audio-only telehealth is offered", where(config, SERVICES))
    channels = get(config, f"{AUDIO}/channels")
    if channels is None:
        # Which rule applies turns on the channel: an applicability key, unscored until declared.
        return applies(config, f"{AUDIO}/channels", "") or failed("", AUDIO)
    if not isinstance(channels, list) or not channels:
        return failed(
            "audio-only telehealth is offered, but no channel is listed (set "
            "audio_only.channels: landline, cellular, voip or app)",
            where(config, f"{AUDIO}/channels"),
        )
    return [str(c) for c in channels]


def _landline_only(channels: list[str]) -> Outcome | None:
    if any(c in ELECTRONIC for c in channels):
        return None
    return passed(
        "audio-only visits use traditional landlines only: HHS's audio-only guidance says the "
        "Security Rule does not apply to them (the Privacy Rule still does)",
        f"{AUDIO}/channels",
    )


@control(
    id="TELE-004",
    title="Audio-only telehealth: every telephony vendor is a conduit that stores nothing, or "
    "under a BAA",
    domain="governance",
    cites=["164.308(b)(1)", "164.502(e)", "164.314(a)(2)(i)"],
    basis="required",
    severity="high",
    risk="An answering service or call platform that keeps voicemail or recordings holds ePHI; "
    "treated as a mere carrier, it works with no BAA and no safeguards promised.",
    rationale="A covered entity may let a business associate create, receive, maintain or "
    "transmit ePHI only under a contract (164.308(b)(1), 164.502(e), 164.314(a)). HHS's "
    "audio-only guidance (June 2022) applies the conduit exception only to carriers that "
    "transmit the call and keep nothing: a vendor that stores recordings, voicemail or "
    "messages, or answers calls for the organization, is a business associate, on a landline "
    "too (the Privacy Rule's 164.502(e) applies to PHI in any form).",
    remediation="List each telephony vendor and answering service under "
    "audio_only.telephony_vendors with stores_content, and give each that stores content (or is "
    "not a pure carrier) a signed BAA in business_associates.",
)
def telephony_vendors(config: Config, ctx: Context) -> Outcome:
    """Answering services and call platforms pass as 'the phone company' and escape the BAA."""
    channels = _channels(config)
    if isinstance(channels, Outcome):
        return channels
    vendors = items(config, f"{AUDIO}/telephony_vendors")
    if not vendors:
        landline = _landline_only(channels)
        if landline is not None:
            return landline
        return failed(
            f"audio-only visits run over {join(c for c in channels if c in ELECTRONIC)}, but no "
            "telephony vendor is declared (list them under audio_only.telephony_vendors)",
            where(config, f"{AUDIO}/telephony_vendors"),
        )
    associates = {ba.get("name"): (at, ba) for at, ba in items(config, "/business_associates")}
    rows: list[Checked] = []
    for at, vendor in vendors:
        name = str(vendor.get("business_associate", ""))
        stores = vendor.get("stores_content")
        found = associates.get(name)
        if found is None:
            rows.append((f"{at}/business_associate", name, "is not listed in "
                         "business_associates"))
            continue
        ba_at, ba = found
        status = (ba.get("baa") or {}).get("status")
        if stores is None:
            rows.append((at, name, "not declared whether it stores recordings, voicemail or "
                         "messages (set stores_content)"))
        elif ba.get("conduit_only") is True and stores is True:
            rows.append((f"{at}/stores_content", name, "stores content, so it is not a conduit "
                         "(HHS audio-only guidance) and needs a BAA"))
        elif ba.get("conduit_only") is True:
            rows.append((f"{ba_at}/conduit_only", name, None))
        elif status in IN_FORCE:
            rows.append((f"{ba_at}/baa/status", name, None))
        else:
            rows.append((where(config, f"{ba_at}/baa/status"), name,
                         f"handles audio-only visits with no BAA in force ({status or 'none'})"))
    return each(rows, what="telephony vendors", none=failed("no telephony vendor", AUDIO))


@control(
    id="TELE-005",
    title="The risk analysis covers audio-only visits over electronic channels",
    domain="governance",
    cites=["164.308(a)(1)(ii)(A)"],
    basis="required",
    severity="medium",
    risk="VoIP and app calls carry ePHI over networks and vendors the risk analysis never "
    "looked at; their risks go unmanaged.",
    rationale="The risk analysis must assess the risks to all ePHI the organization creates, "
    "receives, maintains or transmits (164.308(a)(1)(ii)(A), required). HHS's audio-only "
    "guidance (June 2022) reminds covered entities that audio over VoIP, cellular data or "
    "apps is ePHI and belongs in it; landline calls do not.",
    remediation="Include audio-only visits (channels, vendors, recordings) in the risk analysis "
    "and set audio_only.in_risk_analysis: true.",
)
def audio_risk_analysis(config: Config, ctx: Context) -> Outcome:
    """Phone visits were added in a hurry and never made it into the risk analysis."""
    channels = _channels(config)
    if isinstance(channels, Outcome):
        return channels
    landline = _landline_only(channels)
    if landline is not None:
        return landline
    return flag(
        config,
        f"{AUDIO}/in_risk_analysis",
        "the risk analysis covers audio-only visits over electronic channels",
        "audio-only visits over electronic channels are not covered by the risk analysis (set "
        "audio_only.in_risk_analysis once they are)",
    )
