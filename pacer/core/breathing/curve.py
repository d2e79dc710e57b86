"""How far the belly is risen (0 = resting low, 1 = full) within a phase.

A half-cosine ease: it starts and ends with zero speed, so the motion never jerks at a
phase boundary, and it is symmetric so the long exhale reads as a slow, even release.
"""

from __future__ import annotations

import math

from pacer.core.breathing.pattern import Phase


def ease_in_out(progress: float) -> float:
    p = min(max(progress, 0.0), 1.0)
    return 0.5 - 0.5 * math.cos(math.pi * p)


def belly_level(phase: Phase, progress: float) -> float:
    if phase is Phase.INHALE:
        return ease_in_out(progress)
    if phase is Phase.HOLD:
        return 1.0
    if phase is Phase.EXHALE:
        return 1.0 - ease_in_out(progress)
    return 0.0
