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
    with pulse_null_sink() as env:
        result = subprocess.run(
            [sys.executable, "-c", PLAY_A_SESSION],
            env=dict(env, PYTHONPATH=str(ROOT)),
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
