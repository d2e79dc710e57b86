"""Sub-commands of the ``pacer`` command line, one module each.

Each module exposes ``register(subparsers)``, which adds its parser and sets ``run``
(a callable taking the parsed namespace and returning an exit status), and, unless the
command writes in the data folder, ``data_folder`` (a :class:`DataFolderUse`).
``--data-dir`` is added to every sub-command by ``pacer.cli``.
"""

from __future__ import annotations

import importlib
from enum import Enum
from types import ModuleType


class DataFolderUse(Enum):
    """What a command needs of the data folder, checked before it runs (exit 2 if unusable)."""

    WRITE = "write"  # the default: created if missing, and it must take a file
    READ = "read"  # only read when it is there; never created
    WINDOW = "window"  # the window says so calmly itself, and practice goes on unrecorded
    NONE = "none"


# Listed explicitly (not discovered) so a frozen bundle finds them too.
COMMAND_MODULES: tuple[str, ...] = (
    "breathe",
    "relax",
    "trainer",
    "render_audio",
    "export",
    "import_log",
    "reminders",
)


def command_modules() -> list[ModuleType]:
    return [importlib.import_module(f"pacer.commands.{name}") for name in COMMAND_MODULES]
