"""``pacer render-audio``: a guided session as a WAV file, to practise anywhere.

Belly breathing by default; ``--relax`` for the progressive-relaxation sequence (with the
``relax`` command's own options), ``--trainer`` for trainer practice (with the ``trainer``
command's). The file holds exactly what the player would play for
that session: the same scheduler, the same cues, 16-bit PCM at 48 kHz, mono.

It is written atomically, so a failure leaves no partial file behind. Ctrl-C or SIGTERM
while writing stops at the next few seconds of sound, removes the temporary file, says so
in one line and exits with 130 (Ctrl-C) or 143 (SIGTERM), the shell's usual statuses for
a program stopped by those signals. numpy and the synthesis load only when this runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pacer.commands import DataFolderUse
from pacer.commands.options import (
    DEFAULT_MINUTES,
    add_pattern_options,
    finite_number,
    plan_from_args,
)
from pacer.commands.relax import add_relaxation_options, build_plan, relaxation_options_given
from pacer.commands.trainer import add_trainer_options, trainer_plan_from_args
from pacer.core.audio.levels import DEFAULT_VOLUME_DB, VOLUME_RANGE_DB
from pacer.core.breathing.pattern import Phase
from pacer.core.files import atomic_writer
from pacer.core.stop_signals import StopRequest, on_stop_signals

if TYPE_CHECKING:
    from pacer.core.audio.cues import CueSource

__all__ = ["DEFAULT_MINUTES", "configure", "run"]

_BREATHING_OPTIONS = (*(f"--{phase.value}" for phase in Phase), "--minutes")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write the sound of a session (the cues the app plays, and optionally the breath "
        "tone) to a WAV file you can take to a phone or play anywhere: belly breathing, "
        "with --relax the progressive-relaxation sequence, or with --trainer trainer "
        "practice."
    )
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument(
        "--relax",
        action="store_true",
        help="the progressive-relaxation sequence, with the relaxation options below",
    )
    kind.add_argument(
        "--trainer",
        action="store_true",
        help="trainer practice: the pattern options, --minutes for its practice part and "
        "--warmup-minutes",
    )
    add_pattern_options(parser)
    add_trainer_options(parser)
    add_relaxation_options(parser)
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


def _given(args: argparse.Namespace, options: tuple[str, ...]) -> list[str]:
    return [o for o in options if getattr(args, o[2:].replace("-", "_")) is not None]


def _session(args: argparse.Namespace, parser: argparse.ArgumentParser) -> tuple[CueSource, str]:
    """The session the options describe and a few words for it; exits 2 on a bad option."""
    from pacer.core.audio.sources import BreathingCues
    from pacer.core.breathing.timeline import BreathingTimeline

    if not args.trainer and args.warmup_minutes is not None:
        parser.error("--warmup-minutes belongs to trainer practice: add --trainer")
    if args.relax:
        stray = _given(args, _BREATHING_OPTIONS)
        if stray:
            parser.error(
                f"{stray[0]} is for breathing sessions; the relaxation sequence keeps its own "
                "slow breathing (use --clench, --release, --closing-minutes, --skip, --sequence)"
            )
        from pacer.core.relaxation.timeline import RelaxationTimeline

        plan = build_plan(args, parser)
        timings = f"clench {plan.clench_seconds:g} s, rest {plan.release_seconds:g} s"
        return RelaxationTimeline(plan), f"progressive relaxation, {timings}"
    stray = relaxation_options_given(args)
    if stray:
        parser.error(f"{stray[0]} belongs to the relaxation sequence: add --relax")
    if args.trainer:
        from pacer.core.trainer.timeline import TrainerTimeline

        trainer = trainer_plan_from_args(parser, args)
        return TrainerTimeline(trainer), f"trainer practice, {trainer.pattern.describe()}"
    breathing = plan_from_args(parser, args)
    timeline = BreathingTimeline(breathing.pattern, breathing.length_seconds)
    return BreathingCues(timeline), breathing.pattern.describe()


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    low, high = VOLUME_RANGE_DB
    if not low <= args.volume_db <= high:
        parser.error(f"volume must be between {low:g} and {high:g} dB (got {args.volume_db:g})")
    source, what = _session(args, parser)
    from pacer.core.audio.scheduler import CueScheduler
    from pacer.core.audio.synthesis import SAMPLE_RATE
    from pacer.core.audio.wav import RenderStoppedError, write_wav

    scheduler = CueScheduler(source, volume_db=args.volume_db, breath_tone=args.breath_tone)
    output: Path = args.output
    stop = StopRequest()
    try:
        # Asked to stop, the writer finishes its current few seconds of sound and raises,
        # so the temporary file is removed and no partial file is ever left behind.
        with on_stop_signals(stop), atomic_writer(output) as handle:
            write_wav(scheduler, handle, should_stop=lambda: stop.asked)
    except RenderStoppedError:
        print(f"pacer: stopped before the end; {output} was not written.", file=sys.stderr)
        return stop.exit_status
    except OSError as error:
        reason = error.strerror or str(error)
        print(f"pacer: couldn't write {output}: {reason}", file=sys.stderr)
        return 1
    seconds = (scheduler.end_sample or 0) / SAMPLE_RATE
    print(f"Wrote {output} ({seconds / 60:.1f} minutes, {what}).")
    return 0
