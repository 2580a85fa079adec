"""phi-policy: policy-as-code HIPAA compliance checking for telemedicine."""

from __future__ import annotations

__version__ = "0.1.0"
