"""A stand-in for the app during a session, run in a subprocess by the practice-log tests.

    python -m tests.support.log_child DATA_DIR crash    checkpoint, say so, then wait to be killed
    python -m tests.support.log_child DATA_DIR signal   wait for SIGTERM/SIGINT, then end early

Time is a fake clock moved by hand, so what the log must contain is known exactly.
"""

from __future__ import annotations

import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pacer.core.clock import FakeClock
from pacer.core.practice_log.recorder import SessionRecorder
from pacer.core.practice_log.records import SessionEnd, SessionKind
from pacer.core.practice_log.store import PracticeLog
from pacer.core.session_clock import SessionClock
from pacer.core.session_description import SessionDescription
from pacer.core.stop_signals import on_stop_signals

STARTED_AT = datetime(2026, 3, 10, 21, 0, tzinfo=timezone(timedelta(hours=1)))


def main(data_dir: str, mode: str) -> int:
    clock = FakeClock()
    session = SessionClock(clock, length_seconds=600)
    stop = threading.Event()
    with PracticeLog.open(Path(data_dir)) as log, on_stop_signals(lambda _n: stop.set()):
        recorder = SessionRecorder(
            log,
            session,
            clock,
            SessionDescription(SessionKind.BREATHING, 600),
            wall=lambda: STARTED_AT,
        )
        session.start()
        recorder.begin()
        clock.advance(12)
        recorder.tick()  # due: writes 12 s
        clock.advance(3)
        recorder.tick()  # not due yet: the log still says 12 s
        print(f"{mode}-ready {recorder.session_id}", flush=True)
        if mode == "crash":
            sys.stdin.read()  # blocks until the test kills us
            return 3
        stop.wait(timeout=60)
        if not stop.is_set():
            return 4
        recorder.finish(SessionEnd.ENDED_EARLY)
    print("ended", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
