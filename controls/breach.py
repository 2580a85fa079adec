"""Breach notification mechanics (164.404(c)-(d), 164.410, 164.412): who is told, what, and when.

controls/privacy.py checks that a breach procedure exists, the four-factor assessment, the
60-day notice to individuals, HHS and media notice. These check the rest of the machinery a
breach needs on the day it happens: what a business associate owes its covered entities, the
content of the notice, substitute notice when addresses are missing, and the law-enforcement
delay. Each is a Breach Notification Rule provision worded "shall", so each control is
`required`. Notices to individuals are a covered entity's (a hybrid entity's components')
duty; a business associate notifies its covered entities instead (164.410).
"""

from __future__ import annotations

from phi_policy.control import (
    Config,
    all_in_place,
    control,
    failed,
    get,
    key_path,
    not_applicable,
    passed,
    where,
)
from phi_policy.model import Context, Outcome

BREACH = "/incident_response/breach_notification"
ORGANIZATION_TYPE = "/organization/type"


def notices_to_individuals(config: Config, what: str) -> Outcome | None:
    """not_applicable for a business associate, whose covered entities notify individuals."""
    if get(config, ORGANIZATION_TYPE) == "business_associate":
        return not_applicable(
            f"a business associate does not send {what}; it notifies its covered entities "
            "(164.410, PRIV-028), which notify individuals",
            ORGANIZATION_TYPE,
        )
    return None


@control(
    id="PRIV-028",
    title="As a business associate, breaches are reported to the covered entities within 60 days",
    domain="privacy",
    cites=["164.410(b)", "164.410"],
    basis="required",
    severity="high",
    risk="Each covered entity's own 60-day clock runs from when its business associate knew; a "
    "platform vendor that reports late makes all of its customers notify late.",
    rationale="A business associate must notify the covered entity of a breach of unsecured PHI "
    "it discovers (164.410(a)), without unreasonable delay and in no case later than 60 calendar "
    "days after discovery (164.410(b)), identifying each individual affected and giving the "
    "information the covered entity needs for its own notices (164.410(c)). A telehealth "
    "platform vendor is a business associate of every practice it serves.",
    remediation="Set the deadline for notifying covered entities in the breach procedure "
    "(incident_response.breach_notification.covered_entity_notice_days, 60 or less; BAAs often "
    "ask for less) and notify without unreasonable delay within it.",
)
def business_associate_notice(config: Config, ctx: Context) -> Outcome:
    """A vendor's late report makes every one of its customers late."""
    if get(config, ORGANIZATION_TYPE) != "business_associate":
        return not_applicable(
            "the organization is not a business associate; it notifies individuals itself "
            "(PRIV-011)",
            ORGANIZATION_TYPE,
        )
    at = f"{BREACH}/covered_entity_notice_days"
    days = get(config, at)
    if not isinstance(days, int) or isinstance(days, bool):
        return failed(
            "no deadline for notifying covered entities of a breach is set (not declared: set "
            f"{key_path(at)}); 164.410(b) requires notice without unreasonable delay and no "
            "later than 60 days after discovery",
            where(config, at),
        )
    if days <= 60:
        return passed(
            f"covered entities are to be notified of a breach within {days} days of discovery "
            "(legal limit: without unreasonable delay, and no later than 60 days)",
            at,
        )
    return failed(
        f"the deadline for notifying covered entities of a breach is {days} days, beyond the "
        "60-day limit of 164.410(b)",
        at,
    )


@control(
    id="PRIV-029",
    title="Breach notices to individuals have the content 164.404(c) requires",
    domain="privacy",
    cites=["164.404(c)"],
    basis="required",
    severity="medium",
    risk="A notice drafted under deadline leaves out what patients need to protect themselves "
    "or whom to call; each incomplete notice is a violation.",
    rationale="The notice to individuals must be in plain language and contain a brief "
    "description of what happened with the dates of the breach and of its discovery, the kinds "
    "of PHI involved, the steps individuals should take to protect themselves, what the "
    "organization is doing to investigate, mitigate and prevent a recurrence, and contact "
    "procedures including a toll-free number, an e-mail address, a website or a postal address "
    "(164.404(c)). A template prepared in advance is how the content is ready on time.",
    remediation="Prepare a notice template with the five elements and set "
    "incident_response.breach_notification.notice_content: true.",
)
def notice_content(config: Config, ctx: Context) -> Outcome:
    """The first draft of a breach notice should not be written on day 59."""
    absent = notices_to_individuals(config, "breach notices to individuals")
    if absent is not None:
        return absent
    return all_in_place(
        config,
        (("a notice template with the content of 164.404(c)", f"{BREACH}/notice_content"),),
        "the breach notice template has the content 164.404(c) requires",
        "breach notices to individuals lack ",
    )


@control(
    id="PRIV-030",
    title="Substitute notice procedure for individuals who cannot be reached",
    domain="privacy",
    cites=["164.404(d)(2)", "164.404(d)"],
    basis="required",
    severity="low",
    risk="Telehealth patients often have stale postal addresses; without substitute notice they "
    "are never told. Rarely needed, but a violation when it is.",
    rationale="When contact information is insufficient or out of date, the covered entity must "
    "give substitute notice: by another written form, telephone or other means for fewer than "
    "10 individuals; for 10 or more, a conspicuous posting on its website home page for 90 days "
    "or notice in major print or broadcast media where they likely live, with a toll-free "
    "number active for at least 90 days (164.404(d)(2)).",
    remediation="Add the substitute notice steps to the breach procedure and set "
    "incident_response.breach_notification.substitute_notice_procedure: true.",
)
def substitute_notice(config: Config, ctx: Context) -> Outcome:
    """An online-only practice may hold no valid postal address for many of its patients."""
    absent = notices_to_individuals(config, "breach notices to individuals")
    if absent is not None:
        return absent
    return all_in_place(
        config,
        (("a substitute notice procedure", f"{BREACH}/substitute_notice_procedure"),),
        "a procedure gives substitute notice to individuals who cannot be reached",
        "breach notification lacks ",
    )


@control(
    id="PRIV-031",
    title="Breach notices are delayed at law enforcement's request only as 164.412 allows",
    domain="privacy",
    cites=["164.412"],
    basis="required",
    severity="low",
    risk="Without a procedure a notice is either sent against a police request, harming an "
    "investigation, or held back on an undocumented phone call beyond 30 days.",
    rationale="If a law enforcement official states that a notice would impede a criminal "
    "investigation or damage national security, the covered entity or business associate must "
    "delay it: for the period a written statement specifies, or, for an oral statement, "
    "document it and delay no longer than 30 days unless a written statement follows "
    "(164.412). The procedure decides who takes such a request and how it is documented.",
    remediation="Add the law-enforcement delay steps to the breach procedure and set "
    "incident_response.breach_notification.law_enforcement_delay_procedure: true.",
)
def law_enforcement_delay(config: Config, ctx: Context) -> Outcome:
    """A phone call from the police is no reason to hold a notice forever."""
    return all_in_place(
        config,
        (("a law-enforcement delay procedure", f"{BREACH}/law_enforcement_delay_procedure"),),
        "a procedure handles law-enforcement requests to delay breach notices",
        "breach notification lacks ",
    )
