"""``pacer export`` and ``pacer import`` against a real log in a temporary data folder."""

from __future__ import annotations

import csv
import errno
import json
import os
from dataclasses import replace
from datetime import date, timedelta, timezone
from pathlib import Path

import pytest

from pacer.cli import main
from pacer.core.export.json_format import json_bytes, parse_log
from pacer.core.practice_log.records import SessionEnd, SessionKind
from pacer.core.practice_log.store import LOG_FILENAME, PracticeLog
from tests.support.sessions import finished_session

TOKYO = timezone(timedelta(hours=9))


def seed(data_dir: Path, sessions, rest_days=()) -> None:
    with PracticeLog.open(data_dir) as log:
        result = log.merge(sessions, rest_days)
    assert result.added == len(sessions)


def contents(data_dir: Path):
    with PracticeLog.open(data_dir) as log:
        return log.sessions(), log.rest_days()


def pacer(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


@pytest.fixture
def march(data_dir):
    sessions = [
        finished_session("2026-03-01", "08:30", feeling="calm", note="Shoulders dropped."),
        finished_session("2026-03-02", "23:30", kind=SessionKind.RELAXATION),
        finished_session("2026-03-03", "00:30", ended=SessionEnd.ENDED_EARLY, minutes=4),
        finished_session("2026-03-04", "01:00", tz=TOKYO, note="=cmd|' /C calc'!A0"),
    ]
    seed(data_dir, sessions, [date(2026, 3, 2), date(2026, 4, 9)])
    return sessions


def test_json_round_trip_gives_identical_sessions(march, data_dir, tmp_path, capsys):
    first = tmp_path / "first.json"
    assert pacer(data_dir, "export", "--format", "json", "--output", str(first)) == 0
    assert capsys.readouterr().out.strip() == f"Saved 4 sessions to {first}."

    fresh = tmp_path / "fresh"
    assert pacer(fresh, "import", str(first)) == 0
    assert capsys.readouterr().out.strip() == "Added 4 sessions. Also added 2 rest days."

    second = tmp_path / "second.json"
    assert pacer(fresh, "export", "--output", str(second)) == 0
    a, b = parse_log(first.read_bytes()), parse_log(second.read_bytes())
    assert a.sessions == b.sessions == tuple(march)
    assert a.rest_days == b.rest_days == (date(2026, 3, 2), date(2026, 4, 9))
    assert contents(fresh) == contents(data_dir)


def test_importing_the_same_file_again_changes_nothing(march, data_dir, tmp_path, capsys):
    export = tmp_path / "log.json"
    pacer(data_dir, "export", "--output", str(export))
    fresh = tmp_path / "fresh"
    seed(fresh, [finished_session("2026-02-01")])
    assert pacer(fresh, "import", str(export)) == 0
    before = contents(fresh)
    capsys.readouterr()
    assert pacer(fresh, "import", str(export)) == 0
    assert capsys.readouterr().out.strip() == "Nothing new: 4 sessions were already in your log."
    assert contents(fresh) == before
    assert len(before[0]) == 5


def test_a_partial_overlap_is_reported_kindly(march, data_dir, tmp_path, capsys):
    export = tmp_path / "log.json"
    pacer(data_dir, "export", "--output", str(export))
    fresh = tmp_path / "fresh"
    seed(fresh, march[:3])
    capsys.readouterr()
    assert pacer(fresh, "import", str(export)) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("Added 1 session; 3 were already in your log.")


def test_csv_export_has_the_columns_and_neutralises_formulas(march, data_dir, tmp_path):
    output = tmp_path / "log.csv"
    assert pacer(data_dir, "export", "--format", "csv", "--output", str(output)) == 0
    with output.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [
        "id",
        "kind",
        "started_at",
        "ended_at",
        "planned_seconds",
        "practised_seconds",
        "ended",
        "inhale",
        "hold",
        "exhale",
        "rest",
        "feeling",
        "note",
    ]
    assert len(rows) == 5
    notes = [row[-1] for row in rows[1:]]
    assert "'=cmd|' /C calc'!A0" in notes
    assert "=cmd|' /C calc'!A0" not in notes
    assert output.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("since", "until", "expected_days"),
    [
        ("2026-03-02", "2026-03-03", ["2026-03-02", "2026-03-03"]),
        ("2026-03-03", None, ["2026-03-03", "2026-03-04"]),
        (None, "2026-03-01", ["2026-03-01"]),
        ("2026-03-04", "2026-03-04", ["2026-03-04"]),  # 01:00 in Tokyo: still the 4th there
        ("2026-05-01", None, []),
    ],
)
def test_date_range_is_inclusive_by_local_start_day(
    march, data_dir, tmp_path, since, until, expected_days
):
    output = tmp_path / "range.json"
    args = ["export", "--output", str(output)]
    args += ["--since", since] if since else []
    args += ["--until", until] if until else []
    assert pacer(data_dir, *args) == 0
    parsed = parse_log(output.read_bytes())
    assert [s.started_at.date().isoformat() for s in parsed.sessions] == expected_days
    low, high = date.fromisoformat(since or "2000-01-01"), date.fromisoformat(until or "2100-01-01")
    rest_days = [d for d in (date(2026, 3, 2), date(2026, 4, 9)) if low <= d <= high]
    assert list(parsed.rest_days) == rest_days


