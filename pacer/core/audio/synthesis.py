"""Cue sounds and the continuous breath tone, synthesised with numpy.

Every sound is float32, starts and ends on exactly zero through raised-cosine fades (no
clicks), never peaks above ``PEAK_LIMIT`` and is phase-continuous: frequency glides are
integrated into phase sample by sample, so a pitch change never breaks the waveform.
Fundamentals sit between about 150 and 600 Hz; sounds are soft sine-like tones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from pacer.core.audio.cues import Cue

SAMPLE_RATE = 48_000
PEAK_LIMIT = 0.9  # nothing the scheduler produces goes above this (no clipping)
CUE_PEAK = 0.6  # the loudest cue's peak at 0 dB volume
TONE_PEAK = 0.25  # the breath tone's loudest point at 0 dB volume (quieter than cues)


def db_to_gain(volume_db: float) -> float:
    return float(10.0 ** (volume_db / 20.0))


def fade_in(length: int) -> np.ndarray:
    """Raised-cosine ramp from exactly 0, strictly rising, ending just below 1."""
    k = np.arange(length, dtype=np.float64)
    return (0.5 - 0.5 * np.cos(np.pi * k / max(length, 1))).astype(np.float32)


def fade_out(length: int) -> np.ndarray:
    """Raised-cosine ramp from just below 1, strictly falling, ending on exactly 0."""
    k = np.arange(1, length + 1, dtype=np.float64)
    return (0.5 + 0.5 * np.cos(np.pi * k / max(length, 1))).astype(np.float32)


@dataclass(frozen=True)
class Partial:
    ratio: float  # frequency relative to the (possibly gliding) fundamental
    amplitude: float
    decay: float | None = None  # exponential time constant in seconds; None: sustained


@dataclass(frozen=True)
class ToneSpec:
    """A short tone: a fundamental gliding from ``start_hz`` to ``end_hz`` with partials."""

    start_hz: float
    end_hz: float
    duration: float
    attack: float
    release: float
    partials: tuple[Partial, ...] = (Partial(1.0, 1.0),)
    level: float = 1.0  # peak relative to the loudest note of its cue

    @property
    def lowest_hz(self) -> float:
        return min(self.start_hz, self.end_hz)

    @property
    def highest_hz(self) -> float:
        return max(self.start_hz, self.end_hz)

    @property
    def highest_partial_hz(self) -> float:
        return self.highest_hz * max(partial.ratio for partial in self.partials)


@dataclass(frozen=True)
class Note:
    tone: ToneSpec
    at: float = 0.0  # seconds after the cue's onset


@dataclass(frozen=True)
class CueSpec:
    """One cue: one or more notes, the whole scaled to a peak of ``level * CUE_PEAK``."""

    notes: tuple[Note, ...]
    level: float

    @property
    def lowest_hz(self) -> float:
        return min(note.tone.lowest_hz for note in self.notes)

    @property
    def highest_hz(self) -> float:
        return max(note.tone.highest_hz for note in self.notes)

    @property
    def highest_partial_hz(self) -> float:
        return max(note.tone.highest_partial_hz for note in self.notes)

    @property
    def duration(self) -> float:
        return max(note.at + note.tone.duration for note in self.notes)

    @property
    def peak(self) -> float:
        """The cue's loudest sample at 0 dB volume."""
        return CUE_PEAK * self.level


def _single(tone: ToneSpec, level: float) -> CueSpec:
    return CueSpec((Note(tone),), level)


