"""The practice log on disk: one SQLite file, ``practice.db``, in the private data folder.

Promises kept here:

- Nothing is lost. A session's row is written when it starts and checkpointed while it runs;
  a row still open when the log is next opened (the app was killed) is closed as
  ``interrupted`` with the time up to its last checkpoint.
- A file that is not a readable Pacer log is never overwritten or deleted: it is moved aside
  with a timestamp (together with any ``-wal``/``-journal`` companions) and a fresh log starts;
  ``PracticeLog.notices`` says where it went, in words meant for the user.
- A log written by a newer Pacer is refused (``NewerLogError``) and left untouched.
- Migrations first copy the whole log with SQLite's backup API, then run in one transaction.
- WAL journal, ``synchronous=FULL``; the folder is 0700 and the files 0600.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pacer.core.practice_log.records import (
    FEELING_KEYS,
    SessionEnd,
    SessionKind,
    SessionRecord,
)
from pacer.paths import PRIVATE_FILE_MODE, ensure_private_dir

try:  # POSIX: one process at a time may recover interrupted sessions
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

LOG_FILENAME = "practice.db"
LOCK_FILENAME = ".practice.lock"
SCHEMA_VERSION = 2
# "PaCe" in ASCII: marks the file as Pacer's (PRAGMA application_id).
APPLICATION_ID = 0x50614365
_COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26

_COLUMNS = (
    "id, kind, started_at, ended_at, planned_seconds, practised_seconds, ended, "
    "inhale, hold, exhale, rest, feeling, note"
)


class LogError(Exception):
    """The log cannot be used; the message is written for the user."""


class NewerLogError(LogError):
    """The log was written by a newer Pacer; it is left exactly as it is."""


class UnknownSessionError(LogError, KeyError):
    def __str__(self) -> str:
        return f"no session with id {self.args[0]!r} in the practice log"


@dataclass(frozen=True)
class MergeResult:
    added: int
    already_present: int
    rest_days_added: int


def _kinds() -> str:
    return ", ".join(f"'{k.value}'" for k in SessionKind)


def _ends() -> str:
    return ", ".join(f"'{e.value}'" for e in SessionEnd)


def _feelings() -> str:
    return ", ".join(f"'{k}'" for k in sorted(FEELING_KEYS))


def _create_current_schema(conn: sqlite3.Connection) -> None:
    conn.execute(
        f"""CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ({_kinds()})),
            started_at TEXT NOT NULL,            -- ISO 8601 with the local UTC offset
            started_utc REAL NOT NULL,           -- Unix seconds: ordering and ranges
            ended_at TEXT,
            planned_seconds REAL,                -- NULL: open-ended
            practised_seconds REAL NOT NULL DEFAULT 0 CHECK (practised_seconds >= 0),
            ended TEXT CHECK (ended IS NULL OR ended IN ({_ends()})),  -- NULL: still running
            inhale REAL, hold REAL, exhale REAL, rest REAL,
            feeling TEXT CHECK (feeling IS NULL OR feeling IN ({_feelings()})),
            note TEXT,
            checkpoint_at TEXT                   -- wall time of the last checkpoint
        )"""
    )
    conn.execute("CREATE INDEX sessions_by_start ON sessions (started_utc)")
    conn.execute("CREATE TABLE rest_days (day TEXT PRIMARY KEY)")  # local date, YYYY-MM-DD


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    """v1 kept no hold/rest phases, feelings, checkpoints, UTC ordering or rest days."""
    rows = conn.execute("SELECT * FROM sessions").fetchall()
    names = [d[0] for d in conn.execute("SELECT * FROM sessions LIMIT 0").description]
    conn.execute("ALTER TABLE sessions RENAME TO sessions_v1")
    _create_current_schema(conn)
    for row in rows:
        old = dict(zip(names, row, strict=True))
        started = datetime.fromisoformat(old["started_at"])
        conn.execute(
            f"INSERT INTO sessions ({_COLUMNS}, started_utc, checkpoint_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                old["id"],
                old["kind"],
                old["started_at"],
                old["ended_at"],
                old["planned_seconds"],
                old["practised_seconds"] or 0.0,
                # v1 called an early stop "stopped"; the words are now "ended early".
                "ended_early" if old["ended"] == "stopped" else old["ended"],
                old["inhale"],
                None,
                old["exhale"],
                None,
                None,
                old["note"],
                started.timestamp(),
                old["ended_at"],
            ),
        )
    conn.execute("DROP TABLE sessions_v1")


# MIGRATIONS[n] brings a log from version n to n + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _migrate_1_to_2}


def _timestamp_label(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    candidate = folder / f"{stem}{suffix}"
    counter = 2
    while candidate.exists() or any(Path(f"{candidate}{c}").exists() for c in _COMPANION_SUFFIXES):
        candidate = folder / f"{stem}-{counter}{suffix}"
        counter += 1
    return candidate


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(fd)
    _make_private(path)


def _make_private(path: Path) -> None:
    if os.name == "posix":
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, PRIVATE_FILE_MODE)


def _connect(path: Path, mode: str = "rw") -> sqlite3.Connection:
    conn = sqlite3.connect(
        f"{path.as_uri()}?mode={mode}", uri=True, timeout=5.0, isolation_level=None
    )
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    """True when the file itself is unreadable, rather than merely locked or unwritable."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(error).lower()
    return "not a database" in text or "malformed" in text


