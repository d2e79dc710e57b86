"""Runs one practice session: the single frame timer that asks the timeline what is happening.

The session clock owns time; this object asks the timeline about it while a session runs
and hands the snapshot to whoever listens (views, the recorder, sound). When nothing runs,
no timer runs.

A frame is a tick of this timer. It wakes at the display rate only while something visible
changes that fast: a view that draws the snapshot says, through :meth:`frame_due_in`, when
what it shows will next look different (the belly's next half pixel, the next whole second
of a countdown, the end of a phase), and the timer sleeps until then — never longer than
:data:`LONGEST_WAIT`, so listeners such as the log's checkpoints still hear from it. A view
that says nothing gets a frame at the display rate, as before (issue 15).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from pacer.core.clock import Clock, MonotonicClock
from pacer.core.practice_log.records import SessionEnd, SessionKind
from pacer.core.session_clock import SessionClock, SessionState, toggle_action
from pacer.core.session_description import SessionDescription


class Timeline(Protocol):
    @property
    def total_seconds(self) -> float | None: ...

    def snapshot(self, elapsed: float) -> Any: ...


class SessionListener(Protocol):
    """Recorder and sound both follow the session through these calls."""

    def session_started(self, session: PracticeSession) -> None: ...
    def session_paused(self, session: PracticeSession) -> None: ...
    def session_resumed(self, session: PracticeSession) -> None: ...
    def session_frame(self, session: PracticeSession) -> None: ...
    def session_replanned(self, session: PracticeSession) -> None: ...
    def session_ended(self, session: PracticeSession, outcome: SessionOutcome) -> None: ...


@dataclass(frozen=True)
class SessionOutcome:
    kind: SessionKind
    ended: SessionEnd
    practised_seconds: float
    last_snapshot: Any
    moments_noted: int = 0  # trainer practice: moments of guarding the person noted


LONGEST_WAIT = 1.0  # seconds between frames at most, even when nothing visible changes
DUE_MARGIN = 0.002  # wake just after a change is due, never just before it


def display_frame_interval_ms() -> int:
    screen = QGuiApplication.primaryScreen()
    rate = screen.refreshRate() if screen is not None else 60.0
    rate = rate if 20.0 <= rate <= 240.0 else 60.0
    return max(4, int(1000.0 / rate))


class PracticeSession(QObject):
    snapshot_changed = Signal(object)
    state_changed = Signal(str)
    ended = Signal(object)  # SessionOutcome

    def __init__(
        self,
        timeline: Timeline,
        description: SessionDescription,
        *,
        clock: Clock | None = None,
        listeners: list[SessionListener] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.timeline = timeline
        self.description = description
        self.clock = SessionClock(clock or MonotonicClock(), timeline.total_seconds)
        self.listeners: list[SessionListener] = list(listeners or [])
        self._frame_ms = display_frame_interval_ms()
        self._frames = QTimer(self)
        self._frames.setTimerType(Qt.TimerType.PreciseTimer)
        self._frames.setSingleShot(True)
        self._frames.setInterval(self._frame_ms)
        self._frames.timeout.connect(self.refresh)
        self._ticking = False  # the frame timer follows the session while it runs
        self._due: float | None = None  # seconds until a view next changes, this frame
        self.snapshot = timeline.snapshot(0.0)
        self.outcome: SessionOutcome | None = None
        self.moments_noted = 0

    @property
    def kind(self) -> SessionKind:
        return self.description.kind

    @property
    def state(self) -> SessionState:
        return self.clock.state

    @property
    def frame_timer_active(self) -> bool:
        return self._frames.isActive()

    @property
    def next_frame_ms(self) -> int:
        """How long the frame timer waits before the next frame (tests, benchmarks)."""
        return self._frames.interval()

    def frame_due_in(self, seconds: float | None) -> None:
        """A view says when what it shows next changes (None: it cannot tell, so every frame).

        Called while handling :attr:`snapshot_changed`; the earliest answer of the frame wins.
        """
        if seconds is None:
            seconds = 0.0
        if self._due is None or seconds < self._due:
            self._due = seconds

    def _start_frames(self) -> None:
        self._ticking = True
        self._frames.start(self._frame_ms)

    def _stop_frames(self) -> None:
        self._ticking = False
        self._frames.stop()

    def _schedule_next_frame(self) -> None:
        due, self._due = self._due, None
        if not self._ticking:
            return
        if due is None:
            wait_ms = self._frame_ms
        else:
            wait = min(max(due + DUE_MARGIN, 0.0), LONGEST_WAIT)
            wait_ms = max(self._frame_ms, math.ceil(wait * 1000))
        self._frames.start(wait_ms)

    def elapsed(self) -> float:
        return self.clock.elapsed()

    def add_listener(self, listener: SessionListener) -> None:
        self.listeners.append(listener)

    def toggle(self) -> None:
        action = toggle_action(self.state)
        if action is not None:
            getattr(self, action.value)()

    def start(self) -> None:
        if self.state is not SessionState.READY:
            return
        self.clock.start()
        for listener in self.listeners:
            listener.session_started(self)
        self._start_frames()
        self._changed()

    def pause(self) -> None:
        if self.state is not SessionState.RUNNING:
            return
        self.clock.pause()
        self._stop_frames()
        self.refresh()
        for listener in self.listeners:
            listener.session_paused(self)
        self._changed()

    def resume(self) -> None:
        if self.state is not SessionState.PAUSED:
            return
        self.clock.resume()
        for listener in self.listeners:
            listener.session_resumed(self)
        self._start_frames()
        self._changed()

    def stop(self) -> None:
        """The user ends the session (or the app closes): always fine, never a failure."""
        if self.outcome is not None or self.state is SessionState.READY:
            self._stop_frames()
            return
        self._end(SessionEnd.ENDED_EARLY)

    def replan(self, timeline: Timeline) -> None:
        """Go on with a new timeline for the rest of this session — one that agrees with the
        old about everything already practised (e.g. moving on to the closing breaths)."""
        if self.outcome is not None:
            return
        self.timeline = timeline
        if timeline.total_seconds is not None:
            self.clock.change_length(timeline.total_seconds)
        for listener in self.listeners:
            listener.session_replanned(self)
        self.refresh()

    def note_moment(self) -> int:
        """The person noted a moment (of guarding, in trainer practice); nothing else."""
        if self.outcome is None and self.state is not SessionState.READY:
            self.moments_noted += 1
        return self.moments_noted

    def refresh(self) -> None:
        self._due = None
        self.snapshot = self.timeline.snapshot(self.clock.elapsed())
        self.snapshot_changed.emit(self.snapshot)
        for listener in self.listeners:
            listener.session_frame(self)
        if self.snapshot.finished and self.outcome is None:
            self._end(SessionEnd.COMPLETED)
        else:
            self._schedule_next_frame()

    def _end(self, how: SessionEnd) -> None:
        self._stop_frames()
        self.clock.stop()
        self.snapshot = self.timeline.snapshot(self.clock.elapsed())
        self.outcome = SessionOutcome(
            self.kind, how, self.clock.elapsed(), self.snapshot, self.moments_noted
        )
        for listener in self.listeners:
            listener.session_ended(self, self.outcome)
        self._changed()
        self.ended.emit(self.outcome)

    def _changed(self) -> None:
        self.state_changed.emit(self.state.value)
