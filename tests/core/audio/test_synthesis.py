from __future__ import annotations

import numpy as np
import pytest

from pacer.core.audio.cues import Cue
from pacer.core.audio.settings import AudioSettings, VolumeError
from pacer.core.audio.synthesis import (
    CUE_SPECS,
    PEAK_LIMIT,
    SAMPLE_RATE,
    TONE_HIGH_HZ,
    TONE_LOW_HZ,
    TONE_PEAK,
    breath_tone,
    db_to_gain,
    envelope,
    fade_in,
    fade_out,
    max_smooth_step,
    render_cue,
    render_cue_bank,
)

BANK = render_cue_bank()


def dominant_hz(samples: np.ndarray) -> float:
    """Frequency of the strongest spectral peak (Hann window, zero-padded to 0.2 Hz bins)."""
    size = 1 << 18
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(samples.size), n=size))
    return float(np.argmax(spectrum)) * SAMPLE_RATE / size


def largest_step(samples: np.ndarray) -> float:
    return float(np.max(np.abs(np.diff(samples.astype(np.float64)))))


@pytest.mark.parametrize("cue", list(Cue))
def test_every_cue_is_float32_soft_and_starts_and_ends_on_silence(cue):
    sound = BANK[cue]
    assert sound.dtype == np.float32
    assert sound.ndim == 1
    assert np.max(np.abs(sound)) == pytest.approx(CUE_SPECS[cue].peak, rel=1e-6)
    assert 0.1 < np.max(np.abs(sound)) <= PEAK_LIMIT
    assert sound[0] == 0.0
    assert sound[-1] == 0.0
    edge = SAMPLE_RATE // 500  # the first and last 2 ms are barely above silence
    assert np.max(np.abs(sound[:edge])) < 0.05
    assert np.max(np.abs(sound[-edge:])) < 0.01


@pytest.mark.parametrize("cue", list(Cue))
def test_spectral_peak_is_at_the_intended_frequency(cue):
    spec = CUE_SPECS[cue]
    assert spec.lowest_hz >= 150
    assert spec.highest_hz <= 600
    peak = dominant_hz(BANK[cue])
    assert spec.lowest_hz - 3 <= peak <= spec.highest_hz + 3


def test_the_end_chime_rings_at_its_fundamental_and_decays_naturally():
    chime = BANK[Cue.END]
    assert dominant_hz(chime) == pytest.approx(CUE_SPECS[Cue.END].notes[0].tone.start_hz, abs=3)
    quarter = chime.size // 4
    loudness = [
        float(np.sqrt(np.mean(chime[i * quarter : (i + 1) * quarter] ** 2))) for i in range(4)
    ]
    assert loudness == sorted(loudness, reverse=True)
    assert loudness[3] < 0.3 * loudness[0]


def test_inhale_rises_and_exhale_falls():
    inhale, exhale = BANK[Cue.INHALE], BANK[Cue.EXHALE]
    assert dominant_hz(inhale[: inhale.size // 3]) < dominant_hz(inhale[-inhale.size // 3 :])
    assert dominant_hz(exhale[: exhale.size // 3]) > dominant_hz(exhale[-exhale.size // 3 :])


def test_exhale_cue_is_longer_and_lower_than_the_inhale_cue():
    inhale, exhale = BANK[Cue.INHALE], BANK[Cue.EXHALE]
    assert exhale.size > 1.5 * inhale.size
    assert dominant_hz(exhale) < dominant_hz(inhale) - 50


@pytest.mark.parametrize("length", [1, 2, 480, 4801])
def test_raised_cosine_fades_are_strictly_monotonic_and_reach_zero(length):
    rise, fall = fade_in(length), fade_out(length)
    assert rise.dtype == fall.dtype == np.float32
    assert rise[0] == 0.0
    assert fall[-1] == pytest.approx(0.0, abs=1e-7)
    assert np.all(np.diff(rise) > 0)
    assert np.all(np.diff(fall) < 0)
    assert np.all((rise >= 0) & (rise < 1) & (fall >= 0) & (fall < 1))


@pytest.mark.parametrize("cue", list(Cue))
def test_cue_envelopes_rise_then_fall_monotonically(cue):
    for note in CUE_SPECS[cue].notes:
        spec = note.tone
        env = envelope(spec)
        attack = round(spec.attack * SAMPLE_RATE)
        release = round(spec.release * SAMPLE_RATE)
        assert np.all(np.diff(env[:attack]) >= 0)
        assert np.all(np.diff(env[-release:]) <= 0)
        assert np.all(env[attack:-release] == 1.0)


@pytest.mark.parametrize("cue", list(Cue))
def test_no_sample_jump_larger_than_a_smooth_tone_has(cue):
    spec, sound = CUE_SPECS[cue], BANK[cue]
    # notes that overlap can add their slopes, never more
    bound = len(spec.notes) * max_smooth_step(spec.highest_partial_hz, float(np.max(np.abs(sound))))
    assert largest_step(sound) <= bound


def test_the_jump_check_catches_a_click():
    sine = 0.5 * np.sin(2 * np.pi * 300 * np.arange(4800) / SAMPLE_RATE).astype(np.float32)
    clicked = np.concatenate([np.zeros(100, np.float32), sine[12:]])  # starts mid-wave
    assert largest_step(sine) <= max_smooth_step(300, 0.5) * 1.0001
    assert largest_step(clicked) > 3 * max_smooth_step(300, 0.5)


def test_breath_tone_is_louder_and_higher_when_the_belly_is_full():
    n = SAMPLE_RATE
    low, _ = breath_tone(np.zeros(n), 0.0)
    high, _ = breath_tone(np.ones(n), 0.0)
    assert low.dtype == high.dtype == np.float32
    assert dominant_hz(low) == pytest.approx(TONE_LOW_HZ, abs=1)
    assert dominant_hz(high) == pytest.approx(TONE_HIGH_HZ, abs=1)
    assert np.max(np.abs(high)) <= TONE_PEAK + 1e-6
    assert np.sqrt(np.mean(high**2)) > 3 * np.sqrt(np.mean(low**2))


def test_breath_tone_is_phase_continuous_across_stretches():
    belly = 0.5 - 0.5 * np.cos(np.linspace(0, 2 * np.pi, 3 * SAMPLE_RATE))
    whole, _ = breath_tone(belly, 0.0)
    parts, phase = [], 0.0
    for piece in np.array_split(belly, [1000, 1001, 50_000, 99_999]):
        samples, phase = breath_tone(piece, phase)
        parts.append(samples)
    joined = np.concatenate(parts)
    np.testing.assert_allclose(joined, whole, atol=2e-5)
    assert largest_step(joined) <= max_smooth_step(3 * TONE_HIGH_HZ, TONE_PEAK)


def test_render_cue_is_deterministic():
    assert np.array_equal(render_cue(Cue.INHALE), BANK[Cue.INHALE])


def test_volume_is_in_decibels_and_checked():
    assert db_to_gain(0) == 1.0
    assert db_to_gain(-20) == pytest.approx(0.1)
    assert AudioSettings().volume_db < -6  # quiet by default
    with pytest.raises(VolumeError, match=r"between -40 and 0 dB \(got 6\)"):
        AudioSettings(volume_db=6)


def test_settings_round_trip_and_tolerate_damaged_values():
    settings = AudioSettings(enabled=True, volume_db=-20, breath_tone=True, device="USB")
    assert AudioSettings.from_dict(settings.to_dict()) == settings
    damaged = AudioSettings.from_dict({"volume_db": "loud", "device": 3, "enabled": 1})
    assert damaged == AudioSettings(enabled=True)