def _inspect(path: Path, mode: str) -> None:
    """Raise unless ``path`` is a Pacer log this version can read (see ``PracticeLog.open``)."""
    try:
        conn = _connect(path, mode)
    except sqlite3.DatabaseError as error:
        if _is_damage(error):
            raise _UnreadableError from error
        raise LogError(f"Pacer could not open your practice log at {path}: {error}.") from error
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NewerLogError(
                f"Your practice log at {path} was written by a newer version of Pacer. "
                "This version leaves it untouched; please open it with the newer Pacer."
            )
        if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            raise _UnreadableError
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        if _is_damage(error):
            raise _UnreadableError from error
        if mode == "ro":
            raise
        raise LogError(f"Pacer could not open your practice log at {path}: {error}.") from error
    finally:
        conn.close()
    if app_id not in (0, APPLICATION_ID):
        raise _UnreadableError
    if version == 0 and tables:
        raise _UnreadableError  # some other program's database
    if version > 0 and "sessions" not in tables:
        raise _UnreadableError


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("timestamps in the practice log must be timezone-aware")
    return moment.isoformat()


def _row_to_record(row: tuple) -> SessionRecord:
    return SessionRecord(
        id=row[0],
        kind=SessionKind(row[1]),
        started_at=datetime.fromisoformat(row[2]),
        ended_at=None if row[3] is None else datetime.fromisoformat(row[3]),
        planned_seconds=row[4],
        practised_seconds=row[5],
        ended=None if row[6] is None else SessionEnd(row[6]),
        inhale=row[7],
        hold=row[8],
        exhale=row[9],
        rest=row[10],
        feeling=row[11],
        note=row[12],
    )


def _record_values(record: SessionRecord) -> tuple:
    return (
        record.id,
        record.kind.value,
        _iso(record.started_at),
        _iso(record.ended_at),
        record.planned_seconds,
        float(record.practised_seconds),
        None if record.ended is None else record.ended.value,
        record.inhale,
        record.hold,
        record.exhale,
        record.rest,
        record.feeling,
        record.note,
        record.started_at.timestamp(),
    )


class _InstanceLock:
    """Held while a log is open, so only a lone Pacer closes sessions left open by a crash."""

    def __init__(self, path: Path) -> None:
        self._fd: int | None = None
        if fcntl is None:  # pragma: no cover - Windows: no second-instance detection
            self.exclusive = True
            return
        self._fd = os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE_MODE)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self.exclusive = True
        except OSError:
            self.exclusive = False  # another Pacer has the log open and may be mid-session

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


