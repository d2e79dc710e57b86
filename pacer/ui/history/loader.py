"""Reading the log and building the history snapshot off the window's thread.

Opening the practice-log page with years of sessions must not freeze the window, so the
reading (its own read-only SQLite connection, see ``pacer.core.history.reading``), the pure
``build_history`` and, the first time, loading the chart library all happen on a worker
thread; the result comes back to the window's thread by a queued signal.

The worker is a daemon Python thread rather than a Qt pool: a Qt pool waits for its work
when the application object is destroyed, which would hold the interpreter lock against
that very work at exit. Results are delivered through one long-lived relay object, so a
page closed while its log is being read simply never hears back. At most one read runs per
loader; requests arriving meanwhile are folded into one that follows it.
"""

from __future__ import annotations

import importlib
import itertools
import threading
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from pacer.core.history.model import HistorySnapshot, build_history
from pacer.core.history.reading import LogContents, read_for_history
from pacer.core.practice_log.records import SessionKind
from pacer.ui.common.collector import collector_waiting


@dataclass(frozen=True)
class Request:
    today: date
    kind: SessionKind | None
    reread: bool  # False: only the choice of practice changed; reuse what was read


@dataclass(frozen=True)
class Loaded:
    request: Request
    contents: LogContents
    snapshot: HistorySnapshot


class _Relay(QObject):
    """Lives on the window's thread for the whole run; workers emit on it."""

    loaded = Signal(int, object)  # loader token, Loaded
    failed = Signal(int, str)


_relay: _Relay | None = None
_tokens = itertools.count(1)


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


def _work(token: int, path: Path, request: Request, known: LogContents | None) -> None:
    relay = _the_relay()
    try:
        with collector_waiting():
            snapshot, contents = _read_and_build(path, request, known)
    except Exception as error:  # any failure becomes a calm line on the page
        relay.failed.emit(token, str(error) or type(error).__name__)
        return
    relay.loaded.emit(token, Loaded(request, contents, snapshot))


def _read_and_build(
    path: Path, request: Request, known: LogContents | None
) -> tuple[HistorySnapshot, LogContents]:
    # The charts' library takes a quarter of a second to import the first time.
    # (Nothing is built on the window's thread meanwhile: while this thread runs
    # Python, every call there would wait its turn for the interpreter lock.)
    importlib.import_module("pyqtgraph")
    contents = known if known is not None and not request.reread else read_for_history(path)
    snapshot = build_history(
        contents.sessions,
        contents.rest_days,
        request.today,
        kind=request.kind,
        unreadable=contents.unreadable,
    )
    return snapshot, contents


class HistoryLoader(QObject):
    loaded = Signal(object)  # Loaded
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = Path(path)
        self._token = next(_tokens)
        self._running: Request | None = None
        self._pending: Request | None = None
        self.contents: LogContents | None = None
        relay = _the_relay()
        relay.loaded.connect(self._on_loaded)
        relay.failed.connect(self._on_failed)

    @property
    def busy(self) -> bool:
        return self._running is not None

    def request(self, today: date, kind: SessionKind | None, *, reread: bool = True) -> None:
        wanted = Request(today, kind, reread or self.contents is None)
        if self._running is None:
            self._start(wanted)
            return
        if self._pending is not None and self._pending.reread:
            wanted = replace(wanted, reread=True)
        self._pending = wanted

    def _start(self, request: Request) -> None:
        was_busy = self.busy
        self._running = request
        threading.Thread(
            target=_work,
            args=(self._token, self._path, request, self.contents),
            name="pacer-history",
            daemon=True,
        ).start()
        if not was_busy:
            self.busy_changed.emit(True)

    def _next(self) -> bool:
        """Start what was asked for meanwhile; True if something started."""
        self._running = None
        pending, self._pending = self._pending, None
        if pending is None:
            self.busy_changed.emit(False)
            return False
        self._start(pending)
        return True

    def _on_loaded(self, token: int, loaded: Loaded) -> None:
        if token != self._token:
            return
        self.contents = loaded.contents
        if not self._next():  # a newer request supersedes this result
            self.loaded.emit(loaded)

    def _on_failed(self, token: int, message: str) -> None:
        if token != self._token:
            return
        if not self._next():
            self.failed.emit(message)
