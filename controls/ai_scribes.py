"""AI scribes and ambient listening: what the vendor may do with visit audio, what patients hear.

An AI scribe records or transcribes the visit to draft the clinician's note, so its vendor holds
the most complete copy of the conversation there is. These controls apply when the organization
declares it uses such tools (organization.uses_ai_scribes) and look at each platform with
purpose `ai_scribe`. Whether the vendor has a BAA at all is judged with every other vendor
(GOV controls); here are the terms and practices particular to the tools. HIPAA says nothing
about AI models as such, so the training term and the audio retention number are benchmarks;
consent to being recorded is state law.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from phi_policy.control import (
    Checked,
    Config,
    applies,
    control,
    each,
    failed,
    items,
    name_of,
)
from phi_policy.model import Context, Outcome

USES = "/organization/uses_ai_scribes"
PURPOSE = "ai_scribe"
#: Benchmark default (a `tailored` decision moves it): days visit audio may be kept.
AUDIO_DAYS = 30


def _flag_row(
    at: str, platform: Mapping[str, Any], field: str, refused: str, undeclared: str
) -> Checked:
    """One tool's answer to a yes/no term of `ai_scribe`: held, refused (`refused`), or not
    declared (`undeclared`, naming the key to set), which is never a pass."""
    value = (platform.get("ai_scribe") or {}).get(field)
    name = name_of(platform, at)
    if value is True:
        return (f"{at}/ai_scribe/{field}", name, None)
    if value is False:
        return (f"{at}/ai_scribe/{field}", name, refused)
    return (at, name, f"{undeclared} (set ai_scribe.{field})")


def _scribes(config: Config) -> list[tuple[str, Mapping[str, Any]]]:
    return [(at, p) for at, p in items(config, "/platforms") if p.get("purpose") == PURPOSE]


def _scope(config: Config) -> Outcome | list[tuple[str, Mapping[str, Any]]]:
    """The AI scribe platforms, or the outcome when there is nothing to judge."""
    skip = applies(config, USES, "the organization declares it uses no AI scribe or ambient "
                   "listening tool")
    if skip is not None:
        return skip
    scribes = _scribes(config)
    if not scribes:
        return failed(
            "the organization uses AI scribes, but no platform with purpose ai_scribe is "
            "listed (not declared: add each tool to platforms with purpose: ai_scribe)",
            "/platforms" if "platforms" in config else USES,
        )
    return scribes


@control(
    id="TELE-001",
    title="AI scribe agreements forbid training the vendor's models on PHI (benchmark)",
    domain="governance",
    cites=["164.504(e)(2)", "164.502(e)"],
    basis="benchmark",
    severity="medium",
    risk="Visit audio used to train a vendor's model leaves the organization's control for "
    "good: it cannot be returned or destroyed when the agreement ends.",
    rationale="A business associate agreement may let the vendor use PHI only as the covered "
    "entity itself could, plus for the vendor's own management and administration "
    "(164.504(e)(2)(i), (e)(4)); HHS has issued no rule on training AI models. Terms that let "
    "an ambient-listening vendor improve its product with recorded visits are a common "
    "default, so an explicit prohibition (de-identified data under 164.514 excepted) is this "
    "tool's benchmark, not a HIPAA requirement.",
    remediation="Negotiate a BAA term that forbids training or improving models on the "
    "organization's PHI and set platforms[].ai_scribe.baa_prohibits_model_training: true.",
)
def scribe_training(config: Config, ctx: Context) -> Outcome:
    """Default vendor terms often let recorded visits improve the vendor's product."""
    scope = _scope(config)
    if isinstance(scope, Outcome):
        return scope
    rows = [
        _flag_row(at, platform, "baa_prohibits_model_training",
                  "benchmark: its agreement lets the vendor train models on the organization's PHI",
                  "not declared whether its agreement forbids model training on PHI")
        for at, platform in scope
    ]
    return each(rows, what="AI scribe tools", none=failed("no AI scribe tool", USES))


@control(
    id="TELE-002",
    title="AI scribe audio deleted within 30 days (benchmark)",
    domain="privacy",
    cites=["164.502(b)", "164.530(c)"],
    basis="benchmark",
    severity="medium",
    risk="Stored audio of every visit is the richest copy of PHI there is; each day it is kept "
    "is a day it can leak.",
    tailorable="days visit audio may be kept after the note is drafted",
    rationale="Once the note is drafted and signed, the audio has served its purpose. The "
    "minimum necessary standard (164.502(b)) and the duty to safeguard PHI (164.530(c)) set "
    "no number; deleting audio within 30 days (many vendors delete it at once) is this tool's "
    "benchmark, and a documented decision may tailor it.",
    remediation="Configure each tool to delete audio once the note is signed, and set "
    "platforms[].ai_scribe.audio_retention_days (0 for immediate deletion).",
)
def scribe_audio_retention(config: Config, ctx: Context) -> Outcome:
    """Audio kept 'for quality' piles up into an archive of every visit."""
    scope = _scope(config)
    if isinstance(scope, Outcome):
        return scope
    rows: list[Checked] = []
    for at, platform in scope:
        name = name_of(platform, at)
        days = (platform.get("ai_scribe") or {}).get("audio_retention_days")
        limit = ctx.limit(AUDIO_DAYS, instance=name)
        key = f"{at}/ai_scribe/audio_retention_days"
        if not isinstance(days, int) or isinstance(days, bool):
            rows.append((at, name, "not declared how long it keeps visit audio (set "
                         "ai_scribe.audio_retention_days)"))
        elif days > limit:
            rows.append((key, name, f"benchmark: keeps visit audio {days} days, over "
                         f"{limit:g}"))
        else:
            rows.append((key, name, None))
    return each(rows, what="AI scribe tools", none=failed("no AI scribe tool", USES))


@control(
    id="TELE-003",
    title="Patients told before an AI scribe listens, and able to decline (state law, not "
    "HIPAA)",
    domain="privacy",
    cites=["State recording consent law"],
    basis="other_law",
    severity="medium",
    risk="Recording a visit without the consent an all-party-consent state requires is a "
    "wiretap violation; this is state law, reported apart from HIPAA.",
    rationale="Not HIPAA: the Privacy Rule lets a provider use PHI for its own treatment "
    "without consent, and a scribe vendor under a BAA acts for it. But an ambient tool records "
    "a conversation, and many state wiretap laws require every party's consent; patients also "
    "expect to be told. Check the law of each state where patients are located.",
    remediation="Tell patients before the tool listens and let them decline; record it and set "
    "platforms[].ai_scribe.patient_notice: true.",
)
def scribe_notice(config: Config, ctx: Context) -> Outcome:
    """A patient who learns afterwards that the visit was recorded stops trusting telehealth."""
    scope = _scope(config)
    if isinstance(scope, Outcome):
        return scope
    rows = [
        _flag_row(at, platform, "patient_notice",
                  "state law (not HIPAA): patients are not told before it listens",
                  "state law (not HIPAA): not declared whether patients are told")
        for at, platform in scope
    ]
    return each(rows, what="AI scribe tools", none=failed("no AI scribe tool", USES))
