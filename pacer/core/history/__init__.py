"""Practice days, runs of days and plain summaries, computed from the log (pure)."""
