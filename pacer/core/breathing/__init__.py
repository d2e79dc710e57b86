"""Belly breathing: patterns, presets, the breath curve and the session timeline."""

from pacer.core.breathing.pattern import BreathPattern, PatternError, Phase
from pacer.core.breathing.timeline import BreathingTimeline, BreathSnapshot

__all__ = ["BreathPattern", "BreathSnapshot", "BreathingTimeline", "PatternError", "Phase"]
