"""Import refuses any value the app itself would never record, and any crafted JSON, calmly."""

from __future__ import annotations

import io
import json
import tracemalloc
from datetime import date, datetime, timedelta, timezone

import pytest

from pacer.core.export.json_format import (
    FORMAT_NAME,
    ImportFormatError,
    LogReader,
    json_bytes,
    parse_log,
    write_log_json,
)
from pacer.core.practice_log.records import SessionKind
from tests.support.sessions import finished_session

EXPORTED_AT = datetime(2026, 4, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))
TODAY = date(2026, 4, 1)


def document(**session_changes) -> dict:
    doc = json.loads(json_bytes([finished_session("2026-03-01")], [], EXPORTED_AT))
    doc["sessions"][0].update(session_changes)
    return doc


def refusal(data: bytes | dict) -> str:
    if isinstance(data, dict):
        data = json.dumps(data).encode()
    with pytest.raises(ImportFormatError) as info:
        parse_log(data, today=TODAY)
    message = str(info.value)
    assert "\n" not in message
    assert "Traceback" not in message
    return message


def test_every_new_field_round_trips_through_version_2():
    sessions = [
        finished_session("2026-03-01", kind=SessionKind.RELAXATION),
        finished_session("2026-03-02", kind=SessionKind.TRAINER),
    ]
    from dataclasses import replace

    sessions[0] = replace(
        sessions[0],
        clench_seconds=6.0,
        release_seconds=20.0,
        skipped_groups=("abdominals",),
        tension_before=7,
        tension_after=3,
    )
    sessions[1] = replace(sessions[1], response="softened", guarding_moments=2, tension_before=5)
    parsed = parse_log(json_bytes(sessions, [], EXPORTED_AT), today=TODAY)
    assert parsed.version == 2
    assert list(parsed.sessions) == sessions
    assert json.loads(json_bytes(sessions, [], EXPORTED_AT))["sessions"][0]["skipped_groups"] == [
        "abdominals"
    ]


def test_a_version_1_file_is_still_read():
    v1 = {
        "format": FORMAT_NAME,
        "version": 1,
        "exported_at": "2026-03-05T10:00:00+01:00",
        "sessions": [
            {
                "id": "0b0c5b3a-9f54-4c45-9d54-5b7a4e1e9d10",
                "kind": "breathing",
                "started_at": "2026-03-01T08:30:00+01:00",
                "ended_at": "2026-03-01T08:40:00+01:00",
                "planned_seconds": 600,
                "practised_seconds": 600,
                "ended": "completed",
                "inhale": 4,
                "hold": 0,
                "exhale": 6,
                "rest": 0,
                "feeling": "calm",
                "note": "first",
            }
        ],
        "rest_days": ["2026-03-03"],
    }
    parsed = parse_log(json.dumps(v1, indent=2).encode(), today=TODAY)
    assert parsed.version == 1
    (record,) = parsed.sessions
    assert record.note == "first"
    assert record.tension_before is None
    assert record.skipped_groups is None
    assert parsed.rest_days == (date(2026, 3, 3),)


def test_each_session_is_one_line():
    sessions = [finished_session(f"2026-03-{d:02d}", note="two\nlines") for d in range(1, 4)]
    lines = json_bytes(sessions, [date(2026, 3, 9)], EXPORTED_AT).decode().splitlines()
    session_lines = [line for line in lines if line.startswith('{"id"')]
    assert len(session_lines) == 3
    assert all(json.loads(line.rstrip(",")) for line in session_lines)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("started_at", "9999-12-31T10:00:00+00:00", '"started_at" should be between 2000-01-01'),
        ("started_at", "1999-12-31T10:00:00+00:00", "should be between 2000-01-01 and 2026-04-02"),
        ("ended_at", "2026-04-05T10:00:00+00:00", '"ended_at" should be between'),
        ("practised_seconds", 1e300, "longer than the time from its start to its end"),
        ("practised_seconds", 10_000.0, "longer than the time from its start to its end"),
        ("inhale", 1e6, '"inhale" should be between 2 and 10 seconds'),
        ("exhale", 1.0, '"exhale" should be between 2 and 20 seconds'),
        ("hold", -1, "is negative"),
        ("planned_seconds", 10.0, '"planned_seconds" should be between 30 and'),
        ("planned_seconds", 1e9, '"planned_seconds" should be between 30 and'),
        ("clench_seconds", 60, '"clench_seconds" should be between 3 and 10'),
        ("release_seconds", 1, '"release_seconds" should be between 5 and'),
        ("skipped_groups", "feet", "should be a list of group keys"),
        ("skipped_groups", ["Feet; DROP TABLE"], "group keys of lower-case letters"),
        ("note", "x" * 10_001, '"note" is longer than 10,000 characters'),
        ("note", "bell\x07", "control character"),
        ("note", "nul\x00", "control character"),
        ("tension_before", 11, "tension_before must be a whole number from 0 to 10"),
        ("tension_after", 2.5, "should be a whole number"),
        ("tension_after", True, "should be a whole number"),
        ("response", "deeper", "\"response\" 'deeper'; it should be one of"),
        ("guarding_moments", -1, '"guarding_moments" should be a whole number from 0'),
        ("guarding_moments", 10**6, '"guarding_moments" should be a whole number from 0'),
        ("kind", "dilator", "should be one of: breathing, relaxation, trainer"),
    ],
)
def test_values_outside_the_apps_limits_are_refused_naming_session_and_field(
    field, value, expected
):
    message = refusal(document(**{field: value}))
    assert message.startswith("Session 1 (")
    assert expected in message


