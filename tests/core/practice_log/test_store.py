from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pacer.core.practice_log.records import SessionEnd, SessionKind, SessionRecord
from pacer.core.practice_log.store import (
    LOG_FILENAME,
    SCHEMA_VERSION,
    LogError,
    NewerLogError,
    PracticeLog,
    UnknownSessionError,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
CET = timezone(timedelta(hours=1))
EST = timezone(timedelta(hours=-5))
WHEN = datetime(2026, 4, 2, 8, 30, tzinfo=CET)


def fixed_now():
    return datetime(2026, 4, 2, 9, 15, 7, tzinfo=CET)


def finished(started_at: datetime, minutes: float = 10, **extra) -> SessionRecord:
    fields = {
        "kind": SessionKind.BREATHING,
        "started_at": started_at,
        "ended_at": started_at + timedelta(minutes=minutes),
        "planned_seconds": minutes * 60,
        "practised_seconds": minutes * 60,
        "ended": SessionEnd.COMPLETED,
        "inhale": 4.0,
        "hold": 0.0,
        "exhale": 6.0,
        "rest": 0.0,
    }
    fields.update(extra)
    return SessionRecord(**fields)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_new_log_is_private_and_uses_wal_with_full_sync(tmp_path):
    folder = tmp_path / "data"
    with PracticeLog.open(folder) as log:
        log.add(finished(WHEN))
        assert log._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert mode(folder) == 0o700
        for name in (LOG_FILENAME, f"{LOG_FILENAME}-wal", f"{LOG_FILENAME}-shm"):
            assert mode(folder / name) == 0o600, name
    raw = sqlite3.connect(folder / LOG_FILENAME)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    raw.close()


def test_an_existing_open_folder_and_file_are_made_private(tmp_path):
    folder = tmp_path / "data"
    PracticeLog.open(folder).close()
    folder.chmod(0o755)
    (folder / LOG_FILENAME).chmod(0o644)
    PracticeLog.open(folder).close()
    assert mode(folder) == 0o700
    assert mode(folder / LOG_FILENAME) == 0o600


def test_records_round_trip_with_their_local_offsets(data_dir):
    evening_in_new_york = finished(datetime(2026, 4, 1, 22, 45, 30, 250000, tzinfo=EST), 7.5)
    morning_in_berlin = finished(WHEN, 3, note="Shoulders dropped.", feeling="softer")
    with PracticeLog.open(data_dir) as log:
        log.add(morning_in_berlin)
        log.add(evening_in_new_york)
    with PracticeLog.open(data_dir) as log:
        stored = log.sessions()
    # Ordered by the real instant: 22:45 in New York is 04:45 the next day in Berlin.
    assert stored == [evening_in_new_york, morning_in_berlin]
    assert stored[0].started_at.utcoffset() == timedelta(hours=-5)


def test_date_filters_use_the_local_day_the_session_started(data_dir):
    late = finished(datetime(2026, 4, 1, 23, 50, tzinfo=EST), 20)  # runs past midnight
    with PracticeLog.open(data_dir) as log:
        log.add(late)
        log.add(finished(WHEN))
        assert log.sessions(since=date(2026, 4, 1), until=date(2026, 4, 1)) == [late]
        assert [r.started_at for r in log.sessions(since=date(2026, 4, 2))] == [WHEN]
        assert log.sessions(until=date(2026, 3, 31)) == []


def test_a_running_session_is_checkpointed_and_finished(data_dir):
    with PracticeLog.open(data_dir) as log:
        running = SessionRecord(kind=SessionKind.RELAXATION, started_at=WHEN, planned_seconds=540)
        log.begin(running)
        log.checkpoint(running.id, 9.5, WHEN + timedelta(seconds=10))
        assert log.get(running.id).practised_seconds == 9.5
        assert log.get(running.id).ended is None
        done = log.finish(running.id, SessionEnd.COMPLETED, 540, WHEN + timedelta(minutes=9))
        assert done.ended is SessionEnd.COMPLETED
        assert done.practised_seconds == 540
        with pytest.raises(LogError, match="already ended"):
            log.checkpoint(running.id, 600, WHEN + timedelta(minutes=10))
        with pytest.raises(UnknownSessionError):
            log.checkpoint("no-such-id", 1, WHEN)


def test_an_open_session_is_closed_as_interrupted_at_its_last_checkpoint(data_dir):
    log = PracticeLog.open(data_dir)
    running = SessionRecord(kind=SessionKind.BREATHING, started_at=WHEN, planned_seconds=600)
    log.begin(running)
    log.checkpoint(running.id, 40, WHEN + timedelta(seconds=45))
    log._conn.close()  # as if the process died: no finish, no clean close
    log._lock.release()

    with PracticeLog.open(data_dir) as reopened:
        record = reopened.get(running.id)
        assert reopened.recovered == [record]
    assert record.ended is SessionEnd.INTERRUPTED
    assert record.practised_seconds == 40
    assert record.ended_at == WHEN + timedelta(seconds=45)


def test_a_second_instance_leaves_the_running_session_of_the_first_alone(data_dir):
    with PracticeLog.open(data_dir) as first:
        running = SessionRecord(kind=SessionKind.BREATHING, started_at=WHEN)
        first.begin(running)
        with PracticeLog.open(data_dir) as second:
            assert second.recovered == []
            assert second.get(running.id).ended is None
        first.finish(running.id, SessionEnd.COMPLETED, 300, WHEN + timedelta(minutes=5))
        assert first.get(running.id).ended is SessionEnd.COMPLETED


@pytest.mark.parametrize(
    "content",
    [b"", b"These are not the bytes of a database.\n" * 200],
    ids=["empty", "text"],
)
def test_a_file_that_is_not_a_log_is_moved_aside_and_kept(data_dir, content):
    target = data_dir / LOG_FILENAME
    target.write_bytes(content)
    if not content:  # an empty file is a blank database: it simply becomes the log
        with PracticeLog.open(data_dir) as log:
            assert log.moved_aside is None
            assert log.count() == 0
        return
    with PracticeLog.open(data_dir, now=fixed_now) as log:
        assert log.moved_aside == data_dir / "practice.unreadable-20260402-091507.db"
        assert log.moved_aside.read_bytes() == content
        assert str(log.moved_aside) in log.notices[0]
        log.add(finished(WHEN))
        assert log.count() == 1


def test_a_damaged_log_and_its_wal_are_moved_aside_together(data_dir):
    with PracticeLog.open(data_dir) as log:
        for day in range(30):
            log.add(finished(WHEN + timedelta(days=day), note="x" * 2000))
    target = data_dir / LOG_FILENAME
    data = bytearray(target.read_bytes())
    data[4096:12288] = b"\xff" * 8192  # scribble over the first table pages
    target.write_bytes(bytes(data))
    (data_dir / f"{LOG_FILENAME}-wal").write_bytes(b"stale wal that must not be lost")

    with PracticeLog.open(data_dir, now=fixed_now) as log:
        aside = log.moved_aside
        assert aside is not None
        assert log.count() == 0
    assert aside.read_bytes() == bytes(data)
    assert Path(f"{aside}-wal").read_bytes() == b"stale wal that must not be lost"


def test_another_programs_database_is_moved_aside_not_reused(data_dir):
    other = sqlite3.connect(data_dir / LOG_FILENAME)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.execute("INSERT INTO recipes VALUES ('soup')")
    other.commit()
    other.close()
    with PracticeLog.open(data_dir, now=fixed_now) as log:
        aside = log.moved_aside
    kept = sqlite3.connect(aside)
    assert kept.execute("SELECT name FROM recipes").fetchall() == [("soup",)]
    kept.close()


def test_a_log_from_a_newer_pacer_is_refused_and_untouched(data_dir):
    target = data_dir / LOG_FILENAME
    newer = sqlite3.connect(target)
    newer.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, future_column BLOB)")
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    newer.commit()
    newer.close()
    before = target.read_bytes()
    with pytest.raises(NewerLogError, match="newer version of Pacer"):
        PracticeLog.open(data_dir)
    assert target.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == [LOG_FILENAME]


