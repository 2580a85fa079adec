"""A fleet diff pairs every config across a rename and fails on a deleted one (item 3).

Renames were paired only on identical bytes, so `git mv` plus a weakening read as one new
config and one gone, and passed; deleting a config of the fleet passed too.
"""

from __future__ import annotations

import json

import pytest

from tests import gitrepo
from tests.gitrepo import CONFIG, GitRepo, edit, lakeside_text
from tests.security._attack import AS_OF, RIVERBEND, cli

isolated_git = gitrepo.isolated_git
lakeside_repo = gitrepo.lakeside_repo
make_repo = gitrepo.make_repo

LOGOFF_15 = "automatic_logoff_minutes: 15 "
LOGOFF_60 = "automatic_logoff_minutes: 60 "


def test_a_config_moved_and_weakened_is_compared_with_its_old_self(
    lakeside_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    lakeside_repo.git("mv", CONFIG, "hq.yaml")
    lakeside_repo.commit("Rename the config", files={
        "hq.yaml": edit(lakeside_text(), LOGOFF_15, LOGOFF_60)})
    code, out, err = cli(capsys, "diff", "main", "HEAD", "--config", "*.yaml", *AS_OF,
                         "--format", "json")
    data = json.loads(out)
    assert [(c["path"], c["status"]) for c in data["configs"]] == [("hq.yaml", "compared")]
    assert data["configs"][0]["diff"]["notes"] == [
        f"the config was renamed from {CONFIG} to hq.yaml"]
    assert code == 1
    assert "hq.yaml: the score dropped" in err


@pytest.fixture()
def two_sites(lakeside_repo: GitRepo) -> GitRepo:
    lakeside_repo.checkout("main")
    lakeside_repo.commit("A second site", files={"clinic.yaml": RIVERBEND.read_text("utf-8")})
    lakeside_repo.git("checkout", "-q", "-B", "feature")
    return lakeside_repo


def test_deleting_a_config_of_the_fleet_fails_unless_said_to_be_intended(
    two_sites: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    two_sites.git("rm", "-q", "clinic.yaml")
    two_sites.commit("Drop the clinic from the gate")
    code, out, err = cli(capsys, "diff", "main", "HEAD", "--config", "*.yaml", *AS_OF)
    assert code == 1, out
    assert err.splitlines() == [
        "phi-policy: gate failed: clinic.yaml: the config was deleted at the head; a fleet "
        "loses a site only on purpose (pass --allow-deleted-configs when the deletion is "
        "intended)"
    ]
    code, _, err = cli(capsys, "diff", "main", "HEAD", "--config", "*.yaml", *AS_OF,
                       "--allow-deleted-configs")
    assert (code, err) == (0, "")


def test_a_config_that_is_a_link_in_a_fleet_is_refused(
    two_sites: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    (two_sites.path / "clinic.yaml").unlink()
    (two_sites.path / "clinic.yaml").symlink_to(CONFIG)
    two_sites.commit("The clinic now follows HQ")
    code, out, err = cli(capsys, "diff", "main", "HEAD", "--config", "*.yaml", *AS_OF)
    assert code == 2, out
    assert err.startswith("phi-policy: error: clinic.yaml is a symbolic link at the head")
