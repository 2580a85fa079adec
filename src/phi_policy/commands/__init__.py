"""One module per `phi-policy` subcommand; `phi_policy.cli` imports each only when it runs."""
