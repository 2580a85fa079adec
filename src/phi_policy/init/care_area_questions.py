"""The questions about areas that apply only to some practices, each asked only where it applies.

Behavioral health, 42 CFR Part 2 records, minors, AI scribes and audio-only visits each bring in
controls of their own. Whether an area applies is an applicability key (config.declarations):
no answer can be assumed for it, so an empty answer is "unknown", left out of the config and
listed under "to declare". The follow-ups about an area's safeguards are asked only after a yes,
and default to "not in place" like every other safeguard. The question texts are the
declarations' own, so `init` and the "to declare" list ask the same thing.
"""

from __future__ import annotations

from phi_policy.config.declarations import declaration
from phi_policy.init.question import Given, Question, yes

AUDIO_CHANNELS = ("landline", "cellular", "voip", "app")


def _asked(pointer: str) -> str:
    return declaration(pointer).question


def _scribe_has_own_vendor(answers: Given) -> bool:
    """A scribe sold by the video vendor is covered by the BAA already asked about."""
    if not answers.get("scribe_name"):
        return False
    vendor = answers.get("scribe_vendor") or answers.get("scribe_name")
    video = answers.get("video_vendor") or answers.get("video_platform")
    return vendor != video


BEHAVIORAL = "Behavioral health"
PART2 = "42 CFR Part 2"
MINORS = "Minors"
SCRIBES = "AI scribes"
AUDIO = "Audio-only visits"

CARE_AREA_QUESTIONS: tuple[Question, ...] = (
    Question(
        "behavioral_health", _asked("/organization/behavioral_health"), "applies", "", BEHAVIORAL
    ),
    Question(
        "psychotherapy_notes_kept",
        _asked("/privacy/psychotherapy_notes/kept"),
        "applies",
        "",
        BEHAVIORAL,
        when=yes("behavioral_health"),
    ),
    Question(
        "psychotherapy_notes_separate",
        "Are they kept in a separate, access-restricted store, not in the EHR's shared note?",
        "bool",
        False,
        BEHAVIORAL,
        when=yes("psychotherapy_notes_kept"),
    ),
    Question(
        "psychotherapy_notes_authorization",
        "Is the patient's specific authorization required before they are disclosed?",
        "bool",
        False,
        BEHAVIORAL,
        when=yes("psychotherapy_notes_kept"),
    ),
    Question(
        "serious_threat_procedure",
        "Is there a documented procedure for disclosures to avert a serious threat (duty to "
        "warn, 164.512(j))?",
        "bool",
        False,
        BEHAVIORAL,
        when=yes("behavioral_health"),
    ),
    Question("holds_part2_records", _asked("/organization/holds_part2_records"), "applies", "",
             PART2),
    Question(
        "part2_consent_form",
        "Does the patient consent for Part 2 disclosures meet the 2024 rule (42 CFR 2.31)?",
        "bool",
        False,
        PART2,
        when=yes("holds_part2_records"),
    ),
    Question(
        "part2_patient_notice",
        "Do patients get the Part 2 confidentiality notice, revised for the 2024 rule (2.22)?",
        "bool",
        False,
        PART2,
        when=yes("holds_part2_records"),
    ),
    Question(
        "part2_breach_notification",
        "Does the breach notification procedure cover Part 2 records (2.16)?",
        "bool",
        False,
        PART2,
        when=yes("holds_part2_records"),
    ),
    Question(
        "part2_security_policies",
        "Do written policies protect Part 2 records, paper and electronic (2.16)?",
        "bool",
        False,
        PART2,
        when=yes("holds_part2_records"),
    ),
    Question(
        "part2_redisclosure_notice",
        "Does each disclosure made with consent carry the notice against redisclosure (2.32)?",
        "bool",
        False,
        PART2,
        when=yes("holds_part2_records"),
    ),
    Question("treats_minors", _asked("/organization/treats_minors"), "applies", "", MINORS),
    Question(
        "minors_state_law",
        "Does your procedure follow state law on when a parent acts for a minor (164.502(g)(3))?",
        "bool",
        False,
        MINORS,
        when=yes("treats_minors"),
    ),
    Question("uses_ai_scribes", _asked("/organization/uses_ai_scribes"), "applies", "", SCRIBES),
    Question(
        "scribe_name",
        "The AI scribe tool's name (empty if unknown)",
        "text",
        "",
        SCRIBES,
        when=yes("uses_ai_scribes"),
    ),
    Question(
        "scribe_vendor",
        "Its vendor (empty if the same as the tool's name)",
        "text",
        "",
        SCRIBES,
        when=yes("scribe_name"),
    ),
    Question(
        "scribe_baa_signed",
        "Is a business associate agreement (BAA) signed with its vendor?",
        "bool",
        False,
        SCRIBES,
        when=_scribe_has_own_vendor,
    ),
    Question(
        "scribe_no_training",
        "Does the agreement forbid the vendor to train its models on your PHI?",
        "bool",
        False,
        SCRIBES,
        when=yes("scribe_name"),
    ),
    Question(
        "scribe_audio_days",
        "How many days does the vendor keep visit audio (0 = deleted once the note is drafted)",
        "int",
        "",
        SCRIBES,
        minimum=0,
        maximum=36500,
        when=yes("scribe_name"),
    ),
    Question(
        "scribe_patient_notice",
        "Are patients told before it listens, and able to decline?",
        "bool",
        False,
        SCRIBES,
        when=yes("scribe_name"),
    ),
    Question(
        "audio_only",
        "Do you offer audio-only (telephone) visits?",
        "bool",
        False,
        AUDIO,
    ),
    Question(
        "audio_channels",
        "Over which channels (comma-separated: " + ", ".join(AUDIO_CHANNELS) + ")",
        "list",
        "",
        AUDIO,
        choices=AUDIO_CHANNELS,
        when=yes("audio_only"),
    ),
    Question(
        "audio_in_risk_analysis",
        "Does the risk analysis cover audio-only visits?",
        "bool",
        False,
        AUDIO,
        when=yes("audio_only"),
    ),
)
