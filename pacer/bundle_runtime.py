"""What a frozen (PyInstaller) Pacer sets up before anything else runs, without Qt.

sounddevice finds PortAudio with ``ctypes.util.find_library("portaudio")``, which never looks
inside a bundle (on Windows/macOS it then falls back to its own ``_sounddevice_data`` folder,
which may not import when frozen). When frozen we answer that lookup with the PortAudio library
PyInstaller put in the bundle, so sound works wherever the bundle is unpacked.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path

# Where PyInstaller's sounddevice hook puts the library: the system one at the bundle root
# (Linux), the wheel's copy under _sounddevice_data (Windows, macOS).
PORTAUDIO_PATTERNS = (
    "libportaudio.so*",
    "libportaudio*.dylib",
    "libportaudio*.dll",
    "_sounddevice_data/portaudio-binaries/libportaudio*",
)


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def bundle_root() -> Path | None:
    root = getattr(sys, "_MEIPASS", None)
    return Path(root) if root else None


def bundled_portaudio(root: Path) -> Path | None:
    for pattern in PORTAUDIO_PATTERNS:
        found = sorted(p for p in root.glob(pattern) if p.is_file())
        if found:
            return found[0]
    return None


def point_sounddevice_at(library: Path) -> None:
    """Make ``find_library("portaudio")`` answer ``library``; other lookups are unchanged."""
    import ctypes.util  # only a frozen start needs it; kept off the normal start-up path

    original: Callable[[str], str | None] = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        if name == "portaudio":
            return str(library)
        return original(name)

    ctypes.util.find_library = find_library


def prepare_frozen_runtime() -> None:
    """Called first thing by ``pacer.cli.main``; does nothing when not frozen."""
    root = bundle_root()
    if not is_frozen() or root is None:
        return
    library = bundled_portaudio(root)
    if library is not None:
        point_sounddevice_at(library)


# Libraries the app imports only when a feature is used (the history chart, sound), so a
# short start of the window would not notice them missing from a bundle.
LAZY_IMPORTS = ("numpy", "pyqtgraph", "desktop_notifier", "pacer.ui.reminders.waiting_process")


def self_check() -> int:
    """Print what a packaged build needs and whether it is there (for packaging/check_bundle.sh).

    Returns 0 when the assets, the sub-commands, the lazily imported libraries and the sound
    library all load. (This loads Qt through pyqtgraph; it is never called by the app itself.)
    """
    from pacer.commands import COMMAND_MODULES
    from pacer.resources import asset_path

    problems = []
    for parts in (("icons", "pacer.svg"), ("desktop", "org.pacerapp.Pacer.desktop")):
        status = "present" if asset_path(*parts).is_file() else "MISSING"
        print(f"asset {'/'.join(parts)}: {status}")
        if status != "present":
            problems.append("/".join(parts))
    for name in [f"pacer.commands.{n}" for n in COMMAND_MODULES] + list(LAZY_IMPORTS):
        try:
            importlib.import_module(name)
        except ImportError as error:
            print(f"module {name}: cannot import ({error})")
            problems.append(name)
    try:
        import sounddevice
    except OSError as error:
        print(f"sound library: unavailable ({error})")
        problems.append("sound")
    else:
        print(f"sound library: {sounddevice._libname}")
    print("self-check: all present" if not problems else f"self-check: missing {problems}")
    return 0 if not problems else 1
