"""The pack loader: custom packs and entry points load like the built-in one, and a broken pack
fails with a PackError that names the file (and line) of the bad declaration.

Packs are written into tmp_path, and the built-in pack is swapped for a small one of ours
(`small_builtin`), so these tests do not move when the real controls change. The helpers here
are shared with the other catalog tests (tests/test_controls_cli.py, tests/test_catalog_docs.py).
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from phi_policy.catalog import pack_import, packs
from phi_policy.catalog.packs import load_catalog, load_dir
from phi_policy.cli import run
from phi_policy.errors import PackError

#: The line of the `@control(` decorator in a module written by `control_source`.
DECORATOR_LINE = 4


def control_source(
    id: str = "CUST-001",
    *,
    function: str = "custom_check",
    title: str = "Custom logoff",
    domain: str = "technical",
    cites: Sequence[str] = ("164.312(a)(2)(iii)",),
    basis: str = "addressable",
    severity: str = "high",
    weight: object = None,
    profiles: Sequence[str] = ("hipaa", "hipaa-2025-nprm"),
    legacy: str = "",
    doc: str = "Sessions left open are the commonest telehealth leak.",
) -> str:
    """A control module's text; its decorator is on line DECORATOR_LINE. `legacy` is an extra
    keyword line (the 0.1 spellings `requirement=` or `proposed=`)."""
    return (
        "from phi_policy.control import control, passed\n"
        "\n"
        "\n"
        "@control(\n"
        f"    id={id!r},\n"
        f"    title={title!r},\n"
        f"    domain={domain!r},\n"
        f"    cites={list(cites)!r},\n"
        f"    basis={basis!r},\n"
        f"    severity={severity!r},\n"
        f"    weight={weight!r},\n"
        '    risk="An open session shows ePHI to whoever walks by.",\n'
        '    rationale="An unattended session exposes ePHI.",\n'
        '    remediation="Set access_control.automatic_logoff_minutes to 15 or less.",\n'
        f"    profiles={list(profiles)!r},\n"
        f"    {legacy or 'partial_credit=None'},\n"
        ")\n"
        f"def {function}(config, ctx):\n"
        f"    {doc!r}\n"
        '    return passed("ok")\n'
    )


def write_pack(folder: Path, modules: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in modules.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


#: The stand-in built-in pack: two controls in two domains.
SMALL_BUILTIN = {
    "technical.py": control_source("TECH-001", title="Automatic logoff after 15 minutes or less"),
    "governance.py": control_source(
        "GOV-001",
        function="security_official",
        title="A security official is named",
        domain="governance",
        cites=("164.308(a)(2)",),
        basis="required",
        severity="critical",
        doc="Someone must own security.",
    ),
    "_helpers.py": "raise RuntimeError('helpers are never scanned')\n",
}


def install_small_builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Swap the built-in pack for SMALL_BUILTIN, and load no installed entry points."""
    folder = write_pack(tmp_path / "controls", SMALL_BUILTIN)
    monkeypatch.setattr(packs, "builtin_controls_dir", lambda: folder)
    monkeypatch.setattr("phi_policy.commands.controls.builtin_controls_dir", lambda: folder)
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kw: [])
    return folder


@contextlib.contextmanager
def forgetting_pack_modules() -> Iterator[None]:
    """Modules a test imports from its own tmp_path packs do not outlive it."""
    before = set(sys.modules)
    try:
        yield
    finally:
        for name in set(sys.modules) - before:
            if name.startswith(("phi_policy_pack_", "acme_")):
                del sys.modules[name]


@pytest.fixture()
def small_builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return install_small_builtin(tmp_path, monkeypatch)


@pytest.fixture(autouse=True)
def _forget_pack_modules() -> Iterator[None]:
    with forgetting_pack_modules():
        yield


def _fails(directory: Path) -> str:
    with pytest.raises(PackError) as info:
        load_catalog([directory], entry_points=False)
    return info.value.message


