"""`phi-policy controls list|show|coverage` over a small stand-in built-in pack.

The built-in pack is swapped for tests.test_packs.SMALL_BUILTIN (two controls), so every
output here is compared whole or line by line without moving when the real controls change;
tests/test_coverage.py runs the same command over the real pack.
"""

from __future__ import annotations

import importlib.metadata
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from phi_policy.cli import run
from tests.test_packs import (
    DECORATOR_LINE,
    control_source,
    forgetting_pack_modules,
    install_small_builtin,
    write_pack,
)

#: A custom pack with a proposed-rule readiness control and a privacy control citing two rules.
EXTRA_PACK = {
    "extra.py": control_source(
        "NPRM-001",
        title="Vulnerability scans every 6 months",
        domain="technical",
        cites=("NPRM 164.312(h)(2)(i)",),
        basis="proposed",
        severity="medium",
        profiles=("hipaa-2025-nprm",),
    ),
    "privacy.py": control_source(
        "PRIV-001",
        function="breach_notice",
        title="Individuals are notified of a breach within 60 days",
        domain="privacy",
        cites=("164.404(b)", "164.308(a)(6)(ii)"),
        basis="required",
        severity="low",
    ),
}


@pytest.fixture()
def small_builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return install_small_builtin(tmp_path, monkeypatch)


@pytest.fixture(autouse=True)
def _forget_pack_modules() -> Iterator[None]:
    with forgetting_pack_modules():
        yield


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture()
def extra(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "extra", EXTRA_PACK)


# ------------------------------------------------------------------ list


def test_list_text(small_builtin: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "controls", "list") == (
        0,
        "ID        DOMAIN      SEVERITY  BASIS        WEIGHT  CITATION            TITLE\n"
        "GOV-001   governance  critical  required     10      164.308(a)(2)       A security "
        "official is named\n"
        "TECH-001  technical   high      addressable  5       164.312(a)(2)(iii)  Automatic "
        "logoff after 15 minutes or less\n"
        "\n"
        "2 controls\n",
        "",
    )


@pytest.mark.parametrize(
    ("options", "ids"),
    [
        (["--domain", "technical"], ["NPRM-001", "TECH-001"]),
        (["--domain", "technical", "--domain", "privacy"], ["NPRM-001", "PRIV-001", "TECH-001"]),
        (["--severity", "critical"], ["GOV-001"]),
        (["--severity", "low", "--severity", "medium"], ["NPRM-001", "PRIV-001"]),
        (["--profile", "hipaa"], ["GOV-001", "PRIV-001", "TECH-001"]),
        (["--profile", "hipaa-2025-nprm"], ["GOV-001", "NPRM-001", "PRIV-001", "TECH-001"]),
        (["--profile", "hipaa", "--domain", "technical", "--severity", "high"], ["TECH-001"]),
        (["--basis", "proposed"], ["NPRM-001"]),
        (["--basis", "required", "--basis", "addressable"], ["GOV-001", "PRIV-001", "TECH-001"]),
    ],
)
def test_list_filters(
    small_builtin: Path,
    extra: Path,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    ids: list[str],
) -> None:
    code, out, _ = cli(
        capsys, "controls", "list", "--controls", str(extra), "--format", "json", *options
    )
    assert code == 0
    assert [c["id"] for c in json.loads(out)["controls"]] == ids


def test_list_nothing_matches(small_builtin: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "controls", "list", "--domain", "physical") == (0, "no controls match\n", "")


def test_list_rejects_an_unknown_domain(
    small_builtin: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "controls", "list", "--domain", "security")
    assert (code, out) == (2, "")
    assert "Invalid value for '--domain': 'security' is not one of" in err


def test_list_markdown(small_builtin: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "controls", "list", "--format", "markdown", "--severity", "critical") == (
        0,
        "| ID | Domain | Severity | Basis | Weight | Citation | Title |\n"
        "|---|---|---|---|---|---|---|\n"
        "| GOV-001 | governance | critical | required | 10 | 164.308(a)(2) | A security official "
        "is named |\n"
        "\n"
        "1 control\n",
        "",
    )


