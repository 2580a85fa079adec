"""Git as a read-only source: configs, packs and commit facts at any revision."""
