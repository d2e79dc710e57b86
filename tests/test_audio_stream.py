"""A real output stream against a PulseAudio null sink (CI installs pulseaudio)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.pulse import pulse_null_sink

ROOT = Path(__file__).resolve().parents[1]

PLAY_A_SESSION = """
import json, time
from pacer.core.audio.player import AudioPlayer
from pacer.core.audio.settings import AudioSettings
from pacer.core.audio.sources import BreathingCues
from pacer.core.breathing import BreathingTimeline, BreathPattern
from pacer.core.clock import MonotonicClock
from pacer.core.session_clock import SessionClock

timeline = BreathingTimeline(BreathPattern(inhale=2, exhale=3), 60)
session = SessionClock(MonotonicClock(), timeline.total_seconds)
player = AudioPlayer(AudioSettings(enabled=True, breath_tone=True))
started = player.start(BreathingCues(timeline), session.elapsed)
session.start()
time.sleep(2.2)
feed = player._feed
status = player.status()
blocks = feed.blocks if feed else 0
position = feed.played_position() if feed else None
ahead = None if position is None else position / 48000 - session.elapsed()
player.stop(ring_out=False)
print(json.dumps({"started": started.available, "reason": started.reason,
                  "available": status.available, "underflows": status.underflows,
                  "starved": status.starved, "errors": status.errors, "blocks": blocks,
                  "ahead": ahead, "device": status.device}))
"""


@pytest.mark.audio
@pytest.mark.slow
def test_two_seconds_of_a_session_play_on_a_real_stream_without_underflows():
    with pulse_null_sink() as pulse:
        result = subprocess.run(
            [sys.executable, "-c", PLAY_A_SESSION],
            env=dict(pulse.env, PYTHONPATH=str(ROOT)),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["started"], report["reason"]
    assert report["available"]
    assert report["underflows"] == 0
    assert report["starved"] == 0
    assert report["errors"] == 0
    assert report["blocks"] >= 60  # about 47 blocks a second
    # The block just handed over is ahead of the picture by about the output latency.
    assert 0.0 <= report["ahead"] < 0.5


LOSE_THE_OUTPUT = """
import threading, time
from pacer.core.audio.player import AudioPlayer
from pacer.core.audio.settings import AudioSettings
from pacer.core.audio.sources import BreathingCues
from pacer.core.breathing import BreathingTimeline, BreathPattern
from pacer.core.clock import MonotonicClock
from pacer.core.session_clock import SessionClock

timeline = BreathingTimeline(BreathPattern(inhale=2, exhale=3), 60)
session = SessionClock(MonotonicClock(), timeline.total_seconds)
lost = threading.Event()
player = AudioPlayer(AudioSettings(), on_change=lambda status: lost.set())
print("started", player.start(BreathingCues(timeline), session.elapsed).available, flush=True)
session.start()
time.sleep(0.5)
print("playing", flush=True)
print("noticed", lost.wait(20), flush=True)
status = player.status()
print("status", status.available, status.reason, flush=True)
print("session goes on", session.elapsed() > 1.0, flush=True)
"""


@pytest.mark.audio
@pytest.mark.slow
def test_an_output_that_vanishes_mid_session_is_reported_and_the_session_goes_on():
    with pulse_null_sink() as pulse:
        player = subprocess.Popen(
            [sys.executable, "-c", LOSE_THE_OUTPUT],
            env=dict(pulse.env, PYTHONPATH=str(ROOT)),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert player.stdout.readline().strip() == "started True"
            assert player.stdout.readline().strip() == "playing"
            pulse.vanish()
            rest = player.communicate(timeout=60)[0].splitlines()
        finally:
            if player.poll() is None:
                player.kill()
                player.wait(timeout=10)
    assert player.returncode == 0
    assert rest == [
        "noticed True",
        "status False the sound output stopped responding",
        "session goes on True",
    ]
