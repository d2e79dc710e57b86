"""``pacer export``: write the practice log as CSV, JSON or a printable PDF.

Works without a display and while the app is closed (or open: reading never disturbs a
running session). The work itself is :func:`pacer.core.export.exporting.export_log`, which
the window's Export dialog calls too.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from pacer.commands import DataFolderUse
from pacer.core.export.exporting import PdfRenderer, export_log
from pacer.core.export.service import (
    DateRangeError,
    ExportFormat,
    ExportWriteError,
    check_range,
    parse_day,
)
from pacer.core.practice_log.store import LOG_FILENAME, LogError, PracticeLog


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
    data_dir = Path(args.data_dir)
    if not (data_dir / LOG_FILENAME).exists():
        print(
            f"pacer export: there is no practice log in {data_dir} yet, so there is nothing "
            "to export. Nothing was written.",
            file=sys.stderr,
        )
        return 1
    render_pdf: PdfRenderer | None = None
    if fmt is ExportFormat.PDF:
        # Before any other Qt use: a windowless Qt, so no display is ever needed.
        from pacer.ui.export.pdf_report import ensure_gui_application, render_pdf

        ensure_gui_application(offscreen=True)
    try:
        with PracticeLog.open(data_dir) as log:
            for notice in log.notices:
                print(notice, file=sys.stderr)
            result = export_log(
                log,
                fmt,
                output,
                args.since,
                args.until,
                render_pdf=render_pdf,
                data_dir=data_dir,
            )
    except (ExportWriteError, LogError) as error:
        print(f"pacer export: {error}", file=sys.stderr)
        return 1
    print(result.message)
    return 0


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Save your practice log to a file you choose: CSV for spreadsheets, JSON to move "
        "it to another computer (pacer import), or a printable PDF summary to share "
        "with your physiotherapist or therapist. Needs no display."
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
