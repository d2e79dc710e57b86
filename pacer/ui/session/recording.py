"""Mirrors each practice session into the log: begun at start, checkpointed, closed at the end.

A write that fails (a full disk, say) never stops the practice: the person is told once,
calmly, and the session carries on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from pacer.core.clock import Clock
from pacer.core.practice_log.recorder import SessionRecorder
from pacer.core.practice_log.store import PracticeLog
from pacer.ui.session.practice_session import PracticeSession, SessionOutcome

WRITE_ERRORS = (OSError, sqlite3.Error)


class SessionRecording:
    def __init__(
        self,
        log: PracticeLog,
        clock: Clock,
        on_error: Callable[[str], None],
    ) -> None:
        self.log = log
        self.clock = clock
        self.on_error = on_error
        self.recorder: SessionRecorder | None = None

    def _guarded(self, action: Callable[[], object]) -> None:
        if self.recorder is None:
            return
        try:
            action()
        except WRITE_ERRORS as error:
            self.recorder = None
            self.on_error(
                "This session could not be written to your practice log "
                f"({error}). Your practice carries on; nothing else is affected."
            )

    def session_started(self, session: PracticeSession) -> None:
        self.recorder = SessionRecorder(self.log, session.clock, self.clock, session.description)
        self._guarded(self.recorder.begin)

    def session_paused(self, session: PracticeSession) -> None:
        if self.recorder is not None:
            self._guarded(self.recorder.checkpoint)

    def session_resumed(self, session: PracticeSession) -> None:
        """Nothing to write: the next checkpoint follows from the clock."""

    def session_frame(self, session: PracticeSession) -> None:
        if self.recorder is not None:
            self._guarded(self.recorder.tick)

    def session_replanned(self, session: PracticeSession) -> None:
        """The planned length stays as asked for; what was practised is read at the end."""

    def session_ended(self, session: PracticeSession, outcome: SessionOutcome) -> None:
        if self.recorder is not None:
            recorder = self.recorder
            # Moments of guarding are noted only if the person chose to; none noted is
            # stored as nothing rather than as a count of zero.
            noted = outcome.moments_noted or None
            self._guarded(lambda: recorder.finish(outcome.ended, guarding_moments=noted))
