"""The engine: evaluate controls, score, gate; `check` run end to end."""
