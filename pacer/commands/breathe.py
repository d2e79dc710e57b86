"""``pacer breathe``: open straight into a running breathing session."""

from __future__ import annotations

import argparse

from pacer.commands.options import (
    add_pattern_options,
    add_window_options,
    open_practice,
    plan_from_args,
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Open Pacer straight into a running belly-breathing session: your usual pattern "
        "and length as chosen in Preferences, unless you give others here."
    )
    add_pattern_options(parser, usual=True)
    add_window_options(parser, "play soft cues with the breath (default: your saved preference)")
    parser.set_defaults(run=lambda args: run(parser, args))


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from pacer.core.breathing.usual import load_usual_plan

    usual = load_usual_plan(args.data_dir)
    return open_practice(args, breathing=plan_from_args(parser, args, usual))
