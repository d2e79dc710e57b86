"""``pacer import FILE.json``: bring sessions from a Pacer JSON export into your log.

The file is read one session at a time and checked against the app's limits; only a
wholly sound file is merged, by id, in one transaction, so importing the same file twice adds
nothing the second time and a refused file changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pacer.core.export.importing import check_header, import_file
from pacer.core.export.service import ImportFormatError, ImportReadError, describe_merge
from pacer.core.practice_log.store import LogError, PracticeLog


def run(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    try:
        check_header(path)  # a foreign or newer file is refused before a log is opened
        with PracticeLog.open(Path(args.data_dir)) as log:
            for notice in log.notices:
                print(notice, file=sys.stderr)
            result = import_file(log, path)
    except ImportFormatError as error:
        print(
            f"pacer import: {path} was not imported. {error} Your log is unchanged.",
            file=sys.stderr,
        )
        return 1
    except (ImportReadError, LogError) as error:
        print(f"pacer import: {error} Your log is unchanged.", file=sys.stderr)
        return 1
    except (ValueError, OverflowError, RecursionError, MemoryError) as error:
        # Not expected (the reader words every problem it knows); still one calm line.
        print(
            f"pacer import: {path} could not be read as a Pacer export ({error}). "
            "Your log is unchanged.",
            file=sys.stderr,
        )
        return 1
    print(describe_merge(result))
    return 0


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Add the sessions of a JSON file saved with 'pacer export --format json' to your "
        "practice log. Sessions already in your log are left as they are, so importing "
        "the same file again changes nothing."
    )
    parser.add_argument("file", metavar="FILE.json", help="a Pacer JSON export")
    parser.set_defaults(run=run)
