"""Sub-commands of the ``pacer`` command line, one module each.

Each module exposes ``register(subparsers)``, which adds its parser and sets ``run``
(a callable taking the parsed namespace and returning an exit status).
"""

from __future__ import annotations

import importlib
from types import ModuleType

# Listed explicitly (not discovered) so a frozen bundle finds them too.
COMMAND_MODULES: tuple[str, ...] = (
    "breathe",
    "relax",
    "trainer",
    "render_audio",
    "export",
    "import_log",
)


def command_modules() -> list[ModuleType]:
    return [importlib.import_module(f"pacer.commands.{name}") for name in COMMAND_MODULES]
