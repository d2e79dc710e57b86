"""``pacer export``: write the practice log as CSV, JSON or a printable PDF.

Works without a display and while the app is closed (or open: reading never disturbs a
running session). :func:`export_log` is also what the window's Export dialog calls.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from pacer.commands import DataFolderUse
from pacer.core.export.service import (
    DateRangeError,
    ExportData,
    ExportFormat,
    ExportWriteError,
    ReadableLog,
    check_output_path,
    check_range,
    encode_text_format,
    gather,
    parse_day,
    write_export,
)
from pacer.core.practice_log.records import SessionRecord
from pacer.core.practice_log.store import LOG_FILENAME, LogError, PracticeLog


def export_log(
    log: ReadableLog,
    fmt: ExportFormat,
    output: Path,
    since: date | None = None,
    until: date | None = None,
    *,
    data_dir: Path | None = None,
    exported_at: datetime | None = None,
) -> ExportData:
    """Gather the range and write it atomically to ``output``.

    Raises DateRangeError, ExportWriteError (nothing written in either case).
    """
    fmt = ExportFormat(fmt)
    output = Path(output)
    check_range(since, until)
    check_output_path(output, data_dir)
    data = gather(log, since, until, exported_at)
    if fmt is ExportFormat.PDF:
        from pacer.ui.export.pdf_report import ensure_gui_application, render_pdf

        ensure_gui_application()
        payload = render_pdf(data)
    else:
        payload = encode_text_format(data, fmt)
    write_export(output, payload)
    return data


class _EmptyLog:
    """Stands in when there is no log yet, so exporting never creates one."""

    def sessions(self, since: date | None = None, until: date | None = None) -> list[SessionRecord]:
        return []

    def rest_days(self) -> set[date]:
        return set()


def _day(option: str):
    def parse(text: str) -> date:
        try:
            return parse_day(text, option)
        except DateRangeError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


def _format_for(args: argparse.Namespace, parser: argparse.ArgumentParser) -> ExportFormat:
    if args.format:
        return ExportFormat(args.format)
    suffix = Path(args.output).suffix.lower().lstrip(".")
    try:
        return ExportFormat(suffix)
    except ValueError:
        parser.error(
            f"--format is needed: the file name {args.output!r} does not end in .csv, .json or .pdf"
        )
        raise  # unreachable: parser.error exits


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    fmt = _format_for(args, parser)
    try:
        check_range(args.since, args.until)
    except DateRangeError as error:
        parser.error(str(error))
    output = Path(args.output).expanduser()
    if fmt is ExportFormat.PDF:
        # Before any other Qt use: a windowless Qt, so no display is ever needed.
        from pacer.ui.export.pdf_report import ensure_gui_application

        ensure_gui_application(offscreen=True)
    data_dir = Path(args.data_dir)
    try:
        if (data_dir / LOG_FILENAME).exists():
            with PracticeLog.open(data_dir) as log:
                for notice in log.notices:
                    print(notice, file=sys.stderr)
                data = export_log(log, fmt, output, args.since, args.until, data_dir=data_dir)
        else:
            data = export_log(_EmptyLog(), fmt, output, args.since, args.until, data_dir=data_dir)
    except (ExportWriteError, LogError) as error:
        print(f"pacer export: {error}", file=sys.stderr)
        return 1
    count = len(data.sessions)
    noun = "session" if count == 1 else "sessions"
    print(f"Saved {count} {noun} to {output}.")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="save your practice log as CSV, JSON or a printable PDF",
        description=(
            "Save your practice log to a file you choose: CSV for spreadsheets, JSON to move "
            "it to another computer (pacer import), or a printable PDF summary to share "
            "with your physiotherapist or therapist. Needs no display."
        ),
    )
    parser.add_argument(
        "--format",
        choices=[f.value for f in ExportFormat],
        help="file format (default: taken from the file name's ending)",
    )
    parser.add_argument("--output", "-o", required=True, metavar="FILE", help="where to save")
    parser.add_argument(
        "--since",
        type=_day("--since"),
        metavar="YYYY-MM-DD",
        help="first day to include (sessions by the local day they started on)",
    )
    parser.add_argument(
        "--until", type=_day("--until"), metavar="YYYY-MM-DD", help="last day to include"
    )
    parser.set_defaults(run=lambda args: run(args, parser), data_folder=DataFolderUse.READ)