# The breath: the in-breath cue is soft and rising; the out-breath cue lower, longer and
# gently falling, the phase that matters most, where the user lets go.
# Relaxation sits beneath the breath (quieter, so a breath cue is never covered) and apart
# from it in register and shape: "clench now" is higher and firmer, rising (two notes for
# a full effort, one for a lighter one); "let go" is lower and longer, two notes falling
# to a slowly shimmering low tone; a new group is announced by a small, quiet bell.
# In trainer practice the out-breath is gentler still: a slower swell with a soft fifth.
# End: a bell-like chime (inharmonic partials, each with its own natural decay).
_BRIGHT = (Partial(1.0, 1.0), Partial(2.0, 0.3), Partial(3.0, 0.1))
_CLENCH_FIRST = ToneSpec(
    start_hz=392.0, end_hz=392.0, duration=0.42, attack=0.05, release=0.28, partials=_BRIGHT
)
CUE_SPECS: dict[Cue, CueSpec] = {
    Cue.INHALE: _single(
        ToneSpec(
            start_hz=294.0,
            end_hz=349.0,
            duration=0.9,
            attack=0.3,
            release=0.45,
            partials=(Partial(1.0, 1.0), Partial(2.0, 0.12)),
        ),
        level=0.85,
    ),
    Cue.EXHALE: _single(
        ToneSpec(
            start_hz=233.0,
            end_hz=196.0,
            duration=1.6,
            attack=0.35,
            release=0.95,
            partials=(Partial(1.0, 1.0), Partial(2.0, 0.08)),
        ),
        level=1.0,
    ),
    Cue.CLENCH_FULL: CueSpec(
        (
            Note(_CLENCH_FIRST),
            Note(
                ToneSpec(
                    start_hz=523.25,
                    end_hz=523.25,
                    duration=0.58,
                    attack=0.05,
                    release=0.38,
                    partials=_BRIGHT,
                ),
                at=0.24,
            ),
        ),
        level=0.45,
    ),
    Cue.CLENCH_HALF: _single(
        ToneSpec(
            start_hz=392.0,
            end_hz=392.0,
            duration=0.55,
            attack=0.05,
            release=0.36,
            partials=(Partial(1.0, 1.0), Partial(2.0, 0.15)),
        ),
        level=0.38,
    ),
    Cue.RELEASE: CueSpec(
        (
            Note(
                ToneSpec(
                    start_hz=262.0,
                    end_hz=262.0,
                    duration=0.8,
                    attack=0.12,
                    release=0.45,
                    partials=(Partial(1.0, 1.0), Partial(2.0, 0.3)),
                    level=0.85,
                )
            ),
            Note(
                ToneSpec(
                    start_hz=196.0,
                    end_hz=196.0,
                    duration=1.8,
                    attack=0.3,
                    release=1.2,
                    partials=(
                        Partial(1.0, 1.0),
                        Partial(1.004, 0.25),  # a faint detuned twin: a slow, soft swell
                        Partial(2.0, 0.35),  # presence on small speakers
                    ),
                ),
                at=0.55,
            ),
        ),
        level=0.5,
    ),
    Cue.GROUP: _single(
        ToneSpec(
            start_hz=587.33,
            end_hz=587.33,
            duration=1.1,
            attack=0.025,
            release=0.5,
            partials=(Partial(1.0, 1.0, decay=0.45), Partial(2.0, 0.12, decay=0.25)),
        ),
        level=0.2,
    ),
    Cue.PRACTICE_EXHALE: _single(
        ToneSpec(
            start_hz=233.0,
            end_hz=196.0,
            duration=1.95,
            attack=0.55,
            release=1.1,
            partials=(Partial(1.0, 1.0), Partial(1.5, 0.2), Partial(2.0, 0.05)),
        ),
        level=0.75,
    ),
    Cue.END: _single(
        ToneSpec(
            start_hz=294.0,
            end_hz=294.0,
            duration=4.5,
            attack=0.02,
            release=0.8,
            partials=(
                Partial(1.0, 1.0, decay=2.2),
                Partial(1.0035, 0.5, decay=1.8),  # a slightly detuned twin: a slow, soft shimmer
                Partial(2.76, 0.35, decay=0.9),
                Partial(5.40, 0.12, decay=0.4),
            ),
        ),
        level=0.9,
    ),
}

# The cues that mark the breath itself; everything else sounds beneath them.
BREATH_CUES = frozenset({Cue.INHALE, Cue.EXHALE, Cue.PRACTICE_EXHALE})


