from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import wave

import numpy as np
import pytest

from pacer.cli import main
from pacer.commands import COMMAND_MODULES, render_audio
from pacer.core.audio.cues import Cue
from pacer.core.audio.scheduler import CueScheduler
from pacer.core.audio.sources import BreathingCues
from pacer.core.audio.wav import RenderStoppedError, write_wav
from pacer.core.breathing import BreathingTimeline, BreathPattern
from pacer.core.files import atomic_writer
from pacer.core.relaxation.plan import RelaxationPlan
from pacer.core.relaxation.sequence import default_script_path, load_default_script
from pacer.core.relaxation.timeline import RelaxationTimeline
from pacer.core.trainer.plan import TrainerPlan
from pacer.core.trainer.timeline import TrainerTimeline


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


# --- the relaxation sequence -------------------------------------------------------------


def _read_pcm(path) -> np.ndarray:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 48_000)
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")


def test_relax_writes_the_whole_relaxation_session_with_the_relax_options(tmp_path, capsys):
    target = tmp_path / "relax.wav"
    assert render("--relax", "--clench", "4", "--release", "30", "--closing-minutes", "1",
                  "--skip", "abdominals", "--skip", "buttocks", "-o", str(target)) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "progressive relaxation, clench 4 s, rest 30 s" in out
    plan = RelaxationPlan(
        load_default_script(),
        clench_seconds=4,
        release_seconds=30,
        closing_minutes=1,
        enabled_groups=("feet", "pelvic-floor", "shoulders-neck-jaw"),
    )
    timeline = RelaxationTimeline(plan)
    scheduler = CueScheduler(timeline, volume_db=-12)
    pcm = _read_pcm(target)
    assert pcm.size == scheduler.end_sample
    assert pcm.size == round(timeline.total_seconds * 48_000) + scheduler.bank[Cue.END].size
    expected = np.concatenate([s.copy() for s in scheduler.stretches(0, pcm.size)])
    assert np.max(np.abs(pcm / 32767.0 - expected)) <= 1 / 32767
    assert target.stat().st_mode & 0o777 == 0o600


def test_relax_takes_the_sequence_files_timings_and_a_users_own_file(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text(
        default_script_path()
        .read_text(encoding="utf-8")
        .replace("release_seconds = 20", "release_seconds = 8"),
        encoding="utf-8",
    )
    default, own = tmp_path / "default.wav", tmp_path / "own.wav"
    assert render("--relax", "-o", str(default)) == 0
    assert render("--relax", "--sequence", str(mine), "-o", str(own)) == 0
    usual = RelaxationTimeline(RelaxationPlan(load_default_script()))
    assert _read_pcm(default).size == CueScheduler(usual, volume_db=-12).end_sample
    # 10 rests of 8 s instead of 20 s, the lead-in lengthened to the next whole breath
    assert 110 <= (_read_pcm(default).size - _read_pcm(own).size) / 48_000 <= 120


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--relax", "--release", "61"], "--release: rest time must be between 5 and 60 seconds"),
        (["--relax", "--clench", "2"], "--clench: clench time must be between 3 and 10 seconds"),
        (["--relax", "--closing-minutes", "11"], "closing breathing must be between 0 and 10"),
        (["--relax", "--release", "soon"], "--release: expected a number, got 'soon'"),
        (["--relax", "--skip", "hands"], "--skip: no group called 'hands'"),
        (["--relax", "--sequence", "/nowhere.toml"], "/nowhere.toml: no such file"),
        (["--relax", "--minutes", "5"], "--minutes is for breathing sessions"),
        (["--relax", "--exhale", "8"], "--exhale is for breathing sessions"),
        (["--clench", "5"], "--clench belongs to the relaxation sequence: add --relax"),
        (["--skip", "feet"], "--skip belongs to the relaxation sequence: add --relax"),
    ],
)
def test_bad_relax_options_exit_2_with_one_line_and_no_file(tmp_path, capsys, options, message):
    target = tmp_path / "x.wav"
    with pytest.raises(SystemExit) as exit_info:
        render(*options, "-o", str(target))
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert len([line for line in err.splitlines() if "error:" in line]) == 1
    assert list(tmp_path.iterdir()) == []


def test_render_audio_help_lists_the_relax_options_once(capsys):
    with pytest.raises(SystemExit):
        render("--help")
    text = " ".join(capsys.readouterr().out.split())
    for option in ("--relax", "--clench S", "--release S", "--closing-minutes M", "--skip GROUP"):
        assert text.count(option) >= 1
    assert "5–60 (default: 20)" in text


# --- stopped while writing ---------------------------------------------------------------


