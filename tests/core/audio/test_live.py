"""The live feed driven by a pretend sound card: a FakeClock and direct callback calls."""

from __future__ import annotations

import tracemalloc
from types import SimpleNamespace

import numpy as np
import pytest

from pacer.core.audio.live import BLOCK_FRAMES, LiveFeed
from pacer.core.audio.scheduler import CueScheduler
from pacer.core.audio.sources import BreathingCues
from pacer.core.audio.synthesis import SAMPLE_RATE
from pacer.core.breathing import BreathingTimeline, BreathPattern
from pacer.core.clock import FakeClock
from pacer.core.session_clock import SessionClock

RATE = SAMPLE_RATE
BLOCK = BLOCK_FRAMES
NO_FLAGS = SimpleNamespace(output_underflow=False)


class Card:
    """Pulls one block per period of its own clock, which runs ``drift`` fast."""

    def __init__(self, feed: LiveFeed, clock: FakeClock, drift: float = 0.0, latency=0.04):
        self.feed, self.clock, self.latency = feed, clock, latency
        self.period = BLOCK / (RATE * (1.0 + drift))
        self.out = np.zeros((BLOCK, feed.channels), dtype=np.float32)

    def tick(self, step: bool = True) -> np.ndarray:
        self.clock.advance(self.period)
        if step:
            self.feed.step()
        now = self.clock.now()
        times = SimpleNamespace(currentTime=now, outputBufferDacTime=now + self.latency)
        self.feed.callback(self.out, BLOCK, times, NO_FLAGS)
        return self.out[:, 0]

    def run(self, seconds: float) -> np.ndarray:
        blocks = [self.tick().copy() for _ in range(round(seconds / self.period))]
        return np.concatenate(blocks)


def make(seconds=120.0, inhale=4.0, exhale=6.0, tone=False, **feed_options):
    clock = FakeClock()
    timeline = BreathingTimeline(BreathPattern(inhale=inhale, exhale=exhale), seconds)
    session = SessionClock(clock, timeline.total_seconds)
    scheduler = CueScheduler(BreathingCues(timeline), volume_db=0, breath_tone=tone)
    feed = LiveFeed(scheduler, session.elapsed, now=clock.now, **feed_options)
    return clock, session, feed


def in_step_error(card: Card, session: SessionClock) -> float:
    """Seconds by which the block just played is ahead of the picture when heard."""
    heard_elapsed = session.elapsed() + card.latency
    return card.feed.played_position() / RATE - heard_elapsed


def test_silent_until_the_session_starts_then_the_first_cue_plays_whole():
    clock, session, feed = make()
    card = Card(feed, clock)
    feed.step()
    assert not card.run(0.5).any()
    session.start()
    audio = card.run(2.0)
    first = np.flatnonzero(audio)[0]
    assert feed.played_position() is not None
    # The inhale cue begins on its own first sample (its first sample is 0.0).
    sound = feed.scheduler.bank["inhale"]
    np.testing.assert_array_equal(audio[first - 1 : first - 1 + 2000], sound[:2000])


def test_sound_stays_in_step_with_the_session_after_settling():
    clock, session, feed = make()
    card = Card(feed, clock)
    feed.step()
    session.start()
    card.run(5.0)
    errors = []
    for _ in range(round(20 / card.period)):
        card.tick()
        errors.append(in_step_error(card, session))
    assert max(abs(e) for e in errors) < 0.015
    assert feed.underflows == feed.starved == feed.errors == 0


def test_pause_fades_out_within_one_block_then_stays_silent():
    clock, session, feed = make(tone=True)
    card = Card(feed, clock)
    feed.step()
    session.start()
    card.run(3.0)  # mid in-breath: the tone is sounding
    before = card.tick().copy()
    assert np.max(np.abs(before)) > 0.05
    session.pause()
    feed.pause()
    fading = card.tick().copy()
    assert abs(fading[-1]) < 1e-3
    assert np.max(np.abs(fading[-100:])) < np.max(np.abs(fading[:100]))
    assert np.max(np.abs(np.diff(np.concatenate([before, fading])))) < 0.05
    assert not card.run(3.0).any()


def test_a_paused_session_clock_alone_silences_the_sound():
    clock, session, feed = make(tone=True)
    card = Card(feed, clock)
    feed.step()
    session.start()
    card.run(2.5)
    session.pause()  # nobody calls feed.pause(): practised time standing still is enough
    card.tick()
    card.tick()
    assert not card.run(2.0).any()
    assert feed.paused


