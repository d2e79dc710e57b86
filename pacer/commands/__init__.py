"""Sub-commands of the ``pacer`` command line, one module each.

A command's module is imported only when that command is the one asked for (or its help
is), so opening the window pays for no other command's imports (issue 15). The names and
one-line helps for ``pacer --help`` therefore live here; each module exposes
``configure(parser)``, which gives the command's parser its description and options and
sets ``run`` (a callable taking the parsed namespace and returning an exit status) and,
unless the command writes in the data folder, ``data_folder`` (a :class:`DataFolderUse`).
``--data-dir`` is added to every sub-command by ``pacer.cli``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import Enum
from types import ModuleType


class DataFolderUse(Enum):
    """What a command needs of the data folder, checked before it runs (exit 2 if unusable)."""

    WRITE = "write"  # the default: created if missing, and it must take a file
    READ = "read"  # only read when it is there; never created
    WINDOW = "window"  # the window says so calmly itself, and practice goes on unrecorded
    NONE = "none"


@dataclass(frozen=True)
class Command:
    name: str  # as typed after ``pacer``
    module: str  # its module in this package
    help: str  # its line in ``pacer --help``


COMMANDS: tuple[Command, ...] = (
    Command("breathe", "breathe", "start a belly-breathing session at once"),
    Command("relax", "relax", "start the timed progressive-relaxation sequence"),
    Command("trainer", "trainer", "start trainer practice, paced by your out-breath"),
    Command("render-audio", "render_audio", "write a guided session's sound to a WAV file"),
    Command("export", "export", "save your practice log as CSV, JSON or a printable PDF"),
    Command("import", "import_log", "add sessions from a Pacer JSON export to your log"),
    Command(
        "reminders",
        "reminders",
        "gentle reminders at times you choose (off unless you turn them on)",
    ),
)

# Imported by name, so a frozen bundle is told of them (packaging/pacer.spec).
COMMAND_MODULES: tuple[str, ...] = tuple(command.module for command in COMMANDS)


def command_module(command: Command) -> ModuleType:
    return importlib.import_module(f"pacer.commands.{command.module}")
