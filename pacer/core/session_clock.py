"""Start, pause, resume and stop a practice session, counting practised time only.

Practised time is always derived from clock readings (banked time of earlier runs plus
``now - run_started``), never summed frame by frame, so it cannot drift.

The audio thread reads ``elapsed()`` while the window's thread pauses and stops the
session. Every reading and every change happens under one lock and the state is one
immutable value, so a reader on any thread sees either the state before a change or the
state after it — never half of each.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from enum import StrEnum

from pacer.core.clock import Clock


class SessionState(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class ToggleAction(StrEnum):
    """What Space does in each state: the one rule every front end follows."""

    START = "start"
    PAUSE = "pause"
    RESUME = "resume"


def toggle_action(state: SessionState) -> ToggleAction | None:
    return {
        SessionState.READY: ToggleAction.START,
        SessionState.RUNNING: ToggleAction.PAUSE,
        SessionState.PAUSED: ToggleAction.RESUME,
    }.get(state)


@dataclass(frozen=True)
class _Run:
    banked: float = 0.0  # practised seconds of the runs before the current one
    run_started: float | None = None  # clock reading when the current run began
    stopped: bool = False
    pause_count: int = 0


class SessionClock:
    def __init__(self, clock: Clock, length_seconds: float | None = None) -> None:
        if length_seconds is not None and not length_seconds > 0:
            raise ValueError("a session length must be positive, or None for open-ended")
        self._clock = clock
        self.length_seconds = length_seconds
        self._run = _Run()
        self._lock = threading.Lock()

    # -- reading (any thread) -------------------------------------------------------------
    def _reading(self) -> tuple[_Run, float]:
        with self._lock:
            return self._run, self._clock.now()

    def _raw(self, run: _Run, now: float) -> float:
        running = 0.0 if run.run_started is None else now - run.run_started
        return run.banked + running

    def _capped(self, raw: float) -> float:
        return raw if self.length_seconds is None else min(raw, self.length_seconds)

    def _state_of(self, run: _Run, now: float) -> SessionState:
        if run.stopped or self._reached(run, now):
            return SessionState.FINISHED
        if run.run_started is not None:
            return SessionState.RUNNING
        return SessionState.PAUSED if run.banked > 0 or run.pause_count else SessionState.READY

    def _reached(self, run: _Run, now: float) -> bool:
        return self.length_seconds is not None and self._raw(run, now) >= self.length_seconds

    @property
    def state(self) -> SessionState:
        return self._state_of(*self._reading())

    @property
    def reached_end(self) -> bool:
        return self._reached(*self._reading())

    @property
    def pause_count(self) -> int:
        return self._run.pause_count

    def elapsed(self) -> float:
        """Practised seconds so far, pauses excluded, never past the planned length."""
        run, now = self._reading()
        return self._capped(self._raw(run, now))

    def remaining(self) -> float | None:
        return None if self.length_seconds is None else self.length_seconds - self.elapsed()

    # -- changing (the window's thread) ---------------------------------------------------
    def start(self) -> None:
        with self._lock:
            now = self._clock.now()
            state = self._state_of(self._run, now)
            if state is not SessionState.READY:
                raise RuntimeError(f"cannot start a session that is {state}")
            self._run = replace(self._run, run_started=now)

    def pause(self) -> None:
        with self._lock:
            run, now = self._run, self._clock.now()
            if self._state_of(run, now) is not SessionState.RUNNING:
                return
            self._run = _Run(self._capped(self._raw(run, now)), None, False, run.pause_count + 1)

    def resume(self) -> None:
        with self._lock:
            run, now = self._run, self._clock.now()
            if self._state_of(run, now) is SessionState.PAUSED:
                self._run = replace(run, run_started=now)

    def stop(self) -> None:
        with self._lock:
            run, now = self._run, self._clock.now()
            if not run.stopped:
                self._run = _Run(self._capped(self._raw(run, now)), None, True, run.pause_count)

    def change_length(self, length_seconds: float | None) -> None:
        """Plan a different length from now on, e.g. when the person chooses to move on to
        a practice's closing part early (the window's thread)."""
        if length_seconds is not None and not length_seconds > 0:
            raise ValueError("a session length must be positive, or None for open-ended")
        with self._lock:
            self.length_seconds = length_seconds

    def toggle(self) -> None:
        """Space-bar behaviour: start, pause or resume, whichever fits."""
        action = toggle_action(self.state)
        if action is not None:
            getattr(self, action.value)()
