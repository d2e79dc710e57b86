"""What is happening at any moment of a trainer practice, as a pure function of time.

Three stages laid on one steady breath: settling in with slow belly breathing, the
practice itself, and a minute of closing breaths. Each stage is a whole number of breaths,
so every stage begins on an in-breath and the practice closes after a complete out-breath.
During the practice stage each out-breath is *offered* (``moment_offered``) as the moment
one may go on, if and when it feels right: never a countdown, never a demand.

The person may end the practice stage whenever they choose: :meth:`closing_from` returns
a new timeline whose closing minute begins at the next whole breath, identical to this one
until then, so the window, the sound and the log can simply swap it in.

Like the other timelines it also speaks the audio side's ``CueSource`` language: a soft
cue on every in-breath and out-breath, the gentler practice cue on the practice stage's
out-breaths, and the closing chime.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from pacer.core.audio.cues import Cue
from pacer.core.breathing.pattern import Phase
from pacer.core.breathing.timeline import BreathingTimeline, BreathSnapshot
from pacer.core.trainer.plan import TrainerPlan

_EPSILON = 1e-9


class TrainerStage(StrEnum):
    SETTLE = "settle"
    PRACTICE = "practice"
    CLOSING = "closing"
    FINISHED = "finished"


@dataclass(frozen=True)
class StageSpan:
    stage: TrainerStage
    start: float
    end: float
    first_breath: int  # counted from the session's first breath, from 0
    breaths: int

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class TrainerSnapshot:
    elapsed: float
    total: float
    stage: TrainerStage
    stage_elapsed: float
    stage_duration: float
    breath: BreathSnapshot  # the steady breath: phase, belly, progress (whole session)
    moment_offered: bool  # a practice-stage out-breath: one may go on, if it feels right
    can_close_early: bool  # the practice stage is running and may be ended now

    @property
    def finished(self) -> bool:
        return self.stage is TrainerStage.FINISHED

    @property
    def phase(self) -> Phase:
        return self.breath.phase

    @property
    def belly(self) -> float:
        return self.breath.belly

    @property
    def stage_remaining(self) -> float:
        return max(self.stage_duration - self.stage_elapsed, 0.0)

    @property
    def remaining(self) -> float:
        return max(self.total - self.elapsed, 0.0)

    @property
    def progress(self) -> float:
        return min(self.elapsed / self.total, 1.0)


def _whole_breaths(seconds: float, cycle: float, at_least: int) -> int:
    return max(at_least, math.ceil(seconds / cycle - _EPSILON))


class TrainerTimeline:
    """A :class:`TrainerPlan` laid out in time; also a ``CueSource`` for the audio side."""

    def __init__(self, plan: TrainerPlan, *, closing_at_breath: int | None = None) -> None:
        """``closing_at_breath``: start the closing breaths at this breath (counted from 0)
        instead of after the planned practice — see :meth:`closing_from`."""
        self.plan = plan
        cycle = plan.pattern.cycle_seconds
        self.cycle_seconds = cycle
        settle = _whole_breaths(plan.warmup_seconds, cycle, 0)
        practice = _whole_breaths(plan.practice_seconds, cycle, 1)
        closing = _whole_breaths(plan.closing_seconds, cycle, 1)
        planned_closing = settle + practice
        if closing_at_breath is not None:
            at = min(max(int(closing_at_breath), 0), planned_closing)
            settle, practice = min(settle, at), max(at - settle, 0)
        self.ended_early = settle + practice < planned_closing
        spans, at = [], 0
        for stage, breaths in (
            (TrainerStage.SETTLE, settle),
            (TrainerStage.PRACTICE, practice),
            (TrainerStage.CLOSING, closing),
        ):
            spans.append(StageSpan(stage, at * cycle, (at + breaths) * cycle, at, breaths))
            at += breaths
        self.stages: tuple[StageSpan, ...] = tuple(spans)
        self.total_breaths = at
        self.total_seconds = at * cycle
        self._breathing = BreathingTimeline(plan.pattern, self.total_seconds)

    # --- the stages ------------------------------------------------------------------

    def span(self, stage: TrainerStage) -> StageSpan:
        return next(span for span in self.stages if span.stage is stage)

    @property
    def practice_start(self) -> float:
        return self.span(TrainerStage.PRACTICE).start

    @property
    def closing_start(self) -> float:
        return self.span(TrainerStage.CLOSING).start

    def stage_at(self, elapsed: float) -> TrainerStage:
        return self.snapshot(elapsed).stage

    def _stage_of_breath(self, breath: int) -> TrainerStage:
        for span in self.stages:
            if breath < span.first_breath + span.breaths:
                return span.stage
        return TrainerStage.FINISHED

    def closing_from(self, elapsed: float) -> TrainerTimeline:
        """This practice with its closing minute starting at the next whole breath at or
        after ``elapsed`` (never later than planned); ``self`` if nothing would change."""
        breath = math.ceil(max(elapsed, 0.0) / self.cycle_seconds - _EPSILON)
        if breath >= self.span(TrainerStage.CLOSING).first_breath:
            return self
        return TrainerTimeline(self.plan, closing_at_breath=breath)

    # --- what is happening -----------------------------------------------------------

    def snapshot(self, elapsed: float) -> TrainerSnapshot:
        elapsed = min(max(float(elapsed), 0.0), self.total_seconds)
        breath = self._breathing.snapshot(elapsed)
        stage = (
            TrainerStage.FINISHED if breath.finished else self._stage_of_breath(breath.breath_index)
        )
        if stage is TrainerStage.FINISHED:
            stage_elapsed, stage_duration = 0.0, 0.0
        else:
            span = self.span(stage)
            stage_elapsed, stage_duration = elapsed - span.start, span.duration
        practising = stage is TrainerStage.PRACTICE
        return TrainerSnapshot(
            elapsed=elapsed,
            total=self.total_seconds,
            stage=stage,
            stage_elapsed=stage_elapsed,
            stage_duration=stage_duration,
            breath=breath,
            moment_offered=practising and breath.phase is Phase.EXHALE,
            can_close_early=practising,
        )

    # --- CueSource -------------------------------------------------------------------

    def belly_at(self, elapsed: float) -> float:
        elapsed = min(max(float(elapsed), 0.0), self.total_seconds)
        return self._breathing.snapshot(elapsed).belly

    def cue_events_between(self, start: float, end: float) -> list[tuple[float, Cue]]:
        """Every cue with onset ``start <= t < end``: each in-breath, each out-breath (the
        gentler practice cue in the practice stage), and the end."""
        events: list[tuple[float, Cue]] = []
        for onset, phase in self._breathing.phase_starts_between(start, end):
            if phase is Phase.INHALE:
                events.append((onset, Cue.INHALE))
            elif phase is Phase.EXHALE:
                breath = math.floor(onset / self.cycle_seconds + _EPSILON)
                practising = self._stage_of_breath(breath) is TrainerStage.PRACTICE
                events.append((onset, Cue.PRACTICE_EXHALE if practising else Cue.EXHALE))
        total = self.total_seconds
        if start <= total < end:
            events.append((total, Cue.END))
        return events
