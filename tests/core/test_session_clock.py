from __future__ import annotations

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
