from __future__ import annotations

import sys
import threading
import time

import pytest

from pacer.core.clock import FakeClock
from pacer.core.session_clock import SessionClock, SessionState


def test_practised_time_excludes_pauses():
    clock = FakeClock()
    session = SessionClock(clock, length_seconds=600)
    assert session.state is SessionState.READY
    session.start()
    clock.advance(30)
    session.pause()
    assert session.state is SessionState.PAUSED
    clock.advance(500)  # a long pause counts for nothing
    assert session.elapsed() == 30
    session.resume()
    clock.advance(12.5)
    assert session.elapsed() == 42.5
    assert session.remaining() == 557.5
    assert session.pause_count == 1


def test_timed_session_finishes_exactly_at_its_length():
    clock = FakeClock()
    session = SessionClock(clock, length_seconds=60)
    session.start()
    clock.advance(59.999)
    assert session.state is SessionState.RUNNING
    clock.advance(0.002)
    assert session.state is SessionState.FINISHED
    assert session.elapsed() == 60
    clock.advance(100)
    assert session.elapsed() == 60


def test_a_running_session_can_be_given_a_shorter_length():
    clock = FakeClock()
    session = SessionClock(clock, length_seconds=840)
    session.start()
    clock.advance(305.5)
    session.change_length(370)  # the person moves on to the closing minute early
    assert session.remaining() == pytest.approx(64.5)
    clock.advance(64.4)
    assert session.state is SessionState.RUNNING
    clock.advance(0.2)
    assert session.state is SessionState.FINISHED
    assert session.elapsed() == 370
    with pytest.raises(ValueError, match="positive"):
        session.change_length(0)


def test_open_ended_session_runs_until_stopped():
    clock = FakeClock()
    session = SessionClock(clock)
    session.toggle()
    clock.advance(3600)
    assert session.state is SessionState.RUNNING
    assert session.remaining() is None
    session.stop()
    clock.advance(10)
    assert session.state is SessionState.FINISHED
    assert session.elapsed() == 3600


def test_toggle_walks_start_pause_resume():
    clock = FakeClock()
    session = SessionClock(clock, 100)
    states = []
    for _ in range(3):
        session.toggle()
        states.append(session.state)
        clock.advance(1)
    assert states == [SessionState.RUNNING, SessionState.PAUSED, SessionState.RUNNING]


def test_pause_at_the_very_start_is_still_paused():
    clock = FakeClock()
    session = SessionClock(clock, 100)
    session.start()
    session.pause()
    assert session.state is SessionState.PAUSED


def test_reading_every_frame_for_an_hour_does_not_drift():
    clock = FakeClock()
    session = SessionClock(clock, 3600)
    session.start()
    for _ in range(3600 * 60):
        clock.advance(1 / 60)
    assert session.elapsed() == pytest.approx(3600, abs=1e-6)


def test_invalid_length_is_refused():
    with pytest.raises(ValueError, match="positive"):
        SessionClock(FakeClock(), 0)


class _YieldingClock:
    """Monotonic time that hands the GIL to another thread on every reading, so a
    half-made change is seen if one can be seen."""

    def now(self) -> float:
        time.sleep(0)
        return time.monotonic()


def test_readers_on_other_threads_see_time_that_never_goes_back_or_outruns_the_wall():
    """The audio thread reads while the window's thread pauses, resumes and stops."""
    clock = _YieldingClock()
    session = SessionClock(clock)
    began = clock.now()
    session.start()
    stop_reading = threading.Event()
    problems: list[str] = []

    def read() -> None:
        last = 0.0
        while not stop_reading.is_set():
            try:
                value = session.elapsed()
            except Exception as error:  # a torn state can also fail outright
                problems.append(repr(error))
                return
            wall = time.monotonic() - began
            if value < last:
                problems.append(f"went back from {last} to {value}")
            if value > wall + 1e-9:
                problems.append(f"{value} practised after {wall} on the wall")
            last = value

    previous_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    readers = [threading.Thread(target=read) for _ in range(3)]
    try:
        for reader in readers:
            reader.start()
        for _ in range(1000):
            session.pause()
            session.resume()
        session.stop()
        stopped_at = session.elapsed()
    finally:
        stop_reading.set()
        for reader in readers:
            reader.join()
        sys.setswitchinterval(previous_interval)
    assert problems == []
    assert session.pause_count == 1000
    assert session.elapsed() == stopped_at


def test_toggle_rule_is_one_table():
    from pacer.core.session_clock import ToggleAction, toggle_action

    assert toggle_action(SessionState.READY) is ToggleAction.START
    assert toggle_action(SessionState.RUNNING) is ToggleAction.PAUSE
    assert toggle_action(SessionState.PAUSED) is ToggleAction.RESUME
    assert toggle_action(SessionState.FINISHED) is None
