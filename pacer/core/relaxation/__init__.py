"""Progressive relaxation: the sequence file, a plan, and the pure session timeline."""
