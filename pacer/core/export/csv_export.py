"""The practice log as CSV: one row per session and per rest day, for spreadsheets.

Columns are ``RECORD_FIELDS`` in order, so new fields only ever appear at the end. A rest
day is a row of its own whose ``kind`` is ``rest_day`` and whose ``started_at`` is the bare
date (YYYY-MM-DD); every other cell of it is empty. Rows are in date order, a rest day
before any session of the same day. How a session ended is written in the app's own words
("Ran to the end", "Ended early", "Closed unexpectedly"); kinds, feelings and trainer
responses are their short keys; the groups left out of a relaxation session are their keys
joined with ", ".

Encoding: UTF-8 *with* a byte-order mark. Excel only reads a double-clicked CSV as UTF-8
when the file starts with a BOM (without it, accented letters and emoji in notes turn into
mojibake); LibreOffice Calc recognises the BOM, strips it and preselects UTF-8 in its import
dialog; Python reads it with ``encoding="utf-8-sig"``. Rows end with CRLF (RFC 4180), fields
are separated by commas and quoted when needed, so notes with commas, quotes or line breaks
stay in one cell.

Cells a spreadsheet would run as a formula (starting with ``= + - @``, a tab or a carriage
return) get a leading ``'`` so they are shown as text, never executed. Our numbers are never
negative, so no real value needs the ``-`` exception.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import BinaryIO

from pacer.core.export.cells import format_seconds, format_timestamp
from pacer.core.practice_log.records import RECORD_FIELDS, SessionRecord
from pacer.core.practice_log.wording import ENDED_WORDS

CSV_COLUMNS: tuple[str, ...] = RECORD_FIELDS
REST_DAY_KIND = "rest_day"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_ENCODING = "utf-8-sig"
_SECONDS = frozenset(
    {
        "planned_seconds",
        "practised_seconds",
        "inhale",
        "hold",
        "exhale",
        "rest",
        "clench_seconds",
        "release_seconds",
    }
)


def neutralise_cell(text: str) -> str:
    """Make a cell that a spreadsheet would evaluate as a formula read as plain text."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _cell(record: SessionRecord, name: str) -> str:
    value = getattr(record, name)
    if value is None:
        return ""
    if name in _SECONDS:
        return format_seconds(value)
    if name in ("started_at", "ended_at"):
        return format_timestamp(value, timespec="seconds")
    if name == "ended":
        return ENDED_WORDS.get(value, str(value))
    if name == "skipped_groups":
        return ", ".join(value)
    return str(value)


def record_row(record: SessionRecord) -> list[str]:
    return [neutralise_cell(_cell(record, name)) for name in CSV_COLUMNS]


def rest_day_row(day: date) -> list[str]:
    row = dict.fromkeys(CSV_COLUMNS, "")
    row["kind"] = REST_DAY_KIND
    row["started_at"] = day.isoformat()
    return [row[name] for name in CSV_COLUMNS]


def rows_in_date_order(
    sessions: Iterable[SessionRecord], rest_days: Iterable[date]
) -> Iterator[list[str]]:
    """Session rows in their order, each rest day placed before the first later session."""
    pending = sorted(set(rest_days))
    index = 0
    for record in sessions:
        day = record.started_at.date()
        while index < len(pending) and pending[index] <= day:
            yield rest_day_row(pending[index])
            index += 1
        yield record_row(record)
    for day in pending[index:]:
        yield rest_day_row(day)


def write_csv(
    handle: BinaryIO,
    sessions: Iterable[SessionRecord],
    rest_days: Iterable[date] = (),
    *,
    on_session: Callable[[int], None] | None = None,
) -> int:
    """Write the CSV (with its BOM) to ``handle``; returns how many sessions it holds."""
    text = io.TextIOWrapper(handle, encoding=CSV_ENCODING, newline="", write_through=False)
    count = 0

    def counted() -> Iterator[SessionRecord]:
        nonlocal count
        for record in sessions:
            count += 1
            if on_session is not None:
                on_session(count)
            yield record

    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(rows_in_date_order(counted(), rest_days))
        text.flush()
    finally:
        text.detach()
    return count


def csv_bytes(records: Iterable[SessionRecord], rest_days: Iterable[date] = ()) -> bytes:
    buffer = io.BytesIO()
    write_csv(buffer, records, rest_days)
    return buffer.getvalue()


def sessions_to_csv(records: Iterable[SessionRecord], rest_days: Iterable[date] = ()) -> str:
    """The CSV text (without the BOM)."""
    return csv_bytes(records, rest_days).decode(CSV_ENCODING)
