"""`python -m phi_policy` runs the same CLI as the `phi-policy` console script."""

from __future__ import annotations

from phi_policy.cli import main

if __name__ == "__main__":
    main()
