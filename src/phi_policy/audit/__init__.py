"""The audit trail: history, control timelines, evidence bundles and their verification."""
