"""The complete, versioned JSON export, and the strict reader used by import.

Layout::

    {"format": "pacer-practice-log", "version": 1, "exported_at": "...+01:00",
     "sessions": [{"id": ..., "kind": ..., ... one key per RECORD_FIELDS}],
     "rest_days": ["2026-03-04", ...]}

Timestamps keep the UTC offset they were recorded in and full precision, so exporting,
importing and exporting again gives identical sessions. The reader checks everything before
anything is merged: a file that is not JSON, belongs to another program, was written by a newer
Pacer or holds an invalid session raises :class:`ImportFormatError` with a message that says
exactly what is wrong and where.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pacer.core.practice_log.records import (
    FEELING_KEYS,
    RECORD_FIELDS,
    SessionEnd,
    SessionKind,
    SessionRecord,
)

FORMAT_NAME = "pacer-practice-log"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 64 * 1024 * 1024  # about a million sessions; anything bigger is not ours
MAX_NOTE_CHARS = 20_000

_SECONDS_FIELDS = ("planned_seconds", "inhale", "hold", "exhale", "rest")


class ImportFormatError(ValueError):
    """The file cannot be imported; ``str(error)`` is a calm message for the user."""


@dataclass(frozen=True)
class LogFile:
    """What a JSON export holds."""

    sessions: tuple[SessionRecord, ...]
    rest_days: tuple[date, ...]
    exported_at: datetime | None = None
    version: int = FORMAT_VERSION


# --- writing ---------------------------------------------------------------------------------


def record_to_dict(record: SessionRecord) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": record.id,
        "kind": str(record.kind),
        "started_at": record.started_at.isoformat(),
        "ended_at": None if record.ended_at is None else record.ended_at.isoformat(),
        "planned_seconds": record.planned_seconds,
        "practised_seconds": record.practised_seconds,
        "ended": None if record.ended is None else str(record.ended),
        "inhale": record.inhale,
        "hold": record.hold,
        "exhale": record.exhale,
        "rest": record.rest,
        "feeling": record.feeling,
        "note": record.note,
    }
    return {name: values[name] for name in RECORD_FIELDS}


def log_to_json(
    sessions: Iterable[SessionRecord], rest_days: Iterable[date], exported_at: datetime
) -> str:
    if exported_at.tzinfo is None:
        raise ValueError("exported_at must be timezone-aware")
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "sessions": [record_to_dict(r) for r in sessions],
        "rest_days": [d.isoformat() for d in sorted(set(rest_days))],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def json_bytes(
    sessions: Iterable[SessionRecord], rest_days: Iterable[date], exported_at: datetime
) -> bytes:
    return log_to_json(sessions, rest_days, exported_at).encode("utf-8")


# --- reading ---------------------------------------------------------------------------------


def _refuse_constant(name: str) -> None:
    raise ImportFormatError(f"The file contains {name}, which is not a number Pacer writes.")


def parse_log(data: bytes) -> LogFile:
    """Read and check a JSON export completely; raise :class:`ImportFormatError` if unusable."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFormatError(
            f"This file is {len(data) // (1024 * 1024)} MB, far larger than any Pacer export."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            f"This file is not a Pacer export: it is not UTF-8 text (byte {error.start})."
        ) from None
    if not text.strip():
        raise ImportFormatError("This file is empty.")
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ImportFormatError(
            f"This file is not valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg.lower()}). Pacer imports the JSON file it saves with "
            "Export as JSON."
        ) from None
    if not isinstance(document, dict):
        raise ImportFormatError(
            "This file is not a Pacer practice log: it holds a JSON "
            f"{_json_type(document)}, not an object with a format and sessions."
        )
    _check_header(document)
    sessions = _read_sessions(document.get("sessions"))
    rest_days = _read_rest_days(document.get("rest_days", []))
    exported_at = _optional_timestamp(document.get("exported_at"), "exported_at")
    return LogFile(sessions, rest_days, exported_at, document["version"])


def _check_header(document: Mapping[str, Any]) -> None:
    fmt = document.get("format")
    if fmt is None:
        raise ImportFormatError(
            f'This file is not a Pacer practice log: it has no "format" field '
            f'(a Pacer export says "format": "{FORMAT_NAME}").'
        )
    if fmt != FORMAT_NAME:
        raise ImportFormatError(
            f"This file is not a Pacer practice log: its format is {_show(fmt)}, "
            f'not "{FORMAT_NAME}".'
        )
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ImportFormatError(
            f'This file has no usable "version" (found {_show(version)}); '
            f"Pacer expects a whole number such as {FORMAT_VERSION}."
        )
    if version > FORMAT_VERSION:
        raise ImportFormatError(
            f"This file was written by a newer Pacer (log format version {version}); "
            f"this Pacer reads version {FORMAT_VERSION}. Update Pacer, then import it again."
        )
    if version < 1:
        raise ImportFormatError(f"This file has an impossible log format version ({version}).")
    if "sessions" not in document:
        raise ImportFormatError('This file has no "sessions" list.')


