"""Pull-request review: two assessments compared, the trust checks, the diff run."""
