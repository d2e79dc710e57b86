"""The sound cues and the contract any session timeline offers the audio scheduler."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol


class Cue(StrEnum):
    INHALE = "inhale"
    EXHALE = "exhale"
    CLENCH = "clench"
    RELEASE = "release"
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
