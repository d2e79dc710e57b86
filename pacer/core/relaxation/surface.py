"""Progressive relaxation on the practice surface: the step above, the breath in the centre.

The figure keeps breathing through every step — settling in, clenching, letting go and the
closing breaths — because the breath never stops during this practice.
"""

from __future__ import annotations

import math

from pacer.core.breathing.wording import PHASE_WORDS
from pacer.core.pacing import until_whole_second
from pacer.core.relaxation.timeline import RelaxationSnapshot, Stage
from pacer.core.relaxation.words import describe, effort_words
from pacer.core.surface import StepTone, StepView, SurfaceState, remaining_text

_TONES = {
    Stage.LEAD_IN: StepTone.CALM,
    Stage.CLENCH: StepTone.CLENCH,
    Stage.RELEASE: StepTone.RELEASE,
    Stage.CLOSING: StepTone.CALM,
    Stage.FINISHED: StepTone.CALM,
}


def step_heading(snapshot: RelaxationSnapshot) -> str:
    step = snapshot.step
    if step is None:
        return "Rest as long as you like"
    if step.stage is Stage.CLENCH and step.effort is not None:
        return f"Clench — {effort_words(step.effort)}"
    return {
        Stage.LEAD_IN: "Settle in",
        Stage.CLENCH: "Clench",
        Stage.RELEASE: "Let go and notice",
        Stage.CLOSING: "Slow belly breathing",
    }[step.stage]


def relaxation_surface(snapshot: RelaxationSnapshot) -> SurfaceState:
    words = describe(snapshot)
    step = StepView(
        where=words.where,
        heading=step_heading(snapshot),
        detail=words.instruction,
        countdown=words.countdown,
        next=words.next,
        tone=_TONES[snapshot.stage],
        progress=snapshot.step_progress,
        seconds_left=None if snapshot.step is None else snapshot.step_remaining,
    )
    closing = snapshot.stage is Stage.CLOSING
    return SurfaceState(
        breath=snapshot.breathing,
        words=PHASE_WORDS[snapshot.breath_phase],
        step=step,
        progress=snapshot.progress,
        remaining="" if snapshot.finished else remaining_text(snapshot.remaining),
        finished=snapshot.finished,
        # Steps are spoken as they begin; in the closing breaths, each in- and out-breath.
        announcement=PHASE_WORDS[snapshot.breath_phase].announcement if closing else words.spoken,
        # Words change with the breath's phase and the step; countdowns with whole seconds.
        changes_in=min(
            snapshot.breathing.phase_remaining,
            math.inf if snapshot.step is None else snapshot.step_remaining,
            until_whole_second(snapshot.step_remaining if snapshot.step else None),
            until_whole_second(None if snapshot.finished else snapshot.remaining),
        ),
        seconds_left=None if snapshot.finished else snapshot.remaining,
    )
