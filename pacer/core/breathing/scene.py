"""What the pacer picture should show for a snapshot: a few numbers, computed once per frame.

Kept out of paint code so the drawing only draws, and so the look can be tested without Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pacer.core.breathing.curve import ease_in_out
from pacer.core.breathing.pattern import Phase
from pacer.core.breathing.timeline import BreathSnapshot
from pacer.core.pacing import next_step_boundary

TINT_BLEND_SECONDS = 0.8  # colours drift into the new phase instead of switching
REDUCED_MOTION_LEVEL = 0.5


@dataclass(frozen=True)
class PacerScene:
    rise: float  # how high the belly is drawn, 0..1
    glow: float  # brightness of the soft glow, 0..1
    let_go: float  # 0 = in-breath colour, 1 = the calm out-breath colour
    phase: Phase


GLOW_LEVEL = 0.35  # the glow's brightness at a full belly, when the figure moves


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
    return PacerScene(
        snapshot.belly, GLOW_LEVEL * snapshot.belly, _let_go(snapshot), snapshot.phase
    )


def resting_scene() -> PacerScene:
    return PacerScene(0.0, 0.0, 1.0, Phase.REST)


def steady_breath_scene(belly: float, phase: Phase, reduced_motion: bool) -> PacerScene:
    """The small pacer that keeps breathing under another practice (no colour blending)."""
    let_go = 1.0 if phase in (Phase.EXHALE, Phase.REST) else 0.0
    if reduced_motion:
        return PacerScene(REDUCED_MOTION_LEVEL, belly, let_go, phase)
    return PacerScene(belly, 0.35 * belly, let_go, phase)


def _ease_inverse(level: float) -> float:
    """The progress at which :func:`ease_in_out` reaches ``level``."""
    return math.acos(1.0 - 2.0 * min(max(level, 0.0), 1.0)) / math.pi


def seconds_until_scene_change(
    snapshot: BreathSnapshot,
    reduced_motion: bool,
    rise_steps: float,
    glow_steps: float,
    let_go_steps: float,
) -> float:
    """Practised seconds until :func:`pacer_scene`, rounded to these steps, looks different.

    Never later than the end of the phase. A picture that rounds the belly's rise to
    ``rise_steps`` (its glow following the rise), the still figure's glow to ``glow_steps``
    and the colour blend to ``let_go_steps`` can wait this long without missing a visible
    change.
    """
    phase, within, length = snapshot.phase, snapshot.phase_elapsed, snapshot.phase_duration
    when = [length]
    moving = phase in (Phase.INHALE, Phase.EXHALE)
    if moving:
        rising = phase is Phase.INHALE
        # Moving, the glow follows the rise step for step; still, the glow alone breathes
        # with the belly's level.
        steps = glow_steps if reduced_motion else rise_steps
        level = next_step_boundary(snapshot.belly, rising, steps)
        if level is not None and 0.0 <= level <= 1.0:
            when.append(length * _ease_inverse(level if rising else 1.0 - level))
    blending = phase is Phase.EXHALE or (phase is Phase.INHALE and snapshot.breath_index > 0)
    if blending and within < TINT_BLEND_SECONDS:
        rising = phase is Phase.EXHALE  # toward the out-breath colour, or back from it
        target = next_step_boundary(_let_go(snapshot), rising, let_go_steps)
        if target is not None and 0.0 <= target <= 1.0:
            progress = _ease_inverse(target if rising else 1.0 - target)
            when.append(TINT_BLEND_SECONDS * progress)
    later = [t - within for t in when if t > within]
    return min(later) if later else 0.0
