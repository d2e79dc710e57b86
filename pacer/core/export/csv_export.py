"""The practice log as CSV: one row per session, for spreadsheets.

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
from collections.abc import Iterable

from pacer.core.export.cells import format_seconds, format_timestamp
from pacer.core.practice_log.records import RECORD_FIELDS, SessionRecord

CSV_COLUMNS: tuple[str, ...] = RECORD_FIELDS
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_ENCODING = "utf-8-sig"


def neutralise_cell(text: str) -> str:
    """Make a cell that a spreadsheet would evaluate as a formula read as plain text."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def record_row(record: SessionRecord) -> list[str]:
    values = {
        "id": record.id,
        "kind": str(record.kind),
        "started_at": format_timestamp(record.started_at, timespec="seconds"),
        "ended_at": format_timestamp(record.ended_at, timespec="seconds"),
        "planned_seconds": format_seconds(record.planned_seconds),
        "practised_seconds": format_seconds(record.practised_seconds),
        "ended": "" if record.ended is None else str(record.ended),
        "inhale": format_seconds(record.inhale),
        "hold": format_seconds(record.hold),
        "exhale": format_seconds(record.exhale),
        "rest": format_seconds(record.rest),
        "feeling": record.feeling or "",
        "note": record.note or "",
    }
    return [neutralise_cell(values[name]) for name in CSV_COLUMNS]


def sessions_to_csv(records: Iterable[SessionRecord]) -> str:
    """The CSV text (without the BOM; :func:`csv_bytes` adds it)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow(record_row(record))
    return buffer.getvalue()


def csv_bytes(records: Iterable[SessionRecord]) -> bytes:
    return sessions_to_csv(records).encode(CSV_ENCODING)
