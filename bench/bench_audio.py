"""Sound: the stream callback's cost per block, and how fast a session renders to WAV.

Targets: callback median under 5 % of a block's duration; a 60-minute session renders at
least 200 times faster than real time. Figures are printed, never asserted.
"""

from __future__ import annotations

import os
import statistics
import time
from types import SimpleNamespace

import numpy as np

from pacer.core.audio.cues import CueSource
from pacer.core.audio.live import BLOCK_FRAMES, LiveFeed
from pacer.core.audio.scheduler import CueScheduler
from pacer.core.audio.sources import BreathingCues
from pacer.core.audio.synthesis import SAMPLE_RATE
from pacer.core.audio.wav import write_wav
from pacer.core.breathing import BreathingTimeline, BreathPattern
from pacer.core.clock import FakeClock
from pacer.core.relaxation.plan import RelaxationPlan
from pacer.core.relaxation.timeline import RelaxationTimeline
from pacer.core.session_clock import SessionClock
from pacer.core.trainer.plan import TrainerPlan
from pacer.core.trainer.timeline import TrainerTimeline

PATTERN = BreathPattern(inhale=4.4, exhale=6.5)
BLOCK_SECONDS = BLOCK_FRAMES / SAMPLE_RATE


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bench_callback(blocks: int = 20_000, breath_tone: bool = True) -> tuple[float, float, float]:
    """Median and p99 callback time and median feeder step time, as block fractions."""
    clock = FakeClock()
    timeline = BreathingTimeline(PATTERN, 3600)
    session = SessionClock(clock, timeline.total_seconds)
    scheduler = CueScheduler(BreathingCues(timeline), volume_db=-12, breath_tone=breath_tone)
    feed = LiveFeed(scheduler, session.elapsed, channels=2, now=clock.now)
    out = np.zeros((BLOCK_FRAMES, 2), dtype=np.float32)
    flags = SimpleNamespace(output_underflow=False)
    feed.step()
    session.start()
    callback_times, step_times = [], []
    for _ in range(blocks):
        clock.advance(BLOCK_SECONDS)
        t0 = time.perf_counter_ns()
        feed.step()
        t1 = time.perf_counter_ns()
        now = clock.now()
        feed.callback(
            out,
            BLOCK_FRAMES,
            SimpleNamespace(currentTime=now, outputBufferDacTime=now + 0.05),
            flags,
        )
        t2 = time.perf_counter_ns()
        step_times.append((t1 - t0) / 1e9)
        callback_times.append((t2 - t1) / 1e9)
    if feed.starved:
        print(f"  note: {feed.starved} blocks found the ring empty")
    return (
        statistics.median(callback_times) / BLOCK_SECONDS,
        _percentile(callback_times, 0.99) / BLOCK_SECONDS,
        statistics.median(step_times) / BLOCK_SECONDS,
    )


def bench_render(minutes: float = 60.0, breath_tone: bool = False) -> tuple[float, float]:
    """Seconds to render a session to 16-bit WAV (discarded), and times faster than real time."""
    timeline = BreathingTimeline(PATTERN, minutes * 60)
    scheduler = CueScheduler(BreathingCues(timeline), volume_db=-12, breath_tone=breath_tone)
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        frames = write_wav(scheduler, sink)
    took = time.perf_counter() - start
    return took, frames / SAMPLE_RATE / took


def bench_render_source(source: CueSource, breath_tone: bool = False) -> tuple[float, float, float]:
    """Minutes of sound, seconds to render them to WAV (discarded), times faster than real."""
    scheduler = CueScheduler(source, volume_db=-12, breath_tone=breath_tone)
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        frames = write_wav(scheduler, sink)
    took = time.perf_counter() - start
    return frames / SAMPLE_RATE / 60, took, frames / SAMPLE_RATE / took


def practices() -> dict[str, CueSource]:
    return {
        "relaxation, usual timings": RelaxationTimeline(RelaxationPlan.default()),
        "trainer practice, 3 + 56 + 1 min": TrainerTimeline(
            TrainerPlan(PATTERN, warmup_minutes=3, practice_minutes=56)
        ),
    }


def main() -> None:
    for tone in (False, True):
        median, p99, step = bench_callback(breath_tone=tone)
        label = "cues + breath tone" if tone else "cues only"
        print(
            f"callback per {BLOCK_FRAMES}-frame block ({label}): median {median:.3%}, "
            f"p99 {p99:.3%} of the block (target median < 5 %); "
            f"feeder step median {step:.2%}"
        )
    for tone in (False, True):
        took, speed = bench_render(breath_tone=tone)
        label = "cues + breath tone" if tone else "cues only"
        print(
            f"render 60-minute session to WAV ({label}): {took:.2f} s, "
            f"{speed:,.0f}x real time (target >= 200x)"
        )
    for name, source in practices().items():
        for tone in (False, True):
            minutes, took, speed = bench_render_source(source, breath_tone=tone)
            label = "cues + breath tone" if tone else "cues only"
            print(
                f"render {name} ({minutes:.1f} min) to WAV ({label}): {took:.2f} s, "
                f"{speed:,.0f}x real time"
            )


if __name__ == "__main__":
    main()
