"""What a practice session is, told once to everything that follows it (log, sound, screen).

A session carries one of these from the moment it is created. It never changes while the
session runs: listeners read it, nobody sets attributes on the session from outside. The
log id is chosen here, before anything is written, so the window, the recorder and the
end-of-session note all refer to the same row without handing it back and forth.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pacer.core.breathing.pattern import BreathPattern
from pacer.core.breathing.wording import duration_phrase
from pacer.core.practice_log.records import SessionKind, new_session_id


@dataclass(frozen=True)
class RelaxationSettings:
    """The timings a relaxation session runs with, and the groups left out."""

    clench_seconds: float
    release_seconds: float
    skipped_groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionDescription:
    kind: SessionKind
    planned_seconds: float | None  # None: open-ended
    pattern: BreathPattern | None = None  # the breathing that paces the session
    relaxation: RelaxationSettings | None = None
    tension_before: int | None = None  # the optional check-in, 0 (soft) … 10
    pattern_name: str = ""  # "Calm", "Your pattern" … for showing the plan, not stored
    session_id: str = field(default_factory=new_session_id)

    def __post_init__(self) -> None:
        if self.planned_seconds is not None and not self.planned_seconds > 0:
            raise ValueError("a planned length must be positive, or None for open-ended")
        if (self.kind is SessionKind.RELAXATION) != (self.relaxation is not None):
            raise ValueError("relaxation settings belong to relaxation sessions only")


def _length_words(seconds: float | None) -> str:
    if seconds is None:
        return "no set length"
    if seconds < 90:
        return f"{round(seconds)} seconds"
    minutes = seconds / 60.0
    return (
        f"{minutes:.1f} minutes".replace(".0 ", " ") if minutes < 10 else f"{minutes:.0f} minutes"
    )


def plan_line(description: SessionDescription) -> str:
    """The plan that is running, in one line: what the controls show while it runs."""
    parts: list[str] = []
    if description.kind is SessionKind.RELAXATION and description.relaxation is not None:
        settings = description.relaxation
        parts.append(f"clench {settings.clench_seconds:g} s")
        parts.append(f"let go {settings.release_seconds:g} s")
        if settings.skipped_groups:
            left_out = len(settings.skipped_groups)
            parts.append(f"{left_out} group{'s' if left_out > 1 else ''} left out")
        if description.planned_seconds is not None:
            parts.append(duration_phrase(description.planned_seconds))
        return "Relaxation · " + " · ".join(parts)
    if description.pattern is not None:
        if description.pattern_name:
            parts.append(description.pattern_name)
        parts.append(description.pattern.describe())
    parts.append(_length_words(description.planned_seconds))
    return " · ".join(parts)
