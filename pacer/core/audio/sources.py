"""Adapters that let a session timeline speak the audio side's ``CueSource`` language."""

from __future__ import annotations

from pacer.core.audio.cues import Cue
from pacer.core.breathing.pattern import Phase
from pacer.core.breathing.timeline import BreathingTimeline

_PHASE_CUES = {Phase.INHALE: Cue.INHALE, Phase.EXHALE: Cue.EXHALE}


class BreathingCues:
    """A ``CueSource`` for belly breathing: a cue as each in- and out-breath begins, and
    the closing chime when a timed session ends."""

    def __init__(self, timeline: BreathingTimeline) -> None:
        self.timeline = timeline

    @property
    def total_seconds(self) -> float | None:
        return self.timeline.total_seconds

    def cue_events_between(self, start: float, end: float) -> list[tuple[float, Cue]]:
        events = [
            (t, _PHASE_CUES[phase])
            for t, phase in self.timeline.phase_starts_between(start, end)
            if phase in _PHASE_CUES
        ]
        total = self.timeline.total_seconds
        if total is not None and start <= total < end:
            events.append((total, Cue.END))
        return events

    def belly_at(self, elapsed: float) -> float:
        return self.timeline.snapshot(elapsed).belly
