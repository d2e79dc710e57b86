from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from pacer.core.export.json_format import (
    FORMAT_NAME,
    ImportFormatError,
    json_bytes,
    parse_log,
)
from pacer.core.practice_log.records import RECORD_FIELDS, SessionKind
from tests.support.sessions import finished_session

EXPORTED_AT = datetime(2026, 4, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))


def document(**changes) -> dict:
    base = json.loads(json_bytes([finished_session("2026-03-01")], [], EXPORTED_AT))
    base.update(changes)
    return base


def encode(doc) -> bytes:
    return json.dumps(doc).encode()


def test_document_has_the_versioned_envelope_and_the_record_field_names():
    sessions = [finished_session("2026-03-01", note="ok"), finished_session("2026-03-02")]
    doc = json.loads(json_bytes(sessions, [date(2026, 3, 3)], EXPORTED_AT))
    assert list(doc) == ["format", "version", "exported_at", "rest_days", "sessions"]
    assert doc["format"] == FORMAT_NAME
    assert doc["version"] == 2
    assert doc["exported_at"] == "2026-04-01T09:00:00+02:00"
    assert doc["rest_days"] == ["2026-03-03"]
    assert [list(s) for s in doc["sessions"]] == [list(RECORD_FIELDS)] * 2
    assert doc["sessions"][0]["started_at"] == "2026-03-01T08:30:00+01:00"


def test_parse_gives_back_identical_records_with_offsets_and_microseconds():
    tz = timezone(timedelta(hours=-4, minutes=-30))
    original = [
        finished_session("2026-03-01", feeling="softer", note="Ünï ✓\nline two"),
        finished_session("2026-03-29", "02:30", tz=tz, kind=SessionKind.RELAXATION),
    ]
    still_running = replace(
        original[0],
        id="0b0c5b3a-9f54-4c45-9d54-5b7a4e1e9d10",
        started_at=datetime(2026, 3, 30, 7, 0, 0, 123456, tzinfo=tz),
        ended_at=None,
        ended=None,
    )
    original.append(still_running)
    parsed = parse_log(json_bytes(original, [date(2026, 3, 2)], EXPORTED_AT))
    assert list(parsed.sessions) == original
    assert parsed.sessions[1].started_at.utcoffset() == timedelta(hours=-4, minutes=-30)
    assert parsed.rest_days == (date(2026, 3, 2),)
    assert parsed.exported_at == EXPORTED_AT


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"\xff\xfe{", "not UTF-8"),
        (b'{"format": "pacer-practice-log",', "not valid JSON (line 1"),
        (b"[1, 2]", "holds a JSON list"),
        (b'{"sessions": []}', 'no "format"'),
        (b'{"format": "other-app", "version": 1, "sessions": []}', "its format is 'other-app'"),
        (b'{"format": "pacer-practice-log", "version": 3, "sessions": []}', "newer Pacer"),
        (b'{"format": "pacer-practice-log", "version": "1", "sessions": []}', 'usable "version"'),
        (b'{"format": "pacer-practice-log", "version": 1}', 'no "sessions"'),
        (b'{"format": "pacer-practice-log", "version": 1, "sessions": {}}', "should be a list"),
        (
            b'{"format": "pacer-practice-log", "version": 1, "sessions": [], "rest_days": ["x"]}',
            "Rest day 1",
        ),
    ],
)
def test_unusable_files_are_rejected_with_a_message_saying_what_is_wrong(data, expected):
    with pytest.raises(ImportFormatError) as info:
        parse_log(data)
    assert expected in str(info.value)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("id", "not-a-uuid", "not a UUID"),
        ("kind", "yoga", "should be one of: breathing, relaxation"),
        ("started_at", "2026-03-01T08:30:00", "has no UTC offset"),
        ("started_at", "yesterday", "is not a date and time"),
        ("ended_at", "2026-02-01T08:30:00+01:00", "before the session starts"),
        ("practised_seconds", -5, "is negative"),
        ("practised_seconds", "600", "should be a number of seconds"),
        ("inhale", True, "should be a number of seconds"),
        ("ended", "failed", "should be one of: completed"),
        ("feeling", "7/10", "unknown feeling"),
        ("note", 42, "not text"),
    ],
)
def test_an_invalid_session_is_named_with_its_number_and_field(field, value, expected):
    doc = document()
    doc["sessions"][0][field] = value
    with pytest.raises(ImportFormatError) as info:
        parse_log(encode(doc))
    assert "Session 1" in str(info.value)
    assert expected in str(info.value)


def test_nan_is_refused():
    doc = json.dumps(document()).replace('"practised_seconds": 600.0', '"practised_seconds": NaN')
    with pytest.raises(ImportFormatError, match="NaN"):
        parse_log(doc.encode())


def test_duplicate_ids_in_one_file_are_refused():
    doc = document()
    doc["sessions"].append(dict(doc["sessions"][0]))
    with pytest.raises(ImportFormatError, match="same id as session 1"):
        parse_log(encode(doc))


def test_optional_fields_may_be_missing_and_unknown_ones_are_ignored():
    doc = document()
    session = doc["sessions"][0]
    for name in ("ended_at", "planned_seconds", "inhale", "hold", "exhale", "rest", "note"):
        del session[name]
    session["mood_colour"] = "blue"
    parsed = parse_log(encode(doc))
    assert parsed.sessions[0].planned_seconds is None
    assert parsed.sessions[0].note is None


def test_a_bom_is_accepted():
    assert len(parse_log(b"\xef\xbb\xbf" + encode(document())).sessions) == 1
