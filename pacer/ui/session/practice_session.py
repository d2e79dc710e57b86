"""Runs one practice session: the single frame timer that asks the timeline what is happening.

The session clock owns time; this object only polls it at the display rate while a session
runs, and hands the snapshot to whoever listens (views, the recorder, sound). When nothing
runs, no timer runs.
"""

from __future__ import annotations

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
        self._frames = QTimer(self)
        self._frames.setTimerType(Qt.TimerType.PreciseTimer)
        self._frames.setInterval(display_frame_interval_ms())
        self._frames.timeout.connect(self.refresh)
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
        self._frames.start()
        self._changed()

    def pause(self) -> None:
        if self.state is not SessionState.RUNNING:
            return
        self.clock.pause()
        self._frames.stop()
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
        self._frames.start()
        self._changed()

    def stop(self) -> None:
        """The user ends the session (or the app closes): always fine, never a failure."""
        if self.outcome is not None or self.state is SessionState.READY:
            self._frames.stop()
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
        self.snapshot = self.timeline.snapshot(self.clock.elapsed())
        self.snapshot_changed.emit(self.snapshot)
        for listener in self.listeners:
            listener.session_frame(self)
        if self.snapshot.finished and self.outcome is None:
            self._end(SessionEnd.COMPLETED)

    def _end(self, how: SessionEnd) -> None:
        self._frames.stop()
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