def test_custom_pack_appears_in_list(
    small_builtin: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    custom = write_pack(
        tmp_path / "ours", {"extra.py": control_source("ACME-001", title="Our own check")}
    )
    assert run(["controls", "list", "--controls", str(custom)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "ID        DOMAIN      SEVERITY  BASIS        WEIGHT  CITATION            TITLE",
        "ACME-001  technical   high      addressable  5       164.312(a)(2)(iii)  Our own check",
        "GOV-001   governance  critical  required     10      164.308(a)(2)       A security "
        "official is named",
        "TECH-001  technical   high      addressable  5       164.312(a)(2)(iii)  Automatic "
        "logoff after 15 minutes or less",
        "",
        "3 controls",
    ]


def test_catalog_records_pack_and_origin(small_builtin: Path, tmp_path: Path) -> None:
    custom = write_pack(tmp_path / "ours", {"extra.py": control_source("ACME-001")})
    catalog = load_catalog([custom], entry_points=False)
    assert catalog.packs == ("builtin", str(custom))
    acme = catalog.by_id()["ACME-001"]
    assert (acme.pack, acme.origin) == (str(custom), f"{custom / 'extra.py'}:{DECORATOR_LINE}")
    assert acme.doc == "Sessions left open are the commonest telehealth leak."
    assert [c.section for c in acme.citations] == ["164.312(a)(2)(iii)"]
    assert catalog.by_id()["TECH-001"].pack == "builtin"


def test_loading_twice_shares_no_state(small_builtin: Path) -> None:
    assert load_catalog(entry_points=False) == load_catalog(entry_points=False)


def test_helper_modules_are_not_scanned(small_builtin: Path) -> None:
    assert [c.id for c in load_catalog(entry_points=False).controls] == ["GOV-001", "TECH-001"]


def test_duplicate_ids_name_both_places(small_builtin: Path, tmp_path: Path) -> None:
    custom = write_pack(tmp_path / "ours", {"dup.py": control_source("TECH-001", function="again")})
    assert _fails(custom) == (
        "invalid control pack:\n"
        "  duplicate control id TECH-001: declared at "
        f"{small_builtin / 'technical.py'}:{DECORATOR_LINE} "
        f"and at {custom / 'dup.py'}:{DECORATOR_LINE}"
    )


def test_duplicate_within_one_pack(small_builtin: Path, tmp_path: Path) -> None:
    custom = write_pack(
        tmp_path / "ours",
        {"a.py": control_source("ACME-001"), "b.py": control_source("ACME-001", function="other")},
    )
    assert _fails(custom) == (
        "invalid control pack:\n"
        f"  duplicate control id ACME-001: declared at {custom / 'a.py'}:{DECORATOR_LINE} "
        f"and at {custom / 'b.py'}:{DECORATOR_LINE}"
    )


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        (
            {"id": "acme-1"},
            "id 'acme-1' does not match ^[A-Z][A-Z0-9]{1,7}-[0-9]{3}$ (e.g. 'TECH-003')",
        ),
        ({"weight": 0}, "ACME-001: weight must be a number greater than 0, not 0"),
        ({"weight": -2.5}, "ACME-001: weight must be a number greater than 0, not -2.5"),
        ({"weight": "3"}, "ACME-001: weight must be a number greater than 0, not '3'"),
        ({"weight": True}, "ACME-001: weight must be a number greater than 0, not True"),
        ({"cites": ()}, "ACME-001: cites nothing; every control cites at least one section"),
        (
            {"cites": ("164.999(z)",)},
            "ACME-001: unknown citation '164.999(z)'; cite a section such as '164.312(a)(2)(iii)', "
            "prefix proposed ones with 'NPRM ', or pass a phi_policy.model.Citation",
        ),
        (
            {"basis": "required"},
            "ACME-001: basis is 'required' but its first citation 164.312(a)(2)(iii) "
            "(Automatic logoff) is 'addressable'",
        ),
        (
            {"basis": "law"},
            "ACME-001: basis 'law' is not one of required, addressable, benchmark, proposed, "
            "other_law",
        ),
        (
            {"legacy": "requirement='addressable'"},
            "ACME-001: requirement='addressable' is the 0.1 spelling; declare basis= instead, "
            "one of required, addressable, benchmark, proposed, other_law (a control's legal "
            "basis is declared, never inferred)",
        ),
        (
            {"cites": ("NPRM 164.312(f)(2)(ii)",), "basis": "benchmark"},
            "ACME-001: cites the proposed rule (NPRM 164.312(f)(2)(ii)) but its basis is "
            "'benchmark'; proposed-rule sections belong only to basis='proposed' controls",
        ),
        (
            {"cites": ("21 U.S.C. 829(e)",), "basis": "required"},
            "ACME-001: cites 21 U.S.C. 829(e), which is not HIPAA, but its basis is 'required'; "
            "use basis='other_law'",
        ),
        (
            {"basis": "benchmark", "weight": 9},
            "ACME-001: weight 9 is above a high requirement's (5.0); a benchmark never weighs "
            "more than a legal requirement",
        ),
        (
            {"weight": 1},
            "ACME-001: weight 1 is below a high benchmark's (2.5); a legal requirement never "
            "weighs less than a benchmark",
        ),
        (
            {"domain": "security"},
            "ACME-001: domain 'security' is not one of governance, technical, "
            "administrative, physical, privacy",
        ),
        (
            {"severity": "urgent"},
            "ACME-001: severity 'urgent' is not one of critical, high, medium, low",
        ),
        (
            {"profiles": ("hipaa-2030",)},
            "ACME-001: profiles ['hipaa-2030'] must name some of hipaa, hipaa-2025-nprm",
        ),
    ],
    ids=[
        "id",
        "weight-zero",
        "weight-negative",
        "weight-string",
        "weight-bool",
        "no-citation",
        "unknown-citation",
        "basis-vs-citation",
        "basis-unknown",
        "legacy-requirement",
        "nprm-citation-outside-proposed",
        "other-law-citation-outside-other-law",
        "benchmark-weight-above-law",
        "law-weight-below-benchmark",
        "domain",
        "severity",
        "profile",
    ],
)
def test_bad_metadata_names_the_file_and_line(
    small_builtin: Path, tmp_path: Path, options: dict[str, object], problem: str
) -> None:
    custom = write_pack(
        tmp_path / "ours", {"bad.py": control_source(**{"id": "ACME-001", **options})}
    )
    assert (
        _fails(custom)
        == f"invalid control pack:\n  {custom / 'bad.py'}:{DECORATOR_LINE}: {problem}"
    )


