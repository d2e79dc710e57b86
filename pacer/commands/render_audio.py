"""``pacer render-audio``: a guided breathing session as a WAV file, to practise anywhere.

The file holds exactly what the player would play for that session: the same scheduler,
the same cues, 16-bit PCM at 48 kHz, mono. It is written atomically, so a failure leaves
no partial file behind.
"""

from __future__ import annotations

import argparse
import sys
import wave
from pathlib import Path
from typing import BinaryIO

import numpy as np

from pacer.core.audio.levels import DEFAULT_VOLUME_DB
from pacer.core.audio.scheduler import CueScheduler
from pacer.core.audio.settings import VolumeError, check_volume_db
from pacer.core.audio.sources import BreathingCues
from pacer.core.audio.synthesis import SAMPLE_RATE
from pacer.core.breathing.pattern import BreathPattern, PatternError
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.breathing.presets import DEFAULT_PRESET_KEY, preset_by_key
from pacer.core.breathing.timeline import BreathingTimeline
from pacer.core.files import atomic_writer

DEFAULT_MINUTES = 10.0
_STRETCH = SAMPLE_RATE * 4  # samples rendered and written at a time


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    default = preset_by_key(DEFAULT_PRESET_KEY).pattern
    parser = subparsers.add_parser(
        "render-audio",
        help="write a guided breathing session to a WAV file",
        description=(
            "Write the sound of a breathing session (the cues the app plays, and optionally "
            "the breath tone) to a WAV file you can take to a phone or play anywhere."
        ),
    )
    parser.add_argument(
        "--inhale", type=_number, default=default.inhale, metavar="S", help="seconds in"
    )
    parser.add_argument(
        "--hold", type=_number, default=default.hold, metavar="S", help="seconds held (often 0)"
    )
    parser.add_argument(
        "--exhale", type=_number, default=default.exhale, metavar="S", help="seconds out"
    )
    parser.add_argument(
        "--rest",
        type=_number,
        default=default.rest,
        metavar="S",
        help="seconds of rest after breathing out",
    )
    parser.add_argument(
        "--minutes",
        type=_number,
        default=DEFAULT_MINUTES,
        metavar="M",
        help=f"session length in minutes (default {DEFAULT_MINUTES:g}; it ends after a full breath)",
    )
    parser.add_argument(
        "--breath-tone",
        action="store_true",
        help="add a soft continuous tone that rises and falls with the breath",
    )
    parser.add_argument(
        "--volume-db",
        type=_number,
        default=DEFAULT_VOLUME_DB,
        metavar="DB",
        help=f"loudness in dB, 0 the loudest (default {DEFAULT_VOLUME_DB:g})",
    )
    parser.add_argument(
        "--output", "-o", required=True, type=Path, metavar="FILE.wav", help="file to write"
    )
    parser.set_defaults(run=run, _parser=parser)


def run(args: argparse.Namespace) -> int:
    parser: argparse.ArgumentParser = args._parser
    try:
        pattern = BreathPattern(
            inhale=args.inhale, hold=args.hold, exhale=args.exhale, rest=args.rest
        )
        plan = BreathingPlan(pattern, minutes=args.minutes)
        volume_db = check_volume_db(args.volume_db)
    except (PatternError, VolumeError, ValueError) as error:
        parser.error(str(error))
    scheduler = CueScheduler(
        BreathingCues(BreathingTimeline(plan.pattern, plan.length_seconds)),
        volume_db=volume_db,
        breath_tone=args.breath_tone,
    )
    output: Path = args.output
    try:
        with atomic_writer(output) as handle:
            write_wav(scheduler, handle)
    except OSError as error:
        reason = error.strerror or str(error)
        print(f"pacer: couldn't write {output}: {reason}", file=sys.stderr)
        return 1
    seconds = scheduler.end_sample / SAMPLE_RATE
    print(f"Wrote {output} ({seconds / 60:.1f} minutes, {pattern.describe()}).")
    return 0


def write_wav(scheduler: CueScheduler, handle: BinaryIO) -> int:
    """Write the whole session (with the closing chime) as 16-bit mono PCM; return frames."""
    frames = scheduler.end_sample
    if frames is None:
        raise ValueError("an open-ended session has no end to render to")
    with wave.open(handle, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(scheduler.sample_rate)
        wav.setnframes(frames)
        pcm = np.empty(_STRETCH, dtype="<i2")
        for stretch in scheduler.stretches(0, frames, _STRETCH):
            out = pcm[: stretch.size]
            np.rint(stretch * 32767.0, out=stretch)
            out[:] = stretch
            wav.writeframesraw(out.tobytes())
    return frames
