"""SIGTERM (logging out, shutting down) and SIGINT (Ctrl-C) as a polite request to stop.

The handler given here should only *ask* for a stop (set a flag, emit a signal); the work
of ending a session happens in the normal flow of the program, never inside the handler,
so it cannot interrupt a half-done write.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator

STOP_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGINT)


@contextlib.contextmanager
def on_stop_signals(
    request_stop: Callable[[int], None], signums: tuple[int, ...] = STOP_SIGNALS
) -> Iterator[None]:
    """Call ``request_stop(signum)`` on each stop signal while the block runs (main thread)."""
    previous = {}
    for signum in signums:
        previous[signum] = signal.signal(signum, lambda number, _frame: request_stop(number))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class StopRequest:
    """Remembers the first stop signal; the work checks ``asked`` at its own safe moments.

    Pass it to :func:`on_stop_signals` as the handler: it only records, never interrupts.
    """

    def __init__(self) -> None:
        self.signum: int | None = None

    def __call__(self, signum: int) -> None:
        if self.signum is None:
            self.signum = signum

    @property
    def asked(self) -> bool:
        return self.signum is not None

    @property
    def exit_status(self) -> int:
        """The shell's convention for a program ended by a signal: 128 + its number."""
        return 128 + (self.signum or 0)