def test_every_problem_is_reported_at_once(small_builtin: Path, tmp_path: Path) -> None:
    custom = write_pack(
        tmp_path / "ours", {"bad.py": control_source("ACME-001", weight=0, cites=())}
    )
    where = f"{custom / 'bad.py'}:{DECORATOR_LINE}"
    assert _fails(custom) == (
        "invalid control pack:\n"
        f"  {where}: ACME-001: weight must be a number greater than 0, not 0\n"
        f"  {where}: ACME-001: cites nothing; every control cites at least one section"
    )


def test_import_error_names_the_file(small_builtin: Path, tmp_path: Path) -> None:
    custom = write_pack(tmp_path / "ours", {"broken.py": "x = 1 / 0\n"})
    with pytest.raises(PackError) as info:
        load_catalog([custom], entry_points=False)
    assert info.value.message == (
        f"{custom / 'broken.py'}: the control module failed to import: ZeroDivisionError: "
        "division by zero"
    )
    assert info.value.hint == "fix the module, or remove it from the pack folder"


def test_syntax_error_names_the_file(small_builtin: Path, tmp_path: Path) -> None:
    custom = write_pack(tmp_path / "ours", {"broken.py": "def (:\n"})
    with pytest.raises(PackError) as info:
        load_catalog([custom], entry_points=False)
    assert info.value.message.startswith(
        f"{custom / 'broken.py'}: the control module failed to import: SyntaxError:"
    )


