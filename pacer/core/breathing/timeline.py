"""What is happening at any moment of a breathing session, as a pure function of time.

The picture, the sound and the log all ask this timeline about a practised-time value;
none of them keeps its own notion of time, so they cannot drift apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pacer.core.breathing.curve import belly_level
from pacer.core.breathing.pattern import BreathPattern, Phase


@dataclass(frozen=True)
class BreathSnapshot:
    elapsed: float
    phase: Phase
    phase_elapsed: float
    phase_duration: float
    belly: float
    breath_index: int
    remaining: float | None
    finished: bool

    @property
    def phase_remaining(self) -> float:
        return max(self.phase_duration - self.phase_elapsed, 0.0)

    @property
    def phase_progress(self) -> float:
        return min(self.phase_elapsed / self.phase_duration, 1.0)


class BreathingTimeline:
    """A pattern repeated for a planned length (or open-ended).

    A timed session is lengthened to the end of the breath in progress, so it always
    closes after a complete, unhurried out-breath rather than mid-breath.
    """

    def __init__(self, pattern: BreathPattern, length_seconds: float | None = None) -> None:
        self.pattern = pattern
        self.requested_seconds = length_seconds
        self._phases = pattern.phases()
        cycle = pattern.cycle_seconds
        if length_seconds is None:
            self.total_seconds: float | None = None
        else:
            breaths = max(1, math.ceil(length_seconds / cycle - 1e-9))
            self.total_seconds = breaths * cycle

    @property
    def breath_count(self) -> int | None:
        if self.total_seconds is None:
            return None
        return round(self.total_seconds / self.pattern.cycle_seconds)

    def _locate(self, elapsed: float) -> tuple[int, Phase, float, float]:
        cycle = self.pattern.cycle_seconds
        index = math.floor(elapsed / cycle)
        within = elapsed - index * cycle
        for phase, length in self._phases:
            if within < length:
                return index, phase, within, length
            within -= length
        last_phase, last_length = self._phases[-1]  # float rounding at the very end of a cycle
        return index, last_phase, last_length, last_length

    def snapshot(self, elapsed: float) -> BreathSnapshot:
        elapsed = max(elapsed, 0.0)
        total = self.total_seconds
        finished = total is not None and elapsed >= total
        if total is not None and finished:
            phase, length = self._phases[-1]
            index, within = round(total / self.pattern.cycle_seconds) - 1, length
            elapsed = total
        else:
            index, phase, within, length = self._locate(elapsed)
        return BreathSnapshot(
            elapsed=elapsed,
            phase=phase,
            phase_elapsed=within,
            phase_duration=length,
            belly=belly_level(phase, within / length),
            breath_index=index,
            remaining=None if total is None else total - elapsed,
            finished=finished,
        )

    def phase_starts_between(self, start: float, end: float) -> list[tuple[float, Phase]]:
        """Every phase start ``t`` with ``start <= t < end``, in order, within the session."""
        if self.total_seconds is not None:
            end = min(end, self.total_seconds)
        if end <= start:
            return []
        cycle = self.pattern.cycle_seconds
        starts: list[tuple[float, Phase]] = []
        index = max(math.floor(start / cycle), 0)
        while index * cycle < end:
            offset = index * cycle
            for phase, length in self._phases:
                if start <= offset < end:
                    starts.append((offset, phase))
                offset += length
            index += 1
        return starts
