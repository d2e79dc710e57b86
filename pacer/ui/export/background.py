"""Long export and import work on a worker thread, results back to the window by signal.

The work is a plain function; it is given a ``report(share)`` callable for progress (a
share from 0 to 1, or a negative number while the amount is unknown). It must not touch
widgets and must open its own SQLite connection (``PracticeLog.open_another``): connections
belong to the thread that made them. The signals are emitted from the worker and delivered
in the window's thread, where the slots run.

While the work runs, the garbage collector waits (:mod:`pacer.ui.common.collector`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from pacer.ui.common.collector import collector_waiting

Work = Callable[[Callable[[float], None]], object]


class BackgroundTask(QObject):
    progressed = Signal(float)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception the work raised
    finished = Signal()

    def __init__(self, work: Work) -> None:
        super().__init__()  # no parent: it must outlive a dialog closed while it runs
        self._work = work
        self.running = False

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(_Runnable(self))

    def _run(self) -> None:
        try:
            with collector_waiting():
                result = self._work(self._report)
        except Exception as error:  # handed to the window, which words it for the user
            self.running = False
            self._emit(self.failed, error)
        else:
            self.running = False
            self._emit(self.succeeded, result)
        self._emit(self.finished)

    def _report(self, share: float) -> None:
        self._emit(self.progressed, share)

    @staticmethod
    def _emit(signal: object, *args: object) -> None:
        # RuntimeError: the application is closing and nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)  # type: ignore[attr-defined]


class _Runnable(QRunnable):
    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self._task = task  # keeps the task (and its signals) alive until the work is done

    def run(self) -> None:
        self._task._run()
