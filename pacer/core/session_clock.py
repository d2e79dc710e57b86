"""Start, pause, resume and stop a practice session, counting practised time only.

Practised time is always derived from clock readings (banked time of earlier runs plus
``now - run_started``), never summed frame by frame, so it cannot drift.
"""

from __future__ import annotations

from enum import StrEnum

from pacer.core.clock import Clock


class SessionState(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class SessionClock:
    def __init__(self, clock: Clock, length_seconds: float | None = None) -> None:
        if length_seconds is not None and not length_seconds > 0:
            raise ValueError("a session length must be positive, or None for open-ended")
        self._clock = clock
        self.length_seconds = length_seconds
        self._banked = 0.0
        self._run_started: float | None = None
        self._stopped = False
        self.pause_count = 0

    @property
    def state(self) -> SessionState:
        if self._stopped or self.reached_end:
            return SessionState.FINISHED
        if self._run_started is not None:
            return SessionState.RUNNING
        return SessionState.PAUSED if self._banked > 0 or self.pause_count else SessionState.READY

    @property
    def reached_end(self) -> bool:
        return self.length_seconds is not None and self._raw_elapsed() >= self.length_seconds

    def _raw_elapsed(self) -> float:
        running = 0.0 if self._run_started is None else self._clock.now() - self._run_started
        return self._banked + running

    def elapsed(self) -> float:
        """Practised seconds so far, pauses excluded, never past the planned length."""
        raw = self._raw_elapsed()
        return raw if self.length_seconds is None else min(raw, self.length_seconds)

    def remaining(self) -> float | None:
        return None if self.length_seconds is None else self.length_seconds - self.elapsed()

    def start(self) -> None:
        if self.state is not SessionState.READY:
            raise RuntimeError(f"cannot start a session that is {self.state}")
        self._run_started = self._clock.now()

    def pause(self) -> None:
        if self.state is not SessionState.RUNNING:
            return
        self._banked = self.elapsed()
        self._run_started = None
        self.pause_count += 1

    def resume(self) -> None:
        if self.state is not SessionState.PAUSED:
            return
        self._run_started = self._clock.now()

    def toggle(self) -> None:
        """Space-bar behaviour: start, pause or resume, whichever fits."""
        state = self.state
        if state is SessionState.READY:
            self.start()
        elif state is SessionState.RUNNING:
            self.pause()
        elif state is SessionState.PAUSED:
            self.resume()

    def stop(self) -> None:
        if self._stopped:
            return
        self._banked = self.elapsed()
        self._run_started = None
        self._stopped = True
