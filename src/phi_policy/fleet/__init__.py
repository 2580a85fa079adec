"""Fleet mode: many configs assessed at once in worker processes."""