def test_tabs_and_line_breaks_in_notes_are_welcome():
    parsed = parse_log(json.dumps(document(note="one\n\ttwo")).encode(), today=TODAY)
    assert parsed.sessions[0].note == "one\n\ttwo"


def test_the_second_bad_session_is_named_by_its_number_and_id():
    doc = document()
    second = dict(doc["sessions"][0], id="0b0c5b3a-9f54-4c45-9d54-5b7a4e1e9d11", inhale=1e6)
    doc["sessions"].append(second)
    assert refusal(doc).startswith("Session 2 (0b0c5b3a-9f54-4c45-9d54-5b7a4e1e9d11)")


HEADER = b'{"format": "pacer-practice-log", "version": 2, "sessions": ['


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (HEADER + b"[" * 100_000 + b"]" * 100_000 + b"]}", "nests its values far deeper"),
        (HEADER + b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"]}", "deeper"),
        (HEADER + b"]}" + b" " * 10 + b"{}", "more after the end"),
        (b'{"format": "pacer-practice-log", "version": 2, "x": ' + b"9" * 5000 + b"}", "digits"),
        (HEADER + b'{"id": ' + b"1" * 5000 + b"}]}", "5000 digits long"),
        (HEADER + b'{"practised_seconds": 1e999}]}', "too large to use"),
        (HEADER + b'{"practised_seconds": NaN}]}', "NaN"),
        (HEADER + b'{"practised_seconds": Infinity}]}', "Infinity"),
        (HEADER + b'{"practised_seconds": -Infinity}]}', "-Infinity"),
        (HEADER + b'{"id": "a", "id": "b"}]}', 'key "id" twice'),
        (b'{"format": "pacer-practice-log", "format": "x", "version": 2, "sessions": []}', "twice"),
        (b'{"sessions": [], "format": "pacer-practice-log", "version": 2}', 'no "format" before'),
        (HEADER + b'"' + b"a" * 2_000_000 + b'"]}', "larger than any Pacer writes"),
        (b"\xef\xbb\xbf" + HEADER + b"{\xff}]}", "not UTF-8"),
        (b'{"format": "pacer-practice-log", "version": 2, "sessions": [] ', "expected ',' or '}'"),
        (b"   \n  ", "empty"),
        (b"null", "holds a JSON null"),
    ],
)
def test_crafted_json_gets_the_same_clean_refusal(data, expected):
    assert expected in refusal(data)


def test_reading_streams_in_bounded_memory():
    """Peak memory while reading does not grow with the number of sessions."""

    def peak_for(count: int) -> int:
        buffer = io.BytesIO()
        template = finished_session("2026-03-01", note="Softer jaw tonight.")
        import uuid
        from dataclasses import replace

        write_log_json(
            buffer,
            (replace(template, id=str(uuid.UUID(int=i + 1, version=4))) for i in range(count)),
            [],
            EXPORTED_AT,
        )
        buffer.seek(0)
        reader = LogReader(buffer, today=TODAY)
        tracemalloc.start()
        try:
            seen = sum(1 for _ in reader.sessions())
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert seen == count
        return peak

    small, large = peak_for(500), peak_for(8_000)
    assert large < 2 * small + 1_000_000, (small, large)
