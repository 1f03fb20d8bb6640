"""Pages of judicial cooperation: ``requests`` (lists, drafting, the request page and its
steps, files) and ``judgments`` (court outcomes)."""
