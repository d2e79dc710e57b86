"""Trainer practice on the practice surface: the figure breathing, the stage above it.

No countdown anywhere: the practice stage offers each out-breath as a moment one may go on,
if and when it feels right, and the words under the figure say so gently.
"""

from __future__ import annotations

import math

from pacer.core.surface import StepTone, StepView, SurfaceState
from pacer.core.trainer.timeline import TrainerSnapshot, TrainerStage
from pacer.core.trainer.words import CLOSE_EARLY_HINT, describe


def trainer_surface(snapshot: TrainerSnapshot) -> SurfaceState:
    words = describe(snapshot)
    practising = snapshot.stage is TrainerStage.PRACTICE
    step = StepView(
        where="",
        heading=words.title,
        detail=words.line,
        countdown="",
        next=CLOSE_EARLY_HINT if practising else "",
        tone=StepTone.INVITE if snapshot.moment_offered else StepTone.CALM,
        progress=0.0,
    )
    return SurfaceState(
        breath=snapshot.breath,
        words=words.phase,
        step=step,
        progress=snapshot.progress,
        remaining=words.remaining,
        finished=snapshot.finished,
        announcement=words.spoken,
        # The words change with the breath's phase (stages begin with a breath); the
        # "about N minutes left" line when the remaining time passes a half minute.
        changes_in=min(snapshot.breath.phase_remaining, _until_minutes_change(snapshot.remaining)),
        seconds_left=None if snapshot.finished else snapshot.remaining,
    )


def _until_minutes_change(remaining: float) -> float:
    """Seconds until ``remaining_text`` says another number of minutes (it rounds)."""
    if remaining <= 0:
        return math.inf
    boundary = (math.floor(remaining / 60 - 0.5) + 0.5) * 60
    return remaining - boundary if remaining > boundary else 60.0
