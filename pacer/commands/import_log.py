"""``pacer import FILE.json``: bring sessions from a Pacer JSON export into your log.

The whole file is checked before anything changes; sessions are merged by id in one
transaction, so importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pacer.core.export.service import (
    ImportFormatError,
    ImportReadError,
    describe_merge,
    merge_log_file,
    read_import_file,
)
from pacer.core.practice_log.store import LogError, PracticeLog


def run(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    try:
        parsed = read_import_file(path)  # checked completely before the log is opened
        with PracticeLog.open(Path(args.data_dir)) as log:
            for notice in log.notices:
                print(notice, file=sys.stderr)
            result = merge_log_file(log, parsed)
    except ImportFormatError as error:
        print(
            f"pacer import: {path} was not imported. {error} Your log is unchanged.",
            file=sys.stderr,
        )
        return 1
    except (ImportReadError, LogError) as error:
        print(f"pacer import: {error} Your log is unchanged.", file=sys.stderr)
        return 1
    print(describe_merge(result))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="add sessions from a Pacer JSON export to your log",
        description=(
            "Add the sessions of a JSON file saved with 'pacer export --format json' to your "
            "practice log. Sessions already in your log are left as they are, so importing "
            "the same file again changes nothing."
        ),
    )
    parser.add_argument("file", metavar="FILE.json", help="a Pacer JSON export")
    parser.set_defaults(run=run)
