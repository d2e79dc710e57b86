"""Reading the whole log for the history, on whichever thread asks.

An SQLite connection belongs to the thread that opened it, and the window's log connection
lives on the window's thread. So a reader opens its own read-only connection to the same
file (the log's WAL journal lets it read while the window writes) and reads through the
log's own queries, then closes it. Nothing here can write to the log.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pacer.core.history.model import UnreadableEntry
from pacer.core.practice_log.records import SessionRecord
from pacer.core.practice_log.store import PracticeLog


class _Unlocked:
    """A reader never closes sessions left open by a crash, so it holds no instance lock."""

    exclusive = False

    def release(self) -> None:
        pass


@dataclass(frozen=True)
class LogContents:
    sessions: list[SessionRecord] = field(repr=False)
    rest_days: frozenset[date]
    unreadable: Sequence[UnreadableEntry] = ()


def read_for_history(path: Path) -> LogContents:
    """Everything the history shows, read through a private read-only connection."""
    conn = sqlite3.connect(
        f"{Path(path).as_uri()}?mode=ro", uri=True, timeout=5.0, isolation_level=None
    )
    reader = PracticeLog(conn, Path(path), _Unlocked())  # type: ignore[arg-type]
    try:
        sessions, unreadable = reader.everything()
        return LogContents(
            sessions=sessions, rest_days=frozenset(reader.rest_days()), unreadable=unreadable
        )
    finally:
        reader.close()
