"""Reading rendered sound the way a listener would: onsets, pitch, length, notes.

Everything here looks only at samples; nothing consults a schedule, so tests that compare
what these helpers find with a session's plan are comparing the plan with the sound.
"""

from __future__ import annotations

import numpy as np

from pacer.core.audio.scheduler import CueScheduler
from pacer.core.audio.synthesis import SAMPLE_RATE

MS = SAMPLE_RATE // 1000  # samples in a millisecond


def render(scheduler: CueScheduler, stretch: int = 48_013) -> np.ndarray:
    """The whole session through the offline path the WAV writer uses (float32)."""
    end = scheduler.end_sample
    assert end is not None
    return np.concatenate([s.copy() for s in scheduler.stretches(0, end, stretch)])


def onsets(samples: np.ndarray, threshold: float = 1e-9, quiet: float = 0.05) -> list[int]:
    """Every sample where the sound's magnitude envelope rises above ``threshold`` after at
    least ``quiet`` seconds at or below it (the start of the signal counts as quiet)."""
    loud = np.flatnonzero(np.abs(samples) > threshold)
    if loud.size == 0:
        return []
    gaps = np.diff(loud) > round(quiet * SAMPLE_RATE)
    return [int(loud[0])] + [int(n) for n in loud[1:][gaps]]


def dominant_hz(samples: np.ndarray) -> float:
    """Frequency of the strongest spectral peak (Hann window, zero-padded to 0.2 Hz bins)."""
    size = 1 << 18
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(samples.size), n=size))
    return float(np.argmax(spectrum)) * SAMPLE_RATE / size


def sounding_seconds(samples: np.ndarray, floor_db: float = -50.0) -> float:
    """From the first to the last sample louder than ``floor_db`` below the peak."""
    magnitude = np.abs(samples.astype(np.float64))
    above = np.flatnonzero(magnitude > magnitude.max() * 10 ** (floor_db / 20))
    return (above[-1] - above[0] + 1) / SAMPLE_RATE


def rms_envelope(samples: np.ndarray, window: float = 0.03, hop: float = 0.005) -> np.ndarray:
    size, step = round(window * SAMPLE_RATE), round(hop * SAMPLE_RATE)
    x = samples.astype(np.float64)
    frames = np.lib.stride_tricks.sliding_window_view(x, size)[::step]
    return np.sqrt(np.mean(frames**2, axis=1))


def note_count(samples: np.ndarray, prominence: float = 0.15) -> int:
    """How many notes are heard: rises of the loudness by ``prominence`` (of its highest
    value) from a dip, each counted once until it falls back by as much."""
    env = rms_envelope(samples)
    env = env / env.max()
    count, rising, extreme = 0, True, 0.0
    for value in env:
        if rising:
            extreme = min(extreme, value)
            if value > extreme + prominence:
                count, rising, extreme = count + 1, False, value
        else:
            extreme = max(extreme, value)
            if value < extreme - prominence:
                rising, extreme = True, value
    return count


def band_share(samples: np.ndarray, low: float, high: float) -> float:
    """Share of the sound's energy between ``low`` and ``high`` Hz."""
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64))) ** 2
    freqs = np.fft.rfftfreq(samples.size, 1 / SAMPLE_RATE)
    return float(spectrum[(freqs >= low) & (freqs <= high)].sum() / spectrum.sum())


def largest_step(samples: np.ndarray) -> float:
    return float(np.max(np.abs(np.diff(samples.astype(np.float64)))))


def time_to_half_peak(samples: np.ndarray) -> float:
    """Seconds from the start until the loudness first reaches half its highest value."""
    env = rms_envelope(samples, window=0.01, hop=0.001)
    return float(np.argmax(env >= env.max() / 2)) * 0.001
