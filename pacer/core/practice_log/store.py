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
from typing import Any

from pacer.core.breathing.pattern import PHASE_BOUNDS
from pacer.core.practice_log.limits import (
    EARLIEST_DAY,
    LATEST_STORED_DAY,
    MAX_GUARDING_MOMENTS,
    MAX_NOTE_CHARS,
    MAX_OPEN_SESSION_SECONDS,
    PLANNED_SECONDS,
    PRACTISED_SLACK_SECONDS,
    record_problem,
    text_problem,
)
from pacer.core.practice_log.records import (
    FEELING_KEYS,
    RECORD_FIELDS,
    TENSION_RANGE,
    TRAINER_RESPONSE_KEYS,
    SessionEnd,
    SessionKind,
    SessionRecord,
    UnreadableRow,
)
from pacer.core.relaxation.limits import CLENCH_SECONDS, RELEASE_SECONDS
from pacer.paths import PRIVATE_FILE_MODE, ensure_private_dir

try:  # POSIX: one process at a time may recover interrupted sessions
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOG_FILENAME = "practice.db"
LOCK_FILENAME = ".practice.lock"
SCHEMA_VERSION = 3
# "PaCe" in ASCII: marks the file as Pacer's (PRAGMA application_id).
APPLICATION_ID = 0x50614365
_COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26

# Every column comes from RECORD_FIELDS, plus two the log keeps for itself.
_STORED_FIELDS = (*RECORD_FIELDS, "started_utc", "checkpoint_at")
_INSERT = (
    f"INSERT {{mode}} INTO {{table}} ({', '.join(_STORED_FIELDS)}) "
    f"VALUES ({', '.join('?' * len(_STORED_FIELDS))})"
)
# How many sessions a merge stages per statement batch: bounded memory for any import, and
# short enough that the window's thread is never kept waiting (sqlite3's executemany holds
# the interpreter for the whole batch: 2,000 sessions took ~55 ms, bench/bench_stalls.py).
_MERGE_BATCH = 250


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


def _listed(values: Iterable[str]) -> str:
    return ", ".join(f"'{value}'" for value in sorted(values))


# Version 2 exactly as it was written, so a version-1 log passes through it on its way up.
_V2_SESSIONS = """CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('breathing', 'relaxation')),
    started_at TEXT NOT NULL,
    started_utc REAL NOT NULL,
    ended_at TEXT,
    planned_seconds REAL,
    practised_seconds REAL NOT NULL DEFAULT 0 CHECK (practised_seconds >= 0),
    ended TEXT CHECK (ended IS NULL OR ended IN ('completed', 'ended_early', 'interrupted')),
    inhale REAL, hold REAL, exhale REAL, rest REAL,
    feeling TEXT CHECK (feeling IS NULL OR feeling IN ('calm', 'same', 'softer', 'tense', 'unsettled')),
    note TEXT,
    checkpoint_at TEXT
)"""
_V2_FIELDS = (*RECORD_FIELDS[: RECORD_FIELDS.index("note") + 1], "started_utc", "checkpoint_at")


def _sessions_table(name: str = "sessions") -> str:
    """The current sessions table. There is deliberately no column for a size, a depth or a
    time held: practice is logged by how it went, never by how far."""

    def small_int(column: str, low: int, high: int) -> str:
        return (
            f"{column} INTEGER CHECK ({column} IS NULL OR "
            f"(typeof({column}) = 'integer' AND {column} BETWEEN {low} AND {high}))"
        )

    return f"""CREATE TABLE {name} (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ({_listed(k.value for k in SessionKind)})),
        started_at TEXT NOT NULL,            -- ISO 8601 with the local UTC offset
        started_utc REAL NOT NULL,           -- Unix seconds: ordering and ranges
        ended_at TEXT,
        planned_seconds REAL,                -- NULL: open-ended
        practised_seconds REAL NOT NULL DEFAULT 0 CHECK (practised_seconds >= 0),
        ended TEXT CHECK (ended IS NULL OR ended IN ({_listed(e.value for e in SessionEnd)})),
        inhale REAL, hold REAL, exhale REAL, rest REAL,
        feeling TEXT CHECK (feeling IS NULL OR feeling IN ({_listed(FEELING_KEYS)})),
        note TEXT,
        clench_seconds REAL,                 -- relaxation: the timings it ran with
        release_seconds REAL,
        skipped_groups TEXT,                 -- group keys left out, comma-joined ('' = none)
        response TEXT CHECK (response IS NULL OR response IN ({_listed(TRAINER_RESPONSE_KEYS)})),
        {small_int("guarding_moments", 0, 2**31 - 1)},
        {small_int("tension_before", TENSION_RANGE.start, TENSION_RANGE.stop - 1)},
        {small_int("tension_after", TENSION_RANGE.start, TENSION_RANGE.stop - 1)},
        checkpoint_at TEXT                   -- wall time of the last checkpoint
    )"""


