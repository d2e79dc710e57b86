"""Has the user practised on a day, and is a practice running right now? Read-only.

The log is opened through a read-only SQLite connection and ``.practice.lock`` is only
tested, so the waiting process never changes the log nor gets in the app's way. A session
row still open counts as running only while a Pacer holds the lock; a row left open by a
crash is not a practice in progress.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from pacer.core.practice_log.store import LOCK_FILENAME, LOG_FILENAME

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def _lock_is_held(path: Path) -> bool:
    if fcntl is None:  # pragma: no cover - Windows: fall back on the open row alone
        return True
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False  # no lock file: no Pacer has the log open
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def _query(data_dir: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    path = Path(data_dir) / LOG_FILENAME
    if not path.exists():
        return []
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error:
        return []
    with contextlib.closing(conn):
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.Error:
            return []  # unreadable or being migrated: as if nothing were known


def practised_on(data_dir: Path, day: date) -> bool:
    """True if a session started that local day with some practice in it, or it is a rest day."""
    rows = _query(
        data_dir,
        "SELECT 1 FROM sessions WHERE substr(started_at, 1, 10) = ? AND practised_seconds > 0 "
        "UNION ALL SELECT 1 FROM rest_days WHERE day = ? LIMIT 1",
        (day.isoformat(), day.isoformat()),
    )
    return bool(rows)


def practice_running(data_dir: Path) -> bool:
    open_rows = _query(data_dir, "SELECT 1 FROM sessions WHERE ended IS NULL LIMIT 1")
    return bool(open_rows) and _lock_is_held(Path(data_dir) / LOCK_FILENAME)
