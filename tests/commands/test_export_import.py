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
from pacer.core.practice_log.records import RECORD_FIELDS, SessionEnd, SessionKind
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
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(RECORD_FIELDS)
    assert [r["kind"] for r in rows] == [
        "breathing",
        "rest_day",
        "relaxation",
        "breathing",
        "breathing",
        "rest_day",
    ]
    notes = [row["note"] for row in rows]
    assert "'=cmd|' /C calc'!A0" in notes
    assert "=cmd|' /C calc'!A0" not in notes
    assert rows[0]["ended"] == "Ran to the end"
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


def test_an_empty_log_exports_a_header_only(data_dir, tmp_path):
    PracticeLog.open(data_dir).close()
    output = tmp_path / "empty.csv"
    assert pacer(data_dir, "export", "--output", str(output)) == 0
    assert output.read_text(encoding="utf-8-sig").splitlines() == [",".join(RECORD_FIELDS)]
    doc = tmp_path / "empty.json"
    assert pacer(data_dir, "export", "--output", str(doc)) == 0
    assert json.loads(doc.read_text())["sessions"] == []


def test_a_folder_with_no_log_says_so_and_creates_none(data_dir, tmp_path, capsys):
    output = tmp_path / "log.csv"
    assert pacer(data_dir, "export", "--output", str(output)) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        f"pacer export: there is no practice log in {data_dir} yet, so there is nothing to "
        "export. Nothing was written."
    )
    assert not output.exists()
    assert not (data_dir / LOG_FILENAME).exists()


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_place_that_is_not_an_ordinary_folder_is_named_as_such(march, data_dir, capsys):
    assert pacer(data_dir, "export", "--output", "/proc/x.csv") == 1
    err = capsys.readouterr().err.strip()
    assert "cannot create a file in /proc" in err
    assert "does not exist" not in err
    assert len(err.splitlines()) == 1


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


CRAFTED = {
    "deep.json": b'{"format": "pacer-practice-log", "version": 2, "sessions": ['
    + b"[" * 50_000
    + b"]" * 50_000
    + b"]}",
    "digits.json": b'{"format": "pacer-practice-log", "version": 2, "sessions": [{"id": '
    + b"7" * 5000
    + b"}]}",
    "nan.json": b'{"format": "pacer-practice-log", "version": 2, "sessions": [{"inhale": NaN}]}',
    "twice.json": b'{"format": "pacer-practice-log", "version": 2, "version": 2, "sessions": []}',
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted_json_gets_one_calm_line_and_changes_nothing(march, data_dir, tmp_path, name):
    import subprocess
    import sys

    path = tmp_path / name
    path.write_bytes(CRAFTED[name])
    before = contents(data_dir)
    result = subprocess.run(
        [sys.executable, "-m", "pacer", "--data-dir", str(data_dir), "import", str(path)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith(f"pacer import: {path} was not imported.")
    assert lines[0].endswith("Your log is unchanged.")
    assert contents(data_dir) == before


def test_an_imported_date_far_in_the_future_is_refused_naming_session_and_field(
    march, data_dir, tmp_path, capsys
):
    export = tmp_path / "log.json"
    pacer(data_dir, "export", "--output", str(export))
    doc = json.loads(export.read_text())
    doc["sessions"][2]["started_at"] = "9999-12-31T08:00:00+01:00"
    doc["sessions"][2]["ended_at"] = "9999-12-31T08:10:00+01:00"
    export.write_text(json.dumps(doc))
    fresh = tmp_path / "fresh"
    seed(fresh, [finished_session("2026-02-01")])
    before = contents(fresh)
    capsys.readouterr()
    assert pacer(fresh, "import", str(export)) == 1
    err = capsys.readouterr().err
    session_id = doc["sessions"][2]["id"]
    assert f'Session 3 ({session_id}): "started_at" should be between 2000-01-01' in err
    assert contents(fresh) == before


def test_a_file_over_the_size_limit_states_its_real_size(data_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("pacer.core.export.importing.MAX_IMPORT_BYTES", 2_000_000)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 3_400_000)
    assert pacer(data_dir, "import", str(big)) == 1
    err = capsys.readouterr().err
    assert "This file is 3.4 MB; Pacer imports files of up to 2 MB" in err


def test_rows_that_cannot_be_read_are_left_out_of_every_export_and_named(
    qapp, march, data_dir, tmp_path, capsys
):
    with PracticeLog.open(data_dir) as log:
        log._conn.execute(
            "INSERT INTO sessions (id, kind, started_at, started_utc, practised_seconds, ended) "
            "VALUES ('written-by-hand', 'breathing', '9999-12-31T10:00:00+00:00', 0, 60, "
            "'completed')"
        )
    capsys.readouterr()
    for fmt in ("csv", "json", "pdf"):
        output = tmp_path / f"log.{fmt}"
        assert pacer(data_dir, "export", "--output", str(output)) == 0
        out = capsys.readouterr().out.strip()
        assert out == (
            f"Saved 4 sessions to {output}. 1 entry could not be read and is left out: "
            "written-by-hand."
        )
        assert b"written-by-hand" not in output.read_bytes() or fmt == "pdf"
    from tests.ui.export.test_pdf_report import pdf_text

    text = " ".join(pdf_text((tmp_path / "log.pdf").read_bytes(), tmp_path).split())
    assert "1 entry could not be read and is left out: written-by-hand" in text


SIZE_WORDS = ("size", "diameter", "depth", "length", "held", "width", "mm", "cm", "inch")


def test_no_field_anywhere_records_a_size_depth_length_or_time_held(
    qapp, march, data_dir, tmp_path
):
    """Practice is logged by how it went, never by how far (issue 17)."""
    import re

    def offenders(names):
        return [n for n in names if any(w in n.lower() for w in SIZE_WORDS)]

    assert offenders(RECORD_FIELDS) == []
    with PracticeLog.open(data_dir) as log:
        columns = [row[1] for row in log._conn.execute("PRAGMA table_info(sessions)")]
    assert offenders(columns) == []
    for fmt in ("csv", "json", "pdf"):
        pacer(data_dir, "export", "--output", str(tmp_path / f"log.{fmt}"))
    doc = json.loads((tmp_path / "log.json").read_text())
    assert offenders(doc) == []
    assert offenders(key for session in doc["sessions"] for key in session) == []
    with (tmp_path / "log.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert offenders(next(csv.reader(handle))) == []
    from tests.ui.export.test_pdf_report import pdf_text

    text = pdf_text((tmp_path / "log.pdf").read_bytes(), tmp_path).lower()
    assert [w for w in SIZE_WORDS if re.search(rf"\b{w}\b", text)] == []