def test_resume_fades_in_and_comes_back_in_step():
    clock, session, feed = make(tone=True)
    card = Card(feed, clock)
    feed.step()
    session.start()
    card.run(2.5)
    session.pause()
    feed.pause()
    card.run(7.3)  # the wall clock moves on, practised time does not
    session.resume()
    feed.resume()
    audio = card.run(0.5)
    start = np.flatnonzero(audio)[0]
    assert np.max(np.abs(audio[start : start + 64])) < 0.01  # a fade-in, not a jump
    card.run(10.0)
    errors = [in_step_error(card, session) for _ in range(50) if card.tick() is not None]
    assert max(abs(e) for e in errors) < 0.015
    assert feed.starved == 0


def test_callback_counts_underflows_and_turns_every_error_into_silence():
    clock, session, feed = make()
    out = np.ones((BLOCK, 1), dtype=np.float32)
    feed.callback(out, BLOCK, SimpleNamespace(), SimpleNamespace(output_underflow=True))
    assert feed.underflows == 1
    assert not out.any()  # paused before the session starts: silence

    session.start()
    card = Card(feed, clock)
    feed.step()
    card.run(1.0)

    class Broken:
        @property
        def outputBufferDacTime(self):
            raise RuntimeError("the driver said no")

        currentTime = 0.0  # noqa: N815 (PortAudio's name)

    out.fill(1.0)
    feed.callback(out, BLOCK, Broken(), NO_FLAGS)  # must not raise
    assert feed.errors == 1
    assert not out.any()

    out.fill(1.0)
    feed.callback(out, BLOCK // 2, SimpleNamespace(), NO_FLAGS)  # unexpected block size
    assert not out.any()

    feed.callback(None, BLOCK, SimpleNamespace(), NO_FLAGS)  # even no buffer at all
    assert feed.errors == 3


def test_an_empty_ring_during_a_session_plays_silence_and_is_counted():
    clock, session, feed = make(tone=True)
    card = Card(feed, clock)
    feed.step()
    session.start()
    card.run(1.0)
    blocks = [card.tick(step=False).copy() for _ in range(20)]  # the feeder thread stalls
    assert blocks[0].any()  # what was prepared still plays
    assert not blocks[-1].any()
    assert feed.starved >= 20 - 6


def test_the_callback_only_copies_and_allocates_no_sample_buffers():
    clock, session, feed = make(slots=128, ahead=120)
    card = Card(feed, clock)
    feed.step()
    session.start()
    card.tick()  # fills the ring with 120 blocks
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        for _ in range(100):
            card.tick(step=False)
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        tracemalloc.stop()
    assert peak < BLOCK  # one block of float32 samples would be 4 KiB
    assert feed.starved == 0


@pytest.mark.slow
@pytest.mark.parametrize("drift", [0.005, -0.005])
def test_a_drifting_sound_card_is_re_anchored_and_every_cue_plays_once_on_time(drift):
    # Real sound-card clocks differ from the system clock by about 0.01 %; 0.5 % here
    # would put the sound almost a second off after three minutes without re-anchoring.
    clock, session, feed = make(seconds=180, inhale=4.4, exhale=6.5)
    scheduler = feed.scheduler
    card = Card(feed, clock, drift=drift)
    feed.step()
    session.start()
    heard = []
    while session.elapsed() < 178:
        card.tick()
        position = feed.played_position()
        for onset, _ in scheduler.onsets_between(position, position + BLOCK):
            at = card.clock.now() + card.latency + (onset - position) / (RATE * (1 + drift))
            due = session.elapsed() + (at - card.clock.now())
            heard.append((onset, onset / RATE - due))
    onsets = [onset for onset, _ in heard]
    predicted = [n for n, _ in scheduler.onsets_between(0, onsets[-1] + 1)]
    assert onsets == predicted  # every cue once, none skipped, none repeated
    late_start = heard[0][1]  # the very first cue may start a moment late, kept whole
    assert -0.15 < late_start <= 0
    assert max(abs(error) for _, error in heard[1:]) < 0.025
    assert feed.corrections > 10


def test_at_the_end_the_chime_rings_out_whole_then_silence():
    clock, session, feed = make(seconds=20, tone=True)
    card = Card(feed, clock)
    feed.step()
    session.start()
    card.run(19.0)
    assert not feed.done
    assert not feed.session_ended
    audio = card.run(7.0)  # practised time stops at 20 s; the chime carries on
    chime = feed.scheduler.bank["end"]
    assert session.elapsed() == 20.0
    assert feed.session_ended
    assert feed.done
    assert not feed.paused
    # Find the chime by its first loud sample and compare the whole of it.
    first_loud = int(np.argmax(np.abs(chime) > 0.1))
    at = int(np.argmax(np.abs(audio) > 0.1 * float(feed.scheduler.gain)))
    assert at > 0
    np.testing.assert_allclose(
        audio[at - first_loud : at - first_loud + chime.size],
        chime * feed.scheduler.gain,
        atol=1e-6,
    )
    assert not audio[at - first_loud + chime.size :].any()
