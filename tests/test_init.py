"""`phi-policy init`: the questionnaire, the config it writes, and that it never clobbers a file.

Every written config is validated against the real schema (Draft 2020-12 with format
checking), loaded the way the project loads configs: dates stay strings.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from phi_policy.catalog.packs import load_catalog
from phi_policy.cli import run
from phi_policy.commands import init as init_command
from phi_policy.errors import UsageError
from phi_policy.init.questionnaire import QUESTIONS, defaults
from phi_policy.init.template import render_config
from phi_policy.init.yaml_lines import scalar
from phi_policy.model import Assessment, Context
from phi_policy.pipeline import assess, load_valid
from phi_policy.resources import schema_path
from tests.controls.harness import _PlainLoader

AS_OF = "2026-11-25"
APPLICABILITY_KEYS = (
    "holds_part2_records",
    "uses_ai_scribes",
    "treats_minors",
    "behavioral_health",
)

#: The care-area answers when every area applies: each applicability question, then its follow-ups.
CARE_AREAS_THAT_APPLY = [
    "y",  # behavioral health
    "y",  # psychotherapy notes kept
    "y",  # kept in a separate store
    "n",  # authorization required: no
    "y",  # serious-threat procedure
    "y",  # holds Part 2 records
    "y",  # Part 2 consent form
    "y",  # Part 2 patient notice
    "n",  # Part 2 breach notification: no
    "y",  # Part 2 security policies
    "y",  # Part 2 redisclosure notice
    "y",  # treats minors
    "y",  # minors: state law applied
    "y",  # AI scribes
    "Quill Ambient Scribe",  # its name
    "Quill Clinical AI Inc.",  # its vendor
    "y",  # BAA signed with it
    "y",  # BAA forbids model training
    "0",  # audio retention days
    "y",  # patients told
    "y",  # audio-only visits
    "landline, app",  # their channels
    "y",  # in the risk analysis
]
#: The care-area answers when none applies: no follow-up is asked.
CARE_AREAS_THAT_DO_NOT_APPLY = ["n", "n", "n", "n", "n"]

#: One answer per question, in the order they are asked (follow-ups included).
FULL_ANSWERS = [
    "Riverbend Clinic: Telehealth",  # organization name (a colon: must be quoted)
    "hybrid_entity",  # type
    "medium",  # size
    "3",  # sites
    "wa, or,ID",  # states
    "Dana Whitfield",  # security official
    "Marcus Chen",  # privacy official
    "2026-04-10",  # risk analysis
    "6",  # training cadence
    "2026-08-30",  # training last completed
    "CareLink Video",  # video platform
    "CareLink Health Inc.",  # vendor
    "y",  # E2EE
    "y",  # BAA signed
    "2027-01-15",  # BAA expiry
    "y",  # MFA remote
    "n",  # MFA admin
    "15",  # logoff minutes
    "AES-256",  # at rest
    "y",  # FIPS
    "1.2",  # TLS
    "y",  # BYOD
    "y",  # MDM
    "y",  # remote wipe
    "n",  # containerization
    "y",  # facility plan
    "nist_800_88_purge",  # disposal
    "y",  # backups
    "2026-10-01",  # last restore test
    "2026-07-12",  # contingency plan test
    "y",  # incident response plan
    "y",  # NPP published
    "y",  # NPP telehealth terms
    "government_id, video_id_match",  # identity methods
    "y",  # controlled substances
    "y",  # enhanced verification
    *CARE_AREAS_THAT_APPLY,
]


def invoke(args: list[str], input: str | None = None) -> tuple[int, str, str]:
    """Run the CLI through its real error boundary, with `input` as standard input."""
    with CliRunner().isolation(input=input) as (out, err, _):
        code = run(args)
        sys.stdout.flush()
        sys.stderr.flush()
    return code, out.getvalue().decode(), err.getvalue().decode()


def load(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_PlainLoader)
    assert isinstance(data, dict)
    return data


def schema_errors(data: dict[str, Any]) -> list[str]:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)]


def next_steps(path: Path, todos: int, schema: str = "wrote") -> str:
    return (
        f"wrote {path} ({todos} TODO comments mark answers to complete)\n"
        f"{schema} {path.parent / 'org-config.schema.json'}, the schema that editors check the "
        "config against\n"
        "Next steps:\n"
        f"  1. Replace each TODO in {path} with what is true for your organization.\n"
        f"  2. phi-policy validate {path}   # check it against the schema\n"
        f"  3. phi-policy check {path}      # score it and see what to fix first\n"
        f"  4. git add {path} && git commit   # its history is the evidence\n"
    )


def test_defaults_write_a_valid_conservative_config(tmp_path: Path) -> None:
    target = tmp_path / "phi-policy.yaml"
    code, out, err = invoke(["init", str(target), "--defaults", "--as-of", AS_OF])
    text = target.read_text(encoding="utf-8")
    assert (code, err) == (0, "")
    assert out == next_steps(target, text.count("# TODO:"))
    assert text == render_config(defaults(dt.date(2026, 11, 25)), dt.date(2026, 11, 25))
    assert text.splitlines()[0] == "# yaml-language-server: $schema=./org-config.schema.json"
    beside = tmp_path / "org-config.schema.json"
    assert beside.read_bytes() == schema_path().read_bytes()
    assert "Written by `phi-policy init` on 2026-11-25." in text
    assert "`phi-policy schema --write . --force`" in text
    data = load(target)
    assert schema_errors(data) == []
    assert data["organization"] == {
        "name": "My Telehealth Organization",
        "type": "covered_entity",
        "entity_kind": "provider",
        "size": "small",
        "sites": 1,
        "states": [],
        "sponsors_group_health_plan": False,
        "clearinghouse_functions": False,
        "telehealth_services": [],
    }
    assert data["officials"] == {}
    assert "last_performed" not in data["risk_analysis"]
    assert (data["platforms"], data["business_associates"], data["decisions"]) == ([], [], [])
    assert data["access_control"] == {
        "unique_user_ids": False,
        "mfa": {"remote_access": False, "administrative_access": False},
    }
    assert data["transmission_security"] == {"tls_min_version": "1.0"}
    assert data["encryption"] == {"at_rest": {"enabled": False}}
    assert data["byod"] == {
        "allowed": True,
        "mdm_required": False,
        "remote_wipe": False,
        "containerization": False,
    }
    assert data["physical"]["device_media"] == {"disposal_method": "none"}
    assert data["patient_identity"] == {
        "verification_required": False,
        "methods": [],
        "controlled_substances": {"prescribes": True, "enhanced_verification": False},
    }
    lines = text.splitlines()
    assert "  name: My Telehealth Organization  # TODO: your organization's legal name" in lines
    assert "  # security_official:  # TODO: name the security official (164.308(a)(2))" in lines
    assert "  # last_performed: YYYY-MM-DD  # TODO: date of the last risk analysis" in lines
    assert (
        "  # automatic_logoff_minutes: 15  # TODO: inactivity timeout in minutes "
        "(164.312(a)(2)(iii))" in lines
    )
    assert (
        "  tls_min_version: '1.0'  # TODO: confirm the minimum TLS version (1.2 or higher expected)"
        in lines
    )


def test_every_section_says_what_it_is_and_cites_hipaa(tmp_path: Path) -> None:
    text = render_config(defaults(dt.date(2026, 11, 25)), dt.date(2026, 11, 25))
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line and not line.startswith(("#", " ")) and not line.startswith("schema_version"):
            comment = []
            for previous in reversed(lines[:index]):
                if not previous.startswith("# "):
                    break
                comment.insert(0, previous)
            assert comment, f"section {line!r} has no comment above it"
            assert "164." in " ".join(comment), f"section {line!r} cites no HIPAA section"


def test_full_questionnaire_writes_the_answers(tmp_path: Path) -> None:
    target = tmp_path / "clinic.yaml"
    code, out, err = invoke(["init", str(target), "--as-of", AS_OF], "\n".join(FULL_ANSWERS) + "\n")
    assert code == 0, err
    assert err == "phi-policy: standard input is not a terminal: reading the answers from it\n"
    text = target.read_text(encoding="utf-8")
    assert out.endswith(next_steps(target, text.count("# TODO:")))
    data = load(target)
    assert schema_errors(data) == []
    org = data["organization"]
    assert (org["name"], org["type"], org["size"], org["sites"], org["states"]) == (
        "Riverbend Clinic: Telehealth",
        "hybrid_entity",
        "medium",
        3,
        ["WA", "OR", "ID"],
    )
    assert org["telehealth_services"] == ["video_visits", "audio_only"]
    assert data["officials"] == {
        "security_official": {"name": "Dana Whitfield"},
        "privacy_official": {"name": "Marcus Chen"},
    }
    assert data["risk_analysis"]["last_performed"] == "2026-04-10"
    assert data["workforce"]["training"] == {
        "frequency_months": 6,
        "last_completed": "2026-08-30",
        "security_reminders": False,
    }
    assert data["platforms"] == [
        {
            "name": "CareLink Video",
            "vendor": "CareLink Health Inc.",
            "purpose": "video_visits",
            "handles_ephi": True,
            "business_associate": "CareLink Health Inc.",
            "video": {"end_to_end_encryption": True},
            "tls_min_version": "1.2",
        },
        {
            "name": "Quill Ambient Scribe",
            "vendor": "Quill Clinical AI Inc.",
            "purpose": "ai_scribe",
            "handles_ephi": True,
            "business_associate": "Quill Clinical AI Inc.",
            "ai_scribe": {
                "baa_prohibits_model_training": True,
                "audio_retention_days": 0,
                "patient_notice": True,
            },
        },
    ]
    assert data["business_associates"] == [
        {
            "name": "CareLink Health Inc.",
            "handles_ephi": True,
            "baa": {"status": "signed", "expires": "2027-01-15"},
        },
        {
            "name": "Quill Clinical AI Inc.",
            "handles_ephi": True,
            "baa": {"status": "signed", "expires": AS_OF},
        },
    ]
    access = data["access_control"]
    assert (access["automatic_logoff_minutes"], access["mfa"]) == (
        15,
        {"remote_access": True, "administrative_access": False},
    )
    assert data["encryption"]["at_rest"] == {
        "enabled": True,
        "algorithm": "AES-256",
        "fips_validated": True,
    }
    assert data["transmission_security"]["tls_min_version"] == "1.2"
    assert data["byod"] == {
        "allowed": True,
        "mdm_required": True,
        "remote_wipe": True,
        "containerization": False,
    }
    assert data["physical"]["facility"] == {"security_plan": True}
    assert data["physical"]["device_media"] == {"disposal_method": "nist_800_88_purge"}
    assert data["contingency"]["backup"] == {"enabled": True, "last_restore_test": "2026-10-01"}
    assert data["contingency"]["testing"] == {"last_test": "2026-07-12", "frequency_months": 12}
    assert data["incident_response"]["plan_documented"] is True
    assert data["privacy"]["notice_of_privacy_practices"] == {
        "published": True,
        "telehealth_terms": True,
    }
    assert data["patient_identity"] == {
        "verification_required": True,
        "methods": ["government_id", "video_id_match"],
        "controlled_substances": {"prescribes": True, "enhanced_verification": True},
    }
    lines = text.splitlines()
    assert "  name: 'Riverbend Clinic: Telehealth'" in lines
    assert "  last_performed: 2026-04-10" in lines  # dates plain, like every example config
    assert "  - name: CareLink Video" in lines


def test_follow_up_questions_are_skipped_when_they_do_not_apply(tmp_path: Path) -> None:
    answers = [
        "Solo Practice",
        "",
        "",
        "0",
        "CA",
        "",
        "",
        "",
        "",
        "",
        "",  # no video platform: vendor, E2EE and BAA questions are skipped
        "",
        "",
        "",  # MFA remote, MFA admin, logoff
        "none",  # no encryption at rest: the FIPS question is skipped
        "1.3",
        "n",  # no BYOD: MDM, wipe and container questions are skipped
        "",
        "vendor_certified",
        "n",  # no backups: the restore test question is skipped
        "",
        "",
        "n",  # contingency test, IR plan, NPP not published: telehealth terms skipped
        "",
        "n",  # identity methods, no controlled substances: enhanced check skipped
        *CARE_AREAS_THAT_DO_NOT_APPLY,
    ]
    target = tmp_path / "solo.yaml"
    code, _, err = invoke(["init", str(target), "--as-of", AS_OF], "\n".join(answers) + "\n")
    assert code == 0, err
    data = load(target)
    assert schema_errors(data) == []
    assert (data["organization"]["sites"], data["organization"]["states"]) == (0, ["CA"])
    assert (data["platforms"], data["business_associates"]) == ([], [])
    assert data["encryption"]["at_rest"] == {"enabled": False, "algorithm": "none"}
    assert data["transmission_security"] == {"tls_min_version": "1.3"}
    assert data["byod"] == {"allowed": False}
    assert data["contingency"]["backup"] == {"enabled": False}
    assert data["physical"]["device_media"] == {"disposal_method": "vendor_certified"}
    assert data["patient_identity"]["controlled_substances"] == {"prescribes": False}


def test_a_bad_piped_answer_is_asked_again_once_with_the_accepted_answers(
    tmp_path: Path,
) -> None:
    answers = list(FULL_ANSWERS)
    answers[12:13] = ["yse", "y"]  # E2EE: a y/N typo
    answers[7:8] = ["2026-12-01", "2026-04-10"]  # risk analysis: in the future
    answers[4:5] = ["W1", "WA"]  # states
    answers[3:4] = ["three", "3"]  # sites
    target = tmp_path / "clinic.yaml"
    code, out, err = invoke(["init", str(target), "--as-of", AS_OF], "\n".join(answers) + "\n")
    assert code == 0, err
    assert (
        "Error: 'three' is not a whole number\n"
        "  Accepted: a whole number, 0 or more, or nothing if unknown.\n"
    ) in out
    assert (
        "Error: W1: write each state as its 2-letter code, e.g. WA, OR\n"
        "  Accepted: 2-letter state codes separated by commas (e.g. WA, OR), or nothing.\n"
    ) in out
    assert (
        "Error: 2026-12-01 is after 2026-11-25; this is a date in the past\n"
        "  Accepted: a date written YYYY-MM-DD, on or before 2026-11-25, or nothing if unknown.\n"
    ) in out
    assert (
        "Error: 'yse' is not yes or no\n"
        "  Accepted: y, yes, n or no (Enter for the default).\n"
    ) in out
    data = load(target)
    assert (data["organization"]["sites"], data["organization"]["states"]) == (3, ["WA"])
    assert data["risk_analysis"]["last_performed"] == "2026-04-10"
    assert data["platforms"][0]["video"] == {"end_to_end_encryption": True}
    # Nothing shifted: the answers after the retried ones landed where they belong.
    assert data["business_associates"][0]["baa"] == {"status": "signed", "expires": "2027-01-15"}


def test_a_second_bad_piped_answer_stops_naming_the_question(tmp_path: Path) -> None:
    answers = list(FULL_ANSWERS)
    answers[12:13] = ["yse", "yes please"]  # E2EE, wrong twice
    target = tmp_path / "clinic.yaml"
    code, out, err = invoke(["init", str(target), "--as-of", AS_OF], "\n".join(answers) + "\n")
    assert code == 2
    assert err == (
        "phi-policy: standard input is not a terminal: reading the answers from it\n"
        "phi-policy: error: no valid answer to 'Are its video visits end-to-end encrypted?' "
        "(Platforms) after 2 tries: 'yes please' is not yes or no; nothing was written\n"
        "  hint: answer it with y, yes, n or no (Enter for the default); check that the piped "
        "answers are one per line, in the order of the questions\n"
    )
    assert out.count("Error: ") == 1  # asked once more, then stopped: no answer was eaten
    assert "Is a business associate agreement (BAA) signed" not in out
    assert not target.exists()


def test_at_a_terminal_a_question_is_asked_until_the_answer_is_right() -> None:
    from phi_policy.init.questionnaire import ask

    answers = list(FULL_ANSWERS)
    answers[3:4] = ["-1", "three", "1e3", "3"]  # sites, wrong three times
    with CliRunner().isolation(input="\n".join(answers) + "\n") as (out, _, _):
        given = ask(dt.date.fromisoformat(AS_OF), retries=None)
    assert given["sites"] == 3 and given["states"] == ["WA", "OR", "ID"]
    assert out.getvalue().decode().count("  Accepted: a whole number, 0 or more") == 3


@pytest.mark.parametrize(
    ("expiry", "baa"),
    [
        ("none", {"status": "signed"}),
        ("", {"status": "signed", "expires": AS_OF}),
        (
            "2026-12-31",
            {"status": "signed", "expires": "2026-12-31"},
        ),  # an expiry may be in the future
    ],
    ids=["no-expiry", "unknown", "future"],
)
def test_baa_expiry(tmp_path: Path, expiry: str, baa: dict[str, str]) -> None:
    answers = list(FULL_ANSWERS)
    answers[14] = expiry
    target = tmp_path / "clinic.yaml"
    code, _, err = invoke(["init", str(target), "--as-of", AS_OF], "\n".join(answers) + "\n")
    assert code == 0, err
    assert load(target)["business_associates"][0]["baa"] == baa
    if expiry == "":
        assert (
            f"      expires: {AS_OF}  # TODO: the real expiry date; until then it counts as "
            "expiring today" in (target.read_text(encoding="utf-8").splitlines())
        )


def test_unsigned_baa(tmp_path: Path) -> None:
    answers = list(FULL_ANSWERS)
    answers[13:15] = ["n"]  # BAA not signed: the expiry question is skipped
    target = tmp_path / "clinic.yaml"
    code, _, err = invoke(["init", str(target), "--as-of", AS_OF], "\n".join(answers) + "\n")
    assert code == 0, err
    data = load(target)
    assert data["business_associates"][0]["baa"] == {"status": "none"}
    assert (
        data["access_control"]["automatic_logoff_minutes"] == 15
    )  # the answers after it stay in step


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "phi-policy.yaml"
    original = b"schema_version: 1\r\n# hand-written, keep me\r\n"
    target.write_bytes(original)
    for args, stdin in ((["--defaults"], None), ([], "\n".join(FULL_ANSWERS) + "\n")):
        code, out, err = invoke(["init", str(target), *args], stdin)
        assert (code, out) == (2, "")
        assert err == (
            f"phi-policy: error: {target} already exists; nothing was written\n"
            "  hint: pass --force to overwrite it, or give another PATH\n"
        )
        assert target.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phi-policy.yaml"]


def test_force_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "phi-policy.yaml"
    target.write_text("old: true\n", encoding="utf-8")
    code, _, err = invoke(["init", str(target), "--defaults", "--force", "--as-of", AS_OF])
    assert (code, err) == (0, "")
    assert load(target)["schema_version"] == 1
    # no temp file left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org-config.schema.json",
                                                          "phi-policy.yaml"]


def test_a_different_schema_beside_the_config_is_kept_without_force(tmp_path: Path) -> None:
    beside = tmp_path / "org-config.schema.json"
    beside.write_text('{"title": "an older version"}\n', encoding="utf-8")
    target = tmp_path / "phi-policy.yaml"
    code, out, err = invoke(["init", str(target), "--defaults", "--as-of", AS_OF])
    assert code == 0 and target.exists()
    assert err == (
        f"phi-policy: note: kept {beside}, which is not this version's schema; "
        f"`phi-policy schema --write {beside} --force` replaces it\n"
    )
    assert beside.read_text(encoding="utf-8") == '{"title": "an older version"}\n'
    code, out, err = invoke(["init", str(target), "--defaults", "--force", "--as-of", AS_OF])
    assert (code, err) == (0, "")
    assert beside.read_bytes() == schema_path().read_bytes()
    assert out == next_steps(target, target.read_text("utf-8").count("# TODO:"))
    code, out, err = invoke(["init", str(target), "--defaults", "--force", "--as-of", AS_OF])
    assert out == next_steps(target, target.read_text("utf-8").count("# TODO:"), "kept")


def test_no_schema_writes_only_the_config(tmp_path: Path) -> None:
    target = tmp_path / "phi-policy.yaml"
    code, out, err = invoke(["init", str(target), "--defaults", "--no-schema", "--as-of", AS_OF])
    assert (code, err) == (0, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phi-policy.yaml"]
    assert "org-config.schema.json" not in out


def test_default_path_is_phi_policy_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke(["init", "--defaults", "--as-of", AS_OF])
    assert code == 0
    assert out.startswith("wrote phi-policy.yaml (")
    assert (tmp_path / "phi-policy.yaml").is_file()


def test_standard_input_that_ends_early(tmp_path: Path) -> None:
    target = tmp_path / "clinic.yaml"
    code, _, err = invoke(
        ["init", str(target), "--as-of", AS_OF], "\n".join(FULL_ANSWERS[:5]) + "\n"
    )
    assert code == 2
    assert err.endswith(
        "phi-policy: error: standard input ended before every question was answered; nothing was "
        "written\n"
        "  hint: answer every question, or run `phi-policy init --defaults`\n"
    )
    assert not target.exists()


def test_silent_standard_input_is_not_waited_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.name != "posix":
        pytest.skip("select() on pipes is POSIX only")
    read_end, write_end = os.pipe()
    monkeypatch.setattr(init_command, "STDIN_WAIT_SECONDS", 0.05)
    target = tmp_path / "clinic.yaml"
    with os.fdopen(read_end, "r") as silent:
        monkeypatch.setattr(sys, "stdin", silent)
        code = run(["init", str(target)])
    os.close(write_end)
    assert code == 2
    assert not target.exists()


def test_silent_standard_input_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.name != "posix":
        pytest.skip("select() on pipes is POSIX only")
    read_end, write_end = os.pipe()
    monkeypatch.setattr(init_command, "STDIN_WAIT_SECONDS", 0.05)
    with os.fdopen(read_end, "r") as silent:
        monkeypatch.setattr(sys, "stdin", silent)
        assert run(["init", str(tmp_path / "clinic.yaml")]) == 2
    os.close(write_end)
    assert capsys.readouterr().err == (
        "phi-policy: error: standard input is not a terminal and gives no answers\n"
        "  hint: run `phi-policy init --defaults` to write the conservative defaults without "
        "questions\n"
    )


def test_target_that_is_a_folder_or_in_a_missing_folder(tmp_path: Path) -> None:
    code, _, err = invoke(["init", str(tmp_path / "missing" / "phi-policy.yaml"), "--defaults"])
    assert (code, err) == (
        2,
        f"phi-policy: error: folder {tmp_path / 'missing'} does not exist\n  hint: create it "
        "first, or give another PATH\n",
    )


def test_a_failed_write_leaves_no_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "phi-policy.yaml"
    target.write_text("old: true\n", encoding="utf-8")

    def broken_replace(source: str, destination: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(init_command.os, "replace", broken_replace)
    # A write that fails is the user's to fix (exit 2, naming the file), not an internal error.
    with pytest.raises(UsageError, match="disk full"):
        init_command.write_atomic(target, "new: true\n")
    assert target.read_text(encoding="utf-8") == "old: true\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phi-policy.yaml"]


def test_written_file_is_readable_by_others(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    target = tmp_path / "phi-policy.yaml"
    init_command.write_atomic(target, "schema_version: 1\n")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_scalar_quotes_only_what_yaml_would_misread() -> None:
    assert [
        scalar(v) for v in (True, 3, "plain", "1.2", "a: b", "yes", "2026-04-10", ["WA", "OR"], [])
    ] == ["true", "3", "plain", "'1.2'", "'a: b'", "'yes'", "2026-04-10", "[WA, OR]", "[]"]


def test_questions_have_unique_keys_and_valid_defaults() -> None:
    keys = [q.key for q in QUESTIONS]
    assert len(keys) == len(set(keys))
    assert len(FULL_ANSWERS) == len(QUESTIONS)  # the full answer list asks every question once
    for q in QUESTIONS:
        if q.kind == "choice":
            assert q.default in q.choices, q.key


def assess_written(path: Path) -> Assessment:
    """The written config loaded and scored the way `phi-policy check` does."""
    catalog = load_catalog(entry_points=False)
    document = load_valid(path, catalog)
    return assess(document, catalog, Context(as_of=dt.date.fromisoformat(AS_OF)))


def test_care_areas_that_apply_are_declared_with_their_follow_ups(tmp_path: Path) -> None:
    target = tmp_path / "clinic.yaml"
    code, out, err = invoke(["init", str(target), "--as-of", AS_OF], "\n".join(FULL_ANSWERS) + "\n")
    assert code == 0, err
    for asked in (
        "Does the organization provide mental health or substance use disorder treatment? "
        "[y/n, empty if unknown]",
        "Do clinicians keep psychotherapy notes apart from the medical record?",
        "Is there a documented procedure for disclosures to avert a serious threat",
        "Does the patient consent for Part 2 disclosures meet the 2024 rule",
        "Does your procedure follow state law on when a parent acts for a minor",
        "The AI scribe tool's name (empty if unknown)",
        "Over which channels (comma-separated: landline, cellular, voip, app)",
    ):
        assert asked in out
    data = load(target)
    assert schema_errors(data) == []
    org = data["organization"]
    assert [org[k] for k in APPLICABILITY_KEYS] == [True, True, True, True]
    privacy = data["privacy"]
    assert privacy["psychotherapy_notes"] == {
        "kept": True,
        "kept_separately": True,
        "authorization_required": False,
    }
    assert privacy["serious_threat_disclosures"] == {"procedure_documented": True}
    assert privacy["personal_representatives"] == {
        "procedure_documented": False,
        "minors_state_law_applied": True,
    }
    assert data["part2"] == {
        "consent_form_updated": True,
        "patient_notice_updated": True,
        "breach_notification": False,
        "security_policies": True,
        "redisclosure_notice": True,
    }
    assert data["audio_only"] == {"channels": ["landline", "app"], "in_risk_analysis": True}
    lines = target.read_text(encoding="utf-8").splitlines()
    assert "  behavioral_health: true  # TELE-006, TELE-007 apply" in lines
    assert "    kept: true  # TELE-006 apply" in lines
    assessment = assess_written(target)
    assert assessment.to_declare == ()
    status = {r.control_id: r.outcome.status for r in assessment.results}
    assert [status[c] for c in ("TELE-001", "TELE-002", "TELE-003", "TELE-005", "TELE-009")] == [
        "pass"
    ] * 5
    assert [status[c] for c in ("TELE-004", "TELE-006")] == ["fail"] * 2  # no vendor, no auth


def test_care_areas_that_do_not_apply_ask_no_follow_ups(tmp_path: Path) -> None:
    target = tmp_path / "clinic.yaml"
    answers = FULL_ANSWERS[: -len(CARE_AREAS_THAT_APPLY)] + CARE_AREAS_THAT_DO_NOT_APPLY
    code, out, err = invoke(["init", str(target), "--as-of", AS_OF], "\n".join(answers) + "\n")
    assert code == 0, err
    for follow_up in (
        "psychotherapy notes",
        "serious threat",
        "Part 2 disclosures",
        "parent acts for a minor",
        "AI scribe tool's name",
        "Over which channels",
    ):
        assert follow_up not in out
    data = load(target)
    assert schema_errors(data) == []
    org = data["organization"]
    assert [org[k] for k in APPLICABILITY_KEYS] == [False, False, False, False]
    assert org["telehealth_services"] == ["video_visits"]
    assert set(data["privacy"]) == {"notice_of_privacy_practices", "minimum_necessary"}
    assert "part2" not in data and "audio_only" not in data
    assert [p["purpose"] for p in data["platforms"]] == ["video_visits"]
    assessment = assess_written(target)
    assert assessment.to_declare == ()
    status = {r.control_id: r.outcome.status for r in assessment.results}
    assert {status[c] for c in ("PART2-001", "TELE-001", "TELE-006", "TELE-009")} == {
        "not_applicable"
    }


def test_unknown_care_areas_are_left_to_declare(tmp_path: Path) -> None:
    target = tmp_path / "clinic.yaml"
    # Behavioral health applies, but whether psychotherapy notes are kept is not known; the
    # other areas are unknown (empty), and audio-only visits are offered over unknown channels.
    care = ["y", "", "n", "", "", "", "y", ""]
    answers = FULL_ANSWERS[: -len(CARE_AREAS_THAT_APPLY)] + care + ["n"]
    code, out, err = invoke(["init", str(target), "--as-of", AS_OF], "\n".join(answers) + "\n")
    assert code == 0, err
    assert "Are they kept in a separate" not in out  # asked only when notes are kept
    data = load(target)
    assert schema_errors(data) == []
    assert data["organization"]["behavioral_health"] is True
    assert not set(APPLICABILITY_KEYS[:3]) & set(data["organization"])
    assert "psychotherapy_notes" not in data["privacy"]
    assert data["privacy"]["serious_threat_disclosures"] == {"procedure_documented": False}
    assert data["audio_only"] == {"in_risk_analysis": False}
    lines = target.read_text(encoding="utf-8").splitlines()
    assert "  # treats_minors: false  # TODO: answer true or false" in lines
    assert "    # kept: false  # TODO: answer true or false" in lines
    assessment = assess_written(target)
    assert [d.pointer for d in assessment.to_declare] == [
        "/organization/holds_part2_records",
        "/organization/uses_ai_scribes",
        "/organization/treats_minors",
        "/privacy/psychotherapy_notes/kept",
        "/audio_only/channels",
    ]


def test_defaults_leave_every_applicability_key_to_declare(tmp_path: Path) -> None:
    target = tmp_path / "phi-policy.yaml"
    code, _, err = invoke(["init", str(target), "--defaults", "--as-of", AS_OF])
    assert (code, err) == (0, "")
    assert [d.pointer for d in assess_written(target).to_declare] == [
        f"/organization/{key}" for key in APPLICABILITY_KEYS
    ]


def test_a_scribe_from_the_video_vendor_shares_its_agreement(tmp_path: Path) -> None:
    answers = list(FULL_ANSWERS)
    scribe = len(FULL_ANSWERS) - len(CARE_AREAS_THAT_APPLY) + 14
    # Same vendor as the video platform: its BAA was asked about already, so that is skipped.
    answers[scribe : scribe + 3] = ["CareLink Scribe", "CareLink Health Inc."]
    target = tmp_path / "clinic.yaml"
    code, out, err = invoke(["init", str(target), "--as-of", AS_OF], "\n".join(answers) + "\n")
    assert code == 0, err
    assert out.count("Is a business associate agreement (BAA) signed") == 1
    data = load(target)
    assert [ba["name"] for ba in data["business_associates"]] == ["CareLink Health Inc."]
    assert data["platforms"][1]["business_associate"] == "CareLink Health Inc."
    assert data["audio_only"]["channels"] == ["landline", "app"]  # later answers in step
