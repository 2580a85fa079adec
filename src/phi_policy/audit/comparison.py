"""Comparing a bundle's recorded evidence with the evidence recomputed from the repository.

This is what catches a forged bundle (whoever edits a file can edit the manifest too): every
git fact, score, outcome, timeline and flag recorded is set against what the repository gives
again, and each difference is named. When the installed catalog is not the one the bundle was
written with, scores and outcomes are not compared (other rules give other scores, which is
not tampering), and a signature this machine cannot check is a note, not a mismatch.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from phi_policy.audit.flags import ALWAYS_FLAGGED
from phi_policy.audit.history import SHORT
from phi_policy.audit.manifest import ASSESSMENT, REPORT

GIT_FACTS = (
    "tree", "parents", "path", "change", "old_path", "blob", "author", "committer", "subject",
    "as_of",
)
VERDICT_FACTS = ("valid", "invalid", "score", "raw_score", "band", "delta", "changes")


@dataclass
class Findings:
    """What a comparison found: every mismatch (each names what differs) and notes, in the
    order they are to be shown."""

    mismatches: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def label(entry: Mapping[str, Any]) -> str:
    """A recorded commit as a mismatch names it: short sha, date and subject."""
    return f'commit {entry["sha"][:SHORT]} ({entry["as_of"]}, "{entry["subject"]}")'


def _show(value: Any) -> str:
    if isinstance(value, dict) and {"name", "email", "date"} <= set(value):
        return f"{value['name']} <{value['email']}> {value['date']}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def compare_evidence(recorded: Mapping[str, Any], again: Mapping[str, Any]) -> Findings:
    """evidence.json as recorded against evidence.json recomputed: the tool, the catalog, the
    commits (each in both, and each one's facts), the timelines, the current assessment and
    the flags."""
    found = Findings()
    same_catalog = recorded["catalog"]["sha256"] == again["catalog"]["sha256"]
    if recorded["tool"]["version"] != again["tool"]["version"]:
        found.notes.append(
            f"the bundle was written by phi-policy {recorded['tool']['version']}; this is "
            f"{again['tool']['version']}"
        )
    if not same_catalog:
        found.mismatches.append(
            "the control catalog differs from the one the bundle was written with (sha256 "
            f"{recorded['catalog']['sha256'][:12]}, installed {again['catalog']['sha256'][:12]}): "
            "scores and outcomes were not recomputed; verify with phi-policy "
            f"{recorded['tool']['version']} and the same control packs"
        )
    keyring: set[str] = set()
    pairs = [(recorded["before"], again["before"])] if recorded["before"] or again["before"] else []
    old = {e["sha"]: e for e in recorded["commits"]}
    new = {e["sha"]: e for e in again["commits"]}
    for sha, entry in old.items():
        if sha not in new:
            found.mismatches.append(
                f"{label(entry)}: not a change to {recorded['repository']['config']} in the "
                f"period in the history of {recorded['repository']['head'][:SHORT]}"
            )
    for sha, entry in new.items():
        if sha not in old:
            found.mismatches.append(
                f"{label(entry)}: changed the config in the period but is not in the bundle"
            )
    pairs += [(old[sha], new[sha]) for sha in old if sha in new]
    for before, now in pairs:
        if before is None or now is None:
            found.mismatches.append(
                "the last change before the period: recorded "
                f"{before['sha'][:SHORT] if before else 'none'}, the repository has "
                f"{now['sha'][:SHORT] if now else 'none'}"
            )
            continue
        _compare_entry(found, before, now, same_catalog, keyring)
    if same_catalog:
        _compare_timelines(found, recorded["timelines"], again["timelines"])
        if recorded["current"] != again["current"]:
            found.mismatches.append(
                f"current: the assessment at the end of the period was recorded as "
                f"{_show(recorded['current'])}, it recomputes to {_show(again['current'])}"
            )
    _compare_flags(found, recorded["flags"], again["flags"], keyring)
    return found


def _compare_entry(
    found: Findings,
    before: Mapping[str, Any],
    now: Mapping[str, Any],
    same_catalog: bool,
    keyring: set[str],
) -> None:
    """One commit's entry; a signature only this machine cannot check goes in `keyring`, so
    its signature flag is not counted against the bundle either."""
    name = label(before)
    for key in GIT_FACTS:
        if before.get(key) != now.get(key):
            found.mismatches.append(
                f"{name}: {key} recorded {_show(before.get(key))}, the repository has "
                f"{_show(now.get(key))}"
            )
    if before["signature"] != now["signature"]:
        if now["signature"] == "unknown_key" and before["signature"] not in ALWAYS_FLAGGED:
            keyring.add(before["sha"])
            found.notes.append(
                f"{name}: signature recorded {before['signature']}; this machine cannot check "
                "it (its keyring lacks or does not trust the key)"
            )
        else:
            found.mismatches.append(
                f"{name}: signature recorded {before['signature']}, this machine sees "
                f"{now['signature']}"
            )
    if not same_catalog:
        return
    for key in VERDICT_FACTS:
        if before.get(key) != now.get(key):
            found.mismatches.append(
                f"{name}: {key} recorded {_show(before.get(key))}, recomputes to "
                f"{_show(now.get(key))}"
            )
    was = {o["control"]: (o["status"], o["credit"]) for o in before["outcomes"]}
    is_ = {o["control"]: (o["status"], o["credit"]) for o in now["outcomes"]}
    for control in sorted(set(was) | set(is_)):
        if was.get(control) != is_.get(control):
            found.mismatches.append(
                f"{name}: {control} recorded {_outcome(was.get(control))}, recomputes to "
                f"{_outcome(is_.get(control))}"
            )


def _outcome(value: tuple[str, Any] | None) -> str:
    if value is None:
        return "absent"
    status, credit = value
    return status if credit is None else f"{status} (credit {credit:g})"


def _compare_timelines(
    found: Findings, recorded: Sequence[Mapping[str, Any]], again: Sequence[Mapping[str, Any]]
) -> None:
    old = {t["control"]: t for t in recorded}
    new = {t["control"]: t for t in again}
    for control in sorted(set(old) | set(new)):
        if old.get(control) != new.get(control):
            found.mismatches.append(
                f"timeline of {control}: the recorded intervals differ from the recomputed ones"
            )


def _compare_flags(
    found: Findings,
    recorded: Sequence[Mapping[str, Any]],
    again: Sequence[Mapping[str, Any]],
    keyring: set[str],
) -> None:
    def key(f: Mapping[str, Any]) -> tuple[str, str, str]:
        return f["kind"], f["commit"], f["message"]

    def counted(f: Mapping[str, Any]) -> bool:
        return not (f["kind"] == "signature" and f["commit"] in keyring)

    old = {key(f) for f in recorded if counted(f)}
    new = {key(f) for f in again if counted(f)}
    for kind, commit, message in sorted(old - new):
        found.mismatches.append(
            f"flag {kind} on commit {commit[:SHORT]} is not what the repository shows: {message}"
        )
    for kind, commit, message in sorted(new - old):
        found.mismatches.append(
            f"flag {kind} on commit {commit[:SHORT]} is missing from the bundle: {message}"
        )


def compare_files(
    folder: Path,
    recorded: Mapping[str, Any],
    again: Mapping[str, Any],
    files: Mapping[str, str],
    flagged: set[str],
) -> Findings:
    """assessment.json and report.html against what the repository gives now; a file named in
    `flagged` (a mismatch already names it) is not blamed twice."""
    found = Findings()
    if recorded["catalog"]["sha256"] != again["catalog"]["sha256"]:
        return found
    for name in (ASSESSMENT, REPORT):
        path = folder / name
        if name in flagged or not path.is_file():
            continue
        if name not in files:
            if name == REPORT:
                found.notes.append(
                    f"{name} was not re-rendered: the HTML reporter is not installed"
                )
            else:
                found.mismatches.append(f"{name}: the repository gives no valid config to assess")
            continue
        text = path.read_text(encoding="utf-8")
        if name == ASSESSMENT:
            same = _without_tool(text) == _without_tool(files[name])
        elif recorded["tool"]["version"] != again["tool"]["version"]:
            found.notes.append(f"{name} was not re-rendered: another phi-policy version wrote it")
            continue
        else:
            same = text == files[name]
        if not same:
            found.mismatches.append(
                f"{name}: does not match what the repository gives (re-rendered and compared)"
            )
    return found


def _without_tool(text: str) -> Any:
    """assessment.json's data without its "tool" (another version may have written it: the
    version is the only thing allowed to differ)."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if isinstance(data, dict):
        data.pop("tool", None)
    return data
