"""A whole session's sound as 16-bit PCM WAV: exactly what the live player would play.

The file is written a few seconds of sound at a time; between stretches ``should_stop``
is asked, so a request to stop (a signal, a cancel button) ends the writing at a safe
point with :class:`RenderStoppedError`, and an atomic writer around it leaves nothing behind.
"""

from __future__ import annotations

import wave
from collections.abc import Callable
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


class RenderStoppedError(Exception):
    """Writing stopped on request before the end; what was written is incomplete."""


def write_wav(
    scheduler: CueScheduler,
    handle: BinaryIO,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Write the whole session (with the closing chime) as 16-bit mono PCM; return frames.

    Raises :class:`RenderStoppedError` as soon as ``should_stop()`` is true between stretches.
    """
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
            if should_stop is not None and should_stop():
                raise RenderStoppedError
            out = pcm[: stretch.size]
            np.rint(stretch * 32767.0, out=stretch)
            out[:] = stretch
            wav.writeframesraw(out.tobytes())
    return frames
