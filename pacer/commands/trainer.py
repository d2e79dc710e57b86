"""``pacer trainer``: open straight into trainer practice, paced by the out-breath.

Everything is checked before the window opens: an out-of-range value exits with status 2
and one line naming it; nothing starts. ``render-audio --trainer`` shares these options.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from pacer.commands.options import (
    add_pattern_options,
    add_window_options,
    finite_number,
    open_practice,
    plan_from_args,
)
from pacer.core.trainer.plan import (
    DEFAULT_PRACTICE_MINUTES,
    DEFAULT_WARMUP_MINUTES,
    WARMUP_MINUTES_RANGE,
)

if TYPE_CHECKING:
    from pacer.core.trainer.plan import TrainerPlan

PRACTICE_MINUTES_HELP = "practice length"
_OPTION_FOR_FIELD = {"warmup_minutes": "--warmup-minutes", "practice_minutes": "--minutes"}


def add_trainer_options(parser: argparse.ArgumentParser) -> None:
    """``--warmup-minutes``; with :func:`add_pattern_options` the trainer practice's options."""
    low, high = WARMUP_MINUTES_RANGE
    parser.add_argument(
        "--warmup-minutes",
        type=finite_number,
        metavar="M",
        help=f"minutes of slow belly breathing to settle in first, {low:g}–{high:g} "
        f"(default: {DEFAULT_WARMUP_MINUTES:g}); a minute of closing breaths always follows",
    )


def trainer_plan_from_args(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> TrainerPlan:
    """The plan the options describe; an out-of-range value exits 2 naming value and range."""
    from pacer.core.trainer.plan import TrainerPlan, TrainerPlanError

    breathing = plan_from_args(parser, args)  # the pattern, and --minutes checked
    warmup = DEFAULT_WARMUP_MINUTES if args.warmup_minutes is None else args.warmup_minutes
    try:
        return TrainerPlan(
            breathing.pattern,
            warmup_minutes=warmup,
            practice_minutes=breathing.minutes or DEFAULT_PRACTICE_MINUTES,
            pattern_name=breathing.pattern_name,
        )
    except TrainerPlanError as error:
        parser.error(f"argument {_OPTION_FOR_FIELD.get(error.field, error.field)}: {error}")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "A few minutes of slow belly breathing to settle, then a practice in which each "
        "out-breath is a moment you may go on, if and when it feels right (a gentler "
        "cue marks it when sound is on), then a minute of closing breaths. You can "
        "pause, or move on to the closing breaths, whenever "
        "you choose. Follow the plan you made with your clinician."
    )
    add_pattern_options(parser, minutes_help=PRACTICE_MINUTES_HELP)
    add_trainer_options(parser)
    add_window_options(parser, "play soft cues with the breath (default: your saved preference)")
    parser.set_defaults(run=lambda args: run(parser, args))


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    return open_practice(args, trainer=trainer_plan_from_args(parser, args))
