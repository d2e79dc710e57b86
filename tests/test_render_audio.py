from __future__ import annotations

import wave

import numpy as np
import pytest

from pacer.cli import main
from pacer.commands import COMMAND_MODULES, render_audio
from pacer.core.audio.cues import Cue
from pacer.core.audio.scheduler import CueScheduler
from pacer.core.audio.sources import BreathingCues
from pacer.core.breathing import BreathingTimeline, BreathPattern


def render(*args: str) -> int:
    return main(["render-audio", *args])


def test_writes_a_48_khz_16_bit_wav_with_exactly_the_players_sound(tmp_path, capsys):
    target = tmp_path / "calm.wav"
    assert render("--inhale", "3", "--exhale", "5", "--minutes", "0.5", "--breath-tone",
                  "--volume-db", "-10", "--output", str(target)) == 0  # fmt: skip
    assert "Wrote" in capsys.readouterr().out
    scheduler = CueScheduler(
        BreathingCues(BreathingTimeline(BreathPattern(inhale=3, exhale=5), 30)),
        volume_db=-10,
        breath_tone=True,
    )
    with wave.open(str(target), "rb") as wav:
        assert wav.getnchannels() == 1
        assert wav.getsampwidth() == 2
        assert wav.getframerate() == 48_000
        frames = wav.getnframes()
        pcm = np.frombuffer(wav.readframes(frames), dtype="<i2")
    # 32 s (four whole breaths, ending after an out-breath) and the chime ringing out.
    assert frames == 32 * 48_000 + scheduler.bank[Cue.END].size == scheduler.end_sample
    assert pcm.size == frames
    expected = np.concatenate([s.copy() for s in scheduler.stretches(0, frames)])
    assert np.max(np.abs(pcm / 32767.0 - expected)) <= 1 / 32767
    assert target.stat().st_size == 44 + 2 * frames
    assert target.stat().st_mode & 0o777 == 0o600


def test_default_length_is_ten_minutes(tmp_path):
    target = tmp_path / "ten.wav"
    assert render("-o", str(target)) == 0
    with wave.open(str(target), "rb") as wav:
        assert 600 <= wav.getnframes() / 48_000 < 606


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--inhale", "30"], "inhale must be between 2 and 10 seconds (got 30)"),
        (["--exhale", "1"], "exhale must be between 2 and 20 seconds (got 1)"),
        (["--rest", "-1"], "rest must be between 0 and 10 seconds (got -1)"),
        (["--minutes", "500"], "session length must be between 0.5 and 120 minutes (got 500)"),
        (["--minutes", "nan"], "session length must be between 0.5 and 120 minutes (got nan)"),
        (["--volume-db", "6"], "volume must be between -40 and 0 dB (got 6)"),
        (["--volume-db", "loud"], "expected a number, got 'loud'"),
    ],
)
def test_bad_options_exit_2_naming_the_value_and_range(tmp_path, capsys, options, message):
    target = tmp_path / "x.wav"
    with pytest.raises(SystemExit) as exit_info:
        render(*options, "--output", str(target))
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_output_is_required(capsys):
    with pytest.raises(SystemExit) as exit_info:
        render("--minutes", "1")
    assert exit_info.value.code == 2
    assert "--output" in capsys.readouterr().err


def test_an_unwritable_path_exits_1_with_a_clear_message_and_no_file(tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "x.wav"
    assert render("--minutes", "0.5", "-o", str(target)) == 1
    err = capsys.readouterr().err
    assert f"couldn't write {target}" in err
    assert "No such file or directory" in err
    assert not target.parent.exists()

    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert render("--minutes", "0.5", "-o", str(folder)) == 1
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder"]


def test_a_failure_while_writing_leaves_no_partial_file(tmp_path, monkeypatch, capsys):
    target = tmp_path / "x.wav"
    target.write_bytes(b"an earlier file")
    calls = []

    def failing_render(self, start, out):
        calls.append(start)
        if len(calls) > 3:
            raise OSError(28, "No space left on device")
        out.fill(0.0)

    monkeypatch.setattr(CueScheduler, "render", failing_render)
    assert render("--minutes", "2", "-o", str(target)) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert target.read_bytes() == b"an earlier file"  # untouched
    assert [p.name for p in tmp_path.iterdir()] == ["x.wav"]  # no temporary file left


def test_the_command_is_registered():
    assert "render_audio" in COMMAND_MODULES
    assert render_audio.DEFAULT_MINUTES == 10
