"""Creates practice sessions with everything that follows them attached (log, sound, screen).

Pages ask for a session here and never wire recorder, sound or screen keep-awake themselves.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from pacer.core.clock import Clock, MonotonicClock
from pacer.core.session_clock import SessionState
from pacer.core.session_description import SessionDescription
from pacer.ui.session.practice_session import PracticeSession, SessionListener, Timeline

ListenerFactory = Callable[[PracticeSession], SessionListener | None]


class SessionServices(QObject):
    def __init__(self, clock: Clock | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock or MonotonicClock()
        self._factories: list[ListenerFactory] = []
        self.current: PracticeSession | None = None
        # Asked before a new session replaces one still running; the window asks the person.
        self.confirm_replacing: Callable[[PracticeSession], bool] = lambda running: True

    def add_listener_factory(self, factory: ListenerFactory) -> None:
        self._factories.append(factory)

    def create_session(
        self,
        timeline: Timeline,
        description: SessionDescription,
        parent: QObject | None = None,
    ) -> PracticeSession:
        if self.current is not None:
            self.current.stop()
        session = PracticeSession(timeline, description, clock=self.clock, parent=parent or self)
        for factory in self._factories:
            listener = factory(session)
            if listener is not None:
                session.add_listener(listener)
        self.current = session
        return session

    def may_start_another(self) -> bool:
        """True when nothing runs, or the person agrees to end what runs (ended early)."""
        running = self.current
        if running is None or running.state not in (SessionState.RUNNING, SessionState.PAUSED):
            return True
        return self.confirm_replacing(running)

    def stop_current(self) -> None:
        if self.current is not None:
            self.current.stop()