def test_a_version_1_log_is_backed_up_then_migrated(data_dir):
    target = data_dir / LOG_FILENAME
    v1 = sqlite3.connect(target)
    v1.executescript((FIXTURES / "practice_v1.sql").read_text(encoding="utf-8"))
    v1.close()

    with PracticeLog.open(data_dir, now=fixed_now) as log:
        sessions = log.sessions()
        backup = log.backup_path
        assert log.rest_days() == set()
        log.set_rest_day(date(2026, 3, 3))

    assert [s.ended for s in sessions] == [
        SessionEnd.COMPLETED,
        SessionEnd.ENDED_EARLY,  # "stopped" in version 1
        SessionEnd.COMPLETED,
    ]
    first = sessions[0]
    assert first.note == "Felt warm and heavy — nice."
    assert (first.inhale, first.exhale, first.hold, first.rest) == (4, 6, None, None)
    assert first.started_at == datetime(2026, 3, 1, 21, 30, tzinfo=CET)
    assert sessions[1].kind is SessionKind.RELAXATION
    assert sessions[2].planned_seconds is None

    assert backup == data_dir / "practice.v1-backup-20260402-091507.db"
    assert mode(backup) == 0o600
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT count(*) FROM sessions WHERE ended = 'stopped'").fetchone() == (1,)
    old.close()