def _create_current_schema(conn: sqlite3.Connection) -> None:
    conn.execute(_sessions_table())
    conn.execute("CREATE INDEX sessions_by_start ON sessions (started_utc)")
    conn.execute("CREATE TABLE rest_days (day TEXT PRIMARY KEY)")  # local date, YYYY-MM-DD


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    """v1 kept no hold/rest phases, feelings, checkpoints, UTC ordering or rest days."""
    rows = conn.execute("SELECT * FROM sessions").fetchall()
    names = [d[0] for d in conn.execute("SELECT * FROM sessions LIMIT 0").description]
    conn.execute("ALTER TABLE sessions RENAME TO sessions_v1")
    conn.execute(_V2_SESSIONS)
    conn.execute("CREATE INDEX sessions_by_start ON sessions (started_utc)")
    conn.execute("CREATE TABLE rest_days (day TEXT PRIMARY KEY)")
    insert = f"INSERT INTO sessions ({', '.join(_V2_FIELDS)}) VALUES ({', '.join('?' * len(_V2_FIELDS))})"
    for row in rows:
        old = dict(zip(names, row, strict=True))
        started = datetime.fromisoformat(old["started_at"])
        values = {
            **dict.fromkeys(_V2_FIELDS),
            **{name: old[name] for name in names if name in _V2_FIELDS},
            "practised_seconds": old["practised_seconds"] or 0.0,
            # v1 called an early stop "stopped"; the words are now "ended early".
            "ended": "ended_early" if old["ended"] == "stopped" else old["ended"],
            "started_utc": started.timestamp(),
            "checkpoint_at": old["ended_at"],
        }
        conn.execute(insert, tuple(values[name] for name in _V2_FIELDS))
    conn.execute("DROP TABLE sessions_v1")


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    """v3 adds the relaxation timings, trainer practice and the before/after check-in.

    The kind's CHECK constraint changes, which SQLite can only do by rebuilding the table:
    every row is copied as it is, the new fields empty.
    """
    conn.execute(_sessions_table("sessions_v3"))
    kept = ", ".join(_V2_FIELDS)
    conn.execute(f"INSERT INTO sessions_v3 ({kept}) SELECT {kept} FROM sessions")
    conn.execute("DROP TABLE sessions")
    conn.execute("ALTER TABLE sessions_v3 RENAME TO sessions")
    conn.execute("CREATE INDEX sessions_by_start ON sessions (started_utc)")


# MIGRATIONS[n] brings a log from version n to n + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}


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


_TIMES = frozenset({"started_at", "ended_at"})
_NUMBERS = frozenset(
    {"planned_seconds", "inhale", "hold", "exhale", "rest", "clench_seconds", "release_seconds"}
)
_WHOLE_NUMBERS = frozenset({"guarding_moments", "tension_before", "tension_after"})
_TEXTS = frozenset({"id", "feeling", "note", "response"})


def _column_value(name: str, value: object) -> object:
    """A record's field as the log stores it."""
    if value is None:
        return None
    if name in _TIMES:
        return _iso(value)  # type: ignore[arg-type]
    if name == "skipped_groups":
        return ",".join(value)  # type: ignore[arg-type]
    if name in ("kind", "ended"):
        return value.value  # type: ignore[attr-defined]
    if name == "practised_seconds":
        return float(value)  # type: ignore[arg-type]
    return value


def _record_values(record: SessionRecord, checkpoint_at: str | None) -> tuple[Any, ...]:
    values = [_column_value(name, getattr(record, name)) for name in RECORD_FIELDS]
    return (*values, record.started_at.timestamp(), checkpoint_at)


class _RowProblemError(ValueError):
    pass


