"""The complete, versioned JSON export, and the strict streaming reader used by import.

Layout (version 2)::

    {"format": "pacer-practice-log", "version": 2, "exported_at": "...+01:00",
     "rest_days": ["2026-03-04", ...],
     "sessions": [
    {"id": ..., "kind": ..., ... one key per RECORD_FIELDS},
    ...
    ]}

One session per line, written and read one at a time: an export of any size is written and
imported in bounded memory. Version 1 (no check-in, relaxation or trainer fields; the same
envelope with ``rest_days`` after the sessions) is still read.

Timestamps keep the UTC offset they were recorded in and full precision, so exporting,
importing and exporting again gives identical sessions. The reader checks every value against
the app's own limits (:mod:`pacer.core.practice_log.limits`) before anything is merged: a file
that is not JSON, belongs to another program, was written by a newer Pacer or holds a value
outside those limits raises :class:`ImportFormatError` with one sentence naming the session
and the field.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any, BinaryIO, TypeVar

from pacer.core.export.json_stream import JsonStreamError, NotAnObjectError, ObjectReader
from pacer.core.practice_log.limits import EARLIEST_DAY, record_problem
from pacer.core.practice_log.records import (
    FEELING_KEYS,
    RECORD_FIELDS,
    TRAINER_RESPONSE_KEYS,
    SessionEnd,
    SessionKind,
    SessionRecord,
)

FORMAT_NAME = "pacer-practice-log"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
# Far more than a million sessions (about 0.5 GB); the reader streams, so the limit is about
# time, not memory.
MAX_IMPORT_BYTES = 4 * 1024**3

_SECONDS_FIELDS = (
    "planned_seconds",
    "inhale",
    "hold",
    "exhale",
    "rest",
    "clench_seconds",
    "release_seconds",
)
_WHOLE_FIELDS = ("guarding_moments", "tension_before", "tension_after")
_EARLIEST = EARLIEST_DAY


class ImportFormatError(ValueError):
    """The file cannot be imported; ``str(error)`` is a calm message for the user."""


@dataclass(frozen=True)
class LogFile:
    """What a JSON export holds (read whole: for small files and tests)."""

    sessions: tuple[SessionRecord, ...]
    rest_days: tuple[date, ...]
    exported_at: datetime | None = None
    version: int = FORMAT_VERSION


# --- writing ---------------------------------------------------------------------------------


def record_to_dict(record: SessionRecord) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(record, name) for name in RECORD_FIELDS}
    values["kind"] = str(record.kind)
    values["started_at"] = record.started_at.isoformat()
    values["ended_at"] = None if record.ended_at is None else record.ended_at.isoformat()
    values["ended"] = None if record.ended is None else str(record.ended)
    if record.skipped_groups is not None:
        values["skipped_groups"] = list(record.skipped_groups)
    return values


def write_log_json(
    handle: BinaryIO,
    sessions: Iterable[SessionRecord],
    rest_days: Iterable[date],
    exported_at: datetime,
    *,
    on_session: Callable[[int], None] | None = None,
) -> int:
    """Write the export to ``handle``, one session per line; returns how many were written."""
    if exported_at.tzinfo is None:
        raise ValueError("exported_at must be timezone-aware")
    days = json.dumps([d.isoformat() for d in sorted(set(rest_days))])
    handle.write(
        (
            f'{{"format": "{FORMAT_NAME}", "version": {FORMAT_VERSION}, '
            f'"exported_at": "{exported_at.isoformat(timespec="seconds")}",\n'
            f' "rest_days": {days},\n "sessions": ['
        ).encode()
    )
    count = 0
    for record in sessions:
        line = json.dumps(record_to_dict(record), ensure_ascii=False, allow_nan=False)
        handle.write((",\n" if count else "\n").encode() + line.encode("utf-8"))
        count += 1
        if on_session is not None:
            on_session(count)
    handle.write(b"\n]}\n")
    return count


def json_bytes(
    sessions: Iterable[SessionRecord], rest_days: Iterable[date], exported_at: datetime
) -> bytes:
    buffer = io.BytesIO()
    write_log_json(buffer, sessions, rest_days, exported_at)
    return buffer.getvalue()


def log_to_json(
    sessions: Iterable[SessionRecord], rest_days: Iterable[date], exported_at: datetime
) -> str:
    return json_bytes(sessions, rest_days, exported_at).decode("utf-8")


# --- reading ---------------------------------------------------------------------------------


class LogReader:
    """Read a JSON export from a binary file, checking as it goes.

    Use :meth:`sessions` (a single pass over the whole file, yielding each checked session),
    then :meth:`rest_days`. Any problem raises :class:`ImportFormatError`.
    """

    def __init__(
        self,
        handle: BinaryIO,
        *,
        today: date | None = None,
        on_read: Callable[[int], None] | None = None,
    ) -> None:
        self._binary = handle
        self._latest = (today or date.today()) + timedelta(days=1)
        self._on_read = on_read
        self._rest_days: set[date] = set()
        self._done = False
        self.version: int | None = None
        self.exported_at: datetime | None = None
        self.session_count = 0

    def _text(self) -> io.TextIOWrapper:
        return io.TextIOWrapper(self._binary, encoding="utf-8", errors="strict", newline="")

    def sessions(self) -> Iterator[SessionRecord]:
        text = self._text()
        reader = ObjectReader(
            text,
            frozenset({"sessions", "rest_days"}),
            on_read=None if self._on_read is None else (lambda _: self._report()),
        )
        header: dict[str, Any] = {}
        seen_sessions = False
        try:
            for key, value in reader.entries():
                if key in ("format", "version"):
                    header[key] = value
                elif key == "exported_at":
                    self.exported_at = _optional_timestamp(value, "exported_at")
                elif key == "rest_days":
                    self._read_rest_days(value)
                elif key == "sessions":
                    seen_sessions = True
                    self._check_header(header, before_sessions=True)
                    yield from self._read_sessions(value)
        except (JsonStreamError, UnicodeDecodeError) as error:
            raise _refusal(error) from None
        finally:
            text.detach()
        self._check_header(header, before_sessions=False)
        if not seen_sessions:
            raise ImportFormatError('This file has no "sessions" list.')
        self._done = True

    def check_header(self) -> None:
        """Read only as far as the sessions and check that this Pacer reads the file."""
        text = self._text()
        header: dict[str, Any] = {}
        try:
            entries: Generator[tuple[str, Any], None, None] = ObjectReader(
                text, frozenset({"sessions", "rest_days"})
            ).entries()
            for key, value in entries:
                if key in ("format", "version"):
                    header[key] = value
                elif key == "sessions":
                    self._check_header(header, before_sessions=True)
                    entries.close()
                    return
        except (JsonStreamError, UnicodeDecodeError) as error:
            raise _refusal(error) from None
        finally:
            text.detach()
        self._check_header(header, before_sessions=False)
        raise ImportFormatError('This file has no "sessions" list.')

    def rest_days(self) -> Iterator[date]:
        """The rest days, once :meth:`sessions` has been read to its end."""
        if not self._done:
            raise RuntimeError("read the sessions first")
        yield from sorted(self._rest_days)

    def _report(self) -> None:
        if self._on_read is not None:
            self._on_read(self._binary.tell())

    def _check_header(self, header: dict[str, Any], *, before_sessions: bool) -> None:
        if "format" not in header:
            if before_sessions and "version" not in header:
                raise ImportFormatError(
                    'This file is not a Pacer practice log: it has no "format" before its '
                    f'sessions (a Pacer export starts with "format": "{FORMAT_NAME}").'
                )
            raise ImportFormatError(
                f'This file is not a Pacer practice log: it has no "format" field '
                f'(a Pacer export says "format": "{FORMAT_NAME}").'
            )
        fmt = header["format"]
        if fmt != FORMAT_NAME:
            raise ImportFormatError(
                f"This file is not a Pacer practice log: its format is {_show(fmt)}, "
                f'not "{FORMAT_NAME}".'
            )
        version = header.get("version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise ImportFormatError(
                f'This file has no usable "version" (found {_show(version)}) before its '
                f"sessions; Pacer expects a whole number such as {FORMAT_VERSION}."
            )
        if version > FORMAT_VERSION:
            raise ImportFormatError(
                f"This file was written by a newer Pacer (log format version {version}); "
                f"this Pacer reads versions up to {FORMAT_VERSION}. Update Pacer, then import "
                "it again."
            )
        if version not in READABLE_VERSIONS:
            raise ImportFormatError(f"This file has an impossible log format version ({version}).")
        self.version = version

    def _read_sessions(self, raw: Any) -> Iterator[SessionRecord]:
        if not isinstance(raw, Iterator):
            raise ImportFormatError(f'"sessions" should be a list, but it is a {_json_type(raw)}.')
        for index, item in enumerate(raw, start=1):
            record = read_session(item, index, self._latest)
            self.session_count = index
            yield record

    def _read_rest_days(self, raw: Any) -> None:
        if not isinstance(raw, Iterator):
            raise ImportFormatError(f'"rest_days" should be a list, but it is a {_json_type(raw)}.')
        for index, value in enumerate(raw, start=1):
            try:
                if not isinstance(value, str) or len(value) != 10:
                    raise ValueError
                day = date.fromisoformat(value)
            except ValueError:
                raise ImportFormatError(
                    f"Rest day {index} is not a date like 2026-03-04: {_show(value)}."
                ) from None
            if not _EARLIEST <= day <= self._latest:
                raise ImportFormatError(
                    f"Rest day {index} ({value}) is not between {_EARLIEST.isoformat()} "
                    f"and {self._latest.isoformat()}."
                )
            self._rest_days.add(day)


def _refusal(error: Exception) -> ImportFormatError:
    if isinstance(error, NotAnObjectError):
        return ImportFormatError(
            "This file is not a Pacer practice log: it holds a JSON "
            f"{_json_type(error.value)}, not an object with a format and sessions."
        )
    if isinstance(error, UnicodeDecodeError):
        return ImportFormatError("This file is not a Pacer export: it is not UTF-8 text.")
    return ImportFormatError(str(error))


def parse_log(data: bytes, *, today: date | None = None) -> LogFile:
    """Read and check a whole JSON export held in memory (small files, tests)."""
    if not data.strip():
        raise ImportFormatError("This file is empty.")
    reader = LogReader(io.BytesIO(data), today=today)
    sessions = tuple(reader.sessions())
    seen: dict[str, int] = {}
    for index, record in enumerate(sessions, start=1):
        if record.id in seen:
            raise ImportFormatError(
                f"Session {index} has the same id as session {seen[record.id]} ({record.id})."
            )
        seen[record.id] = index
    return LogFile(
        sessions, tuple(reader.rest_days()), reader.exported_at, reader.version or FORMAT_VERSION
    )


def read_session(item: Any, index: int, latest: date) -> SessionRecord:
    """One session of an export, checked against the app's limits (``latest``: last day)."""
    where = f"Session {index}"
    if not isinstance(item, dict):
        raise ImportFormatError(f"{where} should be an object, but it is a {_json_type(item)}.")
    for name in ("id", "kind", "started_at"):
        if item.get(name) is None:
            raise ImportFormatError(f'{where} has no "{name}".')
    session_id = item["id"]
    try:
        if not isinstance(session_id, str) or len(session_id) > 40:
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
    ended = (
        None if item.get("ended") is None else _choice(item["ended"], SessionEnd, where, "ended")
    )
    seconds = {name: _optional_seconds(item.get(name), where, name) for name in _SECONDS_FIELDS}
    practised = _optional_seconds(item.get("practised_seconds", 0.0), where, "practised_seconds")
    whole = {name: _optional_whole(item.get(name), where, name) for name in _WHOLE_FIELDS}
    feeling = item.get("feeling")
    if feeling is not None and feeling not in FEELING_KEYS:
        allowed = ", ".join(sorted(FEELING_KEYS))
        raise ImportFormatError(
            f"{where} has an unknown feeling {_show(feeling)} (Pacer knows: {allowed})."
        )
    response = item.get("response")
    if response is not None and response not in TRAINER_RESPONSE_KEYS:
        allowed = ", ".join(sorted(TRAINER_RESPONSE_KEYS))
        raise ImportFormatError(
            f'{where} has "response" {_show(response)}; it should be one of: {allowed}.'
        )
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        raise ImportFormatError(f"{where} has a note that is not text: {_show(note)}.")
    groups = item.get("skipped_groups")
    if groups is not None:
        if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
            raise ImportFormatError(
                f'{where}: "skipped_groups" should be a list of group keys, not {_show(groups)}.'
            )
        groups = tuple(groups)
    try:
        record = SessionRecord(
            id=session_id,
            kind=kind,
            started_at=started_at,
            ended_at=ended_at,
            practised_seconds=practised if practised is not None else 0.0,
            ended=ended,
            feeling=feeling,
            note=note,
            skipped_groups=groups,
            response=response,
            planned_seconds=seconds["planned_seconds"],
            inhale=seconds["inhale"],
            hold=seconds["hold"],
            exhale=seconds["exhale"],
            rest=seconds["rest"],
            clench_seconds=seconds["clench_seconds"],
            release_seconds=seconds["release_seconds"],
            guarding_moments=whole["guarding_moments"],
            tension_before=whole["tension_before"],
            tension_after=whole["tension_after"],
        )
    except ValueError as error:
        raise ImportFormatError(f"{where}: {error}.") from None
    problem = record_problem(record, latest)
    if problem is not None:
        raise ImportFormatError(f'{where}: "{problem.field}" {problem.message}.')
    return record


E = TypeVar("E", bound=Enum)


def _choice(value: Any, enum: type[E], where: str, name: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in enum)
        raise ImportFormatError(
            f'{where} has "{name}" {_show(value)}; it should be one of: {allowed}.'
        ) from None


def _timestamp(value: Any, where: str, name: str) -> datetime:
    example = "2026-03-01T08:30:00+01:00"
    if not isinstance(value, str) or len(value) > 40:
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


def _optional_whole(value: Any, where: str, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ImportFormatError(f'{where}: "{name}" should be a whole number, not {_show(value)}.')
    return value


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "true/false", type(None): "null"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "number"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
