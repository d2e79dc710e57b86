from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pacer.core.breathing import BreathPattern
from pacer.core.clock import FakeClock
from pacer.core.practice_log.recorder import CHECKPOINT_SECONDS, SessionRecorder
from pacer.core.practice_log.records import SessionEnd, SessionKind
from pacer.core.practice_log.store import PracticeLog
from pacer.core.session_clock import SessionClock
from pacer.core.session_description import SessionDescription
from tests.support.log_child import STARTED_AT

ROOT = Path(__file__).resolve().parents[3]
START = datetime(2026, 5, 4, 22, 10, tzinfo=timezone(timedelta(hours=2)))


@pytest.fixture
def log(data_dir):
    with PracticeLog.open(data_dir) as opened:
        yield opened


def make_recorder(log, length=300.0, pattern=None):
    clock = FakeClock()
    session = SessionClock(clock, length_seconds=length)
    recorder = SessionRecorder(
        log,
        session,
        clock,
        SessionDescription(SessionKind.BREATHING, length, pattern),
        wall=lambda: START,
    )
    return clock, session, recorder


def test_the_record_exists_from_the_first_moment(log):
    _clock, session, recorder = make_recorder(
        log, pattern=BreathPattern(inhale=4, exhale=7, rest=1)
    )
    session.start()
    record = recorder.begin()
    stored = log.get(record.id)
    assert stored.ended is None
    assert stored.started_at == START
    assert (stored.inhale, stored.hold, stored.exhale, stored.rest) == (4, 0, 7, 1)
    assert stored.planned_seconds == 300


def test_checkpoints_come_every_few_seconds_and_never_more_than_ten_apart(log):
    clock, session, recorder = make_recorder(log)
    session.start()
    recorder.begin()
    writes = []
    for _ in range(200):  # a 60 s stretch, ticked at a view's 0.3 s pace
        clock.advance(0.3)
        if recorder.tick():
            writes.append(session.elapsed())
    assert 10 <= len(writes) <= 13
    gaps = [b - a for a, b in zip([0.0, *writes], writes, strict=False)]
    assert max(gaps) <= 10
    assert min(gaps) >= CHECKPOINT_SECONDS - 1e-9
    assert log.get(recorder.session_id).practised_seconds == pytest.approx(writes[-1])


def test_a_session_that_runs_to_its_end_is_completed(log):
    clock, session, recorder = make_recorder(log, length=120)
    session.start()
    recorder.begin()
    clock.advance(50)
    session.pause()
    recorder.checkpoint()
    clock.advance(1000)  # a long pause is not practice
    session.resume()
    clock.advance(70)
    done = recorder.finish()
    assert done.ended is SessionEnd.COMPLETED
    assert done.practised_seconds == 120
    # The end time is real time passed (pause included), derived from the monotonic clock.
    assert done.ended_at == START + timedelta(seconds=1120)
    assert recorder.finish() is done  # a second call changes nothing


def test_stopping_before_the_end_is_ended_early(log):
    clock, session, recorder = make_recorder(log, length=600)
    session.start()
    recorder.begin()
    clock.advance(95.5)
    session.stop()
    done = recorder.finish()
    assert done.ended is SessionEnd.ENDED_EARLY
    assert done.practised_seconds == 95.5


def _child(data_dir: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.log_child", str(data_dir), mode],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_session_killed_mid_way_is_kept_as_interrupted(data_dir):
    child = _child(data_dir, "crash")
    try:
        ready = child.stdout.readline().split()
        assert ready[0] == "crash-ready", child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()
    assert child.returncode == -signal.SIGKILL

    with PracticeLog.open(data_dir) as log:
        record = log.get(ready[1])
        assert log.recovered == [record]
    assert record.ended is SessionEnd.INTERRUPTED
    assert record.practised_seconds == 12  # up to the last checkpoint, not the 15 s reached
    assert record.ended_at == STARTED_AT + timedelta(seconds=12)
    assert record.planned_seconds == 600


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_ends_the_session_cleanly_as_ended_early(data_dir, signum):
    child = _child(data_dir, "signal")
    try:
        ready = child.stdout.readline().split()
        assert ready[0] == "signal-ready", child.stderr.read()
        os.kill(child.pid, signum)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 0, err
    assert out.strip() == "ended"
    with PracticeLog.open(data_dir) as log:
        record = log.get(ready[1])
        assert log.recovered == []
    assert record.ended is SessionEnd.ENDED_EARLY
    assert record.practised_seconds == 15
