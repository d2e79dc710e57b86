"""What the pacer picture should show for a snapshot: a few numbers, computed once per frame.

Kept out of paint code so the drawing only draws, and so the look can be tested without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from pacer.core.breathing.curve import ease_in_out
from pacer.core.breathing.pattern import Phase
from pacer.core.breathing.timeline import BreathSnapshot

TINT_BLEND_SECONDS = 0.8  # colours drift into the new phase instead of switching
REDUCED_MOTION_LEVEL = 0.5


@dataclass(frozen=True)
class PacerScene:
    rise: float  # how high the belly is drawn, 0..1
    glow: float  # brightness of the soft glow, 0..1
    let_go: float  # 0 = in-breath colour, 1 = the calm out-breath colour
    phase: Phase


def _let_go(snapshot: BreathSnapshot) -> float:
    blend = ease_in_out(snapshot.phase_elapsed / TINT_BLEND_SECONDS)
    if snapshot.phase is Phase.EXHALE:
        return blend
    if snapshot.phase is Phase.REST:
        return 1.0
    if snapshot.phase is Phase.INHALE and snapshot.breath_index > 0:
        return 1.0 - blend
    return 0.0


def pacer_scene(snapshot: BreathSnapshot, reduced_motion: bool) -> PacerScene:
    if reduced_motion:
        # No movement: the belly stays put and only the brightness breathes.
        return PacerScene(REDUCED_MOTION_LEVEL, snapshot.belly, _let_go(snapshot), snapshot.phase)
    return PacerScene(snapshot.belly, 0.35 * snapshot.belly, _let_go(snapshot), snapshot.phase)


def resting_scene() -> PacerScene:
    return PacerScene(0.0, 0.0, 1.0, Phase.REST)


def steady_breath_scene(belly: float, phase: Phase, reduced_motion: bool) -> PacerScene:
    """The small pacer that keeps breathing under another practice (no colour blending)."""
    let_go = 1.0 if phase in (Phase.EXHALE, Phase.REST) else 0.0
    if reduced_motion:
        return PacerScene(REDUCED_MOTION_LEVEL, belly, let_go, phase)
    return PacerScene(belly, 0.35 * belly, let_go, phase)
