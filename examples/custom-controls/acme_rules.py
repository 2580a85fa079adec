"""An example custom control pack: house rules stricter than the built-in catalog.

Load it with `phi-policy check --controls examples/custom-controls`. See
docs/writing-controls.md for a walk-through.
"""

from __future__ import annotations

from phi_policy.control import Config, control, failed, get, not_applicable, passed
from phi_policy.model import Context, Outcome

VIDEO_PURPOSE = "video_visits"


@control(
    id="ACME-001",
    title="Video platforms record nothing",
    domain="privacy",
    cites=["164.530(c)"],
    basis="benchmark",
    severity="medium",
    risk="A stored recording of a visit is one more copy of ePHI that can leak.",
    rationale="Acme's privacy board decided that visit recordings are a liability it does not "
    "need: a recording that does not exist cannot leak.",
    remediation="Set platforms[].recording.allowed to false on every video platform.",
)
def no_visit_recordings(config: Config, ctx: Context) -> Outcome:
    """House rule: telehealth visits are never recorded."""
    video = [
        (i, p)
        for i, p in enumerate(config.get("platforms") or [])
        if p.get("purpose") == VIDEO_PURPOSE
    ]
    if not video:
        return not_applicable("no video platform")
    recording = [(i, p) for i, p in video if get(p, "/recording/allowed", False)]
    if recording:
        names = ", ".join(p["name"] for _, p in recording)
        return failed(
            f"house rule (not a HIPAA requirement): recording is allowed on {names}",
            [f"/platforms/{i}/recording/allowed" for i, _ in recording],
            instances=[p["name"] for _, p in recording],
        )
    return passed("no video platform records visits", [f"/platforms/{i}" for i, _ in video])