class PracticeLog:
    """The open practice log. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path, lock: _InstanceLock) -> None:
        self._conn = conn
        self._lock = lock
        self.path = path
        self.notices: list[str] = []
        self.moved_aside: Path | None = None
        self.backup_path: Path | None = None
        self.recovered: list[SessionRecord] = []

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path, *, now: Callable[[], datetime] | None = None) -> PracticeLog:
        """Open (or create) ``practice.db`` in ``data_dir``; see the module notes."""
        clock = now or (lambda: datetime.now().astimezone())
        try:
            folder = ensure_private_dir(Path(data_dir))
        except OSError as error:
            raise LogError(
                f"Pacer could not use the folder {data_dir} for your practice log: "
                f"{error.strerror or error}."
            ) from error
        path = folder / LOG_FILENAME
        moved_aside: Path | None = None
        conn: sqlite3.Connection | None = None
        if path.exists():
            try:
                conn = cls._open_existing(path)
            except _UnreadableError:
                moved_aside = cls._move_aside(path, clock())
        if conn is None:
            conn = cls._create(path)
        lock = _InstanceLock(folder / LOCK_FILENAME)
        log = cls(conn, path, lock)
        if moved_aside is not None:
            log.moved_aside = moved_aside
            log.notices.append(
                "Pacer could not read the practice log it found, so it has started a fresh "
                f"one. The old file is kept, untouched, at {moved_aside}."
            )
        try:
            log._migrate(clock())
            if lock.exclusive:
                log._close_interrupted()
        except BaseException:
            log.close()
            raise
        return log

    @staticmethod
    def _open_existing(path: Path) -> sqlite3.Connection:
        # Look first through a read-only connection: closing it never checkpoints into a
        # damaged file or removes its -wal, so a file moved aside is exactly what was found.
        try:
            _inspect(path, "ro")
        except sqlite3.OperationalError as error:
            if _is_damage(error):
                raise _UnreadableError from error
            _inspect(path, "rw")  # e.g. a leftover rollback journal only a writer may undo
        try:
            conn = _connect(path)
            for suffix in ("", *_COMPANION_SUFFIXES):
                _make_private(Path(f"{path}{suffix}"))
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as error:
            raise LogError(f"Pacer could not open your practice log at {path}: {error}.") from error
        return conn

    @staticmethod
    def _create(path: Path) -> sqlite3.Connection:
        try:
            _create_private_file(path)
            conn = _connect(path)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        except (OSError, sqlite3.DatabaseError) as error:
            raise LogError(
                f"Pacer could not create your practice log at {path}: {error}."
            ) from error
        return conn

    @staticmethod
    def _move_aside(path: Path, now: datetime) -> Path:
        target = _free_name(path.parent, f"practice.unreadable-{_timestamp_label(now)}", ".db")
        os.replace(path, target)
        for suffix in _COMPANION_SUFFIXES:
            companion = Path(f"{path}{suffix}")
            if companion.exists():
                os.replace(companion, Path(f"{target}{suffix}"))
        return target

    def _version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self, now: datetime) -> None:
        version = self._version()
        if version == SCHEMA_VERSION:
            return
        if version > 0:
            self.backup_path = self._backup(version, now)
        with self._transaction():
            if version == 0:
                _create_current_schema(self._conn)
            else:
                for step in range(version, SCHEMA_VERSION):
                    MIGRATIONS[step](self._conn)
            self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _backup(self, version: int, now: datetime) -> Path:
        target = _free_name(
            self.path.parent, f"practice.v{version}-backup-{_timestamp_label(now)}", ".db"
        )
        _create_private_file(target)
        destination = sqlite3.connect(target)
        try:
            self._conn.backup(destination)
        finally:
            destination.close()
        return target

    def _close_interrupted(self) -> None:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS}, checkpoint_at FROM sessions WHERE ended IS NULL"
        ).fetchall()
        if not rows:
            return
        with self._transaction():
            for row in rows:
                ended_at = row[13] or row[2]
                self._conn.execute(
                    "UPDATE sessions SET ended = ?, ended_at = ? WHERE id = ?",
                    (SessionEnd.INTERRUPTED.value, ended_at, row[0]),
                )
        self.recovered = [self.get(row[0]) for row in rows]

    # -- housekeeping ----------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._lock.release()

    def __enter__(self) -> PracticeLog:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- recording a session ---------------------------------------------------------------

    def begin(self, record: SessionRecord) -> None:
        """Write a session that has just started (``record.ended`` is None)."""
        if record.ended is not None:
            raise ValueError("begin() takes a running session; use add() for a finished one")
        self._insert(record, checkpoint_at=_iso(record.started_at))

    def checkpoint(self, session_id: str, practised_seconds: float, at: datetime) -> None:
        """Save progress of a running session; a crash keeps the time up to here."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "UPDATE sessions SET practised_seconds = ?, checkpoint_at = ? "
                "WHERE id = ? AND ended IS NULL",
                (float(practised_seconds), _iso(at), session_id),
            )
            self._require_running(cursor, session_id)

    def finish(
        self, session_id: str, ended: SessionEnd, practised_seconds: float, ended_at: datetime
    ) -> SessionRecord:
        with self._transaction() as conn:
            cursor = conn.execute(
                "UPDATE sessions SET ended = ?, ended_at = ?, practised_seconds = ?, "
                "checkpoint_at = ? WHERE id = ? AND ended IS NULL",
                (
                    SessionEnd(ended).value,
                    _iso(ended_at),
                    float(practised_seconds),
                    _iso(ended_at),
                    session_id,
                ),
            )
            self._require_running(cursor, session_id)
        return self.get(session_id)

    def _require_running(self, cursor: sqlite3.Cursor, session_id: str) -> None:
        if cursor.rowcount == 1:
            return
        if self.get(session_id) is None:
            raise UnknownSessionError(session_id)
        raise LogError(f"the session {session_id} has already ended")

    # -- whole records -----------------------------------------------------------------------

    def _insert(self, record: SessionRecord, checkpoint_at: str | None) -> None:
        values = (*_record_values(record), checkpoint_at)
        with self._transaction() as conn:
            conn.execute(
                f"INSERT INTO sessions ({_COLUMNS}, started_utc, checkpoint_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                values,
            )

    def add(self, record: SessionRecord) -> None:
        """Store a finished session (for example one brought in by import)."""
        if record.ended is None:
            raise ValueError("add() takes a finished session; use begin() for a running one")
        self._insert(record, checkpoint_at=_iso(record.ended_at))

    def merge(
        self, records: Iterable[SessionRecord], rest_days: Iterable[date] = ()
    ) -> MergeResult:
        """Add sessions whose id is not in the log yet, and rest days, in one transaction.

        Sessions already present (same id) are left as they are, so merging the same
        records twice changes nothing.
        """
        added = present = days_added = 0
        with self._transaction() as conn:
            for record in records:
                if record.ended is None:
                    raise ValueError(f"session {record.id} has no end; only finished ones merge")
                cursor = conn.execute(
                    f"INSERT OR IGNORE INTO sessions ({_COLUMNS}, started_utc, checkpoint_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (*_record_values(record), _iso(record.ended_at)),
                )
                if cursor.rowcount:
                    added += 1
                else:
                    present += 1
            for day in rest_days:
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO rest_days (day) VALUES (?)", (day.isoformat(),)
                )
                days_added += cursor.rowcount
        return MergeResult(added, present, days_added)

    def get(self, session_id: str) -> SessionRecord | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return None if row is None else _row_to_record(row)

    def sessions(self, since: date | None = None, until: date | None = None) -> list[SessionRecord]:
        """Sessions in start order; ``since``/``until`` are inclusive local start dates."""
        query = f"SELECT {_COLUMNS} FROM sessions"
        clauses, params = [], []
        if since is not None:
            clauses.append("substr(started_at, 1, 10) >= ?")
            params.append(since.isoformat())
        if until is not None:
            clauses.append("substr(started_at, 1, 10) <= ?")
            params.append(until.isoformat())
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        query += " ORDER BY started_utc, id"
        return [_row_to_record(row) for row in self._conn.execute(query, params)]

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM sessions").fetchone()[0]

    # -- what the user adds afterwards ---------------------------------------------------------

    def set_note(self, session_id: str, note: str | None) -> None:
        """Add, change or (with None or blank text) remove a session's note."""
        text = None if note is None or not note.strip() else note.strip()
        self._update(session_id, "note", text)

    def set_feeling(self, session_id: str, feeling: str | None) -> None:
        if feeling is not None and feeling not in FEELING_KEYS:
            raise ValueError(f"unknown feeling {feeling!r}")
        self._update(session_id, "feeling", feeling)

    def _update(self, session_id: str, column: str, value: object) -> None:
        with self._transaction() as conn:
            cursor = conn.execute(
                f"UPDATE sessions SET {column} = ? WHERE id = ?", (value, session_id)
            )
            if cursor.rowcount != 1:
                raise UnknownSessionError(session_id)

    # -- rest days ---------------------------------------------------------------------------

    def rest_days(self) -> set[date]:
        return {date.fromisoformat(r[0]) for r in self._conn.execute("SELECT day FROM rest_days")}

    def set_rest_day(self, day: date, resting: bool = True) -> None:
        with self._transaction() as conn:
            if resting:
                conn.execute("INSERT OR IGNORE INTO rest_days (day) VALUES (?)", (day.isoformat(),))
            else:
                conn.execute("DELETE FROM rest_days WHERE day = ?", (day.isoformat(),))


class _UnreadableError(Exception):
    """The file is not a readable Pacer log (damaged, or another program's database)."""
