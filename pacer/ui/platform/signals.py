"""Ending a session cleanly on SIGTERM/SIGINT (logging out, Ctrl-C in a terminal).

Python runs signal handlers only when the interpreter gets control, which Qt's event loop
may not give it for a long time; a wake-up socket watched by Qt fixes that without any
polling timer.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

HANDLED = (signal.SIGTERM, signal.SIGINT)


class SignalBridge(QObject):
    def __init__(self, on_signal: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_signal = on_signal
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_wakeup = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {sig: signal.signal(sig, self._note) for sig in HANDLED}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _note(self, signum: int, frame) -> None:
        """The real work happens in ``_drain``: the wake-up socket carries the number."""

    def _drain(self) -> None:
        received = b""
        with contextlib.suppress(BlockingIOError):
            received = self._reader.recv(256)
        for signum in received:
            self._on_signal(signum)

    def uninstall(self) -> None:
        self._notifier.setEnabled(False)
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        signal.set_wakeup_fd(self._previous_wakeup)
        self._reader.close()
        self._writer.close()
