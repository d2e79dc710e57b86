"""SIGTERM and SIGINT reach the Qt event loop as an ordinary Qt signal.

Qt's loop runs in C++, where Python signal handlers cannot run; the C-level handler
writes the signal number to a socket (``signal.set_wakeup_fd``) and a ``QSocketNotifier``
turns that byte into ``StopSignalBridge.stop_requested`` inside the loop. A signal that
arrives before the loop starts waits in the socket and is handled as soon as it runs.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Iterator

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtWidgets import QApplication, QWidget

from pacer.core.stop_signals import STOP_SIGNALS, on_stop_signals


class StopSignalBridge(QObject):
    stop_requested = Signal(int)

    def __init__(self, read_end: socket.socket, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read_end = read_end
        self._notifier = QSocketNotifier(read_end.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        try:
            data = self._read_end.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        for signum in data:
            self.stop_requested.emit(signum)

    def disable(self) -> None:
        self._notifier.setEnabled(False)


@contextlib.contextmanager
def stop_signal_bridge(parent: QObject | None = None) -> Iterator[StopSignalBridge]:
    """While the block runs, SIGTERM/SIGINT emit ``stop_requested`` in the Qt loop."""
    read_end, write_end = socket.socketpair()
    read_end.setblocking(False)
    write_end.setblocking(False)
    bridge = StopSignalBridge(read_end, parent)
    previous_fd = signal.set_wakeup_fd(write_end.fileno(), warn_on_full_buffer=False)
    try:
        # The Python-level handler only replaces the default (exit / KeyboardInterrupt);
        # the work is done when the bridge's signal is delivered in the loop.
        with on_stop_signals(lambda _signum: None, STOP_SIGNALS):
            yield bridge
    finally:
        signal.set_wakeup_fd(previous_fd)
        bridge.disable()
        bridge.deleteLater()
        read_end.close()
        write_end.close()


@contextlib.contextmanager
def close_on_stop_signals(app: QApplication, window: QWidget) -> Iterator[StopSignalBridge]:
    """Log-out or Ctrl-C: close the window (a running session ends early and is saved
    by its view as it closes), then leave the event loop."""

    def stop(_signum: int) -> None:
        window.close()
        app.quit()

    with stop_signal_bridge(app) as bridge:
        bridge.stop_requested.connect(stop)
        yield bridge
