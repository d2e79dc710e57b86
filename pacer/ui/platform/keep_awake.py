"""Keep the screen from blanking or locking while a session runs.

Linux: the freedesktop ScreenSaver D-Bus ``Inhibit`` call; Windows:
``SetThreadExecutionState``; macOS: ``caffeinate -d`` for as long as needed. No session
bus, no screensaver service or any other failure simply means nothing is inhibited.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any, Protocol

from pacer.identity import APP_NAME

if TYPE_CHECKING:
    import subprocess

REASON = "A breathing session is running"


class Inhibitor(Protocol):
    def inhibit(self) -> bool: ...
    def release(self) -> None: ...


class DBusScreenSaverInhibitor:
    SERVICE = "org.freedesktop.ScreenSaver"
    PATH = "/org/freedesktop/ScreenSaver"

    def __init__(self) -> None:
        self._cookie: int | None = None

    def _interface(self):
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return None
        interface = QDBusInterface(self.SERVICE, self.PATH, self.SERVICE, bus)
        return interface if interface.isValid() else None

    def inhibit(self) -> bool:
        if self._cookie is not None:
            return True
        interface = self._interface()
        if interface is None:
            return False
        reply = interface.call("Inhibit", APP_NAME, REASON)
        arguments = reply.arguments()
        if arguments and isinstance(arguments[0], int):
            self._cookie = arguments[0]
            return True
        return False

    def release(self) -> None:
        if self._cookie is None:
            return
        interface = self._interface()
        if interface is not None:
            interface.call("UnInhibit", self._cookie)
        self._cookie = None


class WindowsInhibitor:
    ES_CONTINUOUS = 0x80000000
    ES_SYSTEM_REQUIRED = 0x00000001
    ES_DISPLAY_REQUIRED = 0x00000002

    def inhibit(self) -> bool:
        import ctypes

        flags = self.ES_CONTINUOUS | self.ES_SYSTEM_REQUIRED | self.ES_DISPLAY_REQUIRED
        kernel32: Any = getattr(ctypes, "windll").kernel32  # noqa: B009 - Windows only
        return bool(kernel32.SetThreadExecutionState(flags))

    def release(self) -> None:
        import ctypes

        kernel32: Any = getattr(ctypes, "windll").kernel32  # noqa: B009 - Windows only
        kernel32.SetThreadExecutionState(self.ES_CONTINUOUS)


class MacInhibitor:
    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None

    def inhibit(self) -> bool:
        if self._process is not None:
            return True
        import shutil  # macOS only: not loaded at start-up elsewhere
        import subprocess

        caffeinate = shutil.which("caffeinate")
        if caffeinate is None:
            return False
        self._process = subprocess.Popen([caffeinate, "-d", "-i"])
        return True

    def release(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process = None


def platform_inhibitor() -> Inhibitor:
    if sys.platform.startswith("win"):
        return WindowsInhibitor()
    if sys.platform == "darwin":
        return MacInhibitor()
    return DBusScreenSaverInhibitor()


class KeepAwake:
    """Session listener: inhibit while running, release on pause, end and exit."""

    def __init__(self, inhibitor: Inhibitor | None = None) -> None:
        self.inhibitor = inhibitor or platform_inhibitor()
        self.active = False

    def _hold(self) -> None:
        with contextlib.suppress(Exception):  # a missing service is never an error
            self.active = bool(self.inhibitor.inhibit())

    def _let_go(self) -> None:
        if self.active:
            with contextlib.suppress(Exception):
                self.inhibitor.release()
        self.active = False

    def session_started(self, session) -> None:
        self._hold()

    def session_resumed(self, session) -> None:
        self._hold()

    def session_paused(self, session) -> None:
        self._let_go()

    def session_frame(self, session) -> None:
        pass

    def session_replanned(self, session) -> None:
        """The screen stays awake just the same."""

    def session_ended(self, session, outcome) -> None:
        self._let_go()
