"""``export_log``: one way to export, shared by ``pacer export`` and the window's dialog.

CSV and JSON are streamed from the log straight into the file (any size, bounded memory).
The PDF needs the whole range at once and is drawn by a renderer handed in by the caller —
the Qt front's :func:`pacer.ui.export.pdf_report.render_pdf` — so this module, like all of
the core, never imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pacer.core.export.csv_export import write_csv
from pacer.core.export.json_format import write_log_json
from pacer.core.export.service import (
    ExportData,
    ExportFormat,
    ExportWriteError,
    ReadableLog,
    check_output_path,
    check_range,
    describe_unreadable,
    describe_write_error,
    gather,
    gather_rest_days,
    write_export,
)
from pacer.core.files import atomic_writer
from pacer.core.practice_log.records import UnreadableRow

PdfRenderer = Callable[[ExportData], bytes]
SessionsWritten = Callable[[int], None]  # called with the running count while writing


@dataclass(frozen=True)
class ExportResult:
    output: Path
    format: ExportFormat
    sessions: int
    unreadable: tuple[UnreadableRow, ...] = ()

    @property
    def message(self) -> str:
        """``Saved 12 sessions to FILE.`` and, if any, which entries were left out."""
        noun = "session" if self.sessions == 1 else "sessions"
        text = f"Saved {self.sessions} {noun} to {self.output}."
        left_out = describe_unreadable(self.unreadable)
        return f"{text} {left_out}" if left_out else text


def export_log(
    log: ReadableLog,
    fmt: ExportFormat,
    output: Path,
    since: date | None = None,
    until: date | None = None,
    *,
    render_pdf: PdfRenderer | None = None,
    data_dir: Path | None = None,
    exported_at: datetime | None = None,
    on_session: SessionsWritten | None = None,
) -> ExportResult:
    """Write the range to ``output`` atomically (a temporary file beside it, then renamed).

    Rows of the log that cannot be read are left out and named in the result. Raises
    DateRangeError or ExportWriteError; nothing is written in either case.
    """
    fmt = ExportFormat(fmt)
    output = Path(output)
    check_range(since, until)
    check_output_path(output, data_dir)
    moment = exported_at if exported_at is not None else datetime.now().astimezone()
    if fmt is ExportFormat.PDF:
        if render_pdf is None:
            raise ValueError("a PDF export needs a renderer (pacer.ui.export.pdf_report)")
        data = gather(log, since, until, moment)
        write_export(output, render_pdf(data))
        return ExportResult(output, fmt, len(data.sessions), data.unreadable)
    unreadable = log.unreadable_rows(since, until)
    rest_days = gather_rest_days(log, since, until)
    sessions = log.iter_sessions(since, until)
    try:
        with atomic_writer(output) as handle:
            if fmt is ExportFormat.CSV:
                count = write_csv(handle, sessions, rest_days, on_session=on_session)
            else:
                count = write_log_json(handle, sessions, rest_days, moment, on_session=on_session)
    except OSError as error:
        raise ExportWriteError(describe_write_error(output, error)) from error
    return ExportResult(output, fmt, count, unreadable)
