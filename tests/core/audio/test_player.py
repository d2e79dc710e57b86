"""The player's decisions, with a pretend ``sounddevice`` module (no sound card needed)."""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys
import threading
import types

import pytest

from pacer.core.audio import player as player_module
from pacer.core.audio.cues import Cue
from pacer.core.audio.player import (
    NO_ALSA_CONFIG,
    NO_OUTPUT,
    NO_PORTAUDIO,
    OUTPUT_LOST,
    AudioPlayer,
    AudioStatus,
    SoundUnavailableError,
    list_output_devices,
    load_sounddevice,
)
from pacer.core.audio.settings import AudioSettings
from pacer.core.audio.sources import BreathingCues
from pacer.core.breathing import BreathingTimeline, BreathPattern
from pacer.core.clock import FakeClock
from pacer.core.trainer.plan import TrainerPlan
from pacer.core.trainer.timeline import TrainerTimeline

SOURCE = BreathingCues(BreathingTimeline(BreathPattern(inhale=4, exhale=6), 60))


class FakeSoundDevice(types.ModuleType):
    def __init__(self, outputs=("Speakers", "USB headset"), fail_open: Exception | None = None):
        super().__init__("sounddevice")
        self.outputs = list(outputs)
        self.fail_open = fail_open
        self.streams: list[FakeStream] = []
        self.attempts: list[dict] = []

    def query_devices(self, kind=None):
        devices = [{"name": "Microphone", "max_output_channels": 0}] + [
            {"name": name, "max_output_channels": 2} for name in self.outputs
        ]
        if kind == "output":
            return devices[1]
        return devices

    def OutputStream(self, **options):
        self.attempts.append(options)
        if self.fail_open is not None:
            raise self.fail_open
        stream = FakeStream(options)
        self.streams.append(stream)
        return stream


class FakeStream:
    latency = 0.02

    def __init__(self, options):
        self.options = options
        self.started = self.closed = False

    def start(self):
        self.started = True

    def close(self):
        self.closed = True


def test_missing_portaudio_is_reported_plainly_and_the_session_goes_on():
    changes = []

    def no_portaudio():
        raise SoundUnavailableError(NO_PORTAUDIO)

    player = AudioPlayer(AudioSettings(enabled=True), loader=no_portaudio, on_change=changes.append)
    status = player.start(SOURCE, lambda: 0.0)
    assert status == AudioStatus(available=False, reason=NO_PORTAUDIO)
    assert changes == [status]
    assert player.status() == status
    player.pause()
    player.resume()
    player.stop()  # all harmless without sound


def test_no_output_device_is_reported():
    player = AudioPlayer(AudioSettings(), loader=lambda: FakeSoundDevice(outputs=()))
    status = player.start(SOURCE, lambda: 0.0)
    assert not status.available
    assert status.reason == NO_OUTPUT


def test_an_output_that_fails_to_open_is_tried_in_mono_then_stereo_then_reported():
    fake = FakeSoundDevice(fail_open=RuntimeError("Device unavailable"))
    player = AudioPlayer(AudioSettings(), loader=lambda: fake)
    status = player.start(SOURCE, lambda: 0.0)
    assert [a["channels"] for a in fake.attempts] == [1, 2]
    assert not status.available
    assert "couldn't be opened (Device unavailable)" in status.reason


def test_the_chosen_output_is_used_by_name_and_a_missing_one_falls_back_to_the_default():
    fake = FakeSoundDevice()
    player = AudioPlayer(AudioSettings(device="USB headset"), loader=lambda: fake)
    status = player.start(SOURCE, lambda: 0.0)
    try:
        assert status.available
        assert status.running
        assert status.device == "USB headset"
        options = fake.streams[0].options
        assert options["device"] == "USB headset"
        assert options["samplerate"] == 48_000
        assert options["dtype"] == "float32"
        assert fake.streams[0].started
    finally:
        player.stop(ring_out=False)
    assert fake.streams[0].closed

    player = AudioPlayer(AudioSettings(device="Old speakers"), loader=lambda: fake)
    status = player.start(SOURCE, lambda: 0.0)
    player.stop(ring_out=False)
    assert status.available
    assert status.device == "Speakers"
    assert "Old speakers isn't connected" in status.note
    assert fake.streams[-1].options["device"] is None