def _field_value(name: str, value: object) -> object:
    """A stored column as a record's field; :class:`_RowProblemError` says why it cannot be."""
    if value is None:
        if name in ("id", "kind", "started_at"):
            raise _RowProblemError(f"{name} is missing")
        return 0.0 if name == "practised_seconds" else None
    if name in _TIMES:
        if not isinstance(value, str):
            raise _RowProblemError(f"{name} is not a date and time")
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise _RowProblemError(f"{name} is not a date and time") from None
        if moment.tzinfo is None:
            raise _RowProblemError(f"{name} has no UTC offset")
        return moment
    if name in _NUMBERS or name == "practised_seconds":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _RowProblemError(f"{name} is not a number")
        return float(value)
    if name in _WHOLE_NUMBERS:
        if not isinstance(value, int):
            raise _RowProblemError(f"{name} is not a whole number")
        return value
    if name == "kind":
        try:
            return SessionKind(str(value))
        except ValueError:
            raise _RowProblemError(f"kind {str(value)[:40]!r} is not one Pacer knows") from None
    if name == "ended":
        try:
            return SessionEnd(str(value))
        except ValueError:
            raise _RowProblemError(f"ended {str(value)[:40]!r} is not one Pacer knows") from None
    if not isinstance(value, str):
        raise _RowProblemError(f"{name} is not text")
    if name == "skipped_groups":
        return tuple(value.split(",")) if value else ()
    return value


_KINDS = {kind.value: kind for kind in SessionKind}
_ENDS = {end.value: end for end in SessionEnd}


def _plain_sql() -> str:
    """An SQL expression, 1 for a row exactly as Pacer writes it and within the app's limits.

    Evaluated by SQLite as the rows are read, it lets the usual row become a record without
    field-by-field checks in Python (the log loads quickly); any other row is looked at
    closely by :func:`record_problem` and, if it must be, listed as unreadable.
    """

    def number(column: str, low: float, high: float) -> str:
        return (
            f"({column} IS NULL OR (typeof({column}) IN ('real', 'integer') "
            f"AND {column} BETWEEN {low!r} AND {high!r}))"
        )

    def day(column: str) -> str:
        # The text itself is read by Python, which refuses what is not a date and time.
        return (
            f"typeof({column}) = 'text' AND substr({column}, 1, 10) "
            f"BETWEEN '{EARLIEST_DAY.isoformat()}' AND '{LATEST_STORED_DAY.isoformat()}'"
        )

    planned = " ".join(
        f"WHEN '{kind.value}' THEN planned_seconds BETWEEN {low!r} AND {high!r}"
        for kind, (low, high) in PLANNED_SECONDS.items()
    )
    # Kinds, endings, feelings, responses and check-ins are held to their lists and ranges by
    # the table's CHECK constraints and again by SessionRecord itself; what neither checks is
    # tested here.
    parts = [
        "typeof(id) = 'text'",
        day("started_at"),
        f"(ended_at IS NULL OR ({day('ended_at')}))",
        "typeof(practised_seconds) IN ('real', 'integer')",
        "(planned_seconds IS NULL OR (typeof(planned_seconds) IN ('real', 'integer') "
        f"AND CASE kind {planned} ELSE 0 END))",
        *(number(phase.value, b.minimum, b.maximum) for phase, b in PHASE_BOUNDS.items()),
        number("clench_seconds", CLENCH_SECONDS.minimum, CLENCH_SECONDS.maximum),
        number("release_seconds", RELEASE_SECONDS.minimum, RELEASE_SECONDS.maximum),
        "(note IS NULL OR typeof(note) = 'text')",
        "(skipped_groups IS NULL OR skipped_groups = '')",
    ]
    return "(" + " AND ".join(parts) + ")"


_PLAIN = _plain_sql()
_SELECT_COLUMNS = ", ".join(RECORD_FIELDS) + f", {_PLAIN} AS plain"


