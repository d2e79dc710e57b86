"""Option parsing shared by sub-commands (pattern and length options, ranges in messages)."""

from __future__ import annotations

import argparse
import math
from functools import partial
from typing import TYPE_CHECKING

from pacer.commands import DataFolderUse
from pacer.core.breathing.pattern import PHASE_BOUNDS, BreathPattern, PatternError, Phase
from pacer.core.breathing.plan import SESSION_MINUTES_RANGE, BreathingPlan
from pacer.core.breathing.presets import DEFAULT_PRESET_KEY, preset_by_key

if TYPE_CHECKING:
    from pacer.core.relaxation.plan import RelaxationPlan
    from pacer.core.trainer.plan import TrainerPlan

DEFAULT_MINUTES = 10.0


def _number(text: str, expected: str, not_finite: str | None = None) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected {not_finite or expected}, got {text!r}")
    return value


def finite_number(text: str) -> float:
    return _number(text, "a number", "a finite number")


def seconds_value(text: str) -> float:
    return _number(text, "a number of seconds")


def minutes_value(text: str, label: str = "session length") -> float:
    low, high = SESSION_MINUTES_RANGE
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of minutes, got {text!r}") from None
    if not (math.isfinite(value) and low <= value <= high):
        raise argparse.ArgumentTypeError(
            f"{label} must be between {low:g} and {high:g} minutes (got {text})"
        )
    return value


def add_pattern_options(
    parser: argparse.ArgumentParser, *, usual: bool = False, minutes_help: str | None = None
) -> None:
    """Pattern and ``--minutes`` (the session's length, unless ``minutes_help`` says what else
    it measures); with ``usual``, leaving them out means the saved choice."""
    if usual:
        group = parser.add_argument_group(
            "breathing pattern (seconds)",
            "Without these, your usual pattern from Preferences (4 in, 6 out until you choose "
            "one). Give any of them and the phases you leave out are 4 in, 6 out, no pause.",
        )
    else:
        group = parser.add_argument_group("breathing pattern (seconds; default: 4 in, 6 out)")
    for phase in Phase:
        bounds = PHASE_BOUNDS[phase]
        group.add_argument(
            f"--{phase.value}",
            type=seconds_value,
            metavar="S",
            help=f"{phase.value} length, {bounds.minimum:g}–{bounds.maximum:g} s",
        )
    default = (
        f"your usual length from Preferences, or {DEFAULT_MINUTES:g} before you choose one"
        if usual
        else f"{DEFAULT_MINUTES:g}"
    )
    parser.add_argument(
        "--minutes",
        type=minutes_value if minutes_help is None else partial(minutes_value, label=minutes_help),
        metavar="M",
        help=f"{minutes_help or 'session length'} in minutes, {SESSION_MINUTES_RANGE[0]:g}–"
        f"{SESSION_MINUTES_RANGE[1]:g}, fractions allowed (default: {default})",
    )


def add_window_options(parser: argparse.ArgumentParser, sound_help: str) -> None:
    """Options shared by the commands that open straight into a practice."""
    parser.add_argument("--fullscreen", action="store_true", help="start in full screen")
    parser.add_argument(
        "--sound", action=argparse.BooleanOptionalAction, default=None, help=sound_help
    )
    parser.set_defaults(data_folder=DataFolderUse.WINDOW)


def open_practice(
    args: argparse.Namespace,
    *,
    breathing: BreathingPlan | None = None,
    relaxation: RelaxationPlan | None = None,
    trainer: TrainerPlan | None = None,
) -> int:
    """Open the window straight into a practice (one plan is given)."""
    from pacer.ui.launch import LaunchRequest, run_app

    return run_app(
        LaunchRequest(
            data_dir=args.data_dir,
            quit_after=args.quit_after,
            fullscreen=args.fullscreen,
            sound=args.sound,
            breathing=breathing,
            relaxation=relaxation,
            trainer=trainer,
        )
    )


def plan_from_args(
    parser: argparse.ArgumentParser,
    args: argparse.Namespace,
    usual: BreathingPlan | None = None,
) -> BreathingPlan:
    """The plan the options describe; an out-of-range value exits 2 naming value and range.

    What the options leave out comes from ``usual`` (the saved choice) when it is given:
    the whole pattern when no phase is given, and the length when ``--minutes`` is not.
    """
    default = preset_by_key(DEFAULT_PRESET_KEY)
    assert default is not None
    usual = usual or BreathingPlan(default.pattern, DEFAULT_MINUTES, default.name)
    minutes = args.minutes if args.minutes is not None else usual.minutes
    if all(getattr(args, phase.value) is None for phase in Phase):
        return BreathingPlan(usual.pattern, minutes, usual.pattern_name)
    values = {
        phase.value: getattr(args, phase.value)
        if getattr(args, phase.value) is not None
        else getattr(default.pattern, phase.value)
        for phase in Phase
    }
    try:
        pattern = BreathPattern(**values)
    except PatternError as error:
        parser.error(f"--{error.phase.value}: {error}")
    return BreathingPlan(pattern, minutes, "Your pattern")