def test_a_stop_request_ends_writing_at_a_stretch_boundary_and_leaves_nothing(tmp_path):
    scheduler = CueScheduler(
        BreathingCues(BreathingTimeline(BreathPattern(inhale=4, exhale=6), 600)), volume_db=-12
    )
    asked = []

    def should_stop() -> bool:
        asked.append(True)
        return len(asked) > 5

    target = tmp_path / "x.wav"
    with pytest.raises(RenderStoppedError), atomic_writer(target) as handle:
        write_wav(scheduler, handle, should_stop=should_stop)
    assert len(asked) == 6
    assert list(tmp_path.iterdir()) == []


def _start_long_render(folder, *options: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PACER_DATA_DIR": str(folder.parent / "data")}
    return subprocess.Popen(
        [sys.executable, "-m", "pacer", "render-audio", *options, "-o", str(folder / "long.wav")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_for_partial_file(folder, process, least_bytes: int = 2_000_000) -> None:
    """Until the hidden temporary file holds some sound (the render is under way)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        partial = [p for p in folder.iterdir() if p.name.startswith(".long.wav.")]
        if partial and partial[0].stat().st_size >= least_bytes:
            return
        time.sleep(0.01)
    raise AssertionError("the render never got under way")


@pytest.mark.parametrize(
    ("signum", "status", "options"),
    [
        (signal.SIGTERM, 143, ["--minutes", "120", "--breath-tone"]),
        (signal.SIGINT, 130, ["--minutes", "120", "--breath-tone"]),
        (signal.SIGTERM, 143, ["--relax", "--clench", "10", "--release", "60", "--breath-tone"]),
    ],
)
def test_stopped_mid_render_by_a_signal_leaves_no_file_at_all(tmp_path, signum, status, options):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "earlier.wav").write_bytes(b"keep me")
    process = _start_long_render(folder, *options)
    try:
        _wait_for_partial_file(folder, process)
        process.send_signal(signum)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == status
    assert err.strip().splitlines() == [
        f"pacer: stopped before the end; {folder / 'long.wav'} was not written."
    ]
    assert "Traceback" not in err
    assert out == ""
    assert sorted(p.name for p in folder.iterdir()) == ["earlier.wav"]  # no new file
    assert (folder / "earlier.wav").read_bytes() == b"keep me"


# --- trainer practice --------------------------------------------------------------------


def test_trainer_writes_the_whole_trainer_practice_with_its_options(tmp_path, capsys):
    target = tmp_path / "trainer.wav"
    assert render("--trainer", "--warmup-minutes", "1", "--minutes", "2", "--inhale", "3",
                  "--exhale", "7", "-o", str(target)) == 0  # fmt: skip
    assert "trainer practice, 3 in · 7 out" in capsys.readouterr().out
    timeline = TrainerTimeline(
        TrainerPlan(BreathPattern(inhale=3, exhale=7), warmup_minutes=1, practice_minutes=2)
    )
    scheduler = CueScheduler(timeline, volume_db=-12)
    pcm = _read_pcm(target)
    assert pcm.size == scheduler.end_sample == 240 * 48_000 + scheduler.bank[Cue.END].size
    expected = np.concatenate([s.copy() for s in scheduler.stretches(0, pcm.size)])
    assert np.max(np.abs(pcm / 32767.0 - expected)) <= 1 / 32767
    practice = [n for n, cue in scheduler.onsets_between(0, pcm.size) if cue is Cue.PRACTICE_EXHALE]
    assert practice == [(60 + 10 * k + 3) * 48_000 for k in range(12)]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--trainer", "--warmup-minutes", "11"],
            "--warmup-minutes: warm-up must be between 0 and",
        ),
        (
            ["--trainer", "--minutes", "0.1"],
            "--minutes: session length must be between 0.5 and 120",
        ),
        (
            ["--trainer", "--clench", "5"],
            "--clench belongs to the relaxation sequence: add --relax",
        ),
        (["--warmup-minutes", "2"], "--warmup-minutes belongs to trainer practice: add --trainer"),
        (["--relax", "--warmup-minutes", "2"], "--warmup-minutes belongs to trainer practice"),
        (["--relax", "--trainer"], "argument --trainer: not allowed with argument --relax"),
    ],
)
def test_bad_trainer_options_exit_2_with_one_line_and_no_file(tmp_path, capsys, options, message):
    target = tmp_path / "x.wav"
    with pytest.raises(SystemExit) as exit_info:
        render(*options, "-o", str(target))
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert len([line for line in err.splitlines() if "error:" in line]) == 1
    assert list(tmp_path.iterdir()) == []