def _read_sessions(raw: Any) -> tuple[SessionRecord, ...]:
    if not isinstance(raw, list):
        raise ImportFormatError(f'"sessions" should be a list, but it is a {_json_type(raw)}.')
    records: list[SessionRecord] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(raw, start=1):
        record = _read_session(item, index)
        if record.id in seen:
            raise ImportFormatError(
                f"Session {index} has the same id as session {seen[record.id]} ({record.id})."
            )
        seen[record.id] = index
        records.append(record)
    return tuple(records)


def _read_session(item: Any, index: int) -> SessionRecord:
    where = f"Session {index}"
    if not isinstance(item, dict):
        raise ImportFormatError(f"{where} should be an object, but it is a {_json_type(item)}.")
    for name in ("id", "kind", "started_at"):
        if item.get(name) is None:
            raise ImportFormatError(f'{where} has no "{name}".')
    session_id = item["id"]
    try:
        if not isinstance(session_id, str):
            raise ValueError
        import uuid  # here, not at start-up: uuid loads platform

        uuid.UUID(session_id)
    except ValueError:
        raise ImportFormatError(
            f"{where} has an id that is not a UUID: {_show(session_id)}."
        ) from None
    where = f"Session {index} ({session_id})"
    kind = _choice(item["kind"], SessionKind, where, "kind")
    started_at = _timestamp(item["started_at"], where, "started_at")
    ended_at = _optional_timestamp(item.get("ended_at"), "ended_at", where)
    if ended_at is not None and ended_at < started_at:
        raise ImportFormatError(f"{where} ends ({ended_at.isoformat()}) before it starts.")
    ended = (
        None if item.get("ended") is None else _choice(item["ended"], SessionEnd, where, "ended")
    )
    seconds = {name: _optional_seconds(item.get(name), where, name) for name in _SECONDS_FIELDS}
    practised = _optional_seconds(item.get("practised_seconds", 0.0), where, "practised_seconds")
    feeling = item.get("feeling")
    if feeling is not None and feeling not in FEELING_KEYS:
        allowed = ", ".join(sorted(FEELING_KEYS))
        raise ImportFormatError(
            f"{where} has an unknown feeling {_show(feeling)} (Pacer knows: {allowed})."
        )
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        raise ImportFormatError(f"{where} has a note that is not text: {_show(note)}.")
    if note is not None and len(note) > MAX_NOTE_CHARS:
        raise ImportFormatError(f"{where} has a note longer than {MAX_NOTE_CHARS} characters.")
    return SessionRecord(
        id=session_id,
        kind=kind,
        started_at=started_at,
        ended_at=ended_at,
        practised_seconds=practised if practised is not None else 0.0,
        ended=ended,
        feeling=feeling,
        note=note,
        **seconds,
    )


def _choice(value: Any, enum: type, where: str, name: str):
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ImportFormatError(
            f'{where} has "{name}" {_show(value)}; it should be one of: {allowed}.'
        ) from None


def _timestamp(value: Any, where: str, name: str) -> datetime:
    example = "2026-03-01T08:30:00+01:00"
    if not isinstance(value, str):
        raise ImportFormatError(f'{where}: "{name}" should be a date and time like {example}.')
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ImportFormatError(
            f'{where}: "{name}" is not a date and time ({_show(value)}); expected e.g. {example}.'
        ) from None
    if moment.tzinfo is None:
        raise ImportFormatError(
            f'{where}: "{name}" {_show(value)} has no UTC offset; expected e.g. {example}.'
        )
    return moment


def _optional_timestamp(value: Any, name: str, where: str = "The file") -> datetime | None:
    return None if value is None else _timestamp(value, where, name)


def _optional_seconds(value: Any, where: str, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ImportFormatError(
            f'{where}: "{name}" should be a number of seconds, not {_show(value)}.'
        )
    if value < 0:
        raise ImportFormatError(f'{where}: "{name}" is negative ({value}).')
    return float(value)


def _read_rest_days(raw: Any) -> tuple[date, ...]:
    if not isinstance(raw, list):
        raise ImportFormatError(f'"rest_days" should be a list, but it is a {_json_type(raw)}.')
    days: list[date] = []
    for index, value in enumerate(raw, start=1):
        try:
            if not isinstance(value, str):
                raise ValueError
            days.append(date.fromisoformat(value))
        except ValueError:
            raise ImportFormatError(
                f"Rest day {index} is not a date like 2026-03-04: {_show(value)}."
            ) from None
    return tuple(sorted(set(days)))


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "true/false", type(None): "null"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "number"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
