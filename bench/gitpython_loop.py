"""The straightforward way to score a config's history, for comparison with `phi-policy history`.

`python bench/gitpython_loop.py REPO [CONFIG]`: walk every commit of HEAD with GitPython's
`iter_commits`, look the config up in each commit's tree, and run the whole check (load,
validate, evaluate as of the commit's date) on every commit, in this one process. It prints
the number of commits checked. This is what a first script would do; `phi-policy history`
instead asks git only for the commits that changed the config, reads their blobs in one
stream, and loads each distinct version once.
"""

from __future__ import annotations

import sys

import git

from phi_policy.catalog.packs import load_catalog
from phi_policy.model import Context
from phi_policy.pipeline import assess, load_valid_text


def walk(path: str, config: str = "phi-policy.yaml") -> int:
    """Check the config at every commit of HEAD; the number of commits that had it."""
    catalog = load_catalog()
    checked = 0
    with git.Repo(path) as repo:
        for commit in repo.iter_commits("HEAD"):
            try:
                blob = commit.tree / config
            except KeyError:
                continue
            document = load_valid_text(blob.data_stream.read(), config, catalog)
            assess(document, catalog, Context(commit.committed_datetime.date(), "hipaa"))
            checked += 1
    return checked


if __name__ == "__main__":
    print(walk(*sys.argv[1:3]))