def test_empty_log_exports_a_header_only_and_creates_no_log(data_dir, tmp_path):
    output = tmp_path / "empty.csv"
    assert pacer(data_dir, "export", "--output", str(output)) == 0
    assert output.read_text(encoding="utf-8-sig").splitlines() == [
        "id,kind,started_at,ended_at,planned_seconds,practised_seconds,ended,"
        "inhale,hold,exhale,rest,feeling,note"
    ]
    assert not (data_dir / LOG_FILENAME).exists()
    doc = tmp_path / "empty.json"
    assert pacer(data_dir, "export", "--output", str(doc)) == 0
    assert json.loads(doc.read_text())["sessions"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-3-1"], "--since expects a date written YYYY-MM-DD"),
        (["--until", "2026-02-30"], "--until expects a date written YYYY-MM-DD"),
        (["--since", "2026-03-05", "--until", "2026-03-01"], "is after the end date"),
        (["--format", "docx"], "invalid choice: 'docx'"),
    ],
)
def test_bad_options_exit_2_with_a_message(data_dir, tmp_path, capsys, args, message):
    output = tmp_path / "out.csv"
    with pytest.raises(SystemExit) as info:
        pacer(data_dir, "export", "--output", str(output), *args)
    assert info.value.code == 2
    assert message in capsys.readouterr().err
    assert not output.exists()


def test_unknown_suffix_needs_a_format(data_dir, tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        pacer(data_dir, "export", "--output", str(tmp_path / "log.txt"))
    assert info.value.code == 2
    assert "--format is needed" in capsys.readouterr().err


def test_missing_folder_gives_exit_1_and_no_file(march, data_dir, tmp_path, capsys):
    output = tmp_path / "no-such-folder" / "log.csv"
    assert pacer(data_dir, "export", "--output", str(output)) == 1
    assert "does not exist. Nothing was written." in capsys.readouterr().err
    assert not output.parent.exists()


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "not enough free space"),
        (PermissionError(errno.EACCES, "Permission denied"), "may not write to"),
    ],
)
def test_full_disk_or_refused_write_leaves_the_old_file_and_no_partial_file(
    march, data_dir, tmp_path, capsys, monkeypatch, error, message
):
    folder = tmp_path / "exports"
    folder.mkdir()
    output = folder / "log.json"
    output.write_text("an earlier export\n")

    def fail(fd):
        raise error

    monkeypatch.setattr("pacer.core.files.os.fsync", fail)
    assert pacer(data_dir, "export", "--output", str(output)) == 1
    assert message in capsys.readouterr().err
    assert output.read_text() == "an earlier export\n"
    assert sorted(p.name for p in folder.iterdir()) == ["log.json"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_read_only_folder_gives_exit_1(march, data_dir, tmp_path, capsys):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    assert pacer(data_dir, "export", "--output", str(folder / "log.csv")) == 1
    assert "may not write to" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_export_refuses_to_overwrite_the_log_itself(march, data_dir, capsys):
    before = contents(data_dir)
    assert (
        pacer(data_dir, "export", "--format", "json", "--output", str(data_dir / LOG_FILENAME)) == 1
    )
    assert "Pacer's own log file" in capsys.readouterr().err
    assert contents(data_dir) == before


def test_export_to_a_folder_name_is_refused(march, data_dir, tmp_path, capsys):
    assert pacer(data_dir, "export", "--format", "csv", "--output", str(tmp_path)) == 1
    assert "is a folder" in capsys.readouterr().err


BAD_FILES = {
    "not-json.json": b"id,kind\n1,breathing\n",
    "foreign.json": b'{"format": "fitness-tracker", "version": 1, "sessions": []}',
    "newer.json": b'{"format": "pacer-practice-log", "version": 7, "sessions": []}',
}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not-json.json", "not valid JSON"),
        ("foreign.json", "its format is 'fitness-tracker'"),
        ("newer.json", "newer Pacer (log format version 7)"),
        ("half-bad.json", "Session 2"),
        ("missing.json", "There is no file at"),
    ],
)
def test_unusable_imports_leave_the_log_untouched(march, data_dir, tmp_path, capsys, name, message):
    path = tmp_path / name
    if name in BAD_FILES:
        path.write_bytes(BAD_FILES[name])
    elif name == "half-bad.json":
        good = tmp_path / "good.json"
        seed(tmp_path / "other", [finished_session("2026-01-05"), finished_session("2026-01-06")])
        pacer(tmp_path / "other", "export", "--output", str(good))
        doc = json.loads(good.read_text())
        doc["sessions"][1]["kind"] = "dilator"
        path.write_text(json.dumps(doc))
    before = contents(data_dir)
    capsys.readouterr()
    assert pacer(data_dir, "import", str(path)) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Your log is unchanged." in err
    assert contents(data_dir) == before


def test_a_bad_import_into_a_new_folder_creates_no_log(tmp_path):
    bad = tmp_path / "foreign.json"
    bad.write_bytes(BAD_FILES["foreign.json"])
    fresh = tmp_path / "fresh"
    assert pacer(fresh, "import", str(bad)) == 1
    assert not (fresh / LOG_FILENAME).exists()


def test_a_session_still_running_when_exported_is_imported_as_interrupted(tmp_path, capsys):
    running = replace(finished_session("2026-03-01", minutes=3), ended=None, ended_at=None)
    path = tmp_path / "running.json"
    path.write_bytes(json_bytes([running], [], running.started_at))
    fresh = tmp_path / "fresh"
    assert pacer(fresh, "import", str(path)) == 0
    (record,), _ = contents(fresh)
    assert record.ended is SessionEnd.INTERRUPTED
    assert record.ended_at == running.started_at + timedelta(minutes=3)
    assert record.practised_seconds == 180


def test_help_lists_export_and_import(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "export" in out
    assert "import" in out
