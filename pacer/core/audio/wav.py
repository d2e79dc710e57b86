"""A whole session's sound as 16-bit PCM WAV: exactly what the live player would play."""

from __future__ import annotations

import wave
from typing import BinaryIO

import numpy as np

from pacer.core.audio.scheduler import CueScheduler
from pacer.core.audio.sources import BreathingCues
from pacer.core.audio.synthesis import SAMPLE_RATE
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.breathing.timeline import BreathingTimeline

_STRETCH = SAMPLE_RATE * 4  # samples rendered and written at a time


def breathing_scheduler(plan: BreathingPlan, volume_db: float, breath_tone: bool) -> CueScheduler:
    timeline = BreathingTimeline(plan.pattern, plan.length_seconds)
    return CueScheduler(BreathingCues(timeline), volume_db=volume_db, breath_tone=breath_tone)


def write_wav(scheduler: CueScheduler, handle: BinaryIO) -> int:
    """Write the whole session (with the closing chime) as 16-bit mono PCM; return frames."""
    frames = scheduler.end_sample
    if frames is None:
        raise ValueError("an open-ended session has no end to render to")
    with wave.open(handle, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(scheduler.sample_rate)
        wav.setnframes(frames)
        pcm = np.empty(_STRETCH, dtype="<i2")
        for stretch in scheduler.stretches(0, frames, _STRETCH):
            out = pcm[: stretch.size]
            np.rint(stretch * 32767.0, out=stretch)
            out[:] = stretch
            wav.writeframesraw(out.tobytes())
    return frames
