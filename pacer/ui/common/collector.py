"""Python's cyclic garbage collector waits while long work runs on a worker thread.

Work like a PDF of 10,000 sessions keeps hundreds of thousands of objects alive, and each
full collection — which runs in whichever thread happens to trigger it, holding the
interpreter — then took the window away for up to 86 ms, longer as the log grows
(bench/bench_stalls.py). Objects the work discards are freed as usual meanwhile (by their
reference counts); only reference cycles wait for the collector to come back.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_collector_lock = threading.Lock()
_collector_holds = 0  # blocks running; the collector waits while any does
_collector_was_on = True


@contextlib.contextmanager
def collector_waiting() -> Iterator[None]:
    """Automatic garbage collection waits while the block runs (and any other such block)."""
    global _collector_holds, _collector_was_on
    with _collector_lock:
        if _collector_holds == 0:
            _collector_was_on = gc.isenabled()
            gc.disable()
        _collector_holds += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector_holds -= 1
            if _collector_holds == 0 and _collector_was_on:
                gc.enable()