def test_list_json_has_every_field(
    small_builtin: Path, extra: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(
        capsys,
        "controls",
        "list",
        "--controls",
        str(extra),
        "--format",
        "json",
        "--domain",
        "privacy",
    )
    assert code == 0
    assert json.loads(out) == {
        "count": 1,
        "controls": [
            {
                "id": "PRIV-001",
                "title": "Individuals are notified of a breach within 60 days",
                "domain": "privacy",
                "severity": "low",
                "basis": "required",
                "basis_text": "required by HIPAA",
                "risk": "An open session shows ePHI to whoever walks by.",
                "partial_credit": None,
                "tailorable": None,
                "weight": 1.0,
                "citations": [
                    {
                        "framework": "HIPAA Breach Notification Rule",
                        "section": "164.404(b)",
                        "title": "Individual notice deadline",
                        "requirement": None,
                    },
                    {
                        "framework": "HIPAA Security Rule",
                        "section": "164.308(a)(6)(ii)",
                        "title": "Response and reporting",
                        "requirement": "required",
                    },
                ],
                "profiles": ["hipaa", "hipaa-2025-nprm"],
                "rationale": "An unattended session exposes ePHI.",
                "remediation": "Set access_control.automatic_logoff_minutes to 15 or less.",
                "doc": "Sessions left open are the commonest telehealth leak.",
                "pack": str(extra),
                "origin": f"{(extra / 'privacy.py').as_posix()}:{DECORATOR_LINE}",
            }
        ],
    }


def test_entry_points_are_included_by_default(
    small_builtin: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_pack(
        tmp_path / "site", {"acme_cli.py": control_source("ACME-001", title="Installed check")}
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    point = importlib.metadata.EntryPoint(
        name="acme", value="acme_cli", group="phi_policy.controls"
    )
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda **kw: [point] if kw.get("group") == point.group else [],
    )
    monkeypatch.setattr("phi_policy.catalog.pack_import.declared_somewhere", lambda group="": True)
    code, out, _ = cli(capsys, "controls", "list", "--format", "json")
    assert code == 0
    assert [(c["id"], c["pack"]) for c in json.loads(out)["controls"]] == [
        ("ACME-001", "entry point acme"),
        ("GOV-001", "builtin"),
        ("TECH-001", "builtin"),
    ]
    code, out, _ = cli(capsys, "controls", "list", "--format", "json", "--no-entry-points")
    assert code == 0
    assert [c["id"] for c in json.loads(out)["controls"]] == ["GOV-001", "TECH-001"]


# ------------------------------------------------------------------ show


SHOW_TECH_001 = """\
TECH-001  Automatic logoff after 15 minutes or less

  domain       technical (Technical safeguards)
  basis        addressable: addressable HIPAA specification (164.306(d)(3))
  severity     high: An open session shows ePHI to whoever walks by.
  weight       5 (from severity and basis)
  partial      none: the control passes or fails
  tailorable   no
  profiles     hipaa, hipaa-2025-nprm
  origin       builtin pack, controls/technical.py:4

Citations
  164.312(a)(2)(iii)  Automatic logoff  (HIPAA Security Rule)

Why it matters
  An unattended session exposes ePHI.

  Sessions left open are the commonest telehealth leak.

How to fix
  Set access_control.automatic_logoff_minutes to 15 or less.
"""


@pytest.mark.parametrize("given", ["TECH-001", "tech-001"])
def test_show_text(small_builtin: Path, capsys: pytest.CaptureFixture[str], given: str) -> None:
    assert cli(capsys, "controls", "show", given) == (0, SHOW_TECH_001, "")


def test_show_a_proposed_control_from_a_custom_pack(
    small_builtin: Path, extra: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "controls", "show", "NPRM-001", "--controls", str(extra))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "NPRM-001  Vulnerability scans every 6 months"
    assert lines[3] == "  basis        proposed: proposed rule, not in force"
    assert lines[8:10] == [
        "  profiles     hipaa-2025-nprm",
        f"  origin       {extra} pack, {(extra / 'extra.py').as_posix()}:{DECORATOR_LINE}",
    ]
    assert lines[11:13] == [
        "Citations",
        "  NPRM 164.312(h)(2)(i)  Vulnerability scanning at least every 6 months  (HIPAA Security "
        "Rule NPRM 2025 (proposed))",
    ]


def test_show_aligns_several_citations(
    small_builtin: Path, extra: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "controls", "show", "PRIV-001", "--controls", str(extra))
    lines = out.splitlines()
    assert code == 0
    assert lines[lines.index("Citations") + 1 : lines.index("Citations") + 3] == [
        "  164.404(b)         Individual notice deadline  (HIPAA Breach Notification Rule)",
        "  164.308(a)(6)(ii)  Response and reporting  (HIPAA Security Rule)",
    ]


def test_show_unknown_id_suggests_the_closest(
    small_builtin: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "controls", "show", "TECH-01") == (
        2,
        "",
        "phi-policy: error: unknown control 'TECH-01'\n  hint: did you mean TECH-001?\n",
    )


def test_show_unknown_id_without_a_close_match(
    small_builtin: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "controls", "show", "XYZ") == (
        2,
        "",
        "phi-policy: error: unknown control 'XYZ'\n  hint: run `phi-policy controls list` to see "
        "the ids\n",
    )


def test_show_json(small_builtin: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "controls", "show", "GOV-001", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert (data["id"], data["severity"], data["weight"], data["origin"], data["pack"]) == (
        "GOV-001",
        "critical",
        10.0,
        f"controls/governance.py:{DECORATOR_LINE}",
        "builtin",
    )
    assert data["citations"] == [
        {
            "framework": "HIPAA Security Rule",
            "section": "164.308(a)(2)",
            "title": "Assigned security responsibility",
            "requirement": "required",
        }
    ]


def test_show_markdown(small_builtin: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "controls", "show", "GOV-001", "--format", "markdown")
    assert code == 0
    assert out == (
        '<a id="gov-001"></a>\n'
        "### GOV-001: A security official is named\n"
        "\n"
        "| Field | Value |\n"
        "|---|---|\n"
        "| ID | `GOV-001` |\n"
        "| Domain | Organizational governance |\n"
        "| Legal basis | required: required by HIPAA |\n"
        "| Severity | critical: An open session shows ePHI to whoever walks by. |\n"
        "| Weight | 10 (from severity and basis) |\n"
        "| Partial credit | none: the control passes or fails |\n"
        "| Tailorable by a decision | no |\n"
        "| Profiles | `hipaa`, `hipaa-2025-nprm` |\n"
        "| Source | `controls/governance.py:4` |\n"
        "\n"
        "#### Citations\n"
        "\n"
        "- HIPAA Security Rule 164.308(a)(2): Assigned security responsibility\n"
        "\n"
        "#### Why it matters\n"
        "\n"
        "An unattended session exposes ePHI.\n"
        "\n"
        "Someone must own security.\n"
        "\n"
        "#### How to fix\n"
        "\n"
        "Set access_control.automatic_logoff_minutes to 15 or less.\n"
    )


# ------------------------------------------------------------------ coverage


def test_coverage_text_flags_what_is_not_cited(
    small_builtin: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "controls", "coverage")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:4] == [
        "HIPAA Security Rule (45 CFR 164 Subpart C): standards, implementation specifications and "
        "the controls citing them",
        "",
        "Administrative safeguards (164.308)",
        "  SECTION                 KIND      R/A  TITLE                                           "
        "                            CONTROLS",
    ]
    assert (
        "  164.308(a)(2)           standard  R    Assigned security responsibility"
        + " " * 44
        + "GOV-001"
        in lines
    )
    assert (
        "    164.312(a)(2)(iii)    spec      A    Automatic logoff" + " " * 60 + "TECH-001" in lines
    )
    assert (
        "    164.312(a)(2)(iv)     spec      A    Encryption and decryption"
        + " " * 51
        + "NOT CITED"
        in lines
    )
    assert lines[-2] == (
        "2 of 65 Security Rule standards and implementation specifications cited "
        "(1 of 22 standards, 1 of 43 implementation specifications)"
    )
    assert lines[-1].startswith("not cited by any control: 164.308(a)(1), 164.308(a)(1)(ii)(A), ")
    assert lines[-1].endswith(", 164.316(b)(2)(ii), 164.316(b)(2)(iii)")
    assert len(lines[-1].split(": ", 1)[1].split(", ")) == 63


def test_coverage_lists_other_rules_cited(
    small_builtin: Path, extra: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "controls", "coverage", "--controls", str(extra))
    lines = out.splitlines()
    assert code == 0
    start = lines.index("Other sections cited (Breach Notification, Privacy and other rules)")
    assert lines[start + 1 : start + 4] == [
        "  SECTION     RULE                      TITLE                       CONTROLS",
        "  164.404(b)  Breach Notification Rule  Individual notice deadline  PRIV-001",
        "",
    ]
    assert (
        "    164.308(a)(6)(ii)     spec      R    Response and reporting" + " " * 54 + "PRIV-001"
        in lines
    )


def test_coverage_json(
    small_builtin: Path, extra: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "controls", "coverage", "--controls", str(extra), "--format", "json")
    data = json.loads(out)
    assert code == 0
    summary = data["summary"]
    assert {k: v for k, v in summary.items() if k != "uncovered"} == {
        "cited": 3,
        "total": 65,
        "standards_cited": 1,
        "standards": 22,
        "implementation_specs_cited": 2,
        "implementation_specs": 43,
        "complete": False,
    }
    assert "164.308(a)(6)(ii)" not in summary["uncovered"]
    by_citation = {s["citation"]: s for s in data["sections"]}
    assert by_citation["164.404(b)"] == {
        "citation": "164.404(b)",
        "title": "Individual notice deadline",
        "source": "breach_rule",
        "kind": "section",
        "requirement": None,
        "safeguard": None,
        "parent": None,
        "controls": ["PRIV-001"],
        "covered": True,
    }
    assert by_citation["164.312(a)(2)(iii)"]["controls"] == ["TECH-001"]
    assert by_citation["164.312(a)(1)"]["covered"] is False
    assert "NPRM 164.312(h)(2)(i)" not in by_citation


def test_coverage_markdown(small_builtin: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "controls", "coverage", "--format", "markdown")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == (
        "**2 of 65 Security Rule standards and implementation specifications cited "
        "(1 of 22 standards, 1 of 43 implementation specifications).**"
    )
    assert (
        "| 164.308(a)(2) | Standard | Required | Assigned security responsibility | GOV-001 |"
        in lines
    )
    assert (
        "| &nbsp;&nbsp;164.312(a)(2)(iii) | Implementation specification | Addressable | "
        "Automatic logoff | TECH-001 |" in lines
    )
    assert "| 164.312(b) | Standard | Required | Audit controls | **not cited** |" in lines


def test_controls_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "controls", "--help")
    assert code == 0
    commands = out.split("Commands:")[1].strip().split("\n\n")[0]  # the exit status follows
    assert [line.split()[0] for line in commands.splitlines()] == [
        "coverage",
        "list",
        "show",
    ]
