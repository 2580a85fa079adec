"""Attacks on the gate and the evidence (issue 11), each built in a real git repository."""
