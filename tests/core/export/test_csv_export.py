from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

import pytest

from pacer.core.export.csv_export import CSV_COLUMNS, csv_bytes, neutralise_cell
from pacer.core.practice_log.records import SessionEnd, SessionKind
from tests.support.sessions import finished_session

EXPECTED_COLUMNS = [
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
    "clench_seconds",
    "release_seconds",
    "skipped_groups",
    "response",
    "guarding_moments",
    "tension_before",
    "tension_after",
]


def parse(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_header_is_exactly_the_documented_columns_after_a_bom():
    data = csv_bytes([])
    assert data.startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8; LibreOffice strips it
    assert list(CSV_COLUMNS) == EXPECTED_COLUMNS
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == EXPECTED_COLUMNS


def test_one_row_per_session_with_iso_offsets_and_plain_numbers():
    sessions = [
        finished_session("2026-03-01", "08:30", minutes=12.5, feeling="calm"),
        finished_session(
            "2026-03-02",
            "21:05",
            kind=SessionKind.RELAXATION,
            ended=SessionEnd.ENDED_EARLY,
            planned_minutes=None,
        ),
    ]
    rows = parse(csv_bytes(sessions))
    assert len(rows) == 2
    first, second = rows
    assert first["id"] == sessions[0].id
    assert first["started_at"] == "2026-03-01T08:30:00+01:00"
    assert first["ended_at"] == "2026-03-01T08:42:37+01:00"
    assert first["practised_seconds"] == "750"
    assert first["planned_seconds"] == "600"
    assert (first["inhale"], first["hold"], first["exhale"], first["rest"]) == (
        "4",
        "0",
        "6.5",
        "1",
    )
    assert first["feeling"] == "calm"
    assert first["ended"] == "Ran to the end"  # the app's own words
    assert second["kind"] == "relaxation"
    assert second["ended"] == "Ended early"
    assert second["planned_seconds"] == ""
    assert second["inhale"] == ""


def test_formula_notes_are_neutralised_and_ordinary_text_is_kept():
    attack = "=cmd|' /C calc'!A0"
    sessions = [
        finished_session("2026-03-01", note=attack),
        finished_session("2026-03-02", note='Felt softer, "really"\nsecond line ✓'),
    ]
    rows = parse(csv_bytes(sessions))
    assert rows[0]["note"] == "'" + attack
    assert rows[1]["note"] == 'Felt softer, "really"\nsecond line ✓'


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_trigger_is_neutralised(text):
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["", "calm", "1-2", "a=b", "2026-03-01T08:30:00+01:00"])
def test_safe_cells_are_unchanged(text):
    assert neutralise_cell(text) == text


def test_rows_end_with_crlf():
    data = csv_bytes([finished_session("2026-03-01")])
    assert data.count(b"\r\n") == 2


def test_rest_days_are_rows_of_their_own_in_date_order():
    sessions = [finished_session("2026-03-01"), finished_session("2026-03-05")]
    rest = [date(2026, 3, 3), date(2026, 2, 20), date(2026, 3, 9), date(2026, 3, 5)]
    rows = parse(csv_bytes(sessions, rest))
    assert [(r["kind"], r["started_at"][:10]) for r in rows] == [
        ("rest_day", "2026-02-20"),
        ("breathing", "2026-03-01"),
        ("rest_day", "2026-03-03"),
        ("rest_day", "2026-03-05"),
        ("breathing", "2026-03-05"),
        ("rest_day", "2026-03-09"),
    ]
    rest_row = rows[0]
    assert rest_row["started_at"] == "2026-02-20"
    assert {k for k, v in rest_row.items() if v} == {"kind", "started_at"}


def test_check_in_relaxation_and_trainer_columns_come_last():
    relaxation = replace(
        finished_session("2026-03-01", kind=SessionKind.RELAXATION, ended=SessionEnd.INTERRUPTED),
        clench_seconds=6.0,
        release_seconds=22.5,
        skipped_groups=("abdominals", "pelvic-floor"),
        tension_before=7,
        tension_after=3,
    )
    trainer = replace(
        finished_session("2026-03-02", kind=SessionKind.TRAINER),
        response="softened",
        guarding_moments=0,
    )
    first, second = parse(csv_bytes([relaxation, trainer]))
    assert list(first)[-2:] == ["tension_before", "tension_after"]
    assert (first["clench_seconds"], first["release_seconds"]) == ("6", "22.5")
    assert first["skipped_groups"] == "abdominals, pelvic-floor"
    assert (first["tension_before"], first["tension_after"]) == ("7", "3")
    assert first["ended"] == "Closed unexpectedly"
    assert (second["kind"], second["response"], second["guarding_moments"]) == (
        "trainer",
        "softened",
        "0",
    )
    assert second["tension_before"] == ""
