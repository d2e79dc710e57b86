"""The sound of a session as a function of practised time, sample by sample.

``CueScheduler.render(start, out)`` fills ``out`` with session samples
``[start, start + len(out))``, where sample ``n`` is practised time ``n / sample_rate``.
A cue due at practised time ``t`` begins on sample ``onset_sample(t)`` — computed from the
timeline for every stretch, never accumulated — so onsets cannot drift, whatever the
stretch sizes. The live player and the WAV render use this same scheduler.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from pacer.core.audio.cues import Cue, CueSource
from pacer.core.audio.settings import check_volume_db
from pacer.core.audio.synthesis import (
    PEAK_LIMIT,
    SAMPLE_RATE,
    breath_tone,
    db_to_gain,
    render_cue_bank,
    tone_session_envelope,
)

# The breath tone follows the belly, read from the timeline on a fixed grid of absolute
# sample positions (every 10 ms) and interpolated in between: cheap, smooth, and the
# same whichever way a session is cut into stretches.
CONTROL_STEP = 480
# Largest change of belly level across a re-anchoring jump that stays inaudible.
_JUMP_BELLY_TOLERANCE = 0.02


def onset_sample(seconds: float, sample_rate: int = SAMPLE_RATE) -> int:
    """The sample on which something due at ``seconds`` of practised time begins."""
    return math.floor(seconds * sample_rate + 0.5)


class CueScheduler:
    def __init__(
        self,
        source: CueSource,
        *,
        volume_db: float,
        cues: bool = True,
        breath_tone: bool = False,
        sample_rate: int = SAMPLE_RATE,
        bank: dict[Cue, np.ndarray] | None = None,
    ) -> None:
        self.source = source
        self.sample_rate = sample_rate
        self.cues = cues
        self.breath_tone = breath_tone
        self.bank = bank if bank is not None else render_cue_bank(sample_rate)
        self._longest = max(len(sound) for sound in self.bank.values())
        self._gain = np.float32(db_to_gain(check_volume_db(volume_db)))
        self._target_gain = self._gain
        self._tone_phase = 0.0

    # --- what sounds when -------------------------------------------------------------

    @property
    def gain(self) -> np.float32:
        return self._target_gain

    def set_volume_db(self, volume_db: float) -> None:
        """Takes effect on the next stretch, ramped smoothly across it."""
        self._target_gain = np.float32(db_to_gain(check_volume_db(volume_db)))

    @property
    def total_sample(self) -> int | None:
        total = self.source.total_seconds
        return None if total is None else onset_sample(total, self.sample_rate)

    @property
    def end_sample(self) -> int | None:
        """One past the last sample that can sound (the closing chime has rung out)."""
        total = self.total_sample
        if total is None:
            return None
        return total + (len(self.bank[Cue.END]) if self.cues else 0)

    def onsets_between(self, start: int, end: int) -> list[tuple[int, Cue]]:
        """Every cue whose first sample ``n`` satisfies ``start <= n < end``, in order."""
        return [(n, cue) for n, cue in self._onsets_around(start, end) if start <= n]

    def _onsets_around(self, start: int, end: int) -> list[tuple[int, Cue]]:
        # Ask a wider window than needed, then decide by sample number: each cue belongs to
        # exactly one stretch even where float rounding sits on a boundary.
        rate = self.sample_rate
        events = self.source.cue_events_between(
            (start - self._longest - 1) / rate, (end + 1) / rate
        )
        found = []
        for seconds, cue in events:
            n = onset_sample(seconds, rate)
            if n < end and n + len(self.bank[cue]) > start:
                found.append((n, cue))
        return found

    def sounding(self, start: int, end: int) -> bool:
        """Whether any cue is heard during samples ``[start, end)``."""
        return self.cues and bool(self._onsets_around(start, end))

    def can_jump(self, old: int, new: int, length: int) -> bool:
        """Whether playback may skip or repeat from ``old`` to ``new`` unheard.

        True when no cue sounds anywhere between the two positions (so no cue is cut,
        skipped or played twice) and the breath tone, if on, is at nearly the same point
        of the breath (its phase stays continuous across any jump).
        """
        low, high = min(old, new), max(old, new) + length
        if self.sounding(low, high):
            return False
        if not self.breath_tone:
            return True
        rate = self.sample_rate
        delta = self.source.belly_at(old / rate) - self.source.belly_at(new / rate)
        return abs(delta) < _JUMP_BELLY_TOLERANCE

    # --- rendering --------------------------------------------------------------------

    def render(self, start: int, out: np.ndarray) -> None:
        """Fill ``out`` (1-D float32) with session samples ``[start, start + len(out))``."""
        count = out.shape[0]
        end = start + count
        out.fill(0.0)
        if self.cues:
            for onset, cue in self._onsets_around(start, end):
                sound = self.bank[cue]
                lo, hi = max(start, onset), min(end, onset + len(sound))
                out[lo - start : hi - start] += sound[lo - onset : hi - onset]
        if self.breath_tone:
            out += self._tone(start, count)
        if self._gain == self._target_gain:
            out *= self._gain
        else:
            ramp = np.linspace(self._gain, self._target_gain, count, dtype=np.float32)
            out *= ramp
            self._gain = self._target_gain
        np.clip(out, -PEAK_LIMIT, PEAK_LIMIT, out=out)

    def _tone(self, start: int, count: int) -> np.ndarray:
        rate = self.sample_rate
        total = self.source.total_seconds
        positions = np.arange(start, start + count, dtype=np.float64)
        first = math.floor(start / CONTROL_STEP)
        last = math.ceil((start + count) / CONTROL_STEP)
        grid = np.arange(first, last + 1, dtype=np.float64) * CONTROL_STEP
        levels = np.array([self._belly(g / rate, total) for g in grid], dtype=np.float64)
        swell = tone_session_envelope(grid / rate, total)
        wave, self._tone_phase = breath_tone(
            np.interp(positions, grid, levels),
            self._tone_phase,
            rate,
            swell=np.interp(positions, grid, swell),
        )
        return wave

    def _belly(self, seconds: float, total: float | None) -> float:
        if seconds < 0.0 or (total is not None and seconds > total):
            return 0.0
        return self.source.belly_at(seconds)

    def stretches(self, start: int, end: int, size: int = SAMPLE_RATE) -> Iterator[np.ndarray]:
        """Render ``[start, end)`` in consecutive stretches of at most ``size`` samples.

        Each yielded array is reused for the next stretch: copy or write it out at once.
        """
        buffer = np.empty(size, dtype=np.float32)
        position = start
        while position < end:
            count = min(size, end - position)
            view = buffer[:count]
            self.render(position, view)
            yield view
            position += count
