"""Keeping a sound card in step with a session's practised time.

A sound card pulls blocks on its own clock, which is not ``time.monotonic()`` and drifts
from it. ``LiveFeed`` sits between the two:

- a feeder thread calls ``step()`` every few milliseconds; it renders blocks ahead of time
  (``CueScheduler``) into a ring of preallocated slots, each tagged with the session
  sample it starts on;
- the stream callback (``callback``) only copies the next slot into the card's buffer —
  no allocation of sample buffers, no I/O, no locks, never raises (silence on any error);
- each block the feeder compares the session sample it is about to render with the
  sample the timeline says will be due when that block is heard (from the time the last
  block was played and the card's output latency). Small differences are corrected at
  the next moment nothing sounds, by skipping or repeating a few milliseconds of silence;
  so cue onsets stay on the timeline for as long as the session runs;
- when practised time stands still (the session is paused) or ``pause()`` is called, the
  callback fades the current block out and then plays silence; when it moves again the
  feeder re-anchors to it and fades in.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from pacer.core.audio.scheduler import CueScheduler
from pacer.core.audio.synthesis import fade_in, fade_out

BLOCK_FRAMES = 1024  # ≈21 ms at 48 kHz: pause reaches silence within one block
RING_SLOTS = 32
AHEAD_BLOCKS = 6  # rendered blocks kept queued beyond the card's own buffer (≈128 ms)
DRIFT_TOLERANCE = 0.012  # seconds: larger offsets are corrected at the next quiet moment
GROSS_TOLERANCE = 0.25  # seconds: larger offsets (after a stall) are corrected at once
CUE_GRACE = 0.15  # seconds: when sound (re)starts just after a cue began, play it whole
DEFAULT_LATENCY = 0.05  # seconds, until the card reports its own
_SMOOTHING = 0.2  # weight of the newest offset in the running average


class LiveFeed:
    def __init__(
        self,
        scheduler: CueScheduler,
        elapsed_fn: Callable[[], float],
        *,
        channels: int = 1,
        block: int = BLOCK_FRAMES,
        slots: int = RING_SLOTS,
        ahead: int = AHEAD_BLOCKS,
        now: Callable[[], float] = time.monotonic,
        latency: float = DEFAULT_LATENCY,
    ) -> None:
        if not 0 < ahead < slots - 1:
            raise ValueError("the ring needs room for the blocks rendered ahead")
        self.scheduler = scheduler
        self._elapsed_fn = elapsed_fn
        self._now = now
        self._rate = scheduler.sample_rate
        self._block = block
        self._slots = slots
        self._ahead = ahead
        self.channels = channels
        self._latency = latency
        ring = np.zeros((slots, block, channels), dtype=np.float32)
        self._views = [ring[i] for i in range(slots)]
        self._slot_gen = [-1] * slots
        self._slot_pos = [0] * slots
        self._mono = np.empty(block, dtype=np.float32)
        self._fade_in = fade_in(block)
        self._fade_out = fade_out(block)[:, None]
        # Shared between the feeder and the callback: each field has a single writer.
        self._r = 0  # next slot to play (callback)
        self._w = 0  # next slot to fill (feeder)
        self._gen = 0  # bumped on every (re)start; older slots are skipped (feeder/control)
        self._paused = True  # silent until practised time moves (feeder/control)
        self._last: tuple[float, int, float, int] | None = None  # (time, slot, latency, pos)
        self._cb_paused = True  # callback's own view: has it faded out already?
        self._gen_started = -1  # callback: the run whose first block has been played
        self.underflows = 0  # blocks the card reported it had to invent (output underflow)
        self.starved = 0  # blocks the ring was empty during a run (the feeder fell behind)
        self.errors = 0  # callback errors turned into silence
        self.blocks = 0  # callbacks so far
        # Feeder and control state.
        self._lock = threading.Lock()
        self._held = False
        self._feed_gen = -1
        self._gen_first = 0
        self._next: int | None = None
        self._offset = 0.0
        self._previous_elapsed: float | None = None
        self.corrections = 0  # re-anchoring jumps made

    # --- control (any thread) ---------------------------------------------------------

    def pause(self) -> None:
        """Silence within one block, until ``resume()`` and practised time moves again."""
        with self._lock:
            self._held = True
            self._paused = True

    def resume(self) -> None:
        with self._lock:
            self._held = False

    def set_output_latency(self, seconds: float) -> None:
        if 0.0 < seconds < 1.0:
            self._latency = seconds

    @property
    def paused(self) -> bool:
        return self._paused

    def played_position(self) -> int | None:
        """Session sample at the start of the last block played, None before the first."""
        last = self._last
        return None if last is None else last[3]

    @property
    def session_ended(self) -> bool:
        """Practised time has reached the end of a timed session (as last read)."""
        total = self.scheduler.source.total_seconds
        elapsed = self._previous_elapsed
        return total is not None and elapsed is not None and elapsed >= total

    @property
    def done(self) -> bool:
        """The session has ended and its closing sound has been played to the end."""
        end = self.scheduler.end_sample
        last = self._last
        return end is not None and last is not None and last[3] >= end

    # --- feeder thread ----------------------------------------------------------------

    def step(self) -> None:
        """Follow practised time (pause/resume) and render blocks ahead into the ring."""
        elapsed = float(self._elapsed_fn())
        now = self._now()
        moving = self._previous_elapsed is not None and elapsed > self._previous_elapsed
        self._previous_elapsed = elapsed
        total = self.scheduler.source.total_seconds
        ended = total is not None and elapsed >= total
        with self._lock:
            if self._paused:
                if self._held or not moving:
                    return
                self._gen += 1
                self._paused = False
            elif not moving and not ended:
                self._paused = True  # practised time stands still: the session is paused
                return
            gen = self._gen
        if self._feed_gen != gen:
            self._feed_gen = gen
            self._gen_first = self._w
            self._next = None
        while self._w - max(self._r, self._gen_first) < self._ahead:
            self._fill_one(gen, elapsed, now)

    def _fill_one(self, gen: int, elapsed: float, now: float) -> None:
        position, fade = self._choose_position(elapsed, now)
        mono = self._mono
        self.scheduler.render(position, mono)
        if fade:
            mono *= self._fade_in
        slot = self._w % self._slots
        self._views[slot][:] = mono[:, None]
        self._slot_gen[slot] = gen
        self._slot_pos[slot] = position
        self._w += 1  # publish the slot to the callback
        self._next = position + self._block

    def _expected(self, elapsed: float, now: float) -> int:
        """The session sample due when the slot about to be filled is heard."""
        frames = self._block / self._rate
        last = self._last
        if last is not None and last[1] >= self._gen_first:
            played_at, slot, latency, _ = last
            heard = played_at + latency + (self._w - slot) * frames
        else:
            queued = self._w - max(self._r, self._gen_first)
            heard = now + self._latency + (queued + 0.5) * frames
        return round((elapsed + heard - now) * self._rate)

    def _choose_position(self, elapsed: float, now: float) -> tuple[int, bool]:
        scheduler = self.scheduler
        expected = self._expected(elapsed, now)
        if self._next is None:  # a fresh start: anchor to the timeline
            self._offset = 0.0
            grace = round(CUE_GRACE * self._rate)
            recent = scheduler.onsets_between(expected - grace, expected + 1)
            if scheduler.cues and recent:
                return recent[0][0], False  # the cue plays whole, a moment late
            return max(expected, 0), True
        current = self._next
        total = scheduler.total_sample
        if total is not None and current >= total - self._block:
            return current, False  # the session has ended: let the chime ring out
        offset = current - expected
        self._offset += _SMOOTHING * (offset - self._offset)
        if abs(offset) > GROSS_TOLERANCE * self._rate:
            self._offset = 0.0
            self.corrections += 1
            return max(expected, 0), True
        if abs(self._offset) > DRIFT_TOLERANCE * self._rate and scheduler.can_jump(
            current, expected, self._block
        ):
            self._offset = 0.0
            self.corrections += 1
            return max(expected, 0), False
        return current, False

    # --- stream callback (audio thread) -------------------------------------------------

    def callback(self, outdata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        """``sounddevice`` callback: copy one prepared block, or silence. Never raises."""
        try:
            self.blocks += 1
            if status.output_underflow:
                self.underflows += 1
            if frames != self._block:
                outdata.fill(0.0)
                return
            slots = self._slots
            if self._paused:
                r = self._r
                if not self._cb_paused:
                    self._cb_paused = True
                    if r < self._w and self._slot_gen[r % slots] == self._gen:
                        np.multiply(self._views[r % slots], self._fade_out, out=outdata)
                        self._r = r + 1
                        return
                outdata.fill(0.0)
                return
            self._cb_paused = False
            gen = self._gen
            r = self._r
            w = self._w
            slot_gen = self._slot_gen
            while r < w and slot_gen[r % slots] != gen:
                r += 1  # left over from before a pause
            if r >= w:
                self._r = r
                outdata.fill(0.0)
                if self._gen_started == gen:
                    self.starved += 1
                return
            slot = r % slots
            np.copyto(outdata, self._views[slot])
            self._r = r + 1
            latency = time_info.outputBufferDacTime - time_info.currentTime
            if not 0.0 < latency < 1.0:
                latency = self._latency
            self._last = (self._now(), r, latency, self._slot_pos[slot])
            self._gen_started = gen
        except BaseException:
            self.errors += 1
            try:
                outdata.fill(0.0)
            except BaseException:
                self.errors += 1