def test_a_failed_migration_leaves_the_log_as_it_was(data_dir, monkeypatch):
    from pacer.core.practice_log import store

    target = data_dir / LOG_FILENAME
    v1 = sqlite3.connect(target)
    v1.executescript((FIXTURES / "practice_v1.sql").read_text(encoding="utf-8"))
    v1.close()

    def broken(conn):
        conn.execute("DROP TABLE sessions")
        raise RuntimeError("power cut halfway")

    monkeypatch.setitem(store.MIGRATIONS, 1, broken)
    with pytest.raises(RuntimeError, match="power cut"):
        PracticeLog.open(data_dir)
    still_v1 = sqlite3.connect(target)
    assert still_v1.execute("PRAGMA user_version").fetchone()[0] == 1
    assert still_v1.execute("SELECT count(*) FROM sessions").fetchone() == (3,)
    still_v1.close()


def test_notes_and_feelings_can_be_added_changed_and_removed(data_dir):
    record = finished(WHEN)
    with PracticeLog.open(data_dir) as log:
        log.add(record)
        log.set_note(record.id, "  Jaw softer than last week.  ")
        log.set_feeling(record.id, "calm")
        assert (log.get(record.id).note, log.get(record.id).feeling) == (
            "Jaw softer than last week.",
            "calm",
        )
        log.set_note(record.id, "   ")
        log.set_feeling(record.id, None)
        assert (log.get(record.id).note, log.get(record.id).feeling) == (None, None)
        with pytest.raises(ValueError, match="unknown feeling"):
            log.set_feeling(record.id, "excellent")
        with pytest.raises(UnknownSessionError):
            log.set_note("missing", "hello")


def test_rest_days_can_be_marked_and_unmarked(data_dir):
    with PracticeLog.open(data_dir) as log:
        log.set_rest_day(date(2026, 4, 5))
        log.set_rest_day(date(2026, 4, 5))
        log.set_rest_day(date(2026, 4, 6))
        log.set_rest_day(date(2026, 4, 6), resting=False)
    with PracticeLog.open(data_dir) as log:
        assert log.rest_days() == {date(2026, 4, 5)}


def test_merging_the_same_sessions_twice_changes_nothing(data_dir):
    records = [finished(WHEN + timedelta(days=d)) for d in range(3)]
    with PracticeLog.open(data_dir) as log:
        first = log.merge(records, rest_days=[date(2026, 4, 10)])
        again = log.merge(records, rest_days=[date(2026, 4, 10)])
        assert (first.added, first.already_present, first.rest_days_added) == (3, 0, 1)
        assert (again.added, again.already_present, again.rest_days_added) == (0, 3, 0)
        assert log.sessions() == records


def test_a_merge_with_a_bad_record_adds_nothing(data_dir):
    good = finished(WHEN)
    running = SessionRecord(kind=SessionKind.BREATHING, started_at=WHEN)
    with PracticeLog.open(data_dir) as log:
        with pytest.raises(ValueError, match="no end"):
            log.merge([good, running])
        assert log.count() == 0


def test_a_folder_that_cannot_be_created_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(LogError, match="could not use the folder"):
        PracticeLog.open(blocker)
    assert blocker.read_text() == "a file where the data folder should be"


def test_everything_reads_sessions_and_unreadable_rows_in_one_pass(data_dir):
    with PracticeLog.open(data_dir) as log:
        start = datetime(2026, 3, 1, 8, 0, tzinfo=timezone(timedelta(hours=1)))
        log.merge(
            [
                SessionRecord(
                    kind=SessionKind.BREATHING,
                    started_at=start + timedelta(days=day),
                    ended_at=start + timedelta(days=day, minutes=10),
                    practised_seconds=600,
                    ended=SessionEnd.COMPLETED,
                )
                for day in range(3)
            ]
        )
    with sqlite3.connect(data_dir / "practice.db") as conn:
        conn.execute("UPDATE sessions SET practised_seconds = 1e300 WHERE rowid = 2")
    with PracticeLog.open(data_dir) as log:
        sessions, unreadable = log.everything()
        assert [s.id for s in sessions] == [s.id for s in log.sessions()]
        assert len(sessions) == 2
        assert unreadable == log.unreadable_rows()
        assert len(unreadable) == 1
