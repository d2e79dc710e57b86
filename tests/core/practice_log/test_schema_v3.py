"""Schema 3: the check-in, relaxation timings and trainer practice, reached from a real v2 log."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pacer.core.breathing import BreathPattern
from pacer.core.clock import FakeClock
from pacer.core.practice_log.recorder import SessionRecorder
from pacer.core.practice_log.records import (
    RECORD_FIELDS,
    SessionEnd,
    SessionKind,
    SessionRecord,
    UnreadableRow,
)
from pacer.core.practice_log.store import (
    LOG_FILENAME,
    SCHEMA_VERSION,
    DuplicateSessionError,
    PracticeLog,
)
from pacer.core.session_clock import SessionClock
from pacer.core.session_description import RelaxationSettings, SessionDescription

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
V2_LOG = FIXTURES / "practice_v2.db"
CET = timezone(timedelta(hours=1))
WHEN = datetime(2026, 4, 2, 8, 30, tzinfo=CET)
NEW_FIELDS = RECORD_FIELDS[RECORD_FIELDS.index("note") + 1 :]


def fixed_now():
    return datetime(2026, 4, 2, 9, 15, 7, tzinfo=CET)


def read_only_rows(path: Path, table: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        conn.close()


def finished(started_at: datetime = WHEN, minutes: float = 10, **extra) -> SessionRecord:
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


def test_the_new_fields_come_last_in_their_agreed_order():
    assert NEW_FIELDS == (
        "clench_seconds",
        "release_seconds",
        "skipped_groups",
        "response",
        "guarding_moments",
        "tension_before",
        "tension_after",
    )


def test_a_version_2_log_is_backed_up_then_every_row_survives(data_dir):
    target = data_dir / LOG_FILENAME
    shutil.copyfile(V2_LOG, target)
    original_sessions = read_only_rows(V2_LOG, "sessions")
    original_rest_days = read_only_rows(V2_LOG, "rest_days")
    assert len(original_sessions) == 5

    with PracticeLog.open(data_dir, now=fixed_now) as log:
        backup = log.backup_path
        sessions = {s.id: s for s in log.sessions()}
        rest_days = log.rest_days()
        assert log.unreadable_rows() == ()
        assert [r.id for r in log.recovered] == ["6f1c2a40-0000-4000-8000-000000000005"]

    # The backup holds the log exactly as it was before the migration.
    assert backup == data_dir / "practice.v2-backup-20260402-091507.db"
    assert backup.stat().st_mode & 0o777 == 0o600
    assert read_only_rows(backup, "sessions") == original_sessions
    assert read_only_rows(backup, "rest_days") == original_rest_days
    conn = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()

    # Every row is still there with what it held, and nothing new filled in.
    assert len(sessions) == 5
    for row in original_sessions:
        record = sessions[row[0]]
        assert record.kind.value == row[1]
        assert record.started_at == datetime.fromisoformat(row[2])
        assert all(getattr(record, name) is None for name in NEW_FIELDS), record
    first = sessions["6f1c2a40-0000-4000-8000-000000000001"]
    assert first.note == "Felt warm and heavy — nice.\nJaw softer too."
    assert first.feeling == "calm"
    assert sessions["6f1c2a40-0000-4000-8000-000000000002"].ended is SessionEnd.ENDED_EARLY
    assert sessions["6f1c2a40-0000-4000-8000-000000000004"].ended is SessionEnd.INTERRUPTED
    # The row left open by a killed run closes at its last checkpoint, as always.
    reopened = sessions["6f1c2a40-0000-4000-8000-000000000005"]
    assert reopened.ended is SessionEnd.INTERRUPTED
    assert reopened.practised_seconds == 45
    assert rest_days == {date(2026, 3, 4), date(2026, 3, 5)}

    raw = sqlite3.connect(target)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sessions_by_start'")
    raw.close()


def test_after_migration_trainer_practice_and_check_ins_can_be_stored(data_dir):
    shutil.copyfile(V2_LOG, data_dir / LOG_FILENAME)
    trainer = finished(
        kind=SessionKind.TRAINER,
        response="softened",
        guarding_moments=2,
        tension_before=6,
        tension_after=3,
    )
    with PracticeLog.open(data_dir, now=fixed_now) as log:
        log.add(trainer)
    with PracticeLog.open(data_dir) as log:
        assert log.get(trainer.id) == trainer
        assert log.backup_path is None  # already version 3: no second backup


def test_every_new_field_round_trips(data_dir):
    relaxation = finished(
        kind=SessionKind.RELAXATION,
        clench_seconds=6.0,
        release_seconds=25.0,
        skipped_groups=("abdominals", "pelvic-floor"),
        tension_before=7,
        tension_after=4,
    )
    none_skipped = finished(
        WHEN + timedelta(hours=1),
        kind=SessionKind.RELAXATION,
        clench_seconds=5.0,
        release_seconds=10.0,
        skipped_groups=(),
    )
    with PracticeLog.open(data_dir) as log:
        log.merge([relaxation, none_skipped])
    with PracticeLog.open(data_dir) as log:
        assert log.sessions() == [relaxation, none_skipped]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("tension_before", 11),
        ("tension_after", -1),
        ("tension_after", 2.5),
        ("response", "deeper"),
        ("guarding_moments", -3),
        ("kind", "dilator"),
    ],
)
def test_the_log_itself_refuses_values_outside_the_rules(data_dir, column, value):
    record = finished()
    with PracticeLog.open(data_dir) as log:
        log.add(record)
        with pytest.raises(sqlite3.IntegrityError):
            log._conn.execute(f"UPDATE sessions SET {column} = ? WHERE id = ?", (value, record.id))
        assert log.get(record.id) == record


def test_the_recorder_writes_the_description_and_the_end(data_dir):
    clock = FakeClock()
    session = SessionClock(clock, length_seconds=300.0)
    description = SessionDescription(
        SessionKind.RELAXATION,
        300.0,
        BreathPattern(inhale=4, exhale=6),
        relaxation=RelaxationSettings(6.0, 20.0, ("abdominals",)),
        tension_before=5,
    )
    with PracticeLog.open(data_dir) as log:
        recorder = SessionRecorder(log, session, clock, description, wall=lambda: WHEN)
        session.start()
        recorder.begin()
        begun = log.get(description.session_id)
        assert (begun.clench_seconds, begun.release_seconds) == (6.0, 20.0)
        assert begun.skipped_groups == ("abdominals",)
        assert begun.tension_before == 5
        clock.advance(120)
        done = recorder.finish(SessionEnd.ENDED_EARLY, guarding_moments=None)
        assert done.ended is SessionEnd.ENDED_EARLY
        assert done.guarding_moments is None
        log.set_tension_after(done.id, 2)
        assert log.get(done.id).tension_after == 2


def test_trainer_practice_records_guarding_moments_and_response(data_dir):
    clock = FakeClock()
    session = SessionClock(clock, length_seconds=None)
    description = SessionDescription(SessionKind.TRAINER, None, BreathPattern(inhale=4, exhale=7))
    with PracticeLog.open(data_dir) as log:
        recorder = SessionRecorder(log, session, clock, description, wall=lambda: WHEN)
        session.start()
        recorder.begin()
        clock.advance(600)
        done = recorder.finish(SessionEnd.COMPLETED, guarding_moments=3)
        assert done.kind is SessionKind.TRAINER
        assert done.guarding_moments == 3
        assert done.skipped_groups is None
        for key in ("guarded", "softened", "soft", "stopped", None):
            log.set_response(done.id, key)
            assert log.get(done.id).response == key
        with pytest.raises(ValueError, match="unknown response"):
            log.set_response(done.id, "further")
        log.set_tension_after(done.id, None)
        with pytest.raises(ValueError, match="0 to 10"):
            log.set_tension_after(done.id, 11)
        with pytest.raises(ValueError, match="0 to 10"):
            log.set_tension_after(done.id, True)


def test_notes_keep_line_breaks_and_lose_other_control_characters(data_dir):
    record = finished()
    with PracticeLog.open(data_dir) as log:
        log.add(record)
        log.set_note(record.id, "first line\r\nsecond\tline\x00\x07 ")
        assert log.get(record.id).note == "first line\nsecond\tline"
        with pytest.raises(ValueError, match="longer than"):
            log.set_note(record.id, "x" * 10_001)
        assert log.get(record.id).note == "first line\nsecond\tline"


HAND_WRITTEN = [
    # id, column changed, value, what the reason says
    ("a-9999", "started_at", "9999-12-31T10:00:00+00:00", "started_at should be between"),
    ("a-date", "started_at", "yesterday evening", "started_at is not a date and time"),
    ("a-naive", "started_at", "2026-04-02T08:30:00", "started_at has no UTC offset"),
    ("a-huge", "inhale", 1e300, "inhale should be between 2 and 10 seconds"),
    ("a-text", "planned_seconds", "ten minutes", "planned_seconds is not a number"),
    ("a-long", "practised_seconds", 1e9, "longer than the time from its start to its end"),
    ("a-kind", "kind", "dilator", "kind 'dilator' is not one Pacer knows"),
    ("a-feel", "feeling", "ecstatic", "unknown feeling"),
    ("a-end", "ended_at", "2026-04-01T08:00:00+01:00", "ended_at is before the session starts"),
    ("a-note", "note", "bell\x07", "control character"),
]


def test_rows_written_by_hand_are_listed_as_unreadable_never_raised(data_dir):
    good = finished()
    with PracticeLog.open(data_dir) as log:
        log.add(good)
        conn = log._conn
        conn.execute("PRAGMA ignore_check_constraints = ON")  # as a hand-edited file might be
        for row_id, column, value, _reason in HAND_WRITTEN:
            template = finished(WHEN - timedelta(days=1))
            conn.execute(
                "INSERT INTO sessions (id, kind, started_at, started_utc, ended_at, "
                "planned_seconds, practised_seconds, ended, inhale, exhale) "
                "SELECT ?, kind, started_at, started_utc - 86400, ?, planned_seconds, "
                "practised_seconds, ended, inhale, exhale FROM sessions WHERE id = ?",
                (row_id, template.ended_at.isoformat(), good.id),
            )
            conn.execute(f"UPDATE sessions SET {column} = ? WHERE id = ?", (value, row_id))
            conn.execute(
                "UPDATE sessions SET started_at = ? WHERE id = ? AND ? != 'started_at'",
                (template.started_at.isoformat(), row_id, column),
            )
        conn.execute("PRAGMA ignore_check_constraints = OFF")

    with PracticeLog.open(data_dir) as log:
        assert log.sessions() == [good]
        assert list(log.iter_sessions()) == [good]
        unreadable = {row.id: row for row in log.unreadable_rows()}
        assert set(unreadable) == {row[0] for row in HAND_WRITTEN}
        for row_id, _column, _value, reason in HAND_WRITTEN:
            assert isinstance(unreadable[row_id], UnreadableRow)
            assert reason in unreadable[row_id].reason, (row_id, unreadable[row_id])
            assert log.get(row_id) is None
        assert unreadable["a-9999"].started_at_text == "9999-12-31T10:00:00+00:00"
        assert log.count() == 1 + len(HAND_WRITTEN)
        # A date range keeps the rows it can place, and those it cannot place at all.
        in_april = {r.id for r in log.unreadable_rows(date(2026, 4, 1), date(2026, 4, 30))}
        assert "a-9999" not in in_april
        assert {"a-date", "a-huge"} <= in_april


def test_a_merge_with_the_same_id_twice_adds_nothing(data_dir):
    one = finished()
    twin = finished(WHEN + timedelta(days=1), id=one.id)
    with PracticeLog.open(data_dir) as log:
        with pytest.raises(DuplicateSessionError) as info:
            log.merge([one, finished(WHEN + timedelta(days=2)), twin])
        assert info.value.session_id == one.id
        assert log.count() == 0


def test_a_repeat_far_from_its_first_appearance_is_named_and_adds_nothing(data_dir):
    # Sessions are staged in batches; the repeat lands in a later batch than the original.
    sessions = [finished(WHEN - timedelta(days=day)) for day in range(1200)]
    twin = finished(WHEN + timedelta(days=1), id=sessions[3].id)
    with PracticeLog.open(data_dir) as log:
        with pytest.raises(DuplicateSessionError) as info:
            log.merge([*sessions, twin])
        assert info.value.session_id == sessions[3].id
        assert log.count() == 0


def test_a_stream_that_stops_with_an_error_midway_adds_nothing(data_dir):
    def stream():
        for day in range(5000):
            yield finished(WHEN - timedelta(days=day))
        raise ValueError("the file goes wrong at session 5001")

    with PracticeLog.open(data_dir) as log:
        with pytest.raises(ValueError, match="5001"):
            log.merge(stream(), rest_days=[date(2026, 1, 1)])
        assert log.count() == 0
        assert log.rest_days() == set()
        result = log.merge([finished()])  # and the log goes on working
        assert result.added == 1


def test_while_a_merge_reads_its_stream_the_log_stays_writable(data_dir):
    """A session being recorded meanwhile (another connection) is never held up."""
    other_session = finished(WHEN + timedelta(days=40))
    with PracticeLog.open(data_dir) as log, PracticeLog.open(data_dir) as recorder_side:
        recorder_side._conn.execute("PRAGMA busy_timeout = 0")

        def stream():
            for day in range(3000):
                if day == 2500:  # mid-stream, after a few batches were staged
                    recorder_side.add(other_session)
                yield finished(WHEN - timedelta(days=day))

        result = log.merge(stream())
        assert result.added == 3000
        assert log.count() == 3001
