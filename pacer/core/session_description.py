"""What a practice session is, told once to everything that follows it (log, sound, screen).

A session carries one of these from the moment it is created. It never changes while the
session runs: listeners read it, nobody sets attributes on the session from outside. The
log id is chosen here, before anything is written, so the window, the recorder and the
end-of-session note all refer to the same row without handing it back and forth.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pacer.core.breathing.pattern import BreathPattern
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
    session_id: str = field(default_factory=new_session_id)

    def __post_init__(self) -> None:
        if self.planned_seconds is not None and not self.planned_seconds > 0:
            raise ValueError("a planned length must be positive, or None for open-ended")
        if (self.kind is SessionKind.RELAXATION) != (self.relaxation is not None):
            raise ValueError("relaxation settings belong to relaxation sessions only")
