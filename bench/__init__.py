"""Benchmarks: ``python -m bench`` (or ``make bench``). Figures are printed, never asserted."""
