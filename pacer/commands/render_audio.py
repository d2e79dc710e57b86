"""``pacer render-audio``: a guided breathing session as a WAV file, to practise anywhere.

The file holds exactly what the player would play for that session: the same scheduler,
the same cues, 16-bit PCM at 48 kHz, mono. It is written atomically, so a failure leaves
no partial file behind. numpy and the synthesis load only when this command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pacer.commands import DataFolderUse
from pacer.commands.options import (
    DEFAULT_MINUTES,
    add_pattern_options,
    finite_number,
    plan_from_args,
)
from pacer.core.audio.levels import DEFAULT_VOLUME_DB, VOLUME_RANGE_DB
from pacer.core.files import atomic_writer

__all__ = ["DEFAULT_MINUTES", "register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "render-audio",
        help="write a guided breathing session to a WAV file",
        description=(
            "Write the sound of a breathing session (the cues the app plays, and optionally "
            "the breath tone) to a WAV file you can take to a phone or play anywhere."
        ),
    )
    add_pattern_options(parser)
    parser.add_argument(
        "--breath-tone",
        action="store_true",
        help="add a soft continuous tone that rises and falls with the breath",
    )
    low, high = VOLUME_RANGE_DB
    parser.add_argument(
        "--volume-db",
        type=finite_number,
        default=DEFAULT_VOLUME_DB,
        metavar="DB",
        help=f"loudness in dB, {low:g} to {high:g} (default {DEFAULT_VOLUME_DB:g})",
    )
    parser.add_argument(
        "--output", "-o", required=True, type=Path, metavar="FILE.wav", help="file to write"
    )
    parser.set_defaults(run=lambda args: run(args, parser), data_folder=DataFolderUse.NONE)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    plan = plan_from_args(parser, args)
    low, high = VOLUME_RANGE_DB
    if not low <= args.volume_db <= high:
        parser.error(f"volume must be between {low:g} and {high:g} dB (got {args.volume_db:g})")
    from pacer.core.audio.synthesis import SAMPLE_RATE
    from pacer.core.audio.wav import breathing_scheduler, write_wav

    scheduler = breathing_scheduler(plan, args.volume_db, args.breath_tone)
    output: Path = args.output
    try:
        with atomic_writer(output) as handle:
            write_wav(scheduler, handle)
    except OSError as error:
        reason = error.strerror or str(error)
        print(f"pacer: couldn't write {output}: {reason}", file=sys.stderr)
        return 1
    seconds = scheduler.end_sample / SAMPLE_RATE
    print(f"Wrote {output} ({seconds / 60:.1f} minutes, {plan.pattern.describe()}).")
    return 0