def test_empty_custom_pack_is_an_error(small_builtin: Path, tmp_path: Path) -> None:
    custom = write_pack(tmp_path / "ours", {"notes.py": "VALUE = 1\n"})
    assert _fails(custom) == (
        f"invalid control pack:\n  {custom}: no controls found (decorate functions with "
        "@phi_policy.control.control)"
    )


def test_pack_that_is_not_a_folder(small_builtin: Path, tmp_path: Path) -> None:
    with pytest.raises(PackError) as info:
        load_dir(tmp_path / "missing")
    assert info.value.message == f"control pack {tmp_path / 'missing'} is not a folder"


def test_broken_pack_on_the_command_line_exits_2(
    small_builtin: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    custom = write_pack(tmp_path / "ours", {"bad.py": control_source("ACME-001", weight=0)})
    assert run(["controls", "list", "--controls", str(custom)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "phi-policy: error: invalid control pack:\n"
        f"  {custom / 'bad.py'}:{DECORATOR_LINE}: ACME-001: weight must be a number greater than "
        "0, not 0\n"
    )


def test_unknown_profile() -> None:
    with pytest.raises(PackError) as info:
        packs.Catalog(()).for_profile("hipaa-1996")
    assert (info.value.message, info.value.hint) == (
        "unknown profile 'hipaa-1996'",
        "choose one of: hipaa, hipaa-2025-nprm",
    )


# ------------------------------------------------------------------ entry points


def _entry_points(monkeypatch: pytest.MonkeyPatch, *points: importlib.metadata.EntryPoint) -> None:
    """importlib.metadata lists `points` (and no other), as if an installed distribution
    declared them (test_a_real_distribution_declaring_a_pack_is_loaded installs one)."""

    def fake(**selection: str) -> list[importlib.metadata.EntryPoint]:
        return [p for p in points if p.group == selection.get("group")]

    monkeypatch.setattr(importlib.metadata, "entry_points", fake)
    monkeypatch.setattr(
        pack_import, "declared_somewhere", lambda group=pack_import.ENTRY_POINT_GROUP: True
    )


def _distribution(site: Path, name: str, entry_points: str) -> Path:
    """An installed distribution in folder `site`, as pip leaves one: a .dist-info folder."""
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return info


def test_a_real_distribution_declaring_a_pack_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No mock: the pack is found through sys.path, its dist-info and importlib.metadata."""
    site = tmp_path / "site"
    write_pack(site, {"acme_real.py": control_source("ACME-001", title="Really installed")})
    _distribution(site, "acme_real", "[console_scripts]\nacme = acme_real:main\n\n"
                  "[phi_policy.controls]\nacme = acme_real\n")
    monkeypatch.syspath_prepend(str(site))
    assert pack_import.declared_somewhere()
    catalog = load_catalog()
    assert catalog.by_id()["ACME-001"].pack == "entry point acme"
    assert "entry point acme" in catalog.packs


def test_folders_without_a_declaration_skip_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    _distribution(site, "other", "[console_scripts]\nother = other:main\n")
    (site / "plain-2.0.dist-info").mkdir()  # no entry_points.txt at all
    monkeypatch.setattr(sys, "path", [str(site), str(tmp_path / "missing")])
    assert not pack_import.declared_somewhere()
    _distribution(site, "acme", "[phi_policy.controls]\nacme = acme\n")
    assert pack_import.declared_somewhere()


def test_what_the_quick_look_cannot_read_is_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip on sys.path, an old-style .egg-info file, or a finder listing distributions of its
    own: the quick look says "maybe" and importlib.metadata decides."""
    archive = tmp_path / "packs.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert pack_import.declared_somewhere()
    egg = tmp_path / "eggs"
    egg.mkdir()
    (egg / "old-1.0.egg-info").write_text("Metadata-Version: 1.0\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(egg)])
    assert pack_import.declared_somewhere()

    class Finder:
        @staticmethod
        def find_distributions(*args: object, **kwargs: object) -> list[object]:
            return []

    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing")])
    assert not pack_import.declared_somewhere()
    monkeypatch.setattr(sys, "meta_path", [Finder, *sys.meta_path])
    assert pack_import.declared_somewhere()


def _ep(name: str, value: str) -> importlib.metadata.EntryPoint:
    return importlib.metadata.EntryPoint(
        name=name, value=value, group=pack_import.ENTRY_POINT_GROUP
    )


def test_entry_point_module(
    small_builtin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pack(
        tmp_path / "site", {"acme_module.py": control_source("ACME-001", title="From a module")}
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    _entry_points(monkeypatch, _ep("acme", "acme_module"))
    catalog = load_catalog()
    acme = catalog.by_id()["ACME-001"]
    assert (acme.title, acme.pack) == ("From a module", "entry point acme")
    assert catalog.packs == ("builtin", "entry point acme")


def test_entry_point_package_loads_every_module(
    small_builtin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pack(
        tmp_path / "site" / "acme_package",
        {
            "__init__.py": "",
            "one.py": control_source("ACME-001"),
            "two.py": control_source("ACME-002", function="second"),
        },
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    _entry_points(monkeypatch, _ep("acme", "acme_package"))
    ids = [c.id for c in load_catalog().controls]
    assert ids == ["ACME-001", "ACME-002", "GOV-001", "TECH-001"]


def test_entry_points_can_be_left_out(
    small_builtin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pack(tmp_path / "site", {"acme_module.py": control_source("ACME-001")})
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    _entry_points(monkeypatch, _ep("acme", "acme_module"))
    assert "ACME-001" not in load_catalog(entry_points=False).by_id()


def test_entry_point_that_fails_to_load(
    small_builtin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _entry_points(monkeypatch, _ep("acme", "acme_missing_module"))
    with pytest.raises(PackError) as info:
        load_catalog()
    assert info.value.message == (
        "entry point acme (acme_missing_module) failed to load: No module named "
        "'acme_missing_module'"
    )


def test_entry_point_naming_a_function(
    small_builtin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pack(tmp_path / "site", {"acme_module.py": control_source("ACME-001")})
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    _entry_points(monkeypatch, _ep("acme", "acme_module:custom_check"))
    with pytest.raises(PackError) as info:
        load_catalog()
    assert info.value.message == (
        "invalid control pack:\n  entry point acme (acme_module:custom_check) must name a module "
        "or package"
    )


def test_entry_point_duplicate_of_builtin(
    small_builtin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pack(tmp_path / "site", {"acme_module.py": control_source("TECH-001")})
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    _entry_points(monkeypatch, _ep("acme", "acme_module"))
    with pytest.raises(PackError) as info:
        load_catalog()
    assert info.value.message == (
        "invalid control pack:\n"
        "  duplicate control id TECH-001: declared at "
        f"{small_builtin / 'technical.py'}:{DECORATOR_LINE} "
        f"and at {tmp_path / 'site' / 'acme_module.py'}:{DECORATOR_LINE}"
    )


def test_a_loaded_catalog_can_be_loaded_again_in_a_spawned_worker(
    small_builtin: Path, tmp_path: Path
) -> None:
    import pickle

    custom = write_pack(tmp_path / "custom", {"acme.py": control_source("ACME-001")})
    catalog = load_catalog([custom], entry_points=False)
    reload = catalog.reloader()
    assert reload is not None
    assert pickle.loads(pickle.dumps(reload))() == catalog  # what a spawned worker does
    assert packs.Catalog(catalog.controls).reloader() is None  # built by hand: fork only