def _plain_record(row: tuple[Any, ...]) -> SessionRecord | None:
    """A record from a row SQLite found plain (see :func:`_plain_sql`); None if, after all,
    it is not (a date Python reads differently, practised time longer than start to end, a
    note with a control character)."""
    try:
        note = row[12]
        if note is not None and not note.isprintable() and text_problem(note) is not None:
            return None
        if note is not None and len(note) > MAX_NOTE_CHARS:
            return None
        started_at = datetime.fromisoformat(row[2])
        ended_at = None if row[3] is None else datetime.fromisoformat(row[3])
        practised = row[5]
        guarding = row[17]
        if guarding is not None and not (
            type(guarding) is int and 0 <= guarding <= MAX_GUARDING_MOMENTS
        ):
            return None
        if practised < 0:
            return None
        if ended_at is None:
            if practised > MAX_OPEN_SESSION_SECONDS:
                return None
        elif ended_at < started_at or (
            practised > (ended_at - started_at).total_seconds() + PRACTISED_SLACK_SECONDS
        ):
            return None
        ended = row[6]
        # REAL columns hand back floats: SQLite stores a whole number given to one as real.
        return SessionRecord(
            id=row[0],
            kind=_KINDS[row[1]],
            started_at=started_at,
            ended_at=ended_at,
            planned_seconds=row[4],
            practised_seconds=practised,
            ended=None if ended is None else _ENDS[ended],
            inhale=row[7],
            hold=row[8],
            exhale=row[9],
            rest=row[10],
            feeling=row[11],
            note=note,
            clench_seconds=row[13],
            release_seconds=row[14],
            skipped_groups=None if row[15] is None else (),
            response=row[16],
            guarding_moments=row[17],
            tension_before=row[18],
            tension_after=row[19],
        )
    except (KeyError, ValueError, TypeError, OverflowError):
        return None


def _read_row(row: tuple[Any, ...]) -> SessionRecord | UnreadableRow:
    """A stored row (with its ``plain`` flag last) as a session, or as an unreadable row
    with the reason. Never raises."""
    if row[-1] == 1:
        record = _plain_record(row)
        if record is not None and record.started_at.tzinfo is not None:
            return record
    try:
        fields = {
            name: _field_value(name, value)
            for name, value in zip(RECORD_FIELDS, row[: len(RECORD_FIELDS)], strict=True)
        }
        record = SessionRecord(**fields)  # type: ignore[arg-type]
        problem = record_problem(record, LATEST_STORED_DAY)
        if problem is None:
            return record
        reason = f"{problem.field} {problem.message}"
    except _RowProblemError as error:
        reason = str(error)
    except (ValueError, TypeError, OverflowError) as error:
        reason = str(error) or type(error).__name__
    return UnreadableRow(
        id="" if row[0] is None else str(row[0]),
        started_at_text="" if row[2] is None else str(row[2]),
        reason=reason,
    )