def test_an_output_that_stops_calling_back_is_reported_as_gone():
    clock = FakeClock()
    lost = threading.Event()
    seen: list[AudioStatus] = []

    def on_change(status):
        seen.append(status)
        lost.set()

    fake = FakeSoundDevice()
    player = AudioPlayer(
        AudioSettings(), loader=lambda: fake, on_change=on_change, monotonic=clock.now
    )
    assert player.start(SOURCE, lambda: 0.0).available
    clock.advance(player_module.STARTUP_PATIENCE + 1)  # not one callback so far
    assert lost.wait(timeout=10)
    assert seen[0].available is False
    assert seen[0].reason == OUTPUT_LOST
    assert player.status().reason == OUTPUT_LOST
    assert fake.streams[0].closed
    # Retry opens a fresh stream for the same session.
    assert player.retry().available
    player.stop(ring_out=False)
    assert len(fake.streams) == 2


def test_volume_changes_reach_the_running_session():
    fake = FakeSoundDevice()
    player = AudioPlayer(AudioSettings(volume_db=-20), loader=lambda: fake)
    player.start(SOURCE, lambda: 0.0)
    try:
        player.set_volume_db(-6)
        assert player.settings.volume_db == -6
        assert player._feed.scheduler.gain == pytest.approx(10 ** (-6 / 20))
    finally:
        player.stop(ring_out=False)


def test_a_re_planned_session_is_followed_by_the_running_stream_and_by_retry():
    fake = FakeSoundDevice()
    timeline = TrainerTimeline(TrainerPlan(BreathPattern(inhale=4, exhale=6)))
    early = timeline.closing_from(305.5)
    player = AudioPlayer(AudioSettings(), loader=lambda: fake)
    player.start(timeline, lambda: 305.5)
    try:
        player.follow(early)
        scheduler = player._feed.scheduler
        assert scheduler.source is early
        assert scheduler.end_sample == 370 * 48_000 + scheduler.bank[Cue.END].size
        assert scheduler.onsets_between(314 * 48_000, 315 * 48_000) == [
            (314 * 48_000, Cue.EXHALE)  # the closing breaths' ordinary out-breath
        ]
        assert len(fake.streams) == 1  # the same stream goes on
    finally:
        player.stop(ring_out=False)
    player.retry()
    try:
        assert player._feed.scheduler.source is early
    finally:
        player.stop(ring_out=False)


def test_list_output_devices_names_outputs_only_and_is_empty_without_sound():
    assert list_output_devices(lambda: FakeSoundDevice()) == ["Speakers", "USB headset"]

    def no_sound():
        raise SoundUnavailableError(NO_PORTAUDIO)

    assert list_output_devices(no_sound) == []


class _NoPortAudio(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        return importlib.util.spec_from_loader(name, self) if name == "sounddevice" else None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        raise OSError("PortAudio library not found")


def test_load_sounddevice_turns_a_missing_portaudio_into_a_reason(monkeypatch):
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPortAudio(), *sys.meta_path])
    monkeypatch.setattr(player_module, "_alsa_config_missing", lambda: False)
    with pytest.raises(SoundUnavailableError, match="PortAudio isn't installed"):
        load_sounddevice()
    assert "sounddevice" not in sys.modules


def test_missing_alsa_configuration_is_caught_before_portaudio_could_abort(monkeypatch, tmp_path):
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(tmp_path / "missing.conf"))
    with pytest.raises(SoundUnavailableError) as error:
        load_sounddevice()
    assert str(error.value) == NO_ALSA_CONFIG
    (tmp_path / "alsa.conf").write_text("")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(tmp_path / "alsa.conf"))
    assert not player_module._alsa_config_missing()
