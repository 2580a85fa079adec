"""A written policy for personal devices (BYOD) that may reach ePHI (164.310(b)-(c), 164.316).

controls/physical.py checks the settings a BYOD program enforces (MDM, encryption, screen lock,
patching). A program can set all of them and still leave the workforce without rules it can
read: which devices, which apps, what may be stored, what happens when a phone is lost or its
owner leaves. A personal phone, tablet or laptop that reaches ePHI is a workstation ("an
electronic computing device ... and any other device that performs similar functions",
164.304), so the workstation use and security standards (164.310(b)-(c), required) call for
policies that cover it, and 164.316(a)-(b)(1) for those policies in writing.
"""

from __future__ import annotations

from phi_policy.control import Config, all_in_place, control, is_on, not_applicable, where
from phi_policy.model import Context, Outcome

ALLOWED = "/byod/allowed"


@control(
    id="PHYS-021",
    title="A written BYOD policy governs personal devices that reach ePHI",
    domain="physical",
    cites=["164.310(b)", "164.310(c)", "164.316(a)"],
    basis="required",
    severity="medium",
    risk="Without written rules, clinicians decide for themselves what to keep on a personal "
    "phone and whether to report its loss; the enforced device settings limit, but do not "
    "replace, what a policy tells people to do.",
    rationale="A personal device that reaches ePHI is a workstation (164.304): the organization "
    "must have policies that specify its proper functions and the manner in which they are "
    "performed (workstation use, 164.310(b)) and safeguards that restrict access to authorized "
    "users (workstation security, 164.310(c)), in writing (164.316(a), (b)(1)). HIPAA names no "
    "BYOD policy as such; this checks that the workstation policies reach personal devices "
    "when BYOD is allowed. The enforced settings are PHYS-013 to PHYS-020.",
    remediation="Write a BYOD policy (eligible devices and apps, required settings, no local "
    "ePHI, loss reporting, wipe on departure), have users acknowledge it, and set "
    "byod.policy_documented: true.",
)
def byod_policy(config: Config, ctx: Context) -> Outcome:
    """A device setting enforces a rule only if someone wrote the rule down first."""
    if not is_on(config, ALLOWED):
        return not_applicable("personal devices may not be used for ePHI", where(config, ALLOWED))
    return all_in_place(
        config,
        (("a written BYOD policy", "/byod/policy_documented"),),
        "a written policy governs the personal devices allowed to reach ePHI",
        "personal devices may reach ePHI without ",
    )