class _InstanceLock:
    """Held while a log is open, so only a lone Pacer closes sessions left open by a crash."""

    exclusive: bool

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
        self._closed = False
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
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

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
            "SELECT id, started_at, checkpoint_at FROM sessions WHERE ended IS NULL"
        ).fetchall()
        if not rows:
            return
        with self._transaction():
            for session_id, started_at, checkpoint_at in rows:
                self._conn.execute(
                    "UPDATE sessions SET ended = ?, ended_at = ? WHERE id = ?",
                    (SessionEnd.INTERRUPTED.value, checkpoint_at or started_at, session_id),
                )
        recovered = (self.get(row[0]) for row in rows)
        self.recovered = [record for record in recovered if record is not None]

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
        if not self._closed:
            self._conn.close()
            self._closed = True
        self._lock.release()

    def open_another(self) -> PracticeLog:
        """A second, independent connection to this log, for one other thread.

        SQLite connections belong to the thread that made them: long work (a large import,
        a PDF) opens its own here and closes it when done. It never closes sessions left
        open by a crash: the first connection's Pacer holds the log's lock.
        """
        return PracticeLog.open(self.path.parent)

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
        self,
        session_id: str,
        ended: SessionEnd,
        practised_seconds: float,
        ended_at: datetime,
        guarding_moments: int | None = None,
    ) -> SessionRecord:
        """Close a running session; ``guarding_moments`` is what trainer practice noted."""
        _check_guarding_moments(guarding_moments)
        with self._transaction() as conn:
            cursor = conn.execute(
                "UPDATE sessions SET ended = ?, ended_at = ?, practised_seconds = ?, "
                "checkpoint_at = ?, guarding_moments = ? WHERE id = ? AND ended IS NULL",
                (
                    SessionEnd(ended).value,
                    _iso(ended_at),
                    float(practised_seconds),
                    _iso(ended_at),
                    guarding_moments,
                    session_id,
                ),
            )
            self._require_running(cursor, session_id)
        finished = self.get(session_id)
        if finished is None:  # only a row changed by hand underneath us could be unreadable
            raise LogError(f"the session {session_id} could not be read back from the log")
        return finished

    def _require_running(self, cursor: sqlite3.Cursor, session_id: str) -> None:
        if cursor.rowcount == 1:
            return
        if not self._exists(session_id):
            raise UnknownSessionError(session_id)
        raise LogError(f"the session {session_id} has already ended")

    def _exists(self, session_id: str) -> bool:
        query = "SELECT 1 FROM sessions WHERE id = ?"
        return self._conn.execute(query, (session_id,)).fetchone() is not None

    # -- whole records -----------------------------------------------------------------------

    def _insert(self, record: SessionRecord, checkpoint_at: str | None) -> None:
        with self._transaction() as conn:
            conn.execute(
                _INSERT.format(mode="", table="sessions"), _record_values(record, checkpoint_at)
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
        records twice changes nothing. ``records`` may be a stream of any length: they are
        gathered in a temporary table first (nothing held in memory, the log not yet locked,
        so a session being recorded meanwhile is not held up), then merged in one short
        transaction. ``rest_days`` is read after ``records``. If either raises, or the same id
        comes twice (:class:`DuplicateSessionError`), the log is left exactly as it was.
        """
        conn = self._conn
        conn.execute("DROP TABLE IF EXISTS temp.merging_sessions")
        conn.execute("DROP TABLE IF EXISTS temp.merging_rest_days")
        staging = _sessions_table("temp.merging_sessions")
        conn.execute(staging)
        conn.execute("CREATE TABLE temp.merging_rest_days (day TEXT PRIMARY KEY)")
        try:
            staged = self._stage(records)
            self._stage_rest_days(rest_days)
            columns = ", ".join(_STORED_FIELDS)
            with self._transaction():
                cursor = conn.execute(
                    f"INSERT OR IGNORE INTO main.sessions ({columns}) "
                    f"SELECT {columns} FROM temp.merging_sessions"
                )
                added = max(cursor.rowcount, 0)
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO main.rest_days (day) "
                    "SELECT day FROM temp.merging_rest_days"
                )
                days_added = max(cursor.rowcount, 0)
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.execute("DROP TABLE IF EXISTS temp.merging_sessions")
            conn.execute("DROP TABLE IF EXISTS temp.merging_rest_days")
        return MergeResult(added, staged - added, days_added)

    def _stage(self, records: Iterable[SessionRecord]) -> int:
        insert = _INSERT.format(mode="", table="temp.merging_sessions")
        staged = 0
        batch: list[tuple[Any, ...]] = []

        def flush() -> None:
            # Writes to the temporary database only: the log itself is not locked.
            self._conn.execute("BEGIN")
            try:
                self._conn.executemany(insert, batch)
            except sqlite3.IntegrityError:
                self._conn.execute("ROLLBACK")
                raise DuplicateSessionError(_first_repeated(batch, self._conn)) from None
            self._conn.execute("COMMIT")
            batch.clear()

        for record in records:
            if record.ended is None:
                raise ValueError(f"session {record.id} has no end; only finished ones merge")
            batch.append(_record_values(record, _iso(record.ended_at)))
            staged += 1
            if len(batch) >= _MERGE_BATCH:
                flush()
        if batch:
            flush()
        return staged

    def _stage_rest_days(self, rest_days: Iterable[date]) -> None:
        batch: list[tuple[str]] = []
        for day in rest_days:
            batch.append((day.isoformat(),))
            if len(batch) >= _MERGE_BATCH:
                self._conn.executemany(
                    "INSERT OR IGNORE INTO temp.merging_rest_days (day) VALUES (?)", batch
                )
                batch.clear()
        self._conn.executemany(
            "INSERT OR IGNORE INTO temp.merging_rest_days (day) VALUES (?)", batch
        )

    # -- reading -------------------------------------------------------------------------------

    def get(self, session_id: str) -> SessionRecord | None:
        """The session with this id; None if there is none or its row cannot be read."""
        row = self._conn.execute(
            f"SELECT {_SELECT_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            return None
        read = _read_row(row)
        return read if isinstance(read, SessionRecord) else None

    def _rows(self, since: date | None, until: date | None) -> sqlite3.Cursor:
        query = f"SELECT {_SELECT_COLUMNS} FROM sessions"
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
        return self._conn.execute(query, params)

    def iter_sessions(
        self, since: date | None = None, until: date | None = None
    ) -> Iterator[SessionRecord]:
        """Like :meth:`sessions`, one at a time (an export of any size in bounded memory)."""
        for row in self._rows(since, until):
            read = _read_row(row)
            if isinstance(read, SessionRecord):
                yield read

    def sessions(self, since: date | None = None, until: date | None = None) -> list[SessionRecord]:
        """Sessions in start order; ``since``/``until`` are inclusive local start dates.

        Rows that cannot be read as a session are left out; :meth:`unreadable_rows` lists them.
        """
        return list(self.iter_sessions(since, until))

    def everything(self) -> tuple[list[SessionRecord], tuple[UnreadableRow, ...]]:
        """Every session and every unreadable row, in one pass over the log (the history)."""
        sessions: list[SessionRecord] = []
        unreadable: list[UnreadableRow] = []
        for row in self._rows(None, None):
            read = _read_row(row)
            if isinstance(read, SessionRecord):
                sessions.append(read)
            else:
                unreadable.append(read)
        return sessions, tuple(unreadable)

    def unreadable_rows(
        self, since: date | None = None, until: date | None = None
    ) -> tuple[UnreadableRow, ...]:
        """Rows that cannot be shown as a session, with the reason; they stay in the file.

        With a range, those whose start text falls in it and those with no readable date.
        """
        found = [
            read
            for row in self._rows(None, None)
            if isinstance(read := _read_row(row), UnreadableRow)
        ]
        if since is None and until is None:
            return tuple(found)
        return tuple(row for row in found if _maybe_in_range(row.started_at_text, since, until))

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM sessions").fetchone()[0])

    # -- what the user adds afterwards ---------------------------------------------------------

    def set_note(self, session_id: str, note: str | None) -> None:
        """Add, change or (with None or blank text) remove a session's note."""
        text = None if note is None or not note.strip() else clean_note(note)
        self._update(session_id, "note", text)

    def set_feeling(self, session_id: str, feeling: str | None) -> None:
        if feeling is not None and feeling not in FEELING_KEYS:
            raise ValueError(f"unknown feeling {feeling!r}")
        self._update(session_id, "feeling", feeling)

    def set_tension_after(self, session_id: str, value: int | None) -> None:
        """The after-practice check-in, 0 (completely soft) to 10; None removes it."""
        _check_tension(value)
        self._update(session_id, "tension_after", value)

    def set_tension_before(self, session_id: str, value: int | None) -> None:
        """The before-practice check-in (usually written at the start, from the description)."""
        _check_tension(value)
        self._update(session_id, "tension_before", value)

    def set_response(self, session_id: str, response: str | None) -> None:
        """How the muscles responded in trainer practice (a TRAINER_RESPONSES key) or None."""
        if response is not None and response not in TRAINER_RESPONSE_KEYS:
            raise ValueError(f"unknown response {response!r}")
        self._update(session_id, "response", response)

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


class DuplicateSessionError(LogError):
    """The sessions being merged hold the same id twice; nothing was merged."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        super().__init__(f"the session {session_id} is listed twice")


def _first_repeated(batch: list[tuple[Any, ...]], conn: sqlite3.Connection) -> str:
    seen: set[str] = set()
    for values in batch:
        if values[0] in seen:
            return str(values[0])
        seen.add(values[0])
    for values in batch:  # repeats one staged in an earlier batch
        query = "SELECT 1 FROM temp.merging_sessions WHERE id = ?"
        if conn.execute(query, (values[0],)).fetchone():
            return str(values[0])
    return "?"


def clean_note(note: str) -> str:
    """A note as the log keeps it: trimmed, line breaks as ``\\n``, no other control
    characters, at most the length an import would accept."""
    text = note.replace("\r\n", "\n").replace("\r", "\n").strip()
    text = "".join(ch for ch in text if ch in "\n\t" or not (ch < " " or ch == "\x7f"))
    problem = text_problem(text)
    if problem:
        raise ValueError(f"the note {problem}")
    return text


def _check_tension(value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or value not in TENSION_RANGE):
        raise ValueError("a check-in is a whole number from 0 to 10")


def _check_guarding_moments(value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ValueError("guarding moments are counted with a whole number from 0")


def _maybe_in_range(text: str, since: date | None, until: date | None) -> bool:
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return True  # no readable date: it could belong anywhere, so it is always listed
    return (since is None or day >= since) and (until is None or day <= until)


class _UnreadableError(Exception):
    """The file is not a readable Pacer log (damaged, or another program's database)."""
