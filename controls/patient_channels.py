"""The patient's side of the channel: unencrypted delivery the patient asked for, and portal MFA.

Two things the workforce-centred encryption and MFA controls cannot see. A patient may ask to
get their own PHI by plain e-mail or text, and the Privacy Rule gives them that choice; the
encryption control (TECH-017) then counts the channel as honoured, not failed. And a patient
portal login counts as strong proof of a patient's identity (PRIV-019) only if the login itself
is more than a password: `platforms[].patient_mfa` says so, apart from the workforce's MFA.
"""

from __future__ import annotations

from phi_policy.control import (
    Config,
    control,
    each,
    failed,
    get,
    is_on,
    items,
    mfa_enforced,
    name_of,
    not_applicable,
    passed,
    where,
)
from phi_policy.model import Context, Outcome

REQUEST = "/transmission_security/unencrypted_at_patient_request"
METHODS = "/patient_identity/methods"


@control(
    id="TELE-011",
    title="Patients who ask for their PHI by unencrypted e-mail or text get it that way",
    domain="privacy",
    cites=["164.524(c)(2)", "164.522(b)"],
    basis="required",
    severity="medium",
    risk="Refusing a patient's own choice of e-mail or text delays their access to their "
    "records; right-of-access failures are OCR's most frequent enforcement actions.",
    rationale="An individual has the right to a copy of their PHI in the form and format "
    "requested if readily producible (164.524(c)(2)), and a covered health care provider must "
    "accommodate reasonable requests to receive communications by alternative means "
    "(164.522(b)). HHS guidance (Omnibus Rule preamble, 78 FR 5634) says that a patient who is "
    "warned of the risk and still prefers unencrypted e-mail may have it. The warning and the "
    "recorded choice are what keep such a channel from counting as an encryption failure "
    "(TECH-017).",
    remediation="Honour patients' requests for unencrypted e-mail or text after a short risk "
    "warning, record each choice, and set "
    "transmission_security.unencrypted_at_patient_request.honoured: true.",
)
def unencrypted_on_request(config: Config, ctx: Context) -> Outcome:
    """Staff told 'never e-mail PHI' refuse the patient who asks for exactly that."""
    if get(config, "/organization/type") == "business_associate":
        return not_applicable(
            "a business associate does not answer patients' access requests; its covered "
            "entities do",
            "/organization/type",
        )
    at = f"{REQUEST}/honoured"
    honoured = get(config, at)
    if honoured is None:
        return failed(
            "not declared whether patients who ask for their PHI by unencrypted e-mail or text "
            "get it (set transmission_security.unencrypted_at_patient_request.honoured)",
            where(config, at),
        )
    if honoured is not True:
        return failed(
            "patients who ask for their PHI by unencrypted e-mail or text are refused; the "
            "right of access in the form requested (164.524(c)(2)) and confidential "
            "communications (164.522(b)) let them choose it after a risk warning",
            at,
        )
    warned = is_on(config, f"{REQUEST}/risk_warning_given") and is_on(
        config, f"{REQUEST}/choice_recorded"
    )
    note = (
        ", after a risk warning, with the choice recorded"
        if warned
        else "; the risk warning or the recorded choice is missing, so TECH-017 counts such "
        "messages as unencrypted ePHI"
    )
    return passed(f"patients who ask for their PHI by unencrypted e-mail or text get it{note}", at)


@control(
    id="TELE-013",
    title="A patient portal login used to prove identity requires MFA (benchmark)",
    domain="privacy",
    cites=["164.514(h)"],
    basis="benchmark",
    severity="medium",
    risk="A portal login that is only a password proves that someone knows the password; a "
    "relative or a credential-stuffing attacker joins the visit as the patient.",
    rationale="HIPAA requires verifying the identity of a person requesting PHI when it is not "
    "known (164.514(h)) but names no method. The identity-strength benchmark (PRIV-019) counts "
    "an authenticated portal login as strong, as identity-proofing guidance such as NIST SP "
    "800-63 does for an authenticator stronger than a password; that holds only when patients "
    "sign in with MFA. A benchmark, not a HIPAA requirement.",
    remediation="Enforce MFA for patients on every patient portal (platforms[].patient_mfa: "
    "true), or stop counting patient_portal_login as identity proof.",
)
def portal_login_mfa(config: Config, ctx: Context) -> Outcome:
    """Identity 'proved' by a password anyone in the household may know."""
    if "patient_portal_login" not in (get(config, METHODS) or []):
        return not_applicable(
            "a patient portal login is not used to verify patient identity", where(config, METHODS)
        )
    portals = [(at, p) for at, p in items(config, "/platforms") if p.get("purpose") ==
               "patient_portal"]
    if not portals:
        return failed(
            "a patient portal login is used to verify identity, but no platform with purpose "
            "patient_portal is listed (not declared: add it to platforms)",
            METHODS,
        )
    rows = []
    for at, portal in portals:
        mfa, key = mfa_enforced(portal, "patients")
        pointer = f"{at}/{key}" if key in portal else at
        rows.append((pointer, name_of(portal, at), None if mfa else
                     "benchmark: patients sign in without MFA, so the login proves only a "
                     "password (set patient_mfa once enforced)"))
    return each(rows, what="patient portals", none=failed("no patient portal", METHODS))