def envelope(spec: ToneSpec, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """The attack/sustain/release shape of a tone (partial decays come on top)."""
    length = round(spec.duration * sample_rate)
    attack = min(round(spec.attack * sample_rate), length // 2)
    release = min(round(spec.release * sample_rate), length - attack)
    env = np.ones(length, dtype=np.float32)
    env[:attack] = fade_in(attack)
    env[length - release :] = fade_out(release)
    return env


def glide_phase(spec: ToneSpec, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Phase of the fundamental in cycles: the eased glide integrated sample by sample."""
    length = round(spec.duration * sample_rate)
    progress = np.arange(length, dtype=np.float64) / max(length - 1, 1)
    eased = 0.5 - 0.5 * np.cos(np.pi * progress)
    frequency = spec.start_hz + (spec.end_hz - spec.start_hz) * eased
    phase = np.empty(length, dtype=np.float64)
    phase[0] = 0.0
    np.cumsum(frequency[:-1] / sample_rate, out=phase[1:])
    return phase


def render_tone(spec: ToneSpec, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """One note at 0 dB volume: float64, peak ``spec.level``."""
    phase = glide_phase(spec, sample_rate)
    t = np.arange(phase.size, dtype=np.float64) / sample_rate
    wave = np.zeros(phase.size, dtype=np.float64)
    for partial in spec.partials:
        component = partial.amplitude * np.sin(2.0 * np.pi * partial.ratio * phase)
        if partial.decay is not None:
            component *= np.exp(-t / partial.decay)
        wave += component
    wave *= envelope(spec, sample_rate)
    wave *= spec.level / np.max(np.abs(wave))
    return wave


def render_cue_spec(spec: CueSpec, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A cue's notes laid at their offsets: float32, peak ``spec.peak``, from and to silence."""
    wave = np.zeros(round(spec.duration * sample_rate), dtype=np.float64)
    for note in spec.notes:
        sound = render_tone(note.tone, sample_rate)
        start = round(note.at * sample_rate)
        wave[start : start + sound.size] += sound
    wave *= spec.peak / np.max(np.abs(wave))
    return wave.astype(np.float32)


def render_cue(cue: Cue, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    return render_cue_spec(CUE_SPECS[cue], sample_rate)


def render_cue_bank(sample_rate: int = SAMPLE_RATE) -> dict[Cue, np.ndarray]:
    return {cue: render_cue(cue, sample_rate) for cue in Cue}


# --- the continuous breath tone -------------------------------------------------------

TONE_LOW_HZ = 196.0  # belly resting low
TONE_HIGH_HZ = 233.0  # belly full: a soft minor third above
TONE_FLOOR = 0.2  # loudness at rest, relative to the loudest point
TONE_HARMONICS = ((1.0, 1.0), (2.0, 0.15), (3.0, 0.05))
TONE_FADE_SECONDS = 1.5  # the tone swells in at the start and fades out at the end
_TONE_NORM = sum(amplitude for _, amplitude in TONE_HARMONICS)


def breath_tone(
    belly: np.ndarray,
    phase_start: float,
    sample_rate: int = SAMPLE_RATE,
    swell: np.ndarray | None = None,
) -> tuple[np.ndarray, float]:
    """A warm tone that rises in pitch and loudness with the belly (0..1 per sample).

    ``swell`` (0..1 per sample, default 1) scales the loudness further, e.g. the fade in at
    the start of a session. Returns float32 samples at 0 dB (peak at most ``TONE_PEAK``)
    and the phase (in cycles) to continue from, so consecutive stretches join without a
    break in the waveform. ``belly`` and ``swell`` must change smoothly.
    """
    belly = np.clip(np.asarray(belly, dtype=np.float64), 0.0, 1.0)
    if belly.size == 0:
        return np.zeros(0, dtype=np.float32), phase_start
    steps = (TONE_LOW_HZ + (TONE_HIGH_HZ - TONE_LOW_HZ) * belly) / sample_rate
    phase = np.empty(belly.size, dtype=np.float64)
    phase[0] = phase_start
    np.cumsum(steps[:-1], out=phase[1:])
    phase[1:] += phase_start
    next_phase = float((phase[-1] + steps[-1]) % 1.0)
    angle = (2.0 * np.pi * (phase % 1.0)).astype(np.float32)
    s, c = np.sin(angle), np.cos(angle)
    # Harmonics from one sine and cosine: sin 2x = 2 sin x cos x, sin 3x = sin x (3 - 4 sin² x).
    (_, a1), (_, a2), (_, a3) = TONE_HARMONICS
    wave = s * (a1 + a2 * 2.0 * c + a3 * (3.0 - 4.0 * s * s))
    loudness = TONE_FLOOR + (1.0 - TONE_FLOOR) * belly
    if swell is not None:
        loudness = loudness * swell
    wave *= ((TONE_PEAK / _TONE_NORM) * loudness).astype(np.float32)
    return wave, next_phase


def tone_session_envelope(
    seconds: np.ndarray, total_seconds: float | None, fade: float = TONE_FADE_SECONDS
) -> np.ndarray:
    """Raised-cosine swell after the session starts and fade before it ends; 0 outside."""
    seconds = np.asarray(seconds, dtype=np.float64)
    rise = np.clip(seconds / fade, 0.0, 1.0)
    env = 0.5 - 0.5 * np.cos(np.pi * rise)
    if total_seconds is not None:
        fall = np.clip((total_seconds - seconds) / fade, 0.0, 1.0)
        env *= 0.5 - 0.5 * np.cos(np.pi * fall)
    env[seconds < 0.0] = 0.0
    return env


def max_smooth_step(frequency_hz: float, peak: float, sample_rate: int = SAMPLE_RATE) -> float:
    """Largest sample-to-sample change of a steady sine of this frequency and peak."""
    return peak * 2.0 * math.sin(math.pi * frequency_hz / sample_rate)
