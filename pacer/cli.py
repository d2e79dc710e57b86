"""The ``pacer`` command line: global options, sub-commands, and the window by default."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pacer import __version__
from pacer.bundle_runtime import prepare_frozen_runtime, self_check
from pacer.commands import COMMANDS, Command, DataFolderUse, command_module
from pacer.identity import DATA_DIR_ENV
from pacer.paths import DataDirError, check_readable_data_dir, prepare_data_dir, resolve_data_dir


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text}")
    return value


if TYPE_CHECKING:
    _SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    _SubParsers = argparse._SubParsersAction


class _Commands(_SubParsers):
    """The sub-commands, each given its options only when it is the one asked for.

    ``pacer`` alone, or ``pacer breathe``, then imports no other command's module; building
    every parser up front loaded the export, import, reminder and audio-rendering code
    before the window's first frame (issue 15).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._unconfigured: dict[str, Command] = {}

    def add_command(self, command: Command) -> None:
        self.add_parser(command.name, help=command.help)
        self._unconfigured[command.name] = command

    def configure(self, name: str) -> None:
        command = self._unconfigured.pop(name, None)
        if command is None:
            return  # configured already, or not a command (argparse says so itself)
        parser = self.choices[name]
        command_module(command).configure(parser)
        # Not set here unless given, so the value before the command name survives.
        _add_data_dir_option(parser, default=argparse.SUPPRESS)

    def configure_all(self) -> None:
        for name in list(self._unconfigured):
            self.configure(name)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        self.configure(values[0])
        super().__call__(parser, namespace, values, option_string)


def build_parser(*, complete: bool = False) -> argparse.ArgumentParser:
    """The command line; ``complete`` gives every sub-command its options at once (for
    the manual page), otherwise only the one that is used gets them."""
    parser = argparse.ArgumentParser(
        prog="pacer",
        description=(
            "A calm pacer for slow belly breathing and progressive relaxation, "
            "with a private practice log. With no command, the window opens."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_data_dir_option(parser, default=None)
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add Pacer to your applications menu (Linux), then exit",
    )
    desktop.add_argument(
        "--uninstall-desktop-entry",
        action="store_true",
        help="remove Pacer from your applications menu (Linux), then exit",
    )
    # Lets smoke tests and the packaged-bundle check close the app on their own.
    parser.add_argument("--quit-after", type=_positive_seconds, metavar="S", help=argparse.SUPPRESS)
    # Prints whether a packaged build found its assets and sound library (packaging checks).
    parser.add_argument("--self-check", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", action=_Commands)
    assert isinstance(commands, _Commands)
    for command in COMMANDS:
        commands.add_command(command)
    if complete:
        commands.configure_all()
    return parser


def _add_data_dir_option(parser: argparse.ArgumentParser, default: object) -> None:
    """``--data-dir`` goes before or after the command name; after it wins."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help=f"folder for the practice log and settings (default: ${DATA_DIR_ENV}, "
        "or your per-user application-data folder)",
    )


def _check_data_folder(args: argparse.Namespace) -> str | None:
    """A one-line reason when the command cannot use its data folder, else None."""
    use = getattr(args, "data_folder", DataFolderUse.WRITE)
    try:
        if use is DataFolderUse.WRITE:
            prepare_data_dir(args.data_dir)
        elif use is DataFolderUse.READ:
            check_readable_data_dir(args.data_dir)
    except DataDirError as error:
        return str(error)
    return None


def _run_command(args: argparse.Namespace) -> int:
    problem = _check_data_folder(args)
    if problem is not None:
        print(f"pacer {args.command}: {problem}", file=sys.stderr)
        return 2
    try:
        return int(args.run(args) or 0)
    except sqlite3.Error as error:
        # Only the practice log speaks SQL: a disk that fills while it is set up lands here.
        print(
            f"pacer {args.command}: Pacer could not use its practice log in "
            f"{args.data_dir}: {error}.",
            file=sys.stderr,
        )
        return 2


def _guard_missing_std_streams() -> None:
    # A windowed (console-less) build has no stdout/stderr; writing to None would crash.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115


def main(argv: Sequence[str] | None = None) -> int:
    _guard_missing_std_streams()
    prepare_frozen_runtime()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        from pacer import desktop_entry

        if args.install_desktop_entry:
            return desktop_entry.run_install()
        return desktop_entry.run_uninstall()
    if args.self_check:
        return self_check()
    args.data_dir = resolve_data_dir(args.data_dir)
    if getattr(args, "run", None) is not None:
        return _run_command(args)
    from pacer.ui.launch import LaunchRequest, run_app

    return run_app(LaunchRequest(data_dir=args.data_dir, quit_after=args.quit_after))
