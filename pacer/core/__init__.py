"""Pacer's Qt-free core: timing, patterns, sequences, synthesis, the log, streaks, export.

Nothing under this package may import Qt or pyqtgraph (tests/test_architecture.py checks).
"""
