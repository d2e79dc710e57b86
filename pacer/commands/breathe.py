"""``pacer breathe``: open straight into a running breathing session."""

from __future__ import annotations

import argparse

from pacer.commands.options import add_pattern_options, add_window_options, plan_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "breathe",
        help="start a belly-breathing session at once",
        description="Open Pacer straight into a running belly-breathing session.",
    )
    add_pattern_options(parser)
    add_window_options(parser, "play soft cues with the breath (default: your saved preference)")
    parser.set_defaults(run=lambda args: run(parser, args))


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    plan = plan_from_args(parser, args)
    from pacer.ui.launch import LaunchRequest, run_app

    return run_app(
        LaunchRequest(
            data_dir=args.data_dir,
            quit_after=args.quit_after,
            breathing=plan,
            fullscreen=args.fullscreen,
            sound=args.sound,
        )
    )
