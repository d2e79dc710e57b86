"""Gathering a date range of the log, checking where an export goes, wording the outcome.

Shared by ``pacer export`` / ``pacer import`` and the window's dialogs (through
:mod:`pacer.core.export.exporting` and :mod:`pacer.core.export.importing`) so both fronts
behave the same. Everything here is plain Python.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from pacer.core.export.csv_export import csv_bytes
from pacer.core.export.json_format import ImportFormatError, LogFile, json_bytes
from pacer.core.files import atomic_write_bytes
from pacer.core.practice_log.records import SessionRecord, UnreadableRow


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    PDF = "pdf"

    @property
    def suffix(self) -> str:
        return "." + self.value

    @property
    def label(self) -> str:
        return {
            "csv": "Spreadsheet (CSV)",
            "json": "Complete log for Pacer (JSON)",
            "pdf": "Printable summary (PDF)",
        }[self.value]


class ReadableLog(Protocol):
    def sessions(
        self, since: date | None = None, until: date | None = None
    ) -> list[SessionRecord]: ...

    def iter_sessions(
        self, since: date | None = None, until: date | None = None
    ) -> Iterator[SessionRecord]: ...

    def unreadable_rows(
        self, since: date | None = None, until: date | None = None
    ) -> tuple[UnreadableRow, ...]: ...

    def rest_days(self) -> set[date]: ...


class MergeableLog(Protocol):
    def merge(self, records: Iterable[SessionRecord], rest_days: Iterable[date] = ()) -> Any: ...


class ExportWriteError(Exception):
    """The export could not be written; nothing was left behind. ``str()`` is for the user."""


class ImportReadError(Exception):
    """The import file could not be read at all. ``str()`` is for the user."""


class DateRangeError(ValueError):
    """A --since/--until value or pair the user should correct. ``str()`` is for the user."""


@dataclass(frozen=True)
class ExportData:
    """The part of the log being exported: sessions by local start date, inclusive."""

    sessions: tuple[SessionRecord, ...]
    rest_days: tuple[date, ...]
    since: date | None
    until: date | None
    exported_at: datetime
    unreadable: tuple[UnreadableRow, ...] = ()  # rows left out because they cannot be read

    @property
    def first_day(self) -> date | None:
        """The range shown to a reader: as asked, else the first and last session days."""
        if self.since is not None:
            return self.since
        if self.sessions:
            return min(r.started_at.date() for r in self.sessions)
        return None

    @property
    def last_day(self) -> date | None:
        if self.until is not None:
            return self.until
        if self.sessions:
            return max(r.started_at.date() for r in self.sessions)
        return None


def parse_day(text: str, option: str = "date") -> date:
    """A YYYY-MM-DD date typed by the user; :class:`DateRangeError` names the bad value."""
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise DateRangeError(
            f"{option} expects a date written YYYY-MM-DD, like 2026-03-01; got {text!r}"
        ) from None


def check_range(since: date | None, until: date | None) -> None:
    if since is not None and until is not None and since > until:
        raise DateRangeError(
            f"the start date {since.isoformat()} is after the end date {until.isoformat()}; "
            "--since must be on or before --until"
        )


def in_range(day: date, since: date | None, until: date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


def gather(
    log: ReadableLog,
    since: date | None = None,
    until: date | None = None,
    exported_at: datetime | None = None,
) -> ExportData:
    check_range(since, until)
    sessions = tuple(log.sessions(since, until))
    rest_days = gather_rest_days(log, since, until)
    moment = exported_at if exported_at is not None else datetime.now().astimezone()
    return ExportData(sessions, rest_days, since, until, moment, log.unreadable_rows(since, until))


def gather_rest_days(log: ReadableLog, since: date | None, until: date | None) -> tuple[date, ...]:
    return tuple(sorted(d for d in log.rest_days() if in_range(d, since, until)))


def encode_text_format(data: ExportData, fmt: ExportFormat) -> bytes:
    if fmt is ExportFormat.CSV:
        return csv_bytes(data.sessions, data.rest_days)
    if fmt is ExportFormat.JSON:
        return json_bytes(data.sessions, data.rest_days, data.exported_at)
    raise ValueError(f"{fmt} is rendered by a PDF renderer (pacer.ui.export.pdf_report)")


def check_output_path(output: Path, data_dir: Path | None) -> None:
    """Refuse to write over the log itself or into a folder that is not there."""
    output = Path(output)
    if output.is_dir():
        raise ExportWriteError(f"{output} is a folder; please give a file name for the export.")
    if data_dir is not None:
        try:
            same_folder = output.resolve().parent == Path(data_dir).resolve()
        except OSError:
            same_folder = False
        if same_folder and output.name.startswith("practice.db"):
            raise ExportWriteError(
                f"{output} is Pacer's own log file; please choose another name for the export."
            )


def write_export(output: Path, payload: bytes) -> None:
    """Write atomically (temporary file beside it, then replace). On failure nothing is left."""
    output = Path(output)
    try:
        atomic_write_bytes(output, payload)
    except OSError as error:
        raise ExportWriteError(describe_write_error(output, error)) from error


def describe_write_error(output: Path, error: OSError) -> str:
    folder = output.parent
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"There is not enough free space to save {output.name} in {folder}. Nothing was written."
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return (
            f"Pacer may not write to {folder}. Please choose another folder. Nothing was written."
        )
    if isinstance(error, FileNotFoundError):
        if not folder.exists():
            return f"The folder {folder} does not exist. Nothing was written."
        reason = error.strerror or str(error)
        return (
            f"Pacer cannot create a file in {folder} ({reason}); it is not an ordinary folder. "
            "Please choose another folder. Nothing was written."
        )
    if isinstance(error, IsADirectoryError):
        return f"{output} is a folder; please give a file name. Nothing was written."
    reason = error.strerror or str(error)
    return f"Could not save {output}: {reason}. Nothing was written."


def describe_merge(result: Any) -> str:
    """``Added 12 sessions; 3 were already in your log.`` — for the CLI and the dialog."""
    added = result.added
    present = result.already_present
    if added == 0 and present == 0:
        text = "The file holds no sessions, so your log is unchanged."
    elif added == 0:
        text = (
            f"Nothing new: {_sessions(present)} {'was' if present == 1 else 'were'} "
            "already in your log."
        )
    else:
        text = f"Added {_sessions(added)}"
        if present:
            text += f"; {present} {'was' if present == 1 else 'were'} already in your log."
        else:
            text += "."
    days = getattr(result, "rest_days_added", 0)
    if days:
        text += f" Also added {days} rest {'day' if days == 1 else 'days'}."
    return text


def describe_unreadable(rows: tuple[UnreadableRow, ...], *, limit: int = 5) -> str:
    """``1 entry could not be read and is left out: <id>.`` — or "" when there are none."""
    if not rows:
        return ""
    shown = ", ".join(row.id or "(no id)" for row in rows[:limit])
    if len(rows) > limit:
        shown += f" and {len(rows) - limit} more"
    entries = "1 entry" if len(rows) == 1 else f"{len(rows)} entries"
    return f"{entries} could not be read and {'is' if len(rows) == 1 else 'are'} left out: {shown}."


def _sessions(count: int) -> str:
    return f"{count} session" if count == 1 else f"{count} sessions"


__all__ = [
    "DateRangeError",
    "ExportData",
    "ExportFormat",
    "ExportWriteError",
    "ImportFormatError",
    "ImportReadError",
    "LogFile",
    "check_output_path",
    "check_range",
    "describe_merge",
    "describe_unreadable",
    "encode_text_format",
    "gather",
    "parse_day",
    "write_export",
]
