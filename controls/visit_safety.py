"""Patient safety at each telehealth visit: where the patient is and how to send help there.

Not a HIPAA matter: HHS's telehealth guidance for providers (telehealth.hhs.gov, "Preparing
patients for telehealth" and emergency planning) recommends confirming the patient's location at
the start of every visit, having an emergency contact, and knowing the local emergency route,
because a clinician's own 911 call reaches the clinician's dispatcher, not the patient's. It is
scored as a benchmark, never worded as a rule.
"""

from __future__ import annotations

from phi_policy.control import (
    Config,
    by_fraction,
    control,
    get,
    not_applicable,
    not_in_place,
    passed,
)
from phi_policy.model import Citation, Context, Outcome

PLAN = "/privacy/telehealth_sessions/emergency_plan"
HHS_GUIDANCE = Citation(
    "HHS telehealth guidance",
    "telehealth.hhs.gov: planning for emergencies",
    "HHS guidance for providers: confirm the patient's location, emergency contact and local "
    "emergency services at each telehealth visit",
)
LIVE = ("video_visits", "audio_only")
CHECKS = (
    ("the patient's location is confirmed", f"{PLAN}/location_confirmed"),
    ("an emergency contact is taken", f"{PLAN}/emergency_contact"),
    ("the local emergency route is known", f"{PLAN}/local_emergency_route"),
)


@control(
    id="TELE-012",
    title="Patient location and emergency plan confirmed at each visit (benchmark: HHS "
    "telehealth guidance)",
    domain="administrative",
    cites=[HHS_GUIDANCE],
    basis="benchmark",
    severity="medium",
    risk="A patient in crisis on a video call cannot be reached by emergency services if no "
    "one knows where they are.",
    partial_credit="credit = share of the three steps in place: location confirmed, emergency "
    "contact, local emergency route",
    rationale="HHS telehealth guidance (telehealth.hhs.gov) recommends that providers confirm "
    "at the start of every visit where the patient is, have an emergency contact, and know "
    "how to reach emergency services where the patient is. A benchmark from guidance, not a "
    "HIPAA requirement; state licensure rules may also turn on the patient's location.",
    remediation="Add the three steps to the visit script and set "
    "privacy.telehealth_sessions.emergency_plan.location_confirmed, emergency_contact and "
    "local_emergency_route to true.",
)
def emergency_plan(config: Config, ctx: Context) -> Outcome:
    """The clinician's 911 call reaches the clinician's dispatcher, not the patient's."""
    services = get(config, "/organization/telehealth_services") or []
    if get(config, "/organization/type") == "business_associate" or not any(
        s in services for s in LIVE
    ):
        return not_applicable(
            "the organization holds no live telehealth visits with patients",
            "/organization",
        )
    missing = not_in_place(config, CHECKS)
    if not missing:
        return passed(
            "each visit confirms the patient's location, an emergency contact and the local "
            "emergency route",
            [pointer for _, pointer in CHECKS],
        )
    return by_fraction(
        len(CHECKS) - len(missing),
        len(CHECKS),
        "benchmark (HHS telehealth guidance, not HIPAA): at each visit, not in place or not "
        "declared: " + ", ".join(label for label, _ in missing),
        [at for _, at in missing],
    )
