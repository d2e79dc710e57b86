"""``pacer relax``: open straight into the progressive-relaxation sequence.

Everything is checked before the window opens: a malformed sequence file or an
out-of-range value exits with status 2 and a message naming the problem; nothing starts.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from pacer.commands.options import add_window_options, finite_number, open_practice
from pacer.core.relaxation import limits

if TYPE_CHECKING:
    from pacer.core.relaxation.plan import RelaxationPlan

_OPTION_FOR_FIELD = {
    "clench_seconds": "--clench",
    "release_seconds": "--release",
    "closing_minutes": "--closing-minutes",
    "enabled_groups": "--skip",
}


def add_relaxation_options(parser: argparse.ArgumentParser) -> None:
    """The relaxation timings and choices; ``pacer relax`` and ``render-audio --relax`` share them."""
    c, r, m = limits.CLENCH_SECONDS, limits.RELEASE_SECONDS, limits.CLOSING_MINUTES
    group = parser.add_argument_group("relaxation (defaults come from the sequence file)")
    group.add_argument(
        "--clench",
        type=finite_number,
        metavar="S",
        help=f"seconds for each clench, {c.minimum:g}–{c.maximum:g} (default: 5)",
    )
    group.add_argument(
        "--release",
        type=finite_number,
        metavar="S",
        help=f"seconds to let go, rest and notice after each clench, "
        f"{r.minimum:g}–{r.maximum:g} (default: 20)",
    )
    group.add_argument(
        "--closing-minutes",
        type=finite_number,
        metavar="M",
        help=f"minutes of slow belly breathing at the end, {m.minimum:g}–{m.maximum:g} (default: 3)",
    )
    group.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="GROUP",
        help="leave out a muscle group by its key, e.g. --skip abdominals (may be repeated)",
    )
    group.add_argument(
        "--sequence",
        metavar="FILE.toml",
        help="use your own sequence file instead of the built-in one",
    )


RELAXATION_OPTIONS = ("--clench", "--release", "--closing-minutes", "--skip", "--sequence")


def relaxation_options_given(args: argparse.Namespace) -> list[str]:
    """Which of the relaxation options were given on the command line."""
    values = (args.clench, args.release, args.closing_minutes, args.skip, args.sequence)
    return [option for option, value in zip(RELAXATION_OPTIONS, values, strict=True) if value]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Clench, then let go and notice, group by group (feet, buttocks, pelvic floor, "
        "abdominals, then shoulders and neck with a soft jaw), breathing slowly all the "
        "way through, then a few minutes of slow belly breathing. With sound on, a "
        "rising cue says clench (two notes for full effort, one for half), a lower, "
        "longer one says let go, and a quiet bell marks each new group. Timings left "
        "out come from the sequence file."
    )
    add_relaxation_options(parser)
    add_window_options(
        parser, "play the soft breath, clench and let-go cues (default: your saved preference)"
    )
    parser.set_defaults(run=lambda args: run(args, parser))


def build_plan(args: argparse.Namespace, parser: argparse.ArgumentParser) -> RelaxationPlan:
    """The plan the options describe; on any problem, ``parser.error`` (exit 2)."""
    from pacer.core.relaxation.plan import PlanError, RelaxationPlan
    from pacer.core.relaxation.sequence import SequenceError, load_default_script, load_script

    try:
        script = load_script(args.sequence) if args.sequence else load_default_script()
    except SequenceError as error:
        parser.error(f"the sequence file cannot be used: {error}")
    enabled = None
    if args.skip:
        unknown = [key for key in args.skip if script.group(key) is None]
        if unknown:
            parser.error(
                f"argument --skip: no group called {unknown[0]!r} "
                f"(choose from: {', '.join(script.group_keys)})"
            )
        enabled = tuple(key for key in script.group_keys if key not in args.skip)
    try:
        return RelaxationPlan(
            script,
            clench_seconds=args.clench,
            release_seconds=args.release,
            closing_minutes=args.closing_minutes,
            enabled_groups=enabled,
        )
    except PlanError as error:
        option = _OPTION_FOR_FIELD.get(error.field)
        parser.error(f"argument {option}: {error}" if option else str(error))


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    return open_practice(args, relaxation=build_plan(args, parser))
