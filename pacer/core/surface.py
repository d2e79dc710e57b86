"""What the practice surface shows at one moment, for any practice, worked out without Qt.

Every practice — belly breathing, relaxation, trainer practice — is drawn by the same
surface: the lying-down figure breathing in the centre with its in/out words, and, when
the practice has steps, the step standing large above it. Each practice turns its own
timeline snapshot into a :class:`SurfaceState`; the widgets only draw that.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pacer.core.breathing.timeline import BreathSnapshot
from pacer.core.breathing.wording import PhaseWords


class StepTone(StrEnum):
    """How a step is tinted: told apart by calm warm/cool tints and words, never by red."""

    CALM = "calm"
    CLENCH = "clench"
    RELEASE = "release"
    INVITE = "invite"  # trainer practice: the out-breath when one may go on


@dataclass(frozen=True)
class StepView:
    where: str  # "Feet · 1 of 5"; empty when not about a group
    heading: str  # "Clench — full effort", "Let go and notice", "Settle in" …
    detail: str  # the instruction, a sentence or two
    countdown: str  # "4", "2:30", or empty
    next: str  # "Next: Feet, half effort"
    tone: StepTone
    progress: float  # of the step, 0..1
    seconds_left: float | None = None  # of the step; None when not timed (or not told)


@dataclass(frozen=True)
class SurfaceState:
    breath: BreathSnapshot  # the figure follows this
    words: PhaseWords  # the in/out words under the figure, for this breath's phase
    step: StepView | None  # None for plain breathing
    progress: float | None  # of the whole session, 0..1; None when open-ended
    remaining: str  # "4:35 left", or empty
    finished: bool
    # What a screen reader says; a new value is spoken once, when it changes.
    announcement: str
    # Practised seconds until a word or number above next changes, and until the session
    # ends: the window rests its frame timer until then (None: not told, so it checks every
    # frame).
    changes_in: float | None = None
    seconds_left: float | None = None


def clock_text(seconds: float) -> str:
    """``4:05`` — whole seconds, rounded up so it never shows 0:00 while time remains."""
    whole = max(int(-(-max(seconds, 0.0) // 1)), 0)
    return f"{whole // 60}:{whole % 60:02d}"


def remaining_text(seconds: float | None) -> str:
    return "" if seconds is None else f"{clock_text(seconds)} left"
