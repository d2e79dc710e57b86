"""The sound cues and the contract any session timeline offers the audio scheduler."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol


class Cue(StrEnum):
    INHALE = "inhale"
    EXHALE = "exhale"
    CLENCH_FULL = "clench_full"  # clench now, full effort: two soft rising notes
    CLENCH_HALF = "clench_half"  # clench now, a lighter effort: one note
    RELEASE = "release"  # let go: lower and longer, two falling notes
    GROUP = "group"  # a quiet bell: the next muscle group is about to begin
    PRACTICE_EXHALE = "practice_exhale"  # a gentler out-breath: the moment is offered
    END = "end"


class CueSource(Protocol):
    """A session timeline as the audio side sees it (practised seconds, pauses excluded)."""

    @property
    def total_seconds(self) -> float | None: ...

    def cue_events_between(self, start: float, end: float) -> list[tuple[float, Cue]]:
        """Every cue whose onset ``t`` satisfies ``start <= t < end``, in time order."""
        ...

    def belly_at(self, elapsed: float) -> float:
        """Belly level 0..1 at ``elapsed`` (drives the optional continuous breath tone)."""
        ...
