"""Every word trainer practice shows or speaks, in one place.

Calm, plain and clinical, never graphic: the out-breath is offered as the moment one may
go on "if and when it feels right" — never a countdown, never a demand, never a size.
Titles stay discreet: nothing here names the body in a way a locked screen could show.
"""

from __future__ import annotations

from dataclasses import dataclass

from pacer.core.breathing.pattern import Phase
from pacer.core.breathing.wording import PHASE_WORDS, PhaseWords, duration_phrase
from pacer.core.trainer.timeline import TrainerSnapshot, TrainerStage

PRACTICE_NAME = "Trainer practice"
PRACTICE_SUMMARY = (
    "Slow belly breathing to settle, then a practice paced by your out-breath, then a "
    "minute of closing breaths."
)
FOLLOW_YOUR_PLAN = (
    "Go at your own pace and follow the plan you made with your clinician. Nothing is meant "
    "to hurt: if something does, stop, breathe, and go gentler another day."
)

STAGE_TITLES: dict[TrainerStage, str] = {
    TrainerStage.SETTLE: "Settling in",
    TrainerStage.PRACTICE: "Practice",
    TrainerStage.CLOSING: "Closing breaths",
    TrainerStage.FINISHED: "Rest as long as you like",
}
STAGE_LINES: dict[TrainerStage, str] = {
    TrainerStage.SETTLE: "Slow belly breathing to begin. There is nothing else to do yet.",
    TrainerStage.PRACTICE: (
        "Keep breathing slowly. Each out-breath is a moment you may go on, if and when it "
        "feels right, or simply keep breathing. You can pause or stop at any time."
    ),
    TrainerStage.CLOSING: "Set everything aside and let your breathing slow for a minute.",
    TrainerStage.FINISHED: "That is the whole practice. Rest for as long as you like.",
}

# The breath during the practice stage: the out-breath offers the moment, gently.
PRACTICE_PHASE_WORDS: dict[Phase, PhaseWords] = {
    **PHASE_WORDS,
    Phase.INHALE: PhaseWords(
        "Breathe in", "belly rising, nothing to do", "Breathe in, nothing to do"
    ),
    Phase.EXHALE: PhaseWords(
        "Slowly out… soften",
        "you may go on, if and when it feels right",
        "Slowly out. You may go on, if it feels right",
    ),
}

CLOSE_EARLY_ACTION = "Go to the closing breaths"
CLOSE_EARLY_HINT = "Whenever you choose: the closing minute begins after this breath."
CLOSING_SOON = "The closing breaths begin after this breath."
GUARDING_ACTION = "Note a moment of guarding"
GUARDING_HINT = "Optional. Noticing is part of the practice; there is nothing to count."
GUARDING_NOTED = "Noted. Keep breathing slowly."

RESPONSE_QUESTION = "How did the muscles respond?"
# Keyed by the values the practice log stores.
RESPONSE_CHOICES: dict[str, str] = {
    "guarded": "Guarded throughout",
    "softened": "Guarded, then softened",
    "soft": "Stayed soft",
    "stopped": "I stopped, and that's fine",
}


def phase_words(snapshot: TrainerSnapshot) -> PhaseWords:
    """The big word and its quiet line for the breath at this moment."""
    table = PRACTICE_PHASE_WORDS if snapshot.stage is TrainerStage.PRACTICE else PHASE_WORDS
    return table[snapshot.phase]


def remaining_text(seconds: float) -> str:
    """Minutes of the whole session left, calmly: never seconds to a moment."""
    minutes = max(round(seconds / 60), 1) if seconds > 0 else 0
    if minutes == 0:
        return ""
    return "about a minute left" if minutes == 1 else f"about {minutes} minutes left"


@dataclass(frozen=True)
class TrainerWords:
    title: str  # the stage, e.g. "Practice"
    line: str  # what the stage asks (or doesn't)
    phase: PhaseWords  # the breath's words for this moment
    remaining: str  # "about 8 minutes left"
    spoken: str  # for screen readers; changes only with the stage or the breath's phase


def describe(snapshot: TrainerSnapshot) -> TrainerWords:
    words = phase_words(snapshot)
    title = STAGE_TITLES[snapshot.stage]
    spoken = title if snapshot.finished else f"{title}. {words.announcement}"
    return TrainerWords(
        title=title,
        line=STAGE_LINES[snapshot.stage],
        phase=words,
        remaining="" if snapshot.finished else remaining_text(snapshot.remaining),
        spoken=spoken,
    )


def summary_sentence(practised_seconds: float, ran_to_the_end: bool) -> str:
    """A kind, factual line afterwards: time spent, no verdict and nothing counted."""
    duration = duration_phrase(practised_seconds)
    if ran_to_the_end:
        return f"You gave {duration} to {PRACTICE_NAME.lower()}, breathing slowly throughout."
    return (
        f"You gave {duration} to {PRACTICE_NAME.lower()}. Stopping when you choose is part of it."
    )
