"""Belly breathing on the practice surface: the figure and its words, nothing else."""

from __future__ import annotations

from pacer.core.breathing.timeline import BreathSnapshot
from pacer.core.breathing.wording import PHASE_WORDS
from pacer.core.pacing import until_whole_second
from pacer.core.surface import SurfaceState, remaining_text


def breathing_surface(total: float | None, snapshot: BreathSnapshot) -> SurfaceState:
    """``total``: the session's length in seconds, or None when it has no set length."""
    return SurfaceState(
        breath=snapshot,
        words=PHASE_WORDS[snapshot.phase],
        step=None,
        progress=None if total is None else min(snapshot.elapsed / total, 1.0),
        remaining=remaining_text(snapshot.remaining),
        finished=snapshot.finished,
        announcement=PHASE_WORDS[snapshot.phase].announcement,
        # The words change with the phase, the time left with each whole second.
        changes_in=min(snapshot.phase_remaining, until_whole_second(snapshot.remaining)),
        seconds_left=snapshot.remaining,
    )
